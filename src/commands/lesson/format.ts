/** Small terminal formatting shared by the lesson commands (colour only on a TTY). */
import { paint as paintIf } from '../../lib/ansi';
import type { CommandDefinition, OutputSink } from '../../shell/types';

/** `text` in `style` (an SGR escape from lib/ansi) when `out` is a terminal, else plain. */
export function paint(out: OutputSink, style: string, text: string): string {
  return paintIf(style, text, out.isTTY === true);
}

export function writeLines(out: OutputSink, lines: string[]): void {
  out.write(lines.join('\n') + '\n');
}

export function formatMinutes(ms: number): string {
  const m = Math.round(ms / 60000);
  return m < 1 ? '<1 min' : `${m} min`;
}

/** Markdown → terminal text: keep backticks, drop emphasis markers and fenced code markers. */
export function mdToTerminal(md: string): string {
  return md
    .replace(/^```\w*\s*$/gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `--help` or `-h` among the arguments (argv[0] is the command). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.slice(1).some((a) => a === '--help' || a === '-h');
}

/** `NAME --help`: usage, summary and subcommands, as the shell's own builtins print it. */
export function helpText(def: CommandDefinition): string {
  const lines = [`Usage: ${def.usage.split('\n').join('\n       ')}`, def.summary];
  if (def.subcommands?.length) {
    lines.push('', 'Commands:');
    const width = Math.max(...def.subcommands.map((s) => s.name.length));
    for (const s of def.subcommands) lines.push(`  ${s.name.padEnd(width)}  ${s.summary}`);
  }
  return lines.join('\n') + '\n';
}
