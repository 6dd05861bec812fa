/**
 * Golden transcripts: what a real tool prints for one command, written down from the tool's own
 * sources (each file's `# source:` lines say where), never from the Dojo's output. A file is:
 *
 *   # comment and source lines
 *   $ the command line
 *   exit N
 *   --- stdout            (optional; absent = nothing printed)
 *   …exact text…
 *   --- stderr            (optional)
 *   …exact text…
 *
 * A section's text is its lines, each ending in a newline, so a blank last line is a blank line the
 * tool prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Golden {
  file: string;
  sources: string[];
  command: string;
  exit: number;
  stdout: string;
  stderr: string;
}

export function parseGolden(file: string, text: string): Golden {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const golden: Golden = { file, sources: [], command: '', exit: -1, stdout: '', stderr: '' };
  let section: 'stdout' | 'stderr' | undefined;
  const body: Record<'stdout' | 'stderr', string[]> = { stdout: [], stderr: [] };
  for (const line of lines) {
    const marker = /^--- (stdout|stderr)$/.exec(line);
    if (marker) section = marker[1] as 'stdout' | 'stderr';
    else if (section) body[section].push(line);
    else if (line.startsWith('# source:')) golden.sources.push(line.slice('# source:'.length).trim());
    else if (line.startsWith('$ ')) golden.command = line.slice(2);
    else if (/^exit \d+$/.test(line)) golden.exit = Number(line.slice(5));
    else if (line !== '' && !line.startsWith('#')) throw new Error(`${file}: unexpected line before the output: ${line}`);
  }
  if (!golden.command || golden.exit < 0) throw new Error(`${file}: needs a "$ command" line and an "exit N" line`);
  if (golden.sources.length === 0) throw new Error(`${file}: says nowhere where the text comes from (# source: …)`);
  for (const s of ['stdout', 'stderr'] as const) golden[s] = body[s].map((l) => `${l}\n`).join('');
  return golden;
}

/** Every `*.txt` transcript in a folder, sorted by name. */
export function loadGoldens(dir: string): Golden[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseGolden(f, readFileSync(join(dir, f), 'utf8')));
}
