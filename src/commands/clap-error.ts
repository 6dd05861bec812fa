/**
 * clap's usage error block, as every Rust CLI we emulate built on clap prints it (spin, cargo,
 * rustup): `error:` (bold red on a terminal), the message, the usage line, and the `--help` tip.
 * The exit status differs by tool (clap's 2; cargo and rustup map it to 1), so callers return it.
 */
export function clapUsageError(error: string, usage: string, color: boolean): string {
  const label = color ? '\x1b[1m\x1b[31merror:\x1b[0m' : 'error:';
  return `${label} ${error}\n\nUsage: ${usage}\n\nFor more information, try '--help'.\n`;
}
