/**
 * A command whose code loads after the first prompt. The big emulated tools (wasmtime,
 * wasmedge) would otherwise sit in the JS the page must fetch before it can show a prompt.
 * The stub answers `help` with its own name, summary and usage at once; flags, completion
 * and `run` come from the real definition, which `run` waits for if it is still loading.
 */
import type { CommandDefinition } from '../shell/types';

export interface LazyCommand extends CommandDefinition {
  /** Starts loading (idempotent); resolves when the real definition is in place. */
  preload(): Promise<CommandDefinition>;
}

export function lazyCommand(meta: Pick<CommandDefinition, 'name' | 'summary' | 'usage'>, load: () => Promise<CommandDefinition>): LazyCommand {
  let real: CommandDefinition | undefined;
  let loading: Promise<CommandDefinition> | undefined;
  const preload = () => {
    loading ??= load().then(
      (def) => {
        real = def;
        return def;
      },
      (err: unknown) => {
        // A failed chunk download (e.g. offline before the app was cached) is tried again next time.
        loading = undefined;
        throw err;
      },
    );
    return loading;
  };
  return {
    name: meta.name,
    get summary() {
      return real?.summary ?? meta.summary;
    },
    get usage() {
      return real?.usage ?? meta.usage;
    },
    get flags() {
      return real?.flags;
    },
    get subcommands() {
      return real?.subcommands;
    },
    // The lesson grader reads these from the registry: a runtime's grants are known once it has
    // loaded (it has by the time a line that ran it is graded).
    get control() {
      return real?.control;
    },
    get describeGrants() {
      return real?.describeGrants;
    },
    complete(args, partial, shell) {
      if (!real) {
        // Completion is a best effort: a failed load shows up when the command is run.
        preload().catch(() => undefined);
        return [];
      }
      return real.complete?.(args, partial, shell) ?? [];
    },
    async run(ctx) {
      let def: CommandDefinition;
      try {
        def = await preload();
      } catch (err) {
        // Said, not thrown: a failed chunk download must not hang the prompt.
        ctx.stderr.write(`dojo: ${meta.name} could not be loaded: ${err instanceof Error ? err.message : String(err)}\n`);
        return 1;
      }
      return def.run(ctx);
    },
    preload,
  };
}
