/**
 * Runs a parsed script: `;` lists, `&&`/`||`, pipes (each stage's stdout is the next one's stdin),
 * redirects into the host filesystem, and exit statuses as bash reports them.
 * Pipeline stages run one after another with the whole upstream output buffered: every command
 * reads stdin with readAll(), so streaming would buy nothing and ordering stays deterministic.
 */
import { FsError, FS_ERROR_TEXT, type HostFs } from '../fs/types';
import { standardStream } from '../fs/devices';
import { dirname, resolve } from '../fs/path';
import type { CommandContext, CommandRegistry, DojoServices, InputSource, OutputSink, ShellApi, ShellEnv, TerminalIO } from './types';
import type { AndOrList, Pipeline, Script, SimpleCommand } from './parser';
import { ShellSyntaxError, type WordToken } from './lexer';
import { ASSIGNMENT_RE, expandWord, type ExpandContext } from './expand';
import { MAX_VALUE_LENGTH, OverlayEnv, ShellLimitError } from './env';
import { BufferSink, TerminalBudget, bytesInput, formatBytes, terminalInput } from './streams';
import { suggestCommand } from './suggest';
import type { ExecEvent, ExecEventHub, ExecRedirect } from './exec-events';
import type { RunResult } from '../runtime/types';

export interface ExecHost {
  fs: HostFs;
  registry: CommandRegistry;
  services: DojoServices;
  env: ShellEnv;
  api: ShellApi;
  readonly cwd: string;
  readonly home: string;
  /** `$?`: updated after every pipeline, so `false; echo $?` prints 1. */
  lastStatus: number;
  limits: ExecLimits;
  /** The line as typed, for the exec events' `line`. */
  line?: string;
  /** Where each simple command that ran is reported (exec-events.ts). */
  events?: ExecEventHub;
}

export interface ExecLimits {
  /** Bytes one command may send to the terminal (stdout + stderr). */
  tty: number;
  /** Bytes one pipe may buffer. */
  pipe: number;
  /** Bytes one redirect may write to a file. */
  file: number;
}

export const STATUS = { ok: 0, failure: 1, misuse: 2, cannotExecute: 126, notFound: 127, interrupted: 130, brokenPipe: 141 };

/**
 * A line like `true && true && …` (thousands of commands) runs only microtasks, which would keep
 * the browser from painting or delivering Ctrl-C; give the event loop a turn every few ms.
 */
let lastYield = Date.now();
async function yieldIfBusy(): Promise<void> {
  if (Date.now() - lastYield < 30) return;
  await new Promise((r) => setTimeout(r, 0));
  lastYield = Date.now();
}

/** How long a command that was told to stop (a full pipe, a file past its cap) may take before the shell stops waiting. */
const STOP_GRACE_MS = 1000;

export async function runScript(script: Script, host: ExecHost, io: TerminalIO, signal: AbortSignal): Promise<number> {
  // A new line starts a new slice: only long runs *within* a line need to give the loop a turn,
  // otherwise every command would begin with a setTimeout(0) (~4-15 ms in browsers).
  lastYield = Date.now();
  let status = host.lastStatus;
  for (const item of script) {
    if (signal.aborted) return STATUS.interrupted;
    status = await runAndOr(item, host, io, signal);
  }
  return status;
}

async function runAndOr(list: AndOrList, host: ExecHost, io: TerminalIO, signal: AbortSignal): Promise<number> {
  let status = await runPipeline(list.first, host, io, signal);
  host.lastStatus = status;
  for (const { op, pipeline } of list.rest) {
    if (signal.aborted) return STATUS.interrupted;
    if ((op === '&&') !== (status === 0)) continue;
    status = await runPipeline(pipeline, host, io, signal);
    host.lastStatus = status;
  }
  return status;
}

async function runPipeline(pipeline: Pipeline, host: ExecHost, io: TerminalIO, signal: AbortSignal): Promise<number> {
  let stdin: InputSource = terminalInput;
  /** The bytes behind `stdin`, for the exec event; null while stdin is the terminal. */
  let stdinBytes: Uint8Array | null = null;
  let status = 0;
  /** A pipe cut at its cap, judged once its reader has run: did the reader need the lost bytes? */
  let cut: { at: number; readerUsed?: number } | undefined;
  /** A reader worked on cut data: its result is wrong, so the pipeline must not report success. */
  let lostData = false;
  const { commands } = pipeline;
  for (const [i, cmd] of commands.entries()) {
    await yieldIfBusy();
    if (signal.aborted) return STATUS.interrupted;
    const last = i === commands.length - 1;
    let pipe: BufferSink | undefined;
    status = await runSimple(
      cmd,
      host,
      io,
      signal,
      { source: stdin, bytes: stdinBytes },
      last
        ? undefined
        : (stop) => {
            pipe = new BufferSink(host.limits.pipe, stop);
            return pipe;
          },
    );
    if (cut && !signal.aborted && !(cut.readerUsed !== undefined && cut.readerUsed <= cut.at)) {
      io.stderr.write(`dojo: pipe full: more than ${formatBytes(host.limits.pipe)} buffered, output cut\n`);
      lostData = true;
    }
    cut = undefined;
    if (pipe) {
      const bytes = pipe.bytes();
      stdinBytes = bytes;
      if (pipe.overflowed) {
        const judged: { at: number; readerUsed?: number } = { at: bytes.byteLength };
        cut = judged;
        stdin = {
          ...bytesInput(bytes),
          stopReading: (used) => {
            judged.readerUsed = used;
          },
        };
      } else stdin = bytesInput(bytes);
    }
  }
  if (signal.aborted) return STATUS.interrupted;
  return lostData && status === 0 ? STATUS.failure : status;
}

interface FileTarget {
  path: string;
  sink: BufferSink;
  shown: string;
}

/** What one simple command received, gathered while it runs, for its exec event. */
interface ExecFacts {
  argv?: string[];
  assignments: Array<[string, string]>;
  env?: Array<[string, string]>;
  stdin: Uint8Array | null;
  redirects: ExecRedirect[];
  run?: RunResult;
  control: boolean;
}

async function runSimple(
  cmd: SimpleCommand,
  host: ExecHost,
  io: TerminalIO,
  signal: AbortSignal,
  stdinIn: { source: InputSource; bytes: Uint8Array | null },
  makePipe: ((stop: () => void) => OutputSink) | undefined,
): Promise<number> {
  const cwd = host.cwd;
  const facts: ExecFacts = { assignments: [], stdin: stdinIn.bytes, redirects: [], control: false };
  let finished = false;
  // Every module run the command records is this command's (a `spin up` job's later runs still
  // reach the app's recordRun, but no longer this event).
  const services: DojoServices = Object.assign(Object.create(host.services) as DojoServices, {
    recordRun(command: string, result: RunResult) {
      if (!finished) facts.run = result;
      host.services.recordRun?.(command, result);
    },
  });
  const status = await runSimpleCommand(cmd, host, services, io, signal, stdinIn.source, makePipe, facts);
  finished = true;
  // An expansion that failed (`${A`) ran nothing: there is no argv to report.
  if (host.events && facts.argv) {
    const event: ExecEvent = {
      line: host.line ?? '',
      argv: facts.argv,
      assignments: facts.assignments,
      cwd,
      env: facts.env ?? host.env.exported(),
      stdin: facts.stdin,
      redirects: facts.redirects,
      status,
      ...(facts.run ? { run: facts.run } : {}),
      control: facts.control,
    };
    host.events.emit(event);
  }
  return status;
}

const REDIRECT_FD: Record<string, 0 | 1 | 2> = { '<': 0, '>': 1, '>>': 1, '&>': 1, '2>': 2, '2>>': 2 };

async function runSimpleCommand(
  cmd: SimpleCommand,
  host: ExecHost,
  services: DojoServices,
  io: TerminalIO,
  signal: AbortSignal,
  stdinIn: InputSource,
  makePipe: ((stop: () => void) => OutputSink) | undefined,
  facts: ExecFacts,
): Promise<number> {
  const local = new AbortController();
  const forward = () => local.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  // Past the terminal's budget the command runs on with its output discarded, as a real program
  // writing to a terminal nobody reads would: it keeps its real exit status and finishes its work
  // (a module that prints 2 MB, then writes a file). Only Ctrl-C stops it.
  const budget = new TerminalBudget(host.limits.tty, (note) => io.stderr.write(note));
  const files: FileTarget[] = [];
  /** A redirect hit its cap: the write failed, so the command fails (status 1), as with EFBIG. */
  let fileTooLarge = false;
  const err = budget.sink(io.stderr);
  try {
    const ectx: ExpandContext = {
      lookup: (name) => host.env.get(name),
      lastStatus: host.lastStatus,
      home: host.home,
      fs: host.fs,
      cwd: host.cwd,
      budget: { left: MAX_VALUE_LENGTH },
    };
    // Leading NAME=value words are assignments; the rest is the command. Each value sees the ones
    // before it (`X=1 Y=$X` gives Y=1, as in bash); the command's words do not (`X=1 echo $X`).
    const assignments = new Map<string, string>();
    const assignCtx: ExpandContext = { ...ectx, lookup: (name) => (assignments.has(name) ? assignments.get(name) : host.env.get(name)) };
    let w = 0;
    for (; w < cmd.words.length; w++) {
      const m = ASSIGNMENT_RE.exec(cmd.words[w]!.raw);
      if (!m) break;
      const valueWord: WordToken = { ...cmd.words[w]!, raw: cmd.words[w]!.raw.slice(m[0].length), glob: false };
      assignments.set(m[1]!, expandWord(valueWord, assignCtx, { split: false })[0] ?? '');
    }
    const argv = cmd.words.slice(w).flatMap((word) => expandWord(word, ectx));
    facts.argv = argv;
    facts.assignments = [...assignments];

    let stdout: OutputSink = makePipe ? makePipe(() => local.abort('pipe-full')) : budget.sink(io.stdout);
    let stderr: OutputSink = err;
    let stdin = stdinIn;
    for (const r of cmd.redirects) {
      if (r.kind === '2>&1') stderr = stdout;
      else if (r.kind === '>&2') stdout = stderr;
      else if (r.kind === '<') {
        const path = redirectPath(r.target!, ectx, host);
        facts.redirects.push({ fd: 0, op: r.kind, path: path.abs });
        // /dev/stdin (/dev/fd/0 …): the input the command already has, as bash opens it.
        if (standardStream(path.abs) !== undefined) continue;
        try {
          const bytes = host.fs.readFile(path.abs);
          stdin = bytesInput(bytes);
          facts.stdin = bytes;
        } catch (e) {
          err.write(`dojo: ${path.shown}: ${fsText(e)}\n`);
          return STATUS.failure;
        }
      } else {
        const path = redirectPath(r.target!, ectx, host);
        facts.redirects.push({ fd: REDIRECT_FD[r.kind] ?? 1, op: r.kind, path: path.abs });
        const stream = standardStream(path.abs);
        if (stream !== undefined) {
          // /dev/stdout, /dev/stderr, /dev/fd/N: whatever fd N is at this point, as bash opens them.
          const sink = stream === 2 ? stderr : stream === 1 ? stdout : budget.sink(io.stdout);
          if (r.kind === '>' || r.kind === '>>' || r.kind === '&>') stdout = sink;
          if (r.kind === '2>' || r.kind === '2>>' || r.kind === '&>') stderr = sink;
          continue;
        }
        if (host.fs.stat(path.abs)?.kind === 'chardev') {
          // /dev/null and friends swallow what is written: nothing to collect, no file-size cap (`yes > /dev/null` runs until Ctrl-C).
          const sink: OutputSink = { isTTY: false, write() {} };
          if (r.kind === '>' || r.kind === '>>' || r.kind === '&>') stdout = sink;
          if (r.kind === '2>' || r.kind === '2>>' || r.kind === '&>') stderr = sink;
          continue;
        }
        const problem = openForWrite(host.fs, path.abs, r.kind === '>>' || r.kind === '2>>');
        if (problem) {
          err.write(`dojo: ${path.shown}: ${problem}\n`);
          return STATUS.failure;
        }
        const target: FileTarget = {
          path: path.abs,
          shown: path.shown,
          sink: new BufferSink(host.limits.file, () => {
            err.write(`dojo: ${path.shown}: ${FS_ERROR_TEXT.EFBIG}\n`);
            fileTooLarge = true;
            local.abort('file-too-large');
          }),
        };
        files.push(target);
        if (r.kind === '>' || r.kind === '>>' || r.kind === '&>') stdout = target.sink;
        if (r.kind === '2>' || r.kind === '2>>' || r.kind === '&>') stderr = target.sink;
      }
    }

    if (argv.length === 0) {
      for (const [name, value] of assignments) host.env.set(name, value);
      return STATUS.ok;
    }

    const name = argv[0]!;
    const def = host.registry.get(name);
    facts.control = def?.control === true;
    // Through the command's stderr: `frobnicate 2>/dev/null` says nothing, as in bash.
    if (!def) return notFound(name, host, stderr);

    const env = assignments.size > 0 ? new OverlayEnv(host.env, assignments) : host.env;
    facts.env = env.exported();
    const ctx: CommandContext = {
      argv,
      stdin,
      stdout,
      stderr,
      env,
      fs: host.fs,
      cwd: host.cwd,
      signal: local.signal,
      shell: host.api,
      services,
      prompt: stdin.isTTY ? (q, d) => io.prompt(q, d) : async () => null,
    };
    const status = await raceSignal(runCommand(def.run.bind(def), ctx, name), signal, local.signal);
    if (signal.aborted) budget.muted = true;
    return fileTooLarge && !signal.aborted ? STATUS.failure : status;
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      err.write(e.message + '\n');
      return STATUS.failure;
    }
    err.write(`dojo: ${e instanceof Error ? e.message : String(e)}\n`);
    return STATUS.failure;
  } finally {
    signal.removeEventListener('abort', forward);
    for (const f of files) {
      try {
        host.fs.writeFile(f.path, f.sink.bytes(), { append: true });
      } catch (e) {
        io.stderr.write(`dojo: ${f.shown}: ${fsText(e)}\n`);
      }
    }
  }
}

async function runCommand(run: (ctx: CommandContext) => Promise<number>, ctx: CommandContext, name: string): Promise<number> {
  try {
    const status = await run(ctx);
    return Number.isInteger(status) ? status & 255 : STATUS.failure;
  } catch (e) {
    if (e instanceof FsError) ctx.stderr.write(`${name}: ${e.message}\n`);
    else if (e instanceof ShellLimitError) ctx.stderr.write(`dojo: ${name}: ${e.message}\n`);
    else ctx.stderr.write(`${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return STATUS.failure;
  }
}

/**
 * Ctrl-C gives the prompt back at once (130) even if the command ignores its signal; a command
 * stopped by a cap (a full pipe, a file too large) gets a short grace period to finish on its own.
 */
function raceSignal(run: Promise<number>, user: AbortSignal, local: AbortSignal): Promise<number> {
  return new Promise<number>((resolveStatus) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (s: number) => {
      user.removeEventListener('abort', onUser);
      local.removeEventListener('abort', onLocal);
      if (timer !== undefined) clearTimeout(timer);
      resolveStatus(s);
    };
    const onUser = () => finish(STATUS.interrupted);
    const onLocal = () => {
      if (user.aborted) return onUser();
      timer = setTimeout(() => finish(STATUS.brokenPipe), STOP_GRACE_MS);
    };
    if (user.aborted) return onUser();
    user.addEventListener('abort', onUser, { once: true });
    local.addEventListener('abort', onLocal, { once: true });
    if (local.aborted) onLocal();
    run.then(finish, () => finish(STATUS.failure));
  });
}

function notFound(name: string, host: ExecHost, err: OutputSink): number {
  if (name.includes('/')) {
    const abs = resolve(host.cwd, name, host.home);
    const st = host.fs.stat(abs);
    if (!st) {
      err.write(`dojo: ${name}: No such file or directory\n`);
      return STATUS.notFound;
    }
    if (st.kind === 'dir') {
      err.write(`dojo: ${name}: Is a directory\n`);
      return STATUS.cannotExecute;
    }
    err.write(`dojo: ${name}: cannot execute binary file: Exec format error\n`);
    if (name.endsWith('.wasm') || name.endsWith('.wat')) err.write(`dojo: run it with a runtime: wasmtime ${name}\n`);
    return STATUS.cannotExecute;
  }
  err.write(`dojo: ${name}: command not found\n`);
  const close = suggestCommand(
    name,
    host.registry.list().map((d) => d.name),
  );
  if (close) err.write(`dojo: did you mean '${close}'?\n`);
  return STATUS.notFound;
}

function redirectPath(target: WordToken, ectx: ExpandContext, host: ExecHost): { abs: string; shown: string } {
  const fields = expandWord(target, ectx);
  if (fields.length !== 1 || fields[0] === '') throw new ShellSyntaxError(`dojo: ${target.raw}: ambiguous redirect`);
  return { abs: resolve(host.cwd, fields[0]!, host.home), shown: fields[0]! };
}

/** Truncates (`>`) or creates (`>>`) the file now, as the shell's open(2) would, or says why it cannot. */
function openForWrite(fs: HostFs, abs: string, append: boolean): string | undefined {
  const st = fs.stat(abs);
  if (st?.kind === 'dir') return FS_ERROR_TEXT.EISDIR;
  const parent = fs.stat(dirname(abs));
  if (!parent) return FS_ERROR_TEXT.ENOENT;
  if (parent.kind !== 'dir') return FS_ERROR_TEXT.ENOTDIR;
  try {
    if (!append || !st) fs.writeFile(abs, '');
  } catch (e) {
    return fsText(e);
  }
  return undefined;
}

function fsText(e: unknown): string {
  if (e instanceof FsError) return FS_ERROR_TEXT[e.code];
  return e instanceof Error ? e.message : String(e);
}
