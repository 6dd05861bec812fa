/**
 * The contract between the emulated tools (wasmtime, wasmedge, spin, the grader) and whatever
 * executes Wasm. Engines are swappable: the browser uses a Web Worker running @wasmer/wasi,
 * Node tests use the same engine in-process, and node:wasi serves as the independent oracle.
 *
 * Everything here is plain data so it crosses postMessage unchanged.
 */

/** A host directory granted to the guest, as `--dir HOST::GUEST` or wasmedge's `GUEST:HOST`. */
export interface Mount {
  hostPath: string;
  guestPath: string;
  readonly: boolean;
}

/** The files a sandbox starts with, already keyed by *guest* path. Built from the HostFs by sandbox.ts. */
export interface SandboxImage {
  /** Every granted directory and every directory below it, guest paths. */
  dirs: string[];
  files: Array<{ path: string; data: Uint8Array }>;
  /**
   * Entries of `files` that are not regular files on the host (guest-fds.ts makes them look as they
   * do under wasmtime): a character device (its file is empty; reads and writes go to the device),
   * or a symlink with its text (its file holds the target's bytes when `resolved`: a relative link to
   * a file inside the same grant; otherwise it is empty and opening it fails as wasmtime's would).
   */
  special?: SpecialEntry[];
}

export type SpecialEntry =
  | { path: string; kind: 'chardev'; device: 'null' | 'zero' | 'random' | 'urandom' }
  | { path: string; kind: 'symlink'; target: string; resolved: boolean };

export interface RunLimits {
  /** wasmtime `-W fuel=N`: trap with "all fuel consumed by WebAssembly" when exhausted. */
  fuel?: number;
  /** wasmtime `-W max-memory-size=N` in bytes. */
  maxMemoryBytes?: number;
  /** wasmtime `-W timeout=N` in ms: the run is interrupted (trap) after this long. */
  timeoutMs?: number;
}

export interface RunRequest {
  /** Compiled-from-source binary (.wat is converted to bytes before it gets here). */
  wasm: Uint8Array;
  /** Full argv as the guest sees it; argv[0] is the module's base name unless --argv0 says otherwise. */
  args: string[];
  /** Only the granted variables, in grant order. */
  env: Array<[string, string]>;
  /** Guest paths of the preopened directories, in grant order; contents come from `image`. */
  preopens: string[];
  /**
   * Guest paths (a subset of `preopens`) granted read-only, e.g. wasmedge `--dir GUEST:HOST:readonly`:
   * the guest gets ENOTCAPABLE when it tries to create, change or remove anything through them.
   */
  readonlyPreopens?: string[];
  image: SandboxImage;
  stdin: Uint8Array;
  /** `--invoke NAME ARGS...`: call an export instead of `_start`. */
  invoke?: { name: string; args: string[] };
  limits?: RunLimits;
  /**
   * Extra host functions beyond WASI, by feature. Spin's outbound HTTP is the first: the guest calls
   * an import our Spin host provides; the policy and offline fixtures travel with the request because
   * the call is answered synchronously inside the worker.
   */
  host?: { outboundHttp?: OutboundHttpPolicy };
  /**
   * `false`: link no WASI at all (wasmtime `-S cli=n`), so a module importing any WASI function
   * fails to instantiate on the first one, as an unknown import. Default: WASI is linked.
   */
  linkWasi?: boolean;
  /**
   * Compile these bytes anew even when the compile cache holds them (the new module replaces the
   * cached one), and build a fresh guest (no spare): the cold-start lab's "first run" compile,
   * measured even when the module is warm.
   */
  fresh?: boolean;
}

export interface OutboundHttpPolicy {
  /** spin.toml `allowed_outbound_hosts` of the component, verbatim. */
  allowedHosts: string[];
  /** Offline answers keyed by full URL (e.g. "https://api.example.com/quote"). */
  fixtures: Record<string, { status: number; headers: Record<string, string>; body: string }>;
}

/** One WASI call as the guest made it; the grader and `dojo trace` read these. */
export interface TraceEntry {
  seq: number;
  /** WASI function name, e.g. "path_open". */
  fn: string;
  /** Decoded, human-readable arguments, e.g. { fd: 3, path: "config.json" }. */
  args: Record<string, string | number | boolean>;
  /** Raw errno returned (0 = success). */
  errno: number;
  /** Symbolic errno, e.g. "ESUCCESS", "ENOENT", "ENOTCAPABLE", "EBADF". */
  errnoName: string;
  /** For path calls: the path resolved against the preopen it went through, e.g. "/data/config.json". */
  resolvedPath?: string;
}

export type FileChange =
  | { kind: 'write'; guestPath: string; data: Uint8Array }
  | { kind: 'mkdir'; guestPath: string }
  | { kind: 'remove'; guestPath: string }
  /** The guest created a symlink (path_symlink) holding `target`. */
  | { kind: 'symlink'; guestPath: string; target: string };

export type RunOutcome =
  /** `_start` returned or proc_exit was called. */
  | {
      kind: 'exit';
      code: number;
      /** For a status wasmtime refuses (126 and above): the wasm frames of the proc_exit call. */
      backtrace?: string[];
    }
  /** A Wasm trap: unreachable, out-of-bounds, fuel, interrupt... */
  | { kind: 'trap'; message: string; backtrace: string[] }
  /**
   * The module could not be compiled, linked or started. `stage` lets each CLI word it the way
   * the real tool does (wasmtime: "failed to parse WebAssembly module", "unknown import: `m::f` has
   * not been defined", "failed to find function export `f`").
   */
  | {
      kind: 'error';
      stage: 'compile' | 'link' | 'export';
      message: string;
      /** stage 'link': the first import the engine cannot provide. */
      missingImport?: { module: string; name: string; kind: string };
      /** stage 'export': the export that was asked for and is missing. */
      missingExport?: string;
    }
  /** Killed from outside (Ctrl-C / wall-clock cap) before it finished. */
  | { kind: 'killed'; reason: 'interrupt' | 'timeout' };

export interface RunResult {
  outcome: RunOutcome;
  trace: TraceEntry[];
  /** What the guest changed inside its preopens; the host applies these (respecting read-only mounts). */
  changes: FileChange[];
  /** `--invoke` results, formatted as wasmtime prints them. */
  invokeResults?: string[];
  /** `--invoke`: the export's signature, so the CLI can print wasmtime's "experimental" warnings. */
  invokeSignature?: { params: string[]; results: string[] };
  /** Outbound HTTP attempts the host saw (allowed or denied), for Spin's log lines and the grader. */
  outbound?: Array<{ url: string; allowed: boolean; status?: number }>;
  /**
   * Engine timings in ms, for bench and the trace panel. `fromSpare`: the guest had been built ahead
   * of time while the engine was idle (spare.ts), so the run only started it.
   */
  timings: RunTimings;
  /**
   * The guest's linear memory (pages × 64 KiB) right after instantiation and when it ended (memory
   * only grows), for the lab's memory per instance. Absent when the module has no exported memory.
   */
  memory?: { initialBytes: number; finalBytes: number };
}

export interface RunTimings {
  /** Compiling, or finding the compiled module in the cache (`compileCached`). */
  compileMs: number;
  /** Guest set-up to exit: `instantiateMs` + `executeMs` (and the checks between them). */
  runMs: number;
  fromSpare?: boolean;
  /** Whether the compiled module came from the cache. */
  compileCached?: boolean;
  /** Sandbox (MemFS, WASI state, imports) and `WebAssembly.Instance`; near 0 from a spare. */
  instantiateMs?: number;
  /** Start function / `_start` / `--invoke` to exit. */
  executeMs?: number;
}

export interface RunIO {
  /** Called as the guest writes, not only at exit. */
  onStdout(bytes: Uint8Array): void;
  onStderr(bytes: Uint8Array): void;
}

export interface WasmEngine {
  /** Resolves when the engine can run modules (worker spawned, wasmer init() done). */
  ready(): Promise<void>;
  run(req: RunRequest, io: RunIO, signal?: AbortSignal): Promise<RunResult>;
}
