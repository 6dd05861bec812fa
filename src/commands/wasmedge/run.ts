/**
 * `wasmedge [OPTIONS] FILE [ARGS]...`: same engine and sandbox as wasmtime, WasmEdge's semantics:
 * a missing host dir is logged and skipped (not fatal), `:readonly` mounts are never written back,
 * reactor mode calls an export and prints its results, failures are spdlog lines with error codes
 * (on stdout, where WasmEdge's colour sink writes them), aborted executions exit 134.
 */
import { basename } from '../../fs/path';
import { readModuleInfo, type FuncType } from '../../runtime/module-info';
import { applySandboxChanges, buildSandboxImage } from '../../runtime/sandbox';
import type { Mount, RunLimits, RunRequest, RunResult } from '../../runtime/types';
import type { CommandContext } from '../../shell/types';
import { dojoLine } from '../../lib/dojo-line';
import { loadModule } from '../../runtime/load-module';
import { commandLine } from '../cli/command-line';
import type { EdgeRunArgs } from './args';
import {
  EDGE_EXIT_ABORT,
  EDGE_EXIT_FAILURE,
  badMagicLines,
  badVersionLines,
  failureLines,
  fileNameDetail,
  innermostOffset,
  logLine,
  logLevelShows,
  logLines,
  missingFileLines,
  trapLines,
  unknownImportLines,
} from './errors';
import { wasmedgeResultLines } from './results';
import type { ValType } from '../../runtime/module-info';

/** WasmEdge names the guest after the file, extension replaced by `.wasm`. */
export function edgeArgv0(file: string): string {
  const base = basename(file);
  const dot = base.lastIndexOf('.');
  return `${dot > 0 ? base.slice(0, dot) : base}.wasm`;
}

/**
 * Checks reactor arguments as runtimeTool.cpp's ToolOnModule does, before calling: too few is an
 * error (extra ones are ignored); each is converted with std::stol/stoll/stof/stod, which read a
 * leading number and fail only when there is none. Both failures are spdlog error lines.
 */
export function checkReactorArgs(name: string, type: FuncType, args: string[]): string | undefined {
  if (args.length < type.params.length) return `function \`${name}\` expects ${type.params.length} argument(s), got ${args.length}`;
  for (let i = 0; i < type.params.length; i++) {
    const t = type.params[i]!;
    const a = args[i]!;
    const ok =
      t === 'i32' || t === 'i64'
        ? /^\s*[+-]?\d/.test(a)
        : t === 'f32' || t === 'f64'
          ? !Number.isNaN(parseFloat(a)) || /^\s*[+-]?(nan|inf)/i.test(a)
          : true;
    if (!ok) return `Invalid argument '${a}' for parameter ${i + 1}: expected ${t}`;
  }
  return undefined;
}

export async function runWasmedge(ctx: CommandContext, args: EdgeRunArgs): Promise<number> {
  const color = ctx.stdout.isTTY;
  // Every log line goes through the --log-level filter (`--log-level=off` prints none).
  const logAt = (level: 'error' | 'warning', text: string) => {
    if (logLevelShows(level, args.logLevel)) ctx.stdout.write(logLine(level, text, color));
  };
  const log = (lines: string[]) => {
    if (logLevelShows('error', args.logLevel)) ctx.stdout.write(logLines(lines, color));
  };
  const hint = (text: string) => ctx.stderr.write(dojoLine(text, ctx.stderr.isTTY));
  const absPath = ctx.shell.resolvePath(args.file);

  // Deprecated run-mode flags still work, with runtimeTool.cpp's warning.
  for (const flag of args.deprecated)
    logAt(
      'warning',
      flag === 'enable-jit'
        ? '--enable-jit is deprecated, use --run-mode=jit instead.'
        : '--force-interpreter is deprecated, use --run-mode=interpreter instead.',
    );

  // 1. Load. WasmEdge reads binaries only: WAT text fails the magic check.
  const loaded = await loadModule(ctx.fs, absPath, args.file, { readText: false });
  switch (loaded.kind) {
    case 'core':
      break;
    case 'missing':
    case 'is-dir':
      log(missingFileLines(absPath));
      return EDGE_EXIT_FAILURE;
    case 'bad-header':
      log(loaded.detail === 'unknown binary version' ? badVersionLines(absPath) : missingFileLines(absPath));
      return EDGE_EXIT_FAILURE;
    case 'component':
      log(failureLines('malformed sort', 0x500, [fileNameDetail(absPath)]));
      hint('the Dojo runs core WASI preview 1 modules only; components (even with --enable-component) are not supported.');
      return EDGE_EXIT_FAILURE;
    case 'precompiled':
      log(badMagicLines(absPath));
      hint('AOT-compiled shared libraries hold native code; the Dojo runs .wasm files only.');
      return EDGE_EXIT_FAILURE;
    default:
      log(badMagicLines(absPath));
      if (/\.wat$/i.test(args.file) || loaded.kind === 'text')
        hint('WasmEdge does not read the WebAssembly text format; convert it first (wat2wasm), or run it with wasmtime, which does.');
      return EDGE_EXIT_FAILURE;
  }
  const wasm = loaded.bytes;

  // 2. Preopens: a directory that cannot be bound is logged and skipped; the run goes on without it.
  const mounts: Mount[] = [];
  for (const d of args.dirs) {
    const hostPath = ctx.shell.resolvePath(d.host);
    const st = ctx.fs.stat(hostPath);
    if (!st || st.kind !== 'dir') {
      logAt('error', `Bind guest directory failed:${st ? 'Not a directory' : 'No such file or directory'}.`);
      const swapped = ctx.fs.stat(ctx.shell.resolvePath(d.guest))?.kind === 'dir' && d.guest !== d.host;
      if (swapped) hint(`WasmEdge reads --dir GUEST:HOST (guest first); to mount host ${d.guest} at ${d.host} write --dir ${d.host}:${d.guest}.`);
      continue;
    }
    mounts.push({ hostPath, guestPath: d.guest, readonly: d.readonly });
  }

  // 3. Entry point: `_start`, or reactor mode (explicit, or automatic when there is no `_start`).
  let info: ReturnType<typeof readModuleInfo> | undefined;
  try {
    info = readModuleInfo(wasm);
  } catch {
    info = undefined;
  }
  const hasStart = info?.exports.some((e) => e.kind === 'func' && e.name === '_start') ?? true;
  const reactor = args.reactor || !hasStart;
  let invoke: { name: string; args: string[] } | undefined;
  if (reactor) {
    const name = args.rest[0];
    if (name === undefined) {
      ctx.stderr.write('A function name is required when reactor mode is enabled.\n');
      return EDGE_EXIT_FAILURE;
    }
    const exp = info?.exports.find((e) => e.kind === 'func' && e.name === name);
    if (info && !exp) {
      ctx.stderr.write(`Function "${name}" not found in the module export list.\n`);
      return EDGE_EXIT_FAILURE;
    }
    const type = exp && info ? info.funcTypes[exp.index] : undefined;
    const problem = type ? checkReactorArgs(name, type, args.rest.slice(1)) : undefined;
    if (problem) {
      log([problem]);
      return EDGE_EXIT_FAILURE;
    }
    invoke = { name, args: args.rest.slice(1) };
  }

  let image;
  try {
    image = buildSandboxImage(ctx.fs, mounts);
  } catch (e) {
    hint(`could not build the sandbox: ${e instanceof Error ? e.message : String(e)}`);
    return EDGE_EXIT_FAILURE;
  }
  const engine = ctx.services.engine;
  if (!engine) {
    hint('the WebAssembly engine is not available (it is still starting, or failed to start).');
    return EDGE_EXIT_FAILURE;
  }

  const req: RunRequest = {
    wasm,
    // WasiMod->init gets every positional after the file, so in reactor mode the guest's argv also
    // holds the function name and its arguments.
    args: [edgeArgv0(args.file), ...args.rest],
    // Only NAME=VALUE entries can ever match a getenv(); WasmEdge passes the others through unusable.
    env: args.envs.filter((e) => e.raw.includes('=')).map((e) => [e.name, e.value] as [string, string]),
    preopens: mounts.map((m) => m.guestPath),
    // `:readonly` mounts: the guest's own create/write attempts fail (ENOTCAPABLE), as in WasmEdge.
    readonlyPreopens: mounts.filter((m) => m.readonly).map((m) => m.guestPath),
    image,
    stdin: await ctx.stdin.readAll(),
  };
  if (invoke) req.invoke = invoke;
  const limits: RunLimits = {};
  if (args.timeLimitMs !== undefined) limits.timeoutMs = args.timeLimitMs;
  if (args.gasLimit !== undefined) limits.fuel = args.gasLimit;
  if (args.memoryPageLimit !== undefined) limits.maxMemoryBytes = args.memoryPageLimit * 65536;
  if (Object.keys(limits).length) req.limits = limits;

  if (ctx.signal.aborted) return 130;
  let result: RunResult;
  try {
    result = await engine.run(req, { onStdout: (b) => ctx.stdout.write(b), onStderr: (b) => ctx.stderr.write(b) }, ctx.signal);
  } catch (e) {
    log(failureLines('generic runtime error', 0x2));
    return EDGE_EXIT_ABORT;
  }

  const writeBack = applySandboxChanges(ctx.fs, mounts, result.changes);
  for (const failure of writeBack.failures) hint(`could not write the guest's change back to ${failure.hostPath}: ${failure.message}`);
  for (const m of writeBack.discardedReadonly)
    hint(`${m.guestPath} is mounted :readonly, so its changes were discarded (real WasmEdge refuses the write itself).`);
  ctx.services.recordRun?.(commandLine(ctx.argv), result);

  const fnName = invoke?.name ?? '_start';
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'exit':
      for (const line of wasmedgeResultLines((result.invokeSignature?.results ?? []) as ValType[], result.invokeResults ?? []))
        ctx.stdout.write(`${line}\n`);
      return outcome.code;
    case 'trap':
      log(trapLines(outcome.message, fnName, innermostOffset(outcome.backtrace)));
      return EDGE_EXIT_ABORT;
    case 'killed':
      if (outcome.reason === 'timeout') {
        log(trapLines('interrupt', fnName));
        return EDGE_EXIT_ABORT;
      }
      return 130;
    case 'error':
      if (outcome.stage === 'link' && outcome.missingImport) {
        log(unknownImportLines(outcome.missingImport.module, outcome.missingImport.name));
        if (outcome.missingImport.module === 'wasi_snapshot_preview1' && outcome.missingImport.name.startsWith('sock_'))
          hint("real WasmEdge provides this socket extension; the Dojo's engine implements standard WASI preview 1 only.");
        return EDGE_EXIT_FAILURE;
      }
      if (outcome.stage === 'export') {
        ctx.stderr.write(`Function "${fnName}" not found in the module export list.\n`);
        return EDGE_EXIT_FAILURE;
      }
      log(outcome.stage === 'compile' ? failureLines('invalid wasm grammar', 0x119, [fileNameDetail(absPath)]) : [outcome.message]);
      return EDGE_EXIT_FAILURE;
  }
}
