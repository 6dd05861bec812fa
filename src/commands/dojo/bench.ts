/**
 * `dojo bench [-n N] [--warmup N] MODULE [ARGS]`: starts a module many times in the Dojo's engine
 * and prints a summary that reads like hyperfine's (src/benchmark/mod.rs of sharkdp/hyperfine:
 * "Benchmark 1: …", "Time (mean ± σ):", "Range (min … max):", "N runs", its colours and its
 * non-zero-exit error). Where hyperfine shows user/system CPU time, which a browser cannot measure,
 * the brackets show the engine's own phases. Ctrl-C ends the race (the run in flight is killed)
 * and returns 130. Each race is kept for the Lab panel and the cold-start chapter (src/lab/store.ts).
 * The module runs with no grants: no directories, no environment.
 */
import type { CommandContext } from '../../shell/types';
import { clapHelp, clapInvalidValue, clapParse, type ClapCommand } from '../cli/clap';
import type { CommandSpec } from '../cli/spec';
import { commandLine } from '../cli/command-line';
import { loadModule } from '../../runtime/load-module';
import { MAX_RUNS, runRace, summarizeRace, type RaceResult, type RunRecord } from '../../lab/race';
import { labStoreOf, moduleBaseName } from '../../lab/store';
import { durationUnit, formatDuration } from '../../lab/format';
import { toCsv } from '../../lab/csv';
import { paint, SGR } from '../../lib/ansi';
import { dojoLine } from '../../lib/dojo-line';

const SPEC: CommandSpec = {
  name: 'bench',
  about: 'Start a WebAssembly module many times in the Dojo engine and summarise the times, hyperfine style',
  flags: [
    { short: 'n', long: 'runs', shortAliases: ['r'], value: 'NUM', help: 'Perform exactly NUM measured runs', default: '10' },
    { short: 'w', long: 'warmup', value: 'NUM', help: 'Perform NUM warm-up runs first, left out of the statistics', default: '0' },
    { short: 'i', long: 'ignore-failure', help: 'Keep going when a run exits non-zero or traps' },
    { long: 'export-csv', value: 'FILE', help: 'Write every run (each phase) to FILE as CSV' },
  ],
  positionals: [
    { name: '<MODULE>', required: true, help: 'The .wasm (or .wat) module to start' },
    { name: '[ARGS]', variadic: true, help: 'Arguments for the module' },
  ],
  trailingAfterFirstPositional: true,
};

const CMD: ClapCommand = {
  spec: SPEC,
  bin: 'dojo bench',
  usage: 'dojo bench [OPTIONS] <MODULE> [ARGS]...',
  help: () =>
    clapHelp(
      { spec: SPEC, bin: 'dojo bench', usage: 'dojo bench [OPTIONS] <MODULE> [ARGS]...' },
      {
        afterHelp:
          'Times are end to end: the request to the engine until its result, compile included (a cache hit\nafter the first run). The module gets no grants. The Lab tab draws the same races.\n',
      },
    ),
};

function count(ctx: CommandContext, raw: string | undefined, flag: string, min: number): number | undefined {
  const v = raw ?? '';
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) {
    ctx.stderr.write(clapInvalidValue(flag, v, 'invalid digit found in string', ctx.stderr.isTTY));
    return undefined;
  }
  if (n < min || n > MAX_RUNS) {
    ctx.stderr.write(clapInvalidValue(flag, v, `must be between ${min} and ${MAX_RUNS}`, ctx.stderr.isTTY));
    return undefined;
  }
  return n;
}

/** hyperfine's progress bar, on one line rewritten in place (only on a terminal). */
class Progress {
  private last = 0;
  private shown = false;
  constructor(private readonly ctx: CommandContext) {}

  update(label: string, done: number, total: number, force = false): void {
    if (!this.ctx.stdout.isTTY) return;
    const now = performance.now();
    if (!force && now - this.last < 100 && done < total) return;
    this.last = now;
    const width = 40;
    const filled = Math.round((done / total) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    this.ctx.stdout.write(`\r\x1b[2K${label} ${bar} ${done}/${total}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.ctx.stdout.write('\r\x1b[2K');
    this.shown = false;
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function bench(ctx: CommandContext): Promise<number> {
  const parsed = clapParse(ctx, CMD, ctx.argv.slice(2));
  if (typeof parsed === 'number') return parsed;
  const runs = count(ctx, parsed.value('runs'), '--runs <NUM>', 1);
  if (runs === undefined) return 2;
  const warmup = count(ctx, parsed.value('warmup'), '--warmup <NUM>', 0);
  if (warmup === undefined) return 2;
  const [modulePath, ...moduleArgs] = [...parsed.positionals, ...parsed.rest];
  if (modulePath === undefined) {
    const st = ctx.stderr.isTTY;
    ctx.stderr.write(
      `${paint(`${SGR.bold}${SGR.red}`, 'error:', st)} the following required arguments were not provided:\n  ${paint(SGR.green, '<MODULE>', st)}\n\n${paint(`${SGR.bold}${SGR.underline}`, 'Usage:', st)} ${CMD.usage}\n\nFor more information, try '${paint(SGR.bold, '--help', st)}'.\n`,
    );
    return 2;
  }
  const err = (text: string) => ctx.stderr.write(text);
  const color = ctx.stdout.isTTY;
  const errorWord = paint(SGR.red, 'Error', ctx.stderr.isTTY);

  const loaded = await loadModule(ctx.fs, ctx.shell.resolvePath(modulePath), modulePath);
  if (loaded.kind === 'missing' || loaded.kind === 'is-dir') {
    err(`dojo bench: ${modulePath}: ${loaded.kind === 'missing' ? 'No such file or directory' : 'Is a directory'}\n`);
    return 1;
  }
  if (loaded.kind !== 'core') {
    const why =
      loaded.kind === 'component'
        ? 'is a component; the Dojo engine starts core modules'
        : loaded.kind === 'bad-text'
          ? `is not valid WebAssembly text: ${loaded.message.split('\n')[0]}`
          : 'is not a WebAssembly module';
    err(`dojo bench: ${modulePath} ${why}\n`);
    return 1;
  }
  const engine = ctx.services.engine;
  if (!engine) {
    err(dojoLine('the WebAssembly engine is not available (it is still starting, or failed to start).', ctx.stderr.isTTY));
    return 1;
  }

  const base = modulePath.split('/').pop() ?? modulePath;
  const name = commandLine([modulePath, ...moduleArgs]);
  ctx.stdout.write(`${paint(SGR.bold, 'Benchmark 1:', color)} ${name}\n`);
  const progress = new Progress(ctx);
  let sum = 0;
  let measuredRuns = 0;
  const request = { wasm: loaded.bytes, args: [base, ...moduleArgs], env: [], preopens: [], image: { dirs: [], files: [] }, stdin: new Uint8Array() };
  if (warmup > 0) progress.update('  Performing warmup runs', 0, warmup, true);
  else progress.update('  Initial time measurement', 0, runs, true);
  let race: RaceResult;
  try {
    race = await runRace(engine, name, request, {
      runs,
      warmup,
      signal: ctx.signal,
      stopOnFailure: !parsed.has('ignore-failure'),
      onRun: (r: RunRecord, done) => {
        if (r.warmup) {
          progress.update('  Performing warmup runs', done, warmup);
          return;
        }
        sum += r.endToEndMs;
        measuredRuns++;
        progress.update(`  Current estimate: ${paint(SGR.green, formatDuration(sum / measuredRuns), color)}`, measuredRuns, runs);
      },
    });
  } finally {
    progress.clear();
  }
  if (race.records.length > 0) labStoreOf(ctx.services).add({ ...race, module: moduleBaseName(modulePath), at: Date.now(), source: 'bench' });
  if (race.stopped || ctx.signal.aborted) return 130;
  if (race.failure) {
    const r = race.failure.record;
    const what = r.outcome === 'exit' ? `Command terminated with non-zero exit code: ${r.exitCode}` : 'The process has been terminated by a signal';
    err(
      `${errorWord}: ${what}. Use the '-i'/'--ignore-failure' option if you want to ignore this. Alternatively, use the '--show-output' option to debug what went wrong.\n`,
    );
    if (race.failure.message) err(dojoLine(`the module ended with: ${race.failure.message}`, ctx.stderr.isTTY));
    else if (race.failure.stderr) err(race.failure.stderr.endsWith('\n') ? race.failure.stderr : `${race.failure.stderr}\n`);
    return 1;
  }

  const s = summarizeRace(race.records);
  const e2e = s.endToEnd!;
  const unit = durationUnit(e2e.mean);
  const f = (ms: number) => formatDuration(ms, unit);
  const m = race.records.filter((r) => !r.warmup);
  const phases = `[Compile: ${f(mean(m.map((r) => r.compileMs)))}, Instantiate: ${f(mean(m.map((r) => r.instantiateMs)))}, Run: ${f(mean(m.map((r) => r.runMs)))}]`;
  const g = (t: string) => paint(SGR.green, t, color);
  const gb = (t: string) => paint(`${SGR.green}${SGR.bold}`, t, color);
  const blue = (t: string) => paint(SGR.blue, t, color);
  if (e2e.n === 1) {
    ctx.stdout.write(`  Time (${gb('abs')} ≡):        ${gb(f(e2e.mean).padStart(8))}  ${' '.repeat(8)}     ${blue(phases)}\n`);
  } else {
    ctx.stdout.write(`  Time (${gb('mean')} ± ${g('σ')}):     ${gb(f(e2e.mean).padStart(8))} ± ${g(f(e2e.stddev).padStart(8))}    ${blue(phases)}\n`);
    ctx.stdout.write(
      `  Range (${paint(SGR.cyan, 'min', color)} … ${paint(SGR.magenta, 'max', color)}):   ${paint(SGR.cyan, f(e2e.min).padStart(8), color)} … ${paint(SGR.magenta, f(e2e.max).padStart(8), color)}    ${paint(SGR.dim, `${e2e.n} runs`, color)}\n`,
    );
  }
  if (m.some((r) => r.outcome !== 'exit' || r.exitCode !== 0)) {
    ctx.stderr.write(` \n  ${paint(SGR.yellow, 'Warning', ctx.stderr.isTTY)}: Ignoring non-zero exit code.\n`);
  }
  ctx.stdout.write(' \n');
  const first = s.firstCompileMs;
  ctx.stdout.write(
    dojoLine(
      `end to end = request to the engine → result; the first run compiled cold in ${first !== undefined ? formatDuration(first) : '?'}${s.cachedCompile ? `, later runs found it in the cache (${formatDuration(s.cachedCompile.median)})` : ''}; p50 ${formatDuration(e2e.median)}, p95 ${formatDuration(e2e.p95)}. No user/system CPU time in a browser: the brackets are the engine's phases.`,
      color,
    ),
  );
  const csvPath = parsed.value('export-csv');
  if (csvPath !== undefined) {
    try {
      ctx.fs.writeFile(ctx.shell.resolvePath(csvPath), new TextEncoder().encode(toCsv({ label: name, records: race.records })));
    } catch (e) {
      err(`${errorWord}: Could not write CSV to '${csvPath}': ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  return 0;
}
