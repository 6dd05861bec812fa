/**
 * wasmtime's other subcommands. They compile to native code, serve HTTP or manage host files, none
 * of which a browser sandbox can do faithfully, so each says so plainly (exit 1) instead of
 * pretending. `--help` still shows the subcommand's purpose.
 */
import type { CommandContext } from '../../shell/types';
import { EXIT_ERROR } from './errors';
import { dojoLine } from '../../lib/dojo-line';
import { subcommandHelp } from './help';

const WHY: Record<string, string> = {
  compile: 'compiles to native machine code (.cwasm); the Dojo has no native code generator.',
  explore: 'writes an HTML view of the native code Cranelift generates; the Dojo has no native code generator.',
  serve: 'serves wasi:http proxy components; the Dojo runs core WASI modules only (try the `spin` lessons for HTTP).',
  config: 'manages a config file for the native cache; nothing to configure here.',
  settings: 'lists Cranelift settings of a native target; the Dojo has no native code generator.',
  wast: 'runs spec test scripts; not part of the Dojo.',
  completion: 'prints shell completion scripts for bash/zsh/fish; the Dojo terminal completes with Tab already.',
  objdump: 'disassembles .cwasm native code; the Dojo has no native code generator.',
  'hot-blocks': 'profiles native code with perf; not available in a browser.',
  wizer: 'pre-initialises modules by snapshotting them; not available in the Dojo.',
};

export async function runStubSubcommand(ctx: CommandContext, name: string, rest: string[]): Promise<number> {
  if (rest.includes('-h') || rest.includes('--help')) {
    ctx.stdout.write(subcommandHelp(name));
    return 0;
  }
  ctx.stderr.write(dojoLine(`\`wasmtime ${name}\` is not available in the Dojo: it ${WHY[name] ?? 'is not emulated.'}`, ctx.stderr.isTTY));
  return EXIT_ERROR;
}
