/**
 * The Class tab: the facilitator drops or selects many results files (or pastes codes), and reads
 * the class — completion per step (a bar chart and a table), median times, the most common wrong
 * grants and failed checks, who is stuck where — in a sortable, filterable table, with a CSV.
 * Imported files are untrusted: each is digest-checked and validated (team/results.ts) and every
 * string is rendered as React text. A file refused is listed with its name and the reason.
 */
import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { PanelProps } from '../../app/panels';
import { buildClass, classCsv, contributionCell, DUPLICATE_RULE, stepKey, type ClassView, type Imported, type LearnerRow } from '../../team/class';
import { readResults, RESULTS_LIMITS } from '../../team/results';
import { formatClock } from '../../lessons/drill';
import { download } from './links';
import './team.css';

type SortKey = 'name' | 'stepsPassed' | 'lessonsCompleted' | 'hints' | 'timeMs' | 'stuck';
const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'name', label: 'Name' },
  { key: 'stepsPassed', label: 'Steps passed' },
  { key: 'lessonsCompleted', label: 'Lessons done' },
  { key: 'hints', label: 'Hints' },
  { key: 'timeMs', label: 'Time' },
  { key: 'stuck', label: 'At step' },
];

const at = (r: LearnerRow) => (r.stuckAt ? stepKey(r.stuckAt.lesson, r.stuckAt.step) : '');
const mins = (ms: number | null) => (ms === null ? '–' : formatClock(ms));

/** Reads many inputs in parallel (each digest-checked); the refused ones come back with their reason. */
export async function readMany(
  inputs: Array<{ source: string; text: string }>,
): Promise<{ ok: Imported[]; refused: Array<{ source: string; reason: string }> }> {
  const outcomes = await Promise.all(inputs.map(async (i) => ({ source: i.source, r: await readResults(i.text) })));
  const ok: Imported[] = [];
  const refused: Array<{ source: string; reason: string }> = [];
  for (const { source, r } of outcomes) {
    if (r.ok) ok.push({ source, results: r.results });
    else refused.push({ source, reason: r.reason });
  }
  return { ok, refused };
}

/**
 * Reads the chosen files as one Blob and cuts it at the file sizes: Chromium reads 500 small files
 * one by one in about 1.5 s (a round trip to the browser process each), and one Blob of all of them
 * in about 40 ms. A file too large to be results is not read at all.
 */
async function readFiles(
  files: File[],
): Promise<{ texts: Array<{ source: string; text: string }>; tooLarge: Array<{ source: string; reason: string }> }> {
  const limit = RESULTS_LIMITS.fileBytes;
  const small = files.filter((f) => f.size <= limit);
  const tooLarge = files
    .filter((f) => f.size > limit)
    .map((f) => ({ source: f.name, reason: `too large to be a results file (${Math.round(f.size / 1024)} KB; at most ${limit / 1024} KB)` }));
  const bytes = new Uint8Array(await new Blob(small).arrayBuffer());
  const decoder = new TextDecoder();
  let at = 0;
  const texts = small.map((f) => {
    const text = decoder.decode(bytes.subarray(at, at + f.size));
    at += f.size;
    return { source: f.name, text };
  });
  return { texts, tooLarge };
}

export function ClassPane({ app }: PanelProps) {
  const [imported, setImported] = useState<Imported[]>([]);
  const [refused, setRefused] = useState<Array<{ source: string; reason: string }>>([]);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'name', dir: 1 });
  const [codes, setCodes] = useState('');
  const [dragging, setDragging] = useState(false);
  const pasted = useRef(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const order = useMemo(() => app.lessons?.runtime.lessons.map((l) => ({ id: l.id, steps: l.steps.map((s) => s.id) })) ?? [], [app.lessons]);
  const titles = useMemo(() => new Map(app.lessons?.runtime.lessons.map((l) => [l.id, l.title]) ?? []), [app.lessons]);
  const view = useMemo(() => buildClass(imported, order), [imported, order]);

  const add = async (inputs: Array<{ source: string; text: string }>) => {
    const { ok, refused: bad } = await readMany(inputs);
    setImported((prev) => [...prev, ...ok]);
    setRefused(bad);
  };
  const addFiles = async (files: FileList | File[]) => {
    const { texts, tooLarge } = await readFiles(Array.from(files));
    const r = await readMany(texts);
    setImported((prev) => [...prev, ...r.ok]);
    setRefused([...tooLarge, ...r.refused]);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) void addFiles(e.dataTransfer.files);
  };

  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = f ? view.learners.filter((r) => r.name.toLowerCase().includes(f) || at(r).includes(f)) : view.learners;
    const value = (r: LearnerRow): string | number => (sort.key === 'name' ? r.name.toLowerCase() : sort.key === 'stuck' ? at(r) : r[sort.key]);
    return [...list].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
    });
  }, [view, filter, sort]);

  const stepLabel = (lesson: string, step: string) => `${titles.get(lesson) ?? lesson} › ${step}`;

  return (
    <div className="team-pane">
      <section aria-labelledby="class-import-title" className="team-section">
        <h2 id="class-import-title">Class results</h2>
        <div
          className={`team-drop${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>Drop results files here, or</p>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Choose results files
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept="application/json,.json"
            hidden
            aria-label="Results files to import"
            data-testid="class-files"
            onChange={(e) => {
              if (e.target.files?.length) void addFiles(e.target.files);
              e.target.value = '';
            }}
          />
        </div>
        <label className="team-field">
          Or paste results codes (one or more)
          <textarea rows={3} value={codes} onChange={(e) => setCodes(e.target.value)} placeholder="wdr1.…" />
        </label>
        <div className="team-actions">
          <button
            type="button"
            disabled={!codes.trim()}
            onClick={() => {
              // Codes are split where a new one starts: chat apps may have wrapped each over lines.
              const list = codes.split(/(?=wdr\d+\.)/).filter((c) => c.trim());
              void add(list.map((text) => ({ source: `pasted code ${++pasted.current}`, text })));
              setCodes('');
            }}
          >
            Add codes
          </button>
          <button
            type="button"
            disabled={view.learners.length === 0}
            onClick={() => download(`wasm-dojo-class-${new Date().toISOString().slice(0, 10)}.csv`, classCsv(view), 'text/csv')}
          >
            Download CSV
          </button>
          <button
            type="button"
            disabled={imported.length === 0}
            onClick={() => {
              setImported([]);
              setRefused([]);
            }}
          >
            Clear
          </button>
        </div>
        {refused.length > 0 && (
          <div role="alert" className="team-error">
            <p>
              {refused.length} {refused.length === 1 ? 'file was' : 'files were'} not imported:
            </p>
            <ul>
              {refused.map((r, i) => (
                <li key={i}>
                  <strong>{r.source}</strong>: {r.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        <p className="team-muted">{DUPLICATE_RULE}</p>
        <p role="status" data-testid="class-summary">
          {view.learners.length} {view.learners.length === 1 ? 'learner' : 'learners'}
          {view.mergedCount ? ` (${view.mergedCount} older ${view.mergedCount === 1 ? 'export' : 'exports'} merged)` : ''}
        </p>
      </section>

      {view.learners.length > 0 && (
        <>
          <ClassFigures view={view} label={stepLabel} />

          <section aria-labelledby="class-learners-title" className="team-section">
            <h2 id="class-learners-title">Learners</h2>
            <label className="team-field">
              Filter by name or step <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
            </label>
            <table className="team-table" data-testid="class-learners">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                      <button
                        type="button"
                        className="team-sort"
                        onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? (s.dir === 1 ? -1 : 1) : 1 }))}
                      >
                        {c.label}
                        <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    </th>
                  ))}
                  {view.contributionLabels.map((c) => (
                    <th key={c.id} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.learner}>
                    <th scope="row">
                      {r.name}
                      {r.sameNameAs > 0 && <span className="team-muted"> (same name as another learner)</span>}
                      {r.merged.length > 0 && <span className="team-muted"> (+{r.merged.length} merged)</span>}
                    </th>
                    <td>{r.stepsPassed}</td>
                    <td>{r.lessonsCompleted}</td>
                    <td>{r.hints}</td>
                    <td>{formatClock(r.timeMs)}</td>
                    <td>
                      {r.stuckAt
                        ? `${stepLabel(r.stuckAt.lesson, r.stuckAt.step)}${r.stuckAt.attempts ? ` (${r.stuckAt.attempts} tries)` : ''}`
                        : 'done'}
                    </td>
                    {view.contributionLabels.map((c) => (
                      <td key={c.id}>{contributionCell(r.contributions.find((x) => x.id === c.id))}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

/** The class's figures: completion per step (chart and table), who is stuck where, the most common mistakes. */
export function ClassFigures({ view, label: stepLabel }: { view: ClassView; label: (lesson: string, step: string) => string }) {
  return (
    <>
      <section aria-labelledby="class-steps-title" className="team-section">
        <h2 id="class-steps-title">Completion per step</h2>
        <CompletionChart steps={view.steps.filter((s) => s.started > 0)} label={stepLabel} />
        <table className="team-table" data-testid="class-steps">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Passed</th>
              <th scope="col">Median time</th>
              <th scope="col">Hints</th>
              <th scope="col">With help</th>
            </tr>
          </thead>
          <tbody>
            {view.steps
              .filter((s) => s.started > 0)
              .map((s) => (
                <tr key={stepKey(s.lesson, s.step)} data-step={stepKey(s.lesson, s.step)}>
                  <th scope="row">{stepLabel(s.lesson, s.step)}</th>
                  <td>
                    {s.passed}/{s.total}
                  </td>
                  <td>{mins(s.medianMs)}</td>
                  <td>{s.hints}</td>
                  <td>{s.withHelp}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="class-stuck-title" className="team-section">
        <h2 id="class-stuck-title">Who is stuck where</h2>
        {view.stuck.length === 0 ? (
          <p className="team-muted">Nobody: every lesson begun is complete.</p>
        ) : (
          <ul className="team-list" data-testid="class-stuck">
            {view.stuck.map((s) => (
              <li key={stepKey(s.lesson, s.step)}>
                <strong>{stepLabel(s.lesson, s.step)}</strong> ({s.names.length}): {s.names.join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>

      <Tallies title="Most common wrong grants" id="class-grants" items={view.wrongGrants} label={stepLabel} empty="No least-privilege findings." />
      <Tallies
        title="Most common failed checks (manifests, outputs)"
        id="class-checks"
        items={view.failedChecks}
        label={stepLabel}
        empty="No failed checks recorded."
      />
    </>
  );
}

function Tallies({
  title,
  id,
  items,
  label,
  empty,
}: {
  title: string;
  id: string;
  items: ReturnType<typeof buildClass>['wrongGrants'];
  label: (l: string, s: string) => string;
  empty: string;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="team-section">
      <h2 id={`${id}-title`}>{title}</h2>
      {items.length === 0 ? (
        <p className="team-muted">{empty}</p>
      ) : (
        <ol className="team-list" data-testid={id}>
          {items.slice(0, 10).map((t, i) => (
            <li key={i}>
              <code>{t.label}</code> — {t.learners} {t.learners === 1 ? 'learner' : 'learners'}, {t.times}×{' '}
              <span className="team-muted">({label(t.lesson, t.step)})</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * Plain SVG bars (text is React text, so nothing from a file becomes markup), labelled with the
 * step id to fit the narrow pane; the full name is each bar's title, and the table below has it all.
 */
function CompletionChart({ steps, label }: { steps: ReturnType<typeof buildClass>['steps']; label: (l: string, s: string) => string }) {
  const bar = 18;
  const h = steps.length * (bar + 6) + 4;
  return (
    <svg
      className="team-chart"
      viewBox={`0 0 300 ${h}`}
      width="100%"
      role="img"
      aria-label="Share of learners who passed each step (the table below has the figures)"
    >
      {steps.map((s, i) => {
        const share = s.total ? s.passed / s.total : 0;
        const y = i * (bar + 6) + 2;
        return (
          <g key={stepKey(s.lesson, s.step)}>
            <title>{`${label(s.lesson, s.step)}: ${s.passed} of ${s.total} passed`}</title>
            <rect x="0" y={y} width="300" height={bar} className="team-chart-track" />
            <rect x="0" y={y} width={300 * share} height={bar} className="team-chart-bar" />
            <text x="4" y={y + bar - 5} className="team-chart-text">
              {`${Math.round(share * 100)}% · ${s.step}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
