/**
 * The Lab tab: race a module (ours or the learner's own) many times through the Dojo's engine and
 * look at each phase — a histogram per phase and a timeline of runs drawn with uPlot, the same
 * numbers as tables — beside the primer's container figures, labelled as quoted, never measured.
 * All the arithmetic is src/lab's; this view only lays it out.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { PanelProps } from '../../app/panels';
import { resolvedTheme, useUi } from '../../app/store';
import { fromCsv, toCsv } from '../../lab/csv';
import { formatBytes, formatMs } from '../../lab/format';
import { PRIMER_FIGURES, PRIMER_QUOTE_LABEL, CONTAINER_IMAGE_BYTES } from '../../lab/primer';
import { measured, runRace, summarizeRace, type RunRecord } from '../../lab/race';
import { histogram, summarize, type Summary } from '../../lab/stats';
import { labStoreOf, moduleBaseName, type LabStore, type StoredRace } from '../../lab/store';
import type { HostFs } from '../../fs/types';
import { LabChart, chartColors, type ChartHandle } from './LabChart';
import './lab.css';

const HOME = '/home/learner';
const WASM_PAGE = 65536;

type PhaseKey = 'compileMs' | 'instantiateMs' | 'runMs' | 'endToEndMs';
const PHASES: Array<{ key: PhaseKey; label: string }> = [
  { key: 'compileMs', label: 'compile (cache hit)' },
  { key: 'instantiateMs', label: 'instantiate' },
  { key: 'runMs', label: 'run to exit' },
  { key: 'endToEndMs', label: 'end to end' },
];

/** The .wasm files a learner would race: their home, ~/modules and the shell's directory. */
function wasmFiles(fs: HostFs, cwd: string): string[] {
  const dirs = [...new Set([HOME, `${HOME}/modules`, cwd])];
  const found: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdir(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const path = `${dir}/${n}`;
      if (/\.wasm$/i.test(n) && fs.stat(path)?.kind === 'file' && !found.includes(path)) found.push(path);
    }
  }
  return found;
}

function shown(path: string): string {
  return path.startsWith(`${HOME}/`) ? path.slice(HOME.length + 1) : path;
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function useRaces(store: LabStore): readonly StoredRace[] {
  return useSyncExternalStore(
    (l) => store.subscribe(l),
    () => store.list(),
  );
}

interface Progress {
  done: number;
  total: number;
}

export function LabView({ app }: PanelProps) {
  const store = useMemo(() => labStoreOf(app.services), [app]);
  const races = useRaces(store);
  const theme = useUi((s) => resolvedTheme(s));
  const [files, setFiles] = useState<string[]>(() => wasmFiles(app.fs, app.shell.cwd));
  const [module, setModule] = useState<string>(() => files.find((f) => f.endsWith('/hello.wasm')) ?? files[0] ?? '');
  const [args, setArgs] = useState('');
  const [runs, setRuns] = useState(50);
  const [warmup, setWarmup] = useState(3);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const timeline = useRef<ChartHandle | null>(null);

  // New files (an upload, a build) appear in the picker.
  useEffect(() => app.fs.onChange(() => setFiles(wasmFiles(app.fs, app.shell.cwd))), [app]);
  useEffect(() => () => abort.current?.abort(), []);

  const race = races.find((r) => r.label === selected) ?? races.at(-1);

  async function start() {
    const engine = app.services.engine;
    if (!engine) return setMessage('The WebAssembly engine is still starting; try again in a moment.');
    if (!module) return setMessage('Pick a module first.');
    let bytes: Uint8Array;
    try {
      bytes = app.fs.readFile(module);
    } catch {
      return setMessage(`${shown(module)} cannot be read.`);
    }
    const label = shown(module);
    const controller = new AbortController();
    abort.current = controller;
    setMessage('');
    setProgress({ done: 0, total: runs + warmup });
    const argv = args.trim() === '' ? [] : args.trim().split(/\s+/);
    try {
      const result = await runRace(
        engine,
        [label, ...argv].join(' '),
        {
          wasm: bytes,
          args: [module.split('/').pop() ?? label, ...argv],
          env: [],
          preopens: [],
          image: { dirs: [], files: [] },
          stdin: new Uint8Array(),
        },
        { runs, warmup, signal: controller.signal, onRun: (_r, done, total) => setProgress({ done, total }) },
      );
      if (result.records.length) {
        const stored = store.add({ ...result, module: moduleBaseName(label), at: Date.now(), source: 'lab' });
        setSelected(stored.label);
      }
      if (result.failure) {
        const r = result.failure.record;
        setMessage(
          `Stopped at run ${r.index}: the module ${r.outcome === 'exit' ? `exited with status ${r.exitCode}` : `ended with ${r.outcome}`}${result.failure.message ? ` (${result.failure.message})` : ''}. A race needs a module that exits 0 without grants.`,
        );
      } else if (result.stopped) setMessage(`Stopped after ${measured(result.records).length} measured runs.`);
      else setMessage(`Done: ${runs} runs of ${label}.`);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  async function importCsv(file: File) {
    try {
      const text = await file.text();
      const csv = fromCsv(text);
      const stored = store.add({ label: csv.label, moduleBytes: 0, at: Date.now(), source: 'import', stopped: false, records: csv.records });
      setSelected(stored.label);
      setMessage(`Imported ${csv.records.length} runs of ${csv.label}.`);
    } catch (err) {
      setMessage(`${file.name} could not be imported: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  const running = progress !== null;
  return (
    <div className="lab">
      <h2>Cold-start lab</h2>
      <p className="lab-intro">
        Start a module many times in this browser&apos;s WebAssembly worker and see where each start&apos;s time goes. The same races come from{' '}
        <code>dojo bench</code> in the terminal.
      </p>
      <form
        className="lab-controls"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) void start();
        }}
      >
        <label>
          Module
          <select value={module} onChange={(e) => setModule(e.target.value)} disabled={running}>
            {files.map((f) => (
              <option key={f} value={f}>
                {shown(f)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Arguments
          <input type="text" value={args} onChange={(e) => setArgs(e.target.value)} disabled={running} placeholder="none" spellCheck={false} />
        </label>
        <label>
          Runs
          <input
            type="number"
            min={1}
            max={10000}
            value={runs}
            onChange={(e) => setRuns(Math.max(1, Math.min(10000, Math.floor(Number(e.target.value) || 1))))}
            disabled={running}
          />
        </label>
        <label>
          Warm-up
          <input
            type="number"
            min={0}
            max={1000}
            value={warmup}
            onChange={(e) => setWarmup(Math.max(0, Math.min(1000, Math.floor(Number(e.target.value) || 0))))}
            disabled={running}
          />
        </label>
        <div className="lab-buttons">
          <button type="submit" disabled={running || !module}>
            Run race
          </button>
          <button type="button" onClick={() => abort.current?.abort()} disabled={!running}>
            Stop
          </button>
        </div>
      </form>
      {progress ? (
        <div className="lab-progress">
          <progress id="lab-progress" max={progress.total} value={progress.done} aria-label="Race progress" />
          <span aria-live="polite">
            {progress.done} / {progress.total} runs
          </span>
        </div>
      ) : null}
      <p className="lab-message" role="status">
        {message}
      </p>

      {races.length > 1 ? (
        <label className="lab-race-pick">
          Show race
          <select value={race?.label ?? ''} onChange={(e) => setSelected(e.target.value)}>
            {races.map((r) => (
              <option key={r.label} value={r.label}>
                {r.label} ({measured(r.records).length} runs, {r.source})
              </option>
            ))}
          </select>
        </label>
      ) : null}

      {race ? <RaceResults race={race} theme={theme} timeline={timeline} /> : <p>No race yet: pick a module and press Run race.</p>}

      <div className="lab-buttons lab-export">
        <button
          type="button"
          disabled={!race}
          onClick={() => race && download(`${moduleBaseName(race.label)}-race.csv`, new Blob([toCsv(race)], { type: 'text/csv' }))}
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={!race}
          onClick={() => {
            const canvas = timeline.current?.canvas();
            if (race && canvas) canvas.toBlob((b) => b && download(`${moduleBaseName(race.label)}-timeline.png`, b), 'image/png');
          }}
        >
          Save timeline as PNG
        </button>
        <label className="lab-file">
          Import CSV
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importCsv(f);
              e.target.value = '';
            }}
          />
        </label>
      </div>

      <ModuleSizes races={races} fs={app.fs} files={files} />
      <MemoryFigures race={race} />
      <PrimerFigures />
    </div>
  );
}

function SummaryTable({ race }: { race: StoredRace }) {
  const s = summarizeRace(race.records);
  const m = measured(race.records);
  const rows: Array<{ label: string; s: Summary | undefined }> = [
    { label: 'compile, first run (cold)', s: s.firstCompileMs !== undefined ? summarize([s.firstCompileMs]) : undefined },
    { label: 'compile, cache hit', s: s.cachedCompile },
    { label: 'instantiate', s: s.instantiate },
    { label: 'run to exit', s: s.run },
    { label: 'end to end', s: s.endToEnd },
  ];
  return (
    // Scrolls sideways on a phone: focusable, so the keyboard can scroll it too.
    <div className="lab-scroll" tabIndex={0} role="region" aria-label="Summary of the race">
      <table className="lab-table lab-summary">
        <caption>
          {race.label}: {m.length} measured runs{race.stopped ? ' (stopped early)' : ''}, times in ms
        </caption>
        <thead>
          <tr>
            <th scope="col">phase</th>
            <th scope="col">n</th>
            <th scope="col">mean</th>
            <th scope="col">σ</th>
            <th scope="col">min</th>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
            <th scope="col">max</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, s: x }) => (
            <tr key={label} data-phase={label}>
              <th scope="row">{label}</th>
              <td>{x?.n ?? 0}</td>
              <td>{x ? formatMs(x.mean) : '–'}</td>
              <td>{x ? formatMs(x.stddev) : '–'}</td>
              <td>{x ? formatMs(x.min) : '–'}</td>
              <td>{x ? formatMs(x.median) : '–'}</td>
              <td>{x ? formatMs(x.p95) : '–'}</td>
              <td>{x ? formatMs(x.max) : '–'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={8}>Runs that started from a guest prepared while the worker was idle: {Math.round(s.fromSpareShare * 100)} %.</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function RaceResults({ race, theme, timeline }: { race: StoredRace; theme: 'light' | 'dark'; timeline: React.RefObject<ChartHandle | null> }) {
  const m = measured(race.records);
  const colors = chartColors(theme);
  const hist = PHASES.map((p) => ({ ...p, h: histogram(m.filter((r) => p.key !== 'compileMs' || r.compileCached).map((r) => r[p.key])) }));
  return (
    <section aria-labelledby="lab-results-h" className="lab-results">
      <h3 id="lab-results-h">Results: {race.label}</h3>
      <SummaryTable race={race} />
      <h4>Distribution of each phase</h4>
      <div className="lab-hists">
        {hist.map((p, i) => (
          <figure key={p.key} className="lab-figure">
            <LabChart
              kind="histogram"
              title={p.label}
              x={p.h.edges.slice(0, -1).map((e, j) => (e + p.h.edges[j + 1]!) / 2)}
              series={[{ label: 'runs', values: p.h.counts, color: colors[i]! }]}
              xLabel={`${p.label} (ms)`}
              yLabel="runs"
              theme={theme}
              ariaLabel={`Histogram of ${p.label} times over ${m.length} runs; the same numbers are in the table below it`}
            />
            <details>
              <summary>Table view: {p.label}</summary>
              <table className="lab-table" data-chart={`hist-${p.key}`}>
                <caption>{p.label}: runs per bin</caption>
                <thead>
                  <tr>
                    <th scope="col">from (ms)</th>
                    <th scope="col">to (ms)</th>
                    <th scope="col">runs</th>
                  </tr>
                </thead>
                <tbody>
                  {p.h.counts.map((c, j) => (
                    <tr key={j}>
                      <td>{formatMs(p.h.edges[j]!)}</td>
                      <td>{formatMs(p.h.edges[j + 1]!)}</td>
                      <td>{c}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </figure>
        ))}
      </div>
      <h4>Timeline of runs</h4>
      <figure className="lab-figure lab-timeline">
        <LabChart
          kind="lines"
          handle={timeline}
          title="every run, in order"
          x={race.records.map((r) => r.index)}
          series={PHASES.map((p, i) => ({ label: p.label, values: race.records.map((r) => r[p.key]), color: colors[i]! }))}
          xLabel="run"
          yLabel="ms"
          theme={theme}
          ariaLabel={`Timeline of ${race.records.length} runs, each phase in ms; the same numbers are in the table below it`}
        />
        <details>
          <summary>Table view: every run</summary>
          <RunsTable records={race.records} />
        </details>
      </figure>
    </section>
  );
}

function RunsTable({ records }: { records: readonly RunRecord[] }) {
  return (
    <div className="lab-scroll lab-runs" tabIndex={0} role="region" aria-label="Every run">
      <table className="lab-table" data-chart="timeline">
        <caption>Every run, in ms (warm-up runs marked)</caption>
        <thead>
          <tr>
            <th scope="col">run</th>
            <th scope="col">compile</th>
            <th scope="col">instantiate</th>
            <th scope="col">run to exit</th>
            <th scope="col">end to end</th>
            <th scope="col">note</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.index} data-warmup={r.warmup ? 'true' : undefined}>
              <td>{r.index}</td>
              <td>{r.compileMs.toFixed(3)}</td>
              <td>{r.instantiateMs.toFixed(3)}</td>
              <td>{r.runMs.toFixed(3)}</td>
              <td>{r.endToEndMs.toFixed(3)}</td>
              <td>
                {[r.warmup ? 'warm-up' : '', r.compileCached ? '' : 'cold compile', r.fromSpare ? 'prepared guest' : ''].filter(Boolean).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ModuleSizes({ races, fs, files }: { races: readonly StoredRace[]; fs: HostFs; files: string[] }) {
  const sizes = new Map<string, number>();
  for (const f of files) sizes.set(shown(f), fs.stat(f)?.size ?? 0);
  for (const r of races) if (r.moduleBytes > 0) sizes.set(r.label.split(' ')[0]!, r.moduleBytes);
  const rows = [...sizes].sort((a, b) => a[1] - b[1]);
  return (
    <section aria-labelledby="lab-sizes-h">
      <h3 id="lab-sizes-h">Module sizes against container images</h3>
      <table className="lab-table">
        <caption>
          Our .wasm files (measured here) beside a container image ({formatBytes(CONTAINER_IMAGE_BYTES.low)}–{formatBytes(CONTAINER_IMAGE_BYTES.high)}
          , {PRIMER_QUOTE_LABEL})
        </caption>
        <thead>
          <tr>
            <th scope="col">module</th>
            <th scope="col">size</th>
            <th scope="col">fits in a 5 MB image</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, bytes]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{formatBytes(bytes)}</td>
              <td>{bytes > 0 ? `${Math.floor(CONTAINER_IMAGE_BYTES.low / bytes).toLocaleString('en')} times` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type MemoryReading =
  { state: 'idle' } | { state: 'measuring' } | { state: 'done'; total: number; workers: number } | { state: 'failed'; why: string };

function MemoryFigures({ race }: { race: StoredRace | undefined }) {
  const [reading, setReading] = useState<MemoryReading>({ state: 'idle' });
  const perf = performance as Performance & {
    measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: Array<{ bytes: number; types: string[] }> }>;
  };
  const available = typeof perf.measureUserAgentSpecificMemory === 'function' && globalThis.crossOriginIsolated === true;
  const bytes = race ? Math.max(0, ...race.records.map((r) => r.memoryBytes)) : 0;
  return (
    <section aria-labelledby="lab-mem-h">
      <h3 id="lab-mem-h">Memory</h3>
      <p>
        {race && bytes > 0 ? (
          <>
            Memory per instance of {race.label.split(' ')[0]}: {bytes / WASM_PAGE} pages × 64 KiB = <strong>{formatBytes(bytes)}</strong> of linear
            memory (measured here, when each run ended).
          </>
        ) : (
          'Run a race to see the linear memory of one instance (pages × 64 KiB).'
        )}
      </p>
      {available ? (
        <p>
          <button
            type="button"
            disabled={reading.state === 'measuring'}
            onClick={() => {
              setReading({ state: 'measuring' });
              perf.measureUserAgentSpecificMemory!().then(
                (m) =>
                  setReading({
                    state: 'done',
                    total: m.bytes,
                    workers: m.breakdown.filter((b) => b.types.some((t) => t.includes('Worker'))).reduce((a, b) => a + b.bytes, 0),
                  }),
                (e: unknown) => setReading({ state: 'failed', why: e instanceof Error ? e.message : String(e) }),
              );
            }}
          >
            Measure the page and its worker
          </button>{' '}
          {reading.state === 'done'
            ? `Page and workers: ${formatBytes(reading.total)}; the Wasm worker's share: ${formatBytes(reading.workers)}.`
            : null}
          {reading.state === 'measuring' ? 'Measuring (the browser may take a while)…' : null}
          {reading.state === 'failed' ? `The browser could not measure: ${reading.why}` : null}
        </p>
      ) : (
        <p>
          The worker&apos;s own overhead is not available here: this browser does not offer <code>performance.measureUserAgentSpecificMemory</code> on
          this page (it needs a cross-origin isolated page).
        </p>
      )}
    </section>
  );
}

function PrimerFigures() {
  return (
    <section aria-labelledby="lab-primer-h" className="lab-primer">
      <h3 id="lab-primer-h">The primer&apos;s figures ({PRIMER_QUOTE_LABEL})</h3>
      <table className="lab-table">
        <caption>Container (Alpine) against Wasm (Wasmtime): {PRIMER_QUOTE_LABEL}</caption>
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col">container</th>
            <th scope="col">Wasm</th>
          </tr>
        </thead>
        <tbody>
          {PRIMER_FIGURES.map((f) => (
            <tr key={f.what}>
              <th scope="row">{f.what}</th>
              <td>{f.container}</td>
              <td>{f.wasm}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
