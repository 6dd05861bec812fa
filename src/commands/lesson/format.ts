/** Small terminal formatting shared by the lesson commands (colour only on a TTY). */
import type { OutputSink } from '../../shell/types';

export const ansi = {
  green: '\x1b[32m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  reset: '\x1b[0m',
};

export function paint(out: OutputSink, code: string, text: string): string {
  return out.isTTY ? `${code}${text}${ansi.reset}` : text;
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
