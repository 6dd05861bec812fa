/**
 * cobra's help and usage text, for Go tools built on cobra + pflag (oras, wasm-to-oci; kubectl and helm
 * print their own templates). Followed from the sources:
 * - spf13/cobra command.go (v1.2–v1.8) defaultUsageTemplate / defaultHelpTemplate: `Usage:` then
 *   `  <use line>` (` [flags]` appended when the Use has none), `  <path> [command]` when there are
 *   subcommands, `Aliases:`, `Examples:`, `Available Commands:` (names padded to the longest + 1),
 *   `Flags:`, `Global Flags:`, and `Use "<path> [command] --help" for more information about a command.`;
 *   help is the Long (else Short) text, a blank line, then the usage.
 * - spf13/pflag flag.go (v1.0.5) FlagUsagesWrapped: `  -s, --name type` or `      --name type`, the
 *   type from a back-quoted word in the usage (else the flag's type name; none for bools), padded to the
 *   longest such column, three spaces, the usage, then ` (default "x")` for a non-zero string default or
 *   ` (default 5)` otherwise.
 */
import type { FlagDecl } from './spec';

export interface CobraFlag extends FlagDecl {
  /** pflag's type name for the value (`string`, `int`, `stringArray`, `strings`); absent for a bool. */
  goType?: string;
}

export interface CobraHelpSpec {
  /** The command path, e.g. `oras push`. */
  path: string;
  use: string;
  short: string;
  long?: string;
  aliases?: string[];
  example?: string;
  flags: CobraFlag[];
  globalFlags?: CobraFlag[];
  subcommands?: Array<{ name: string; short: string }>;
  /** Has a Run of its own (default: when it has no subcommands). */
  runnable?: boolean;
}

/** pflag's UnquoteUsage: a `back-quoted` word names the value and loses its quotes. */
function unquote(flag: CobraFlag): { varname: string; usage: string } {
  const m = /`([^`]*)`/.exec(flag.help);
  if (m) return { varname: m[1]!, usage: flag.help.replace(/`/g, '') };
  return { varname: flag.goType ?? '', usage: flag.help };
}

export function pflagUsages(flags: readonly CobraFlag[]): string {
  const rows = flags
    .filter((f) => !f.hidden)
    .sort((a, b) => (a.long ?? a.short ?? '').localeCompare(b.long ?? b.short ?? ''))
    .map((f) => {
      const { varname, usage } = unquote(f);
      let left = f.short && f.long ? `  -${f.short}, --${f.long}` : f.long ? `      --${f.long}` : `  -${f.short}`;
      if (varname) left += ` ${varname}`;
      let right = usage;
      if (f.default !== undefined && f.default !== '' && f.default !== '0' && f.default !== 'false' && f.default !== '[]') {
        right += f.goType === 'string' ? ` (default ${JSON.stringify(f.default)})` : ` (default ${f.default})`;
      }
      return { left, right };
    });
  const width = Math.max(0, ...rows.map((r) => r.left.length));
  return rows.map((r) => `${r.left.padEnd(width)}   ${r.right}\n`).join('');
}

export function cobraUsage(spec: CobraHelpSpec): string {
  const useLine = `${spec.path.split(' ').slice(0, -1).concat(spec.use).join(' ')}${spec.flags.length && !spec.use.includes('[flags]') ? ' [flags]' : ''}`;
  let out = 'Usage:\n';
  if (spec.runnable ?? !spec.subcommands?.length) out += `  ${useLine}\n`;
  if (spec.subcommands?.length) out += `  ${spec.path} [command]\n`;
  if (spec.aliases?.length) out += `\nAliases:\n  ${[spec.path.split(' ').at(-1), ...spec.aliases].join(', ')}\n`;
  if (spec.example) out += `\nExamples:\n${spec.example}\n`;
  if (spec.subcommands?.length) {
    const pad = Math.max(...spec.subcommands.map((s) => s.name.length)) + 1;
    out += '\nAvailable Commands:\n';
    for (const s of spec.subcommands) out += `  ${s.name.padEnd(pad)} ${s.short}\n`;
  }
  if (spec.flags.length) out += `\nFlags:\n${pflagUsages(spec.flags)}`;
  if (spec.globalFlags?.length) out += `\nGlobal Flags:\n${pflagUsages(spec.globalFlags)}`;
  if (spec.subcommands?.length) out += `\nUse "${spec.path} [command] --help" for more information about a command.\n`;
  return out;
}

export function cobraHelp(spec: CobraHelpSpec): string {
  const text = (spec.long ?? spec.short).replace(/\s+$/, '');
  return `${text ? `${text}\n\n` : ''}${cobraUsage(spec)}`;
}
