import { paint, style } from '../lib/ansi';
/**
 * clap's usage error block, as every Rust CLI we emulate built on clap prints it (spin, cargo,
 * rustup): `error:` (bold red on a terminal), the message, the usage line, and the `--help` tip.
 * The exit status differs by tool (clap's 2; cargo and rustup map it to 1), so callers return it.
 */
export function clapUsageError(error: string, usage: string, color: boolean): string {
  const label = paint(style('bold', 'red'), 'error:', color);
  return `${label} ${error}\n\nUsage: ${usage}\n\nFor more information, try '--help'.\n`;
}
