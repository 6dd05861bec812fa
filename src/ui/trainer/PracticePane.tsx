/**
 * The Practice tab: what is due, the streak, mastery per topic (a chart and a table), the review
 * itself (keyboard first: 1–9 pick, Enter submits, Space shows the model answer, then Enter goes on),
 * mock-interview history with scores, recordings, and export/import of the practice data.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type ChangeEvent, type KeyboardEvent } from 'react';
import type { PanelProps } from '../../app/panels';
import type { TrainerSystem } from '../../trainer/setup';
import { exportTrainer, mastery, streak, type MockResult } from '../../trainer/deck';
import { topicScores } from '../../trainer/mock';
import type { Answer } from '../../trainer/types';
import type { ReviewOutcome } from '../../trainer/trainer';
import { Player } from './Player';
import { displayOrder } from '../../trainer/display';
import { drillTimerView } from '../lessons/drill-timer';
import './practice.css';

export function PracticePane({ sys }: PanelProps & { sys: TrainerSystem }) {
  const { trainer } = sys;
  const data = useSyncExternalStore(trainer.store.subscribe, () => trainer.store.getState().data);
  const [reviewing, setReviewing] = useState(false);
  const now = Date.now();
  const due = trainer.dueCount();
  const queue = trainer.queue();
  const rows = mastery(data, trainer.bank.questions, now);
  return (
    <div className="practice-pane lesson-pane" data-testid="practice-pane">
      <h2>Practice</h2>
      <p className="practice-stats" data-testid="practice-stats">
        <span>
          <strong>{due}</strong> due now
        </span>
        <span>
          <strong>{Math.max(0, queue.length - due)}</strong> new today
        </span>
        <span>
          <strong>{streak(data, now)}</strong> day streak
        </span>
      </p>
      <MockClock sys={sys} />
      <DrillClock sys={sys} />
      {reviewing ? (
        <Review sys={sys} onDone={() => setReviewing(false)} />
      ) : (
        <div className="lesson-actions">
          <button type="button" onClick={() => setReviewing(true)} disabled={queue.length === 0}>
            {queue.length ? `Review ${queue.length} card${queue.length === 1 ? '' : 's'}` : 'Nothing to review now'}
          </button>
          <span className="lesson-muted">
            Or in the terminal: <code>practice</code>, <code>interview --minutes 15</code>, <code>drill</code>.
          </span>
        </div>
      )}
      <Mastery rows={rows} />
      <History mocks={data.mocks} sys={sys} />
      <Player />
      <Transfer sys={sys} />
    </div>
  );
}

/** A mock interview in progress (it runs in the terminal): its clock, ticking, and where it is. */
function MockClock({ sys }: { sys: TrainerSystem }) {
  const { trainer } = sys;
  const mock = useSyncExternalStore(
    (l) => trainer.subscribe(l),
    () => trainer.currentMock(),
  );
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!mock) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [mock]);
  if (!mock) return null;
  const left = Math.max(0, mock.startedAt + mock.plan.minutes * 60_000 - now);
  const s = Math.floor(left / 1000);
  return (
    <p
      className="practice-clock"
      data-testid="mock-clock"
      aria-label={`Mock interview in progress, item ${mock.index + 1} of ${mock.plan.items.length}`}
    >
      Mock interview: <strong aria-hidden="true">{`${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`}</strong> left · item{' '}
      {Math.min(mock.index + 1, mock.plan.items.length)}/{mock.plan.items.length} · answer in the terminal
    </p>
  );
}

/** Text with `code` spans, as the bank and the grader write them; plain text otherwise (never HTML). */
function Inline({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

/** A hands-on drill in progress: the lesson pane's drill timer, in its trainer mode. */
function DrillClock({ sys }: { sys: TrainerSystem }) {
  const { trainer } = sys;
  const run = useSyncExternalStore(
    (l) => trainer.subscribe(l),
    () => trainer.currentDrill(),
  );
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!run) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [run]);
  if (!run) return null;
  const view = drillTimerView({ runStartedAt: run.startedAt, runs: 0 }, run.drill.minutes, now);
  return (
    <p className={view.over ? 'practice-clock over' : 'practice-clock'} data-testid="drill-clock" aria-label={`Drill ${run.drill.id}: ${view.label}`}>
      Drill {run.drill.id}: <strong aria-hidden="true">{view.text}</strong>
      {view.over ? ' · over the target' : ''}
    </p>
  );
}

function Mastery({ rows }: { rows: ReturnType<typeof mastery> }) {
  const [table, setTable] = useState(false);
  const pct = (r: (typeof rows)[number]) => Math.round((r.mastered / Math.max(1, r.total)) * 100);
  return (
    <section className="practice-section" aria-labelledby="practice-mastery-h">
      <h3 id="practice-mastery-h">Mastery per topic</h3>
      <button type="button" onClick={() => setTable(!table)} aria-pressed={table}>
        {table ? 'Show as chart' : 'Show as table'}
      </button>
      {table ? (
        <table className="practice-table" data-testid="mastery-table">
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Questions</th>
              <th scope="col">Seen</th>
              <th scope="col">Mastered</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.topic}>
                <th scope="row">{r.topic}</th>
                <td>{r.total}</td>
                <td>{r.seen}</td>
                <td>{pct(r)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ul className="practice-bars" data-testid="mastery-chart" aria-label="Mastered share per topic">
          {rows.map((r) => (
            <li key={r.topic}>
              <span className="practice-bar-label">{r.topic}</span>
              <span
                className="practice-bar"
                role="meter"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={pct(r)}
                aria-label={`${r.topic}: ${pct(r)} % mastered`}
              >
                <span className="practice-bar-seen" style={{ width: `${(r.seen / Math.max(1, r.total)) * 100}%` }} />
                <span className="practice-bar-fill" style={{ width: `${pct(r)}%` }} />
              </span>
              <span className="practice-bar-value">{pct(r)} %</span>
            </li>
          ))}
        </ul>
      )}
      <p className="lesson-muted">Mastered: last answer right and not due again yet. The lighter bar is the share seen.</p>
    </section>
  );
}

function History({ mocks, sys }: { mocks: MockResult[]; sys: TrainerSystem }) {
  const last = mocks[mocks.length - 1];
  return (
    <section className="practice-section" aria-labelledby="practice-history-h">
      <h3 id="practice-history-h">Mock interviews</h3>
      {mocks.length === 0 ? (
        <p className="lesson-muted">
          None yet. <code>interview --minutes 15 --level L2</code> runs one in the terminal, with a hands-on task.
        </p>
      ) : (
        <>
          <table className="practice-table" data-testid="mock-history">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Length</th>
                <th scope="col">Level</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {[...mocks]
                .reverse()
                .slice(0, 20)
                .map((m) => (
                  <tr key={m.id}>
                    <td>{new Date(m.finishedAt).toLocaleString()}</td>
                    <td>{m.minutes} min</td>
                    <td>{m.level}</td>
                    <td>{m.score} %</td>
                  </tr>
                ))}
            </tbody>
          </table>
          {last && (
            <details>
              <summary>Last interview: score per topic and review</summary>
              <ul>
                {topicScores(last.answers).map((s) => (
                  <li key={s.topic}>
                    {s.topic}: {s.score} % ({s.right}/{s.total})
                  </li>
                ))}
              </ul>
              <ol className="practice-review-list">
                {last.answers.map((a, i) => {
                  const q = sys.trainer.question(a.questionId);
                  return (
                    <li key={i}>
                      <span aria-label={a.correct ? 'right' : 'not right'}>{a.correct ? '✓' : '✗'}</span> {q?.prompt ?? a.given}{' '}
                      <span className="lesson-muted">({Math.round(a.ms / 1000)} s)</span>
                      {q && (
                        <p className="lesson-muted">
                          {q.explanation} <a href={`#/lesson/${q.lesson}`}>Lesson: {q.lesson}</a>
                        </p>
                      )}
                    </li>
                  );
                })}
              </ol>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function Transfer({ sys }: { sys: TrainerSystem }) {
  const input = useRef<HTMLInputElement>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const doExport = () => {
    const text = exportTrainer(sys.trainer.store.getState().data, Date.now());
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `wasm-dojo-practice-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setMsg({ ok: true, text: 'Practice data exported.' });
  };
  const doImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    const r = sys.trainer.store.getState().importFrom(await f.text());
    setMsg(
      r.ok ? { ok: true, text: 'Practice data imported.' } : { ok: false, text: `Import refused: ${r.reason}. Your practice data is unchanged.` },
    );
  };
  return (
    <footer className="lesson-transfer" aria-label="Practice data">
      <button type="button" onClick={doExport}>
        Export practice data
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Import practice data
      </button>
      <input ref={input} type="file" accept="application/json,.json" hidden aria-label="Practice file to import" onChange={(e) => void doImport(e)} />
      {msg && (
        <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'lesson-muted' : 'lesson-error'}>
          {msg.text}
        </p>
      )}
    </footer>
  );
}

// ---- the review -------------------------------------------------------------------------------

function Review({ sys, onDone }: { sys: TrainerSystem; onDone: () => void }) {
  const { trainer } = sys;
  const [id, setId] = useState<string | undefined>(() => trainer.queue()[0]);
  const [shownAt, setShownAt] = useState(() => Date.now());
  const [picked, setPicked] = useState<number[]>([]);
  const [text, setText] = useState('');
  const [revealed, setRevealed] = useState(false);
  const [hint, setHint] = useState(false);
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const box = useRef<HTMLDivElement>(null);
  // A new card, and a verdict (the input it was typed in is disabled then): keys go to the card.
  useEffect(() => box.current?.focus(), [id, outcome]);
  const view = id ? trainer.view(id) : undefined;
  if (!id || !view) {
    return (
      <div className="practice-card" role="status">
        <p>All done for now.</p>
        <button type="button" onClick={onDone}>
          Back
        </button>
      </div>
    );
  }
  const q = view.kind === 'question' ? view.question : undefined;
  const next = () => {
    setId(trainer.queue()[0]);
    setPicked([]);
    setText('');
    setRevealed(false);
    setHint(false);
    setOutcome(null);
    setShownAt(Date.now());
  };
  const answer = (): Answer | { kind: 'mistake'; line: string } | null => {
    if (!q) return { kind: 'mistake', line: text };
    switch (q.kind) {
      case 'single':
      case 'multiple':
        return picked.length ? { kind: q.kind, picked } : null;
      case 'order':
        return picked.length === q.steps.length ? { kind: 'order', order: picked } : null;
      case 'command':
        return { kind: 'command', line: text };
      case 'spot-the-bug':
        return { kind: 'spot-the-bug', text };
      case 'open':
        return revealed ? { kind: 'open', ticked: picked } : null;
    }
  };
  const submit = () => {
    if (outcome) return next();
    const a = answer();
    if (!a) return;
    setOutcome(trainer.answer(id, a, { hintUsed: hint, elapsedMs: Date.now() - shownAt }) ?? null);
  };
  const toggle = (i: number) => {
    if (outcome || !q) return;
    if (q.kind === 'single') setPicked([i]);
    else if (q.kind === 'order') setPicked((p) => (p.includes(i) ? p.filter((x) => x !== i) : [...p, i]));
    else setPicked((p) => (p.includes(i) ? p.filter((x) => x !== i) : [...p, i]));
  };
  const onKey = (e: KeyboardEvent) => {
    const inText = (e.target as HTMLElement).tagName === 'INPUT' || (e.target as HTMLElement).tagName === 'TEXTAREA';
    if (e.key === 'Enter' && !(e.target as HTMLElement).matches('button')) {
      e.preventDefault();
      submit();
    } else if (!inText && e.key === ' ' && !(e.target as HTMLElement).matches('button')) {
      e.preventDefault();
      if (outcome) next();
      else if (q?.kind === 'open') setRevealed(true);
    } else if (!inText && /^[1-9]$/.test(e.key)) {
      e.preventDefault();
      const c = choices[Number(e.key) - 1];
      if (c) toggle(c.at);
    } else if (!inText && e.key === 'h' && q?.hint) setHint(true);
  };
  // Options and steps in the card's display order; `picked` holds the bank's own indexes.
  const order = q ? displayOrder(q) : [];
  const choices: Array<{ at: number; text: string }> = !q
    ? []
    : q.kind === 'single' || q.kind === 'multiple'
      ? order.map((at) => ({ at, text: q.options[at]! }))
      : q.kind === 'order'
        ? order.map((at) => ({ at, text: q.steps[at]! }))
        : q.kind === 'open' && revealed
          ? q.rubric.map((r, at) => ({ at, text: `${r.point} (weight ${r.weight})` }))
          : [];
  return (
    <div ref={box} className="practice-card" tabIndex={-1} onKeyDown={onKey} data-testid="practice-card" aria-label="Review card">
      {q ? (
        <>
          <p className="lesson-muted">
            {q.topic} · {q.level}
          </p>
          <p className="practice-prompt">
            <Inline text={q.prompt} />
          </p>
          {q.kind === 'spot-the-bug' && (
            <pre className="practice-manifest">
              {q.manifest
                .replace(/\n$/, '')
                .split('\n')
                .map((l, i) => `${String(i + 1).padStart(3)}  ${l}`)
                .join('\n')}
            </pre>
          )}
          {q.kind === 'open' && !revealed && (
            <p className="lesson-muted">Think it through (say it aloud), then press Space to see the model answer.</p>
          )}
          {q.kind === 'open' && revealed && <p className="practice-model">{q.model}</p>}
          {q.kind === 'order' && (
            <p className="lesson-muted">
              Pick the steps in order (1–{q.steps.length}); {picked.length} picked.
            </p>
          )}
        </>
      ) : (
        <>
          <p className="lesson-muted">From your lesson work: {view.kind === 'mistake' && view.mistake.title}</p>
          {view.kind === 'mistake' && (
            <>
              <p>
                You typed: <code>{view.mistake.command}</code>
              </p>
              <p>
                The grader: <Inline text={view.mistake.finding} />
              </p>
              <p>Type the command that fixes it.</p>
            </>
          )}
        </>
      )}
      {choices.length > 0 && (
        <ol className="practice-choices">
          {choices.map((c, i) => (
            <li key={c.at}>
              <button type="button" aria-pressed={picked.includes(c.at)} onClick={() => toggle(c.at)} disabled={outcome !== null}>
                <kbd>{i + 1}</kbd> <Inline text={c.text} />
                {q?.kind === 'order' && picked.includes(c.at) ? ` (#${picked.indexOf(c.at) + 1})` : ''}
              </button>
            </li>
          ))}
        </ol>
      )}
      {(!q || q.kind === 'command' || q.kind === 'spot-the-bug') && (
        <input
          className="practice-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={!q || q.kind === 'command' ? 'Your command' : 'The line number or field at fault'}
          placeholder={!q || q.kind === 'command' ? '$ wasmtime …' : 'line 7, or a field name'}
          spellCheck={false}
          autoCapitalize="off"
          disabled={outcome !== null}
        />
      )}
      {hint && q?.hint && <p className="lesson-hint">Hint: {q.hint}</p>}
      {outcome ? (
        <div className={outcome.result.correct ? 'practice-verdict right' : 'practice-verdict wrong'} role="status">
          <p>
            <strong>{outcome.result.correct ? '✓ Right' : '✗ Not quite'}</strong> — {outcome.verdict}
          </p>
          {outcome.result.findings.map((f, i) => (
            <p key={i}>
              <Inline text={f} />
            </p>
          ))}
          {q && (
            <p>
              <Inline text={q.explanation} />
            </p>
          )}
          {q && <a href={`#/lesson/${q.lesson}`}>Lesson: {q.lesson}</a>}
          {view.kind === 'mistake' && (
            <p>
              The fix: <code>{view.mistake.fixed}</code>
            </p>
          )}
        </div>
      ) : null}
      <div className="lesson-actions">
        {q?.kind === 'open' && !revealed ? (
          <button type="button" onClick={() => setRevealed(true)}>
            Show the model answer (Space)
          </button>
        ) : (
          <button type="button" onClick={submit}>
            {outcome ? 'Next (Enter)' : 'Check (Enter)'}
          </button>
        )}
        {q?.hint && !hint && !outcome && (
          <button type="button" onClick={() => setHint(true)}>
            Hint (h)
          </button>
        )}
        <button type="button" onClick={onDone}>
          Stop
        </button>
      </div>
    </div>
  );
}
