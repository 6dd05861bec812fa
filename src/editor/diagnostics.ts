/**
 * Parse errors of the config formats learners edit (JSON, YAML, TOML), as editor diagnostics.
 * Pure so the same messages can be unit-tested in Node and shown by Monaco as markers.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { LineCounter, parseAllDocuments } from 'yaml';

export interface Diagnostic {
  message: string;
  /** 1-based, as editors and Spin's TOML errors count. */
  line: number;
  column: number;
  severity: 'error' | 'warning';
}

/** Extra checks for particular files (spin.toml registers its manifest validator here). */
export type FileValidator = (text: string) => Diagnostic[];
const validatorsByBaseName = new Map<string, FileValidator>();

export function registerFileValidator(baseName: string, validator: FileValidator): void {
  validatorsByBaseName.set(baseName, validator);
}

export type DiagnosedFormat = 'json' | 'yaml' | 'toml';

/** Checks beyond syntax for every file of a format (Kubernetes manifests register theirs for YAML). */
const validatorsByFormat = new Map<DiagnosedFormat, FileValidator[]>();

/** Adds `validator` for every file of `format`; its findings follow the syntax errors. Returns the undo. */
export function registerFormatValidator(format: DiagnosedFormat, validator: FileValidator): () => void {
  const list = validatorsByFormat.get(format) ?? [];
  list.push(validator);
  validatorsByFormat.set(format, list);
  return () => {
    const i = list.indexOf(validator);
    if (i >= 0) list.splice(i, 1);
  };
}

function withFormatChecks(format: DiagnosedFormat, text: string, syntax: Diagnostic[]): Diagnostic[] {
  const extra = validatorsByFormat.get(format);
  if (!extra?.length) return syntax;
  const out = [...syntax];
  for (const v of extra) {
    try {
      out.push(...v(text));
    } catch {
      // a failing checker costs its markers, never the syntax errors
    }
  }
  return out;
}

export function formatOfPath(path: string): DiagnosedFormat | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.toml')) return 'toml';
  return null;
}

export function diagnose(path: string, text: string): Diagnostic[] {
  const baseName = path.slice(path.lastIndexOf('/') + 1);
  const special = validatorsByBaseName.get(baseName);
  if (special) return capped(special(text));
  switch (formatOfPath(path)) {
    case 'json':
      return diagnoseJson(text);
    case 'yaml':
      return capped(withFormatChecks('yaml', text, diagnoseYaml(text)));
    case 'toml':
      return diagnoseToml(text);
    default:
      return [];
  }
}

/**
 * Markers shown at most: a broken file can produce one problem per line (a hostile 120 KB YAML gave
 * 60,000), and nobody reads past the first screenful; the last marker says how many more there are.
 */
export const MAX_DIAGNOSTICS = 100;

function capped(list: Diagnostic[]): Diagnostic[] {
  if (list.length <= MAX_DIAGNOSTICS) return list;
  const shown = list.slice(0, MAX_DIAGNOSTICS);
  const more = list.length - MAX_DIAGNOSTICS;
  shown.push({ ...shown[MAX_DIAGNOSTICS - 1]!, message: `${more} more problem${more === 1 ? '' : 's'} not shown`, severity: 'warning' });
  return shown;
}

/** Line and column (1-based) of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

export function diagnoseJson(text: string): Diagnostic[] {
  if (text.trim() === '') return [];
  try {
    JSON.parse(text);
    return [];
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8 words it either "... at position N" or "... (line L column C)" depending on version.
    const lineCol = /\(line (\d+) column (\d+)\)/.exec(message);
    if (lineCol) {
      return [
        { message: message.replace(/\s*\(line \d+ column \d+\)/, ''), line: Number(lineCol[1]), column: Number(lineCol[2]), severity: 'error' },
      ];
    }
    const pos = /at position (\d+)/.exec(message);
    const where = pos ? positionOf(text, Number(pos[1])) : positionOf(text, text.length);
    return [{ message: message.replace(/\s*in JSON at position \d+.*$/, '').replace(/ at position \d+.*$/, ''), ...where, severity: 'error' }];
  }
}

export function diagnoseYaml(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Line starts are indexed once; looking each error's offset up in the text was quadratic.
  const lineCounter = new LineCounter();
  for (const doc of parseAllDocuments(text, { prettyErrors: false, lineCounter })) {
    if (!('errors' in doc)) continue;
    for (const problem of [...doc.errors, ...doc.warnings]) {
      const start = lineCounter.linePos(problem.pos[0]);
      out.push({
        message: problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
        line: start.line,
        column: start.col,
        severity: problem.name === 'YAMLWarning' ? 'warning' : 'error',
      });
    }
  }
  return out;
}

export function diagnoseToml(text: string): Diagnostic[] {
  try {
    parseToml(text);
    return [];
  } catch (err) {
    if (err instanceof TomlError) {
      // smol-toml appends a code frame after a blank line; the first line is the message.
      return [{ message: err.message.split('\n')[0]!, line: err.line, column: err.column, severity: 'error' }];
    }
    return [{ message: String(err), line: 1, column: 1, severity: 'error' }];
  }
}
