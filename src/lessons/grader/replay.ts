/**
 * Re-runs one simple command (argv) on a given filesystem with its output captured, by calling the
 * command's definition directly. The grader uses it to replay the learner's line on clones of the
 * pre-command filesystem, so ablation never touches the learner's files, terminal or lastRun.
 * A replay gets what the learner's command got (its exec event): the same cwd, exported env and
 * stdin bytes, so a module fed by a pipe is replayed with that same input.
 */
import type { HostFs } from '../../fs/types';
import { resolve as resolvePath } from '../../fs/path';
import type { RunResult } from '../../runtime/types';
import { BufferSink, bytesInput, terminalInput } from '../../shell/streams';
import { VariableTable } from '../../shell/env';
import type { CommandContext, CommandRegistry, DojoServices, ShellApi } from '../../shell/types';

export interface ReplayRequest {
  argv: string[];
  fs: HostFs;
  cwd: string;
  home: string;
  env: Array<[string, string]>;
  /** The bytes piped or redirected into the original command; null or absent: it read the terminal. */
  stdin?: Uint8Array | null;
  signal?: AbortSignal;
}

export interface ReplayResult {
  status: number;
  stdout: string;
  stderr: string;
  run?: RunResult;
}

export type Replayer = (req: ReplayRequest) => Promise<ReplayResult>;

/** Output a replay keeps: enough for stdoutContains, bounded so a chatty module cannot eat memory. */
const REPLAY_OUTPUT_CAP = 256 * 1024;

export function createDefinitionReplayer(deps: { registry: CommandRegistry; services: DojoServices }): Replayer {
  return async (req) => {
    const def = deps.registry.get(req.argv[0] ?? '');
    if (!def) return { status: 127, stdout: '', stderr: `dojo: ${req.argv[0]}: command not found\n` };
    const stdout = new BufferSink(REPLAY_OUTPUT_CAP);
    const stderr = new BufferSink(REPLAY_OUTPUT_CAP);
    let cwd = req.cwd;
    const shell: ShellApi = {
      get cwd() {
        return cwd;
      },
      home: req.home,
      resolvePath: (p) => resolvePath(cwd, p, req.home),
      chdir: (p) => {
        cwd = p;
      },
      history: () => [],
      registry: deps.registry,
    };
    let run: RunResult | undefined;
    // Inherit everything the app offers (engine, ...) but capture the run here instead of
    // overwriting the learner's `dojo trace` with a grader replay.
    const services: DojoServices = Object.assign(Object.create(deps.services) as DojoServices, {
      lastRun: undefined,
      recordRun(_command: string, result: RunResult) {
        run = result;
      },
    });
    const ctx: CommandContext = {
      argv: req.argv,
      stdin: req.stdin ? bytesInput(req.stdin) : terminalInput,
      stdout,
      stderr,
      env: new VariableTable(Object.fromEntries(req.env)),
      fs: req.fs,
      cwd,
      signal: req.signal ?? new AbortController().signal,
      shell,
      services,
      prompt: () => Promise.resolve(null),
    };
    let status: number;
    try {
      status = await def.run(ctx);
    } catch (e) {
      return { status: 1, stdout: stdout.text(), stderr: stderr.text() + `replay failed: ${(e as Error).message}\n` };
    }
    return { status, stdout: stdout.text(), stderr: stderr.text(), ...(run ? { run } : {}) };
  };
}
