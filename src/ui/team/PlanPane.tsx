/**
 * The Plan tab. A learner sees the session they joined: its lessons in order with their progress,
 * the clock of the time box, the facilitator's notes (as text), and "export results" (a file and a
 * code for the chat). A facilitator builds a plan and shares it as a link, a QR code and a file.
 * Every string from a plan is rendered as React text: never as HTML, never as Markdown.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ComponentType } from 'react';
import DOMPurify from 'dompurify';
import { renderSVG } from 'uqr';
import type { PanelProps } from '../../app/panels';
import type { DojoApp } from '../../app/bootstrap';
import { describeItem, emptyPlan, parsePlanText, planFileText, PLAN_LIMITS, type PlanItem, type SessionPlan } from '../../team/plan';
import { resultsCode, resultsFileText, type ResultsFile } from '../../team/results';
import type { TeamState, TeamSystem } from '../../team/system';
import { formatClock } from '../../lessons/drill';
import { download, joinPlan, planLink, planNotice, say, slug } from './links';
import { useStoreVersion } from './use-version';
import './team.css';

function useTeam<T>(team: TeamSystem, pick: (s: TeamState) => T): T {
  const get = () => pick(team.store.getState());
  return useSyncExternalStore(team.store.subscribe, get, get);
}

export function bindPlanPane(team: TeamSystem): ComponentType<PanelProps> {
  return function BoundPlanPane({ app }: PanelProps) {
    return <PlanPane app={app} team={team} />;
  };
}

export function PlanPane({ app, team }: { app: DojoApp; team: TeamSystem }) {
  const session = useTeam(team, (s) => s.session);
  const notice = useSyncExternalStore(
    planNotice.subscribe,
    () => planNotice.getState().notice,
    () => planNotice.getState().notice,
  );
  return (
    <div className="team-pane">
      {notice && (
        <p key={notice.seq} role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'team-ok' : 'team-error'}>
          {notice.text}
        </p>
      )}
      {session ? (
        <SessionView app={app} team={team} />
      ) : (
        <p className="team-muted">You are not in a session. Open the link or the plan file your facilitator shared, or build a plan below.</p>
      )}
      <OpenPlanFile team={team} />
      <ResultsExport team={team} />
      <PlanBuilder app={app} team={team} />
    </div>
  );
}

/** A plan file a facilitator handed out (or a text file holding a plan link). */
function OpenPlanFile({ team }: { team: TeamSystem }) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="team-actions">
      <button type="button" onClick={() => fileInput.current?.click()}>
        Open a plan file
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json,text/plain,.txt"
        hidden
        aria-label="Plan file to open"
        data-testid="plan-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          if (file.size > PLAN_LIMITS.fileBytes * 2)
            return say(false, `This plan file could not be opened: it is too large to be a plan (${Math.round(file.size / 1024)} KB).`);
          void file.text().then((t) => {
            const r = parsePlanText(t);
            if (r.ok) joinPlan(team, r.plan);
            else say(false, `This plan file could not be opened: ${r.reason}.`);
          });
        }}
      />
    </div>
  );
}

function SessionClock({ joinedAt, minutes }: { joinedAt: number; minutes: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = joinedAt + minutes * 60000 - now;
  const over = left < 0;
  return (
    <div role="group" aria-label={`Session time box: ${minutes} minutes`} className={`team-clock${over ? ' over' : ''}`}>
      <span role="timer" aria-live="off" className="team-clock-value">
        {over ? `over by ${formatClock(-left)}` : `${formatClock(left)} left`}
      </span>
      <span className="team-muted"> of {minutes} min</span>
    </div>
  );
}

function itemCommand(item: PlanItem): string {
  if (item.kind === 'lesson') return `lesson ${item.id}`;
  if (item.kind === 'drill') return `drill ${item.id}`;
  return 'interview';
}

function SessionView({ app, team }: { app: DojoApp; team: TeamSystem }) {
  const session = useTeam(team, (s) => s.session)!;
  useStoreVersion(app.lessons?.store);
  const runtime = app.lessons?.runtime;
  const progress = runtime?.progress();
  const { plan } = session;
  return (
    <section aria-labelledby="team-session-title" className="team-section">
      <h2 id="team-session-title">{plan.title}</h2>
      <SessionClock joinedAt={session.joinedAt} minutes={plan.minutes} />
      {plan.notes && (
        <div className="team-notes" aria-label="Facilitator's notes" role="note">
          {plan.notes}
        </div>
      )}
      <ol className="team-items" aria-label="Session plan">
        {plan.items.map((item, i) => {
          const lesson = item.kind === 'lesson' ? runtime?.findLesson(item.id) : undefined;
          const missing = item.kind === 'lesson' && runtime && !lesson;
          const lp = lesson ? progress?.lessons[lesson.id] : undefined;
          const passed = lesson ? lesson.steps.filter((s) => lp?.steps[s.id]?.status === 'passed').length : 0;
          const done = Boolean(lp?.completedAt);
          return (
            <li key={i} className={done ? 'done' : ''} data-item={item.kind === 'mock' ? 'mock' : item.id}>
              <span className="team-item-title">
                {lesson ? lesson.title : describeItem(item)}
                {missing && <span className="team-error-inline"> (not in this version of Wasm Dojo: skipped)</span>}
              </span>
              {lesson && (
                <span className="team-muted">
                  {' '}
                  · {passed}/{lesson.steps.length} steps{done ? ' · done' : ''}
                </span>
              )}
              {item.note && <span className="team-item-note">{item.note}</span>}
              {!missing && (
                <button type="button" onClick={() => app.typeCommand(itemCommand(item))} aria-label={`Start: ${itemCommand(item)}`}>
                  Start
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => team.leave()}>
        Leave the session
      </button>
    </section>
  );
}

function ResultsExport({ team }: { team: TeamSystem }) {
  const name = useTeam(team, (s) => s.name);
  const [code, setCode] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const make = async (): Promise<ResultsFile> => team.exportResults();
  return (
    <section aria-labelledby="team-results-title" className="team-section">
      <h2 id="team-results-title">Your results</h2>
      <p className="team-muted">
        Your steps, times, hints, the grader’s findings and mock-interview scores — nothing else. Send the file or the code to your facilitator.
      </p>
      <label className="team-field">
        Display name <input value={name} maxLength={60} autoComplete="nickname" onChange={(e) => team.setName(e.target.value)} />
      </label>
      <div className="team-actions">
        <button
          type="button"
          onClick={() =>
            void make().then((f) => {
              download(`wasm-dojo-results-${slug(f.name)}.json`, resultsFileText(f), 'application/json');
              setStatus('Results file downloaded.');
            })
          }
        >
          Download results file
        </button>
        <button
          type="button"
          onClick={() =>
            void make().then((f) => {
              const c = resultsCode(f);
              setCode(c);
              void navigator.clipboard?.writeText(c).then(
                () => setStatus('Results code copied: paste it in the chat.'),
                () => setStatus('Results code shown below: copy it into the chat.'),
              );
            })
          }
        >
          Copy results code
        </button>
      </div>
      {code && (
        <label className="team-field">
          Results code
          <textarea readOnly value={code} rows={3} data-testid="results-code" onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      <p role="status" className="team-muted">
        {status}
      </p>
    </section>
  );
}

function QrCode({ text }: { text: string }) {
  const svg = useMemo(() => {
    try {
      // The link holds only base64url after our own address; sanitised all the same (SVG profile, no
      // scripts or handlers). Where DOMPurify cannot run (no DOM) there is no QR code rather than an unsanitised one.
      if (!(DOMPurify as { isSupported?: boolean }).isSupported) return null;
      return DOMPurify.sanitize(renderSVG(text, { ecc: 'L', border: 2 }), { USE_PROFILES: { svg: true } });
    } catch {
      return null;
    }
  }, [text]);
  if (!svg) return <p className="team-muted">This plan is too long for a QR code: share the link or the file.</p>;
  return <div className="team-qr" role="img" aria-label="QR code of the share link" dangerouslySetInnerHTML={{ __html: svg }} />;
}

function PlanBuilder({ app, team }: { app: DojoApp; team: TeamSystem }) {
  const draft = useTeam(team, (s) => s.draft);
  const plan = draft ?? emptyPlan();
  const lessons = app.lessons?.runtime.lessons ?? [];
  const [pick, setPick] = useState(lessons[0]?.id ?? '');
  const [drill, setDrill] = useState('');
  const update = (p: Partial<SessionPlan>) => team.setDraft({ ...plan, ...p });
  const setItems = (items: PlanItem[]) => update({ items });
  const move = (i: number, d: number) => {
    const items = [...plan.items];
    const [it] = items.splice(i, 1);
    items.splice(i + d, 0, it!);
    setItems(items);
  };
  const link = plan.items.length ? planLink(plan) : null;
  return (
    <details className="team-section team-builder" open={Boolean(draft)}>
      <summary>
        <h2>Build a session plan (facilitator)</h2>
      </summary>
      <label className="team-field">
        Title <input value={plan.title} maxLength={PLAN_LIMITS.titleChars} onChange={(e) => update({ title: e.target.value })} />
      </label>
      <label className="team-field">
        Time box (minutes){' '}
        <input
          type="number"
          min={1}
          max={PLAN_LIMITS.minutes}
          value={plan.minutes}
          onChange={(e) => update({ minutes: Math.max(1, Math.min(PLAN_LIMITS.minutes, Math.round(Number(e.target.value) || 1))) })}
        />
      </label>
      <label className="team-field">
        Notes for the learners{' '}
        <textarea rows={3} maxLength={PLAN_LIMITS.notesChars} value={plan.notes} onChange={(e) => update({ notes: e.target.value })} />
      </label>
      <div className="team-add">
        <label className="team-field">
          Lesson
          <select value={pick} onChange={(e) => setPick(e.target.value)}>
            {lessons.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!pick} onClick={() => setItems([...plan.items, { kind: 'lesson', id: pick }])}>
          Add lesson
        </button>
      </div>
      <div className="team-add">
        <label className="team-field">
          Drill deck id <input value={drill} onChange={(e) => setDrill(e.target.value.trim())} placeholder="e.g. wasmtime-flags" />
        </label>
        <button
          type="button"
          disabled={!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(drill)}
          onClick={() => setItems([...plan.items, { kind: 'drill', id: drill }])}
        >
          Add drill
        </button>
        <button type="button" onClick={() => setItems([...plan.items, { kind: 'mock', minutes: 20 }])}>
          Add mock interview
        </button>
      </div>
      {plan.items.length > 0 && (
        <ol className="team-items" aria-label="Plan items">
          {plan.items.map((item, i) => (
            <li key={i}>
              <span className="team-item-title">
                {item.kind === 'lesson' ? (app.lessons?.runtime.findLesson(item.id)?.title ?? describeItem(item)) : describeItem(item)}
              </span>
              <span className="team-row-actions">
                <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move up: ${describeItem(item)}`}>
                  ↑
                </button>
                <button
                  type="button"
                  disabled={i === plan.items.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move down: ${describeItem(item)}`}
                >
                  ↓
                </button>
                <button type="button" onClick={() => setItems(plan.items.filter((_, j) => j !== i))} aria-label={`Remove: ${describeItem(item)}`}>
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {link && (
        <div className="team-share">
          <label className="team-field">
            Share link <input readOnly value={link} data-testid="plan-link" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <div className="team-actions">
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(link).then(
                  () => say(true, 'Share link copied.'),
                  () => say(false, 'The link could not be copied: select it and copy it.'),
                )
              }
            >
              Copy link
            </button>
            <button type="button" onClick={() => download(`wasm-dojo-plan-${slug(plan.title)}.json`, planFileText(plan), 'application/json')}>
              Download plan file
            </button>
            <button type="button" onClick={() => joinPlan(team, plan)}>
              Join this plan here
            </button>
          </div>
          <QrCode text={link} />
        </div>
      )}
      <div className="team-actions">
        {draft && (
          <button type="button" onClick={() => team.setDraft(null)}>
            Discard this plan
          </button>
        )}
      </div>
    </details>
  );
}
