/**
 * The race: start one module N times through the Dojo's own engine (the Web Worker in the browser,
 * in-process in Node) and record, per run, each phase the engine reports — compile (the first run
 * compiles cold, bypassing the compile cache; every later run is a cache hit), instantiate (sandbox,
 * WASI state, `WebAssembly.Instance`), run to exit — and the end-to-end time the caller saw from
 * request to result (for the worker: both postMessage hops included).
 *
 * Warm-up runs (hyperfine's `--warmup`) come first and are recorded but marked, and left out of the
 * statistics. Stopping (an AbortSignal: Stop in the Lab, Ctrl-C in `dojo bench`) kills the run in
 * flight and ends the race with what it had.
 */
import type { RunRequest, RunResult, WasmEngine } from '../runtime/types';
import { summarize, type Summary } from './stats';

export interface RunRecord {
  /** 1-based, warm-up runs included. */
  index: number;
  warmup: boolean;
  outcome: RunResult['outcome']['kind'];
  /** For an `exit` outcome. */
  exitCode: number | null;
  compileMs: number;
  /** False for a compile from the bytes (the first run), true for a cache hit. */
  compileCached: boolean;
  instantiateMs: number;
  runMs: number;
  endToEndMs: number;
  /** The guest had been built while the engine was idle (src/runtime/spare.ts). */
  fromSpare: boolean;
  /** Linear memory when the run ended (pages × 64 KiB); 0 without an exported memory. */
  memoryBytes: number;
}

export interface RaceOptions {
  /** Measured runs (default 10, as hyperfine's minimum). */
  runs?: number;
  /** Runs before those, left out of the statistics (default 0). */
  warmup?: number;
  signal?: AbortSignal;
  /** Called after each run, warm-ups included. */
  onRun?(record: RunRecord, done: number, total: number): void;
  /** The end-to-end clock (default performance.now). */
  now?: () => number;
  /** Stop at the first run that does not exit 0 (hyperfine without `-i`); default true. */
  stopOnFailure?: boolean;
}

export interface RaceResult {
  label: string;
  /** Size of the module's bytes. */
  moduleBytes: number;
  records: RunRecord[];
  /** Stopped from outside before every run was done. */
  stopped: boolean;
  /** The first run that did not exit 0, when `stopOnFailure` ended the race there. */
  failure?: { record: RunRecord; stderr: string; message?: string };
}

export const MAX_RUNS = 10_000;

/** µs: finer than any browser clock (performance.now is coarsened to 5–100 µs), and what the CSV keeps. */
const us = (ms: number) => Math.round(ms * 1000) / 1000;

function toRecord(index: number, warmup: boolean, result: RunResult, endToEndMs: number): RunRecord {
  const t = result.timings;
  const instantiateMs = us(t.instantiateMs ?? 0);
  return {
    index,
    warmup,
    outcome: result.outcome.kind,
    exitCode: result.outcome.kind === 'exit' ? result.outcome.code : null,
    compileMs: us(t.compileMs),
    compileCached: t.compileCached ?? false,
    instantiateMs,
    runMs: us(t.executeMs ?? Math.max(0, t.runMs - instantiateMs)),
    endToEndMs: us(endToEndMs),
    fromSpare: t.fromSpare ?? false,
    memoryBytes: result.memory?.finalBytes ?? 0,
  };
}

const dec = new TextDecoder();

/** Gives the event loop a turn, so a Stop click or Ctrl-C lands between in-process runs. */
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runRace(engine: WasmEngine, label: string, request: RunRequest, opts: RaceOptions = {}): Promise<RaceResult> {
  const runs = opts.runs ?? 10;
  const warmup = opts.warmup ?? 0;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) throw new RangeError(`runs must be a whole number from 1 to ${MAX_RUNS}`);
  if (!Number.isInteger(warmup) || warmup < 0 || warmup > MAX_RUNS) throw new RangeError(`warm-up runs must be a whole number from 0 to ${MAX_RUNS}`);
  const now = opts.now ?? (() => performance.now());
  const stopOnFailure = opts.stopOnFailure ?? true;
  const total = runs + warmup;
  const result: RaceResult = { label, moduleBytes: request.wasm.byteLength, records: [], stopped: false };
  for (let i = 0; i < total; i++) {
    if (opts.signal?.aborted) {
      result.stopped = true;
      break;
    }
    let stderr = '';
    const io = {
      onStdout: () => undefined,
      onStderr: (b: Uint8Array) => {
        if (stderr.length < 4096) stderr += dec.decode(b);
      },
    };
    const t0 = now();
    // The first run compiles from the bytes: its compile is the cold one, whatever ran before.
    const r = await engine.run(i === 0 ? { ...request, fresh: true } : request, io, opts.signal);
    const endToEnd = now() - t0;
    if (r.outcome.kind === 'killed') {
      result.stopped = true;
      break;
    }
    const record = toRecord(i + 1, i < warmup, r, endToEnd);
    result.records.push(record);
    opts.onRun?.(record, i + 1, total);
    if (stopOnFailure && !(r.outcome.kind === 'exit' && r.outcome.code === 0)) {
      const message = r.outcome.kind === 'trap' || r.outcome.kind === 'error' ? r.outcome.message : undefined;
      result.failure = { record, stderr, ...(message !== undefined ? { message } : {}) };
      break;
    }
    await yieldTurn();
  }
  return result;
}

/** The measured runs (warm-ups left out). */
export function measured(records: readonly RunRecord[]): RunRecord[] {
  return records.filter((r) => !r.warmup);
}

export interface RaceSummary {
  runs: number;
  /** The cold compile of the first run (warm-up or not), if it was recorded. */
  firstCompileMs: number | undefined;
  /** Compile from the cache, over the measured runs that hit it. */
  cachedCompile: Summary | undefined;
  instantiate: Summary | undefined;
  run: Summary | undefined;
  endToEnd: Summary | undefined;
  /** Share of measured runs started from a spare guest. */
  fromSpareShare: number;
  /** Largest linear memory seen, bytes. */
  memoryBytes: number;
}

export function summarizeRace(records: readonly RunRecord[]): RaceSummary {
  const m = measured(records);
  const first = records.find((r) => !r.compileCached);
  return {
    runs: m.length,
    firstCompileMs: first?.compileMs,
    cachedCompile: summarize(m.filter((r) => r.compileCached).map((r) => r.compileMs)),
    instantiate: summarize(m.map((r) => r.instantiateMs)),
    run: summarize(m.map((r) => r.runMs)),
    endToEnd: summarize(m.map((r) => r.endToEndMs)),
    fromSpareShare: m.length ? m.filter((r) => r.fromSpare).length / m.length : 0,
    memoryBytes: records.reduce((a, r) => Math.max(a, r.memoryBytes), 0),
  };
}
