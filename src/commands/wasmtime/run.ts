/**
 * `wasmtime [run] [OPTIONS] <WASM> [ARGS]...`: turns parsed arguments into a RunRequest holding
 * exactly the granted capabilities, runs it on the engine with live output, writes the guest's
 * changes back through the grants, and reports the outcome with wasmtime's texts and exit codes.
 * The order of checks follows wasmtime's run.rs: load the module, then build WASI (preopens), then
 * instantiate (imports), then run.
 */
import { basename } from '../../fs/path';
import { readModuleInfo } from '../../runtime/module-info';
import { applySandboxChanges, buildSandboxImage } from '../../runtime/sandbox';
import type { Mount, RunLimits, RunRequest, RunResult } from '../../runtime/types';
import type { CommandContext } from '../../shell/types';
import { groupValue, type RunArgs } from './args';
import {
  EXIT_ERROR,
  EXIT_INTERRUPTED,
  EXIT_TRAP,
  INVOKE_PARAMS_WARNING,
  INVOKE_RESULTS_WARNING,
  PRECOMPILED_ERROR,
  errorChain,
  formatWatDiagnostic,
  hostDirError,
  invalidExitStatusError,
  mainModuleError,
  missingExportError,
  missingModuleError,
  notUtf8Error,
  parseWasmError,
  trapError,
  unknownImportError,
} from './errors';
import { dojoLine } from '../../lib/dojo-line';
import { TCPLISTEN_HINT, ociHint, singleColonDirHint } from './legacy';
import { classifyModule, loadModule, type LoadedModule } from '../../runtime/load-module';
import { commandLine } from '../cli/command-line';

/** The engine's compile error, with V8's `@+N` offset moved to where wasmtime prints it. */
function compileFailure(message: string): string {
  const m = /\s*@\+(\d+)\s*$/.exec(message);
  const offset = m ? Number(m[1]) : 0;
  const detail = m ? message.slice(0, m.index) : message;
  return parseWasmError(detail, offset);
}

/** The guest environment: `-S inherit-env` first, then each `--env` in order (later wins). */
export function buildGuestEnv(args: RunArgs, exported: Array<[string, string]>): Array<[string, string]> {
  const env = new Map<string, string>();
  if (groupValue(args, 'S', 'inherit-env') === true) for (const [k, v] of exported) env.set(k, v);
  const host = new Map(exported);
  for (const e of args.envs) {
    if (e.value !== undefined) env.set(e.name, e.value);
    else if (host.has(e.name)) env.set(e.name, host.get(e.name)!);
    // `--env NAME` with NAME unset on the host: silently left unset, as wasmtime does.
  }
  return [...env];
}

export function buildLimits(args: RunArgs): RunLimits | undefined {
  const limits: RunLimits = {};
  const fuel = groupValue(args, 'W', 'fuel');
  const mem = groupValue(args, 'W', 'max-memory-size');
  const timeout = groupValue(args, 'W', 'timeout');
  if (typeof fuel === 'number') limits.fuel = fuel;
  if (typeof mem === 'number') limits.maxMemoryBytes = mem;
  if (typeof timeout === 'number') limits.timeoutMs = timeout;
  return Object.keys(limits).length ? limits : undefined;
}

/** Prints a load failure in wasmtime's words; returns undefined when the module is runnable. */
function loadFailure(loaded: LoadedModule, path: string, color: boolean): string | undefined {
  switch (loaded.kind) {
    case 'core':
      return undefined;
    case 'missing':
      return missingModuleError(path) + (ociHint(path) ? dojoLine(ociHint(path)!, color) : '');
    case 'is-dir':
      // File::open succeeds on a directory; the mmap and then fs::read fail.
      return errorChain(`failed to read file: ${path}`, ['Is a directory (os error 21)']);
    case 'bad-header':
      return parseWasmError(loaded.detail, loaded.offset);
    case 'not-utf8':
      return notUtf8Error(path);
    case 'bad-text':
      return errorChain(formatWatDiagnostic(loaded.message, loaded.text, path));
    case 'no-wat-parser':
      return dojoLine(
        `the WebAssembly text parser could not be loaded (${loaded.message}); reload once the network is back, or run a .wasm file.`,
        color,
      );
    case 'precompiled':
      return PRECOMPILED_ERROR;
    case 'component':
      // wasmtime would run it; the Dojo's engine cannot, and says so rather than inventing an error.
      return dojoLine('this is a component (wasip2); the Dojo runs core WASI preview 1 modules only (build for wasm32-wasip1).', color);
  }
}

export async function runWasmtime(ctx: CommandContext, args: RunArgs): Promise<number> {
  const color = ctx.stderr.isTTY;
  const err = (text: string) => ctx.stderr.write(text);
  const path = args.module;

  // 1. The module. `-` reads it from stdin, which the guest then no longer gets.
  let loaded: LoadedModule;
  let stdinUsedForModule = false;
  if (path === '-') {
    stdinUsedForModule = true;
    loaded = await classifyModule(await ctx.stdin.readAll(), '/dev/stdin');
  } else {
    loaded = await loadModule(ctx.fs, ctx.shell.resolvePath(path), path);
  }
  if (loaded.kind === 'precompiled' && args.allowPrecompiled) {
    // Not a wasmtime message: the Dojo cannot load native code, so it says so in its own voice.
    err(dojoLine('`.cwasm` files hold native code for one CPU; the Dojo runs `.wasm`/`.wat` only.', color));
    return EXIT_ERROR;
  }
  // load_module maps `-` to /dev/stdin, so that is the name its errors carry.
  const failure = loadFailure(loaded, path === '-' ? '/dev/stdin' : path, color);
  if (failure !== undefined || loaded.kind !== 'core') {
    err(failure ?? '');
    return EXIT_ERROR;
  }
  const wasm = loaded.bytes;

  // populate_with_wasi: -Scommon/-Scli, then the flags wasmtime 47+ still parses but refuses outright.
  if (groupValue(args, 'S', 'common') !== undefined && groupValue(args, 'S', 'cli') !== undefined) {
    err(errorChain('The -Scommon option should not be use with -Scli as it is a deprecated alias'));
    return EXIT_ERROR;
  }
  if (groupValue(args, 'S', 'preview2') === false) {
    err(errorChain('the `-Spreview2=n` flag is no longer supported'));
    return EXIT_ERROR;
  }
  if (groupValue(args, 'S', 'threads') === true && groupValue(args, 'S', 'preview2') === undefined) {
    err(errorChain('the `-Sthreads` flag is no longer supported'));
    return EXIT_ERROR;
  }
  if (groupValue(args, 'S', 'cli-exit-with-code') === false) err('warning: cannot disable `-Scli-exit-with-code` any more\n');

  // 2. WASI context: preopens are opened eagerly, a bad one stops the run with the bare io error.
  const mounts: Mount[] = [];
  for (const d of args.dirs) {
    const hostPath = ctx.shell.resolvePath(d.host);
    // An empty host path (`--dir ::/x`) names no directory: opening "" fails with ENOENT.
    const st = d.host === '' ? undefined : ctx.fs.stat(hostPath);
    if (!st || st.kind !== 'dir') {
      err(hostDirError(st ? 'not-dir' : 'missing'));
      const hint = singleColonDirHint(d.raw);
      if (hint) err(dojoLine(hint, color));
      return EXIT_ERROR;
    }
    mounts.push({ hostPath, guestPath: d.guest, readonly: false });
  }
  if (groupValue(args, 'S', 'listenfd') === true) {
    err(errorChain('components do not support --listenfd'));
    err(dojoLine(TCPLISTEN_HINT.replace('-S tcplisten', '-S listenfd'), color));
    return EXIT_ERROR;
  }
  const tcplisten = groupValue(args, 'S', 'tcplisten');
  if (typeof tcplisten === 'string') {
    // compute_preopen_sockets binds first: an address std can't parse fails before the refusal.
    if (!/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/.test(tcplisten)) {
      err(errorChain(`failed to bind to address '${tcplisten}'`, ['invalid socket address']));
      return EXIT_ERROR;
    }
    err(errorChain('components do not support --tcplisten'));
    err(dojoLine(TCPLISTEN_HINT, color));
    return EXIT_ERROR;
  }
  if (groupValue(args, 'S', 'http') === true) {
    err(errorChain('Cannot enable wasi-http for core wasm modules'));
    return EXIT_ERROR;
  }

  // instantiate_and_run: preloads are linked before the main module.
  if (args.preloads.length > 0) {
    err(dojoLine(`--preload ${args.preloads[0]!.raw}: wasmtime would link it first, but the Dojo engine runs a single module.`, color));
    return EXIT_ERROR;
  }

  let image;
  try {
    image = buildSandboxImage(ctx.fs, mounts);
  } catch (e) {
    err(dojoLine(`could not build the sandbox: ${e instanceof Error ? e.message : String(e)}`, color));
    return EXIT_ERROR;
  }

  const engine = ctx.services.engine;
  if (!engine) {
    err(dojoLine('the WebAssembly engine is not available (it is still starting, or failed to start).', color));
    return EXIT_ERROR;
  }

  const inheritStdin = groupValue(args, 'S', 'inherit-stdin') !== false;
  const stdin = inheritStdin && !stdinUsedForModule ? await ctx.stdin.readAll() : new Uint8Array();
  const argv0 = args.argv0 ?? basename(path);

  // --invoke warnings need the export's signature before the call (its params) and after (results).
  let invokeSig: { params: unknown[]; results: unknown[] } | undefined;
  if (args.invoke !== undefined) {
    try {
      const info = readModuleInfo(wasm);
      const exp = info.exports.find((e) => e.name === args.invoke && e.kind === 'func');
      if (exp) invokeSig = info.funcTypes[exp.index];
    } catch {
      // Malformed module: the engine reports it below.
    }
  }

  const req: RunRequest = {
    wasm,
    args: [argv0, ...args.guestArgs],
    env: buildGuestEnv(args, ctx.env.exported()),
    preopens: mounts.map((m) => m.guestPath),
    image,
    stdin,
  };
  if (args.invoke !== undefined) req.invoke = { name: args.invoke, args: args.guestArgs };
  const limits = buildLimits(args);
  if (limits) req.limits = limits;
  // populate_with_wasi links WASI unless `-S cli=n` (or its deprecated alias `-S common=n`) says not to.
  if ((groupValue(args, 'S', 'cli') ?? groupValue(args, 'S', 'common')) === false) req.linkWasi = false;

  if (ctx.signal.aborted) return EXIT_INTERRUPTED;
  if (invokeSig && invokeSig.params.length > 0) err(INVOKE_PARAMS_WARNING);

  const showStdout = groupValue(args, 'S', 'inherit-stdout') !== false;
  const showStderr = groupValue(args, 'S', 'inherit-stderr') !== false;
  let result: RunResult;
  try {
    result = await engine.run(
      req,
      {
        onStdout: (bytes) => {
          if (showStdout) ctx.stdout.write(bytes);
        },
        onStderr: (bytes) => {
          if (showStderr) ctx.stderr.write(bytes);
        },
      },
      ctx.signal,
    );
  } catch (e) {
    err(errorChain(`failed to run main module \`${path}\``, [e instanceof Error ? e.message : String(e)]));
    return EXIT_ERROR;
  }

  // What the guest wrote inside its preopens lands on the host even if it trapped afterwards.
  for (const failure of applySandboxChanges(ctx.fs, mounts, result.changes).failures)
    err(dojoLine(`could not write the guest's change back to ${failure.hostPath}: ${failure.message}`, color));
  ctx.services.recordRun?.(commandLine(ctx.argv), result);

  return reportOutcome(ctx, args, result, invokeSig);
}

function reportOutcome(
  ctx: CommandContext,
  args: RunArgs,
  result: RunResult,
  invokeSig: { params: unknown[]; results: unknown[] } | undefined,
): number {
  const err = (text: string) => ctx.stderr.write(text);
  const path = args.module;
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'exit': {
      if (outcome.code >= 126) {
        err(invalidExitStatusError(path, outcome.backtrace ?? []));
        return EXIT_ERROR;
      }
      if (args.invoke !== undefined) {
        const results = result.invokeResults ?? [];
        const returnsValues = (result.invokeSignature?.results.length ?? invokeSig?.results.length ?? results.length) > 0;
        if (returnsValues) err(INVOKE_RESULTS_WARNING);
        for (const line of results) ctx.stdout.write(`${line}\n`);
      }
      return outcome.code;
    }
    case 'trap':
      err(trapError(path, outcome.message, outcome.backtrace, args.invoke));
      return EXIT_TRAP;
    case 'killed':
      if (outcome.reason === 'timeout') {
        err(trapError(path, 'interrupt', [], args.invoke));
        return EXIT_TRAP;
      }
      return EXIT_INTERRUPTED;
    case 'error':
      switch (outcome.stage) {
        case 'compile':
          err(compileFailure(outcome.message));
          return EXIT_ERROR;
        case 'link':
          err(
            outcome.missingImport
              ? unknownImportError(path, outcome.missingImport.module, outcome.missingImport.name)
              : mainModuleError(path, outcome.message),
          );
          return EXIT_ERROR;
        case 'export':
          err(outcome.missingExport ? missingExportError(path, outcome.missingExport) : mainModuleError(path, outcome.message));
          return EXIT_ERROR;
      }
  }
}
