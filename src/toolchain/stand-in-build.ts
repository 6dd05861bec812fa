/**
 * The Dojo's ONE stand-in build: there is no compiler in the browser, so every simulated build
 * (`cargo build`, `spin build`, `tinygo build`, wrangler's and fastly's builds) writes a precompiled
 * module where the real build writes its output, and says so in one dim `dojo:` line. Which module
 * stands in for which source is data (STAND_INS below), not code spread over the tools.
 *
 * Three kinds of stand-in, from the most to the least faithful:
 * - a program we wrote in the learner's language that is the same program as one of our precompiled
 *   modules (modules/go/<name>/main.go ↔ public/modules/<name>.wasm): when the learner's source is that
 *   program, the module placed IS what the compiler would have made, behaviour for behaviour;
 * - a module generated from the one fixed text the source prints or replies (reply-module.ts);
 * - a default module for the tool (the hello command, the WAGI hello handler), and the line says
 *   plainly that the learner's source did not shape it.
 */
import type { HostFs } from '../fs/types';
import { dirname } from '../fs/path';
import { dojoLine } from '../lib/dojo-line';
import { readStandInModule, stripComments } from './stand-in';
import type { ProgramStandIn } from './stand-in-data';

export { STAND_INS, type ProgramStandIn } from './stand-in-data';

/**
 * A Go source reduced to its tokens' shape: comments gone, every run of blanks, newlines and
 * semicolons one space, no space beside punctuation. `gofmt`-only edits (tabs, blank lines,
 * `;` instead of a newline, a comment) therefore still match; any change to the code does not.
 */
export function goShape(text: string): string {
  // Literals are kept byte for byte (a changed space in "Hello, world!" is a changed program); only
  // the code between them is normalised.
  const LITERAL = /"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*'|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;
  const code = (part: string) => part.replace(/[\s;]+/g, ' ').replace(/ ?([{}()[\],=+\-*/<>!&|:.]) ?/g, '$1');
  const parts: string[] = [];
  let pending = '';
  let at = 0;
  for (const m of text.matchAll(LITERAL)) {
    pending += text.slice(at, m.index);
    at = m.index + m[0].length;
    // A comment is a blank; a literal closes the code before it.
    if (m[0].startsWith('//') || m[0].startsWith('/*')) pending += ' ';
    else {
      parts.push(code(pending).trim(), m[0]);
      pending = '';
    }
  }
  parts.push(code(pending + text.slice(at)).trim());
  return parts.join('\u0000');
}

/** The committed program the source is (up to layout and comments), if any. */
export function matchProgram(candidates: readonly ProgramStandIn[], source: string): ProgramStandIn | undefined {
  const shape = goShape(source);
  return candidates.find((c) => goShape(c.text) === shape);
}

/**
 * A Go `main` that only prints fixed text: `fmt.Println("…")` / `fmt.Print("…")` / `println("…")`
 * calls and nothing else in main. Returns the text it prints, or null.
 */
export function goFixedOutput(source: string): string | null {
  const code = stripComments(source);
  if (!/^\s*package\s+main\b/m.test(code)) return null;
  const main = /func\s+main\s*\(\s*\)\s*\{([\s\S]*)\}\s*$/.exec(code);
  if (!main) return null;
  const body = main[1]!;
  const call = /\s*(fmt\.Println|fmt\.Print|println)\(\s*"((?:[^"\\\n]|\\.)*)"\s*\)\s*;?/y;
  let out = '';
  let at = 0;
  for (;;) {
    call.lastIndex = at;
    const m = call.exec(body);
    if (!m) break;
    const text = m[2]!.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
    out += m[1] === 'fmt.Print' ? text : `${text}\n`;
    at = call.lastIndex;
  }
  if (body.slice(at).trim() !== '' || at === 0) return null;
  return out;
}

/** One placed file: where, and what it is (for the dojo: line). */
export interface Placement {
  /** As the learner would name it (relative to where they stand, or the tool's own form). */
  path: string;
  what: string;
}

/** The one dim line every simulated build ends with. */
export function standInLine(placements: readonly Placement[], color: boolean): string {
  return dojoLine(`simulated build, nothing was compiled: ${placements.map((p) => `${p.path} <- ${p.what}`).join('; ')}`, color);
}

export function precompiled(module: string): string {
  return `the precompiled ${module} module`;
}

/** What to write: a precompiled module by name, or bytes generated for this source. */
export type StandInChoice = { module: string; bytes?: undefined } | { module?: undefined; bytes: Uint8Array };

/** Writes the stand-in at `target` (parent directories created). False when the precompiled module is missing. */
export async function placeStandIn(fs: HostFs, home: string, target: string, choice: StandInChoice): Promise<boolean> {
  const bytes = choice.bytes ?? (await readStandInModule(fs, home, choice.module));
  if (!bytes) return false;
  fs.mkdir(dirname(target), { recursive: true });
  fs.writeFile(target, bytes);
  return true;
}

/** The learner-facing note when a precompiled module cannot be found. */
export function missingModuleLine(module: string, color: boolean): string {
  return dojoLine(`the stand-in module ~/modules/${module}.wasm is missing (run \`dojo reset\` to restore it).`, color);
}
