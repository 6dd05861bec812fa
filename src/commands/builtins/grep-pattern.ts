/**
 * Rewrites a GNU grep pattern (BRE by default, ERE with -E) into the syntax RE2 understands, so
 * grep can match in linear time. The two dialects differ from RE2 in ways people type every day:
 *   BRE: `\(` `\)` `\{` `\}` `\|` `\+` `\?` are the operators, the bare characters are literal;
 *        `^` / `$` anchor only at the ends of the pattern or of a group / alternative.
 *   both: `\` is literal inside brackets (`[\.]` is backslash or dot), a leading `*` is literal,
 *        `a**` is `a*`, `{,n}` means `{0,n}`, `\<` / `\>` are word boundaries (mapped to `\b`),
 *        `[[:alpha:]]` classes (expanded to ASCII ranges so a JS RegExp reads them too).
 * Back-references (`\1`) are beyond RE2; the result says so and grep falls back to a JS RegExp
 * (backtracking, so only for those patterns). Errors carry GNU grep's wording.
 */

export type GrepDialect = 'basic' | 'extended';

export interface TranslatedPattern {
  /** Source valid for RE2 and, when `backReferences` is set, for a JS RegExp. */
  source: string;
  /**
   * Each newline-separated pattern's own source. A back-reference counts groups within its own
   * pattern, so with back-references each is compiled and tried on its own, not joined into `source`.
   */
  alternatives: string[];
  backReferences: boolean;
  /** GNU's warnings ("* at start of expression"), printed but not fatal. */
  warnings: string[];
}

export class GrepPatternError extends Error {}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\v\\f\\r',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

const PASS_THROUGH_ESCAPES = new Set(['w', 'W', 's', 'S', 'b', 'B']);

/** Newline-separated patterns are alternatives, as in GNU grep. */
export function translatePatterns(patterns: string, dialect: GrepDialect | 'fixed'): TranslatedPattern {
  const parts = patterns
    .split('\n')
    .map((p) =>
      dialect === 'fixed'
        ? { source: quoteLiteral(p), alternatives: [quoteLiteral(p)], backReferences: false, warnings: [] }
        : translateOne(p, dialect),
    );
  return {
    source: parts.length === 1 ? parts[0]!.source : parts.map((p) => `(?:${p.source})`).join('|'),
    alternatives: parts.map((p) => p.source),
    backReferences: parts.some((p) => p.backReferences),
    warnings: parts.flatMap((p) => p.warnings),
  };
}

function quoteLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function translateOne(pattern: string, dialect: GrepDialect): TranslatedPattern {
  const basic = dialect === 'basic';
  const out: string[] = [];
  const warnings: string[] = [];
  /** Index in `out` where each open group starts. */
  const groups: number[] = [];
  let closedGroups = 0;
  let backReferences = false;
  /** Where the last atom began (for wrapping `a**`), or -1 when nothing can be repeated. */
  let atomStart = -1;
  let lastWasRepeat = false;
  /** At the start of the pattern, a group or an alternative: `*` is literal, BRE `^` anchors. */
  let atStart = true;

  const atom = (text: string) => {
    atomStart = out.length;
    out.push(text);
    lastWasRepeat = false;
    atStart = false;
  };
  const repeat = (op: string, char: string) => {
    if (atStart || atomStart < 0) {
      if (!basic && char !== '{') warnings.push(`${char} at start of expression`);
      atom(quoteLiteral(char === '{' ? op : char));
      return;
    }
    if (lastWasRepeat) {
      out.splice(atomStart, 0, '(?:');
      out.push(')');
    }
    out.push(op);
    lastWasRepeat = true;
  };
  const anchor = (text: string) => {
    out.push(text);
    atomStart = -1;
    lastWasRepeat = false;
  };
  const open = () => {
    groups.push(out.length);
    out.push('(');
    atomStart = -1;
    lastWasRepeat = false;
    atStart = true;
  };
  const close = () => {
    const start = groups.pop();
    if (start === undefined) {
      if (basic) throw new GrepPatternError('Unmatched ) or \\)');
      atom('\\)');
      return;
    }
    out.push(')');
    closedGroups++;
    atomStart = start;
    lastWasRepeat = false;
    atStart = false;
  };
  const alternate = () => {
    out.push('|');
    atomStart = -1;
    lastWasRepeat = false;
    atStart = true;
  };
  /** `{m}`, `{m,}`, `{,n}`, `{m,n}` starting at `from` (just past the brace); null if not one. */
  const interval = (from: number): { op: string; end: number } | null => {
    const closing = basic ? '\\}' : '}';
    const m = /^(\d*)(,(\d*))?/.exec(pattern.slice(from))!;
    if (!pattern.startsWith(closing, from + m[0].length) || (m[1] === '' && m[2] === undefined)) return null;
    const min = m[1] === '' ? '0' : m[1]!;
    if (m[3] !== undefined && m[3] !== '' && Number(m[3]) < Number(min)) throw new GrepPatternError('Invalid content of \\{\\}');
    if (Number(min) > 1000 || Number(m[3] || 0) > 1000) throw new GrepPatternError('Regular expression too big');
    return { op: `{${min}${m[2] === undefined ? '' : `,${m[3]}`}}`, end: from + m[0].length + closing.length };
  };

  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '[') {
      const bracket = translateBracket(pattern, i);
      atom(bracket.source);
      i = bracket.end;
      continue;
    }
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new GrepPatternError('Trailing backslash');
      i += 2;
      if (basic && next === '(') open();
      else if (basic && next === ')') close();
      else if (basic && next === '|') alternate();
      else if (basic && (next === '+' || next === '?')) repeat(next, next);
      else if (basic && next === '{') {
        const iv = interval(i);
        if (!iv) throw new GrepPatternError(pattern.indexOf('\\}', i) < 0 ? 'Unmatched \\{' : 'Invalid content of \\{\\}');
        repeat(iv.op, '{');
        i = iv.end;
      } else if (basic && next === '}') atom('\\}');
      else if (/[1-9]/.test(next)) {
        if (Number(next) > closedGroups) throw new GrepPatternError('Invalid back reference');
        backReferences = true;
        atom(`\\${next}`);
      } else if (next === '<' || next === '>') atom('\\b');
      else if (next === '`') atom('^');
      else if (next === "'") atom('$');
      else if (PASS_THROUGH_ESCAPES.has(next)) atom(`\\${next}`);
      else atom(quoteLiteral(next));
      continue;
    }
    i++;
    if (c === '*') repeat('*', '*');
    else if (c === '^') {
      if (!basic || atStart) anchor('^');
      else atom('\\^');
    } else if (c === '$') {
      const endsHere = i === pattern.length || pattern.startsWith('\\)', i) || pattern.startsWith('\\|', i);
      if (!basic || endsHere) anchor('$');
      else atom('\\$');
    } else if (c === '.') atom('.');
    else if (basic || !'()|+?{}'.includes(c)) atom(quoteLiteral(c));
    else if (c === '(') open();
    else if (c === ')') close();
    else if (c === '|') alternate();
    else if (c === '+' || c === '?') repeat(c, c);
    else if (c === '{') {
      const iv = interval(i);
      if (iv) {
        repeat(iv.op, '{');
        i = iv.end;
      } else atom('\\{');
    } else atom('\\}');
  }
  if (groups.length > 0) throw new GrepPatternError('Unmatched ( or \\(');
  return { source: out.join(''), alternatives: [out.join('')], backReferences, warnings };
}

/** `[...]` starting at `start`: POSIX rules (backslash literal, `]` first is literal, `[:class:]`). */
function translateBracket(pattern: string, start: number): { source: string; end: number } {
  let i = start + 1;
  let body = '';
  if (pattern[i] === '^') {
    body += '^';
    i++;
  }
  const first = i;
  for (;;) {
    const c = pattern[i];
    if (c === undefined) throw new GrepPatternError('Unmatched [, [^, [:, [., or [=');
    if (c === ']' && i > first) break;
    if (c === '[' && ':.='.includes(pattern[i + 1] ?? '')) {
      const kind = pattern[i + 1]!;
      const close = pattern.indexOf(`${kind}]`, i + 2);
      if (close < 0) throw new GrepPatternError('Unmatched [, [^, [:, [., or [=');
      const name = pattern.slice(i + 2, close);
      if (kind === ':') {
        const cls = POSIX_CLASSES[name];
        if (cls === undefined) throw new GrepPatternError('Invalid character class name');
        body += cls;
      } else body += quoteLiteral(name);
      i = close + 2;
      continue;
    }
    body += c === '\\' || c === '[' || c === ']' ? `\\${c}` : c;
    i++;
  }
  const inner = pattern.slice(start + 1, i);
  if (/^:.*:$/.test(inner) && inner.length > 2) {
    throw new GrepPatternError(`character class syntax is [[${inner}]], not [${inner}]`);
  }
  return { source: `[${body}]`, end: i + 1 };
}
