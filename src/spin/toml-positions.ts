/**
 * Where each key and value of a TOML document sits (line, column), so schema errors found on the
 * parsed object can point at the text like Spin's `TOML parse error at line L, column C` does.
 *
 * smol-toml returns plain objects without positions, so this is a small line scanner over the same
 * text. It understands what spin.toml uses: `[table]`, `[[array.of.tables]]`, `key = value`, dotted
 * keys, one-level inline tables `{ a = 1 }` and string arrays (also spanning lines). It is only used
 * AFTER smol-toml accepted the document, so it never has to report syntax errors itself.
 */

export interface TextSpan {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  length: number;
}

export type TomlPath = ReadonlyArray<string | number>;

interface PositionNode {
  span?: TextSpan;
  children: Map<string | number, PositionNode>;
}

/**
 * Spans in a tree keyed by path segment, so recording every prefix of a long dotted key
 * (`a.a.a.…` in a hostile file) costs one walk, not one string per prefix (that was quadratic).
 */
export class TomlPositions {
  private readonly root: PositionNode = { children: new Map() };

  private static child(node: PositionNode, segment: string | number): PositionNode {
    let next = node.children.get(segment);
    if (!next) {
      next = { children: new Map() };
      node.children.set(segment, next);
    }
    return next;
  }

  private walk(path: TomlPath, create: boolean): PositionNode | undefined {
    let node: PositionNode | undefined = this.root;
    for (const segment of path) {
      node = create ? TomlPositions.child(node, segment) : node.children.get(segment);
      if (!node) return undefined;
    }
    return node;
  }

  /** Records where `path` is written; the first occurrence wins. */
  set(path: TomlPath, span: TextSpan): void {
    const node = this.walk(path, true)!;
    node.span ??= span;
  }

  /** Records `base.p1`, `base.p1.p2`, … for the parts of one dotted key, in a single walk. */
  setEach(base: TomlPath, parts: ReadonlyArray<{ name: string; span: TextSpan }>): void {
    let node = this.walk(base, true)!;
    for (const part of parts) {
      node = TomlPositions.child(node, part.name);
      node.span ??= part.span;
    }
  }

  /** The span of `path`, else of its nearest ancestor that has one, else line 1 column 1. */
  find(path: TomlPath): TextSpan {
    let node: PositionNode | undefined = this.root;
    let found = this.root.span;
    for (const segment of path) {
      node = node.children.get(segment);
      if (!node) break;
      if (node.span) found = node.span;
    }
    return found ?? { line: 1, column: 1, length: 1 };
  }

  has(path: TomlPath): boolean {
    return this.walk(path, false)?.span !== undefined;
  }
}

/** Splits `a."b.c".d` into ["a", "b.c", "d"], keeping each part's offset in `text`. */
function splitDottedKey(text: string, base: number): Array<{ name: string; offset: number; length: number }> {
  const parts: Array<{ name: string; offset: number; length: number }> = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    const start = i;
    let name = '';
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      i++;
      while (i < text.length && text[i] !== quote) {
        if (quote === '"' && text[i] === '\\') i++;
        name += text[i] ?? '';
        i++;
      }
      i++;
    } else {
      while (i < text.length && /[A-Za-z0-9_-]/.test(text[i] ?? '')) name += text[i++];
    }
    parts.push({ name, offset: base + start, length: i - start });
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '.') i++;
    else break;
  }
  return parts;
}

/** Index of the `=` that ends a key on this line, or -1 (skipping quoted key parts). */
function findEquals(line: string): number {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
    else if (c === '#') return -1;
  }
  return -1;
}

/** Finds the string elements of an array value starting at `(lineIdx, col)`, possibly across lines. */
function scanArray(lines: string[], lineIdx: number, col: number, path: TomlPath, out: TomlPositions): number {
  let depth = 0;
  let index = 0;
  for (let l = lineIdx; l < lines.length; l++) {
    const text = lines[l] ?? '';
    for (let i = l === lineIdx ? col : 0; i < text.length; i++) {
      const c = text[i];
      if (c === '#') break;
      if (c === '[') depth++;
      else if (c === ']') {
        depth--;
        if (depth === 0) return l;
      } else if (c === '"' || c === "'") {
        const start = i;
        i++;
        while (i < text.length && text[i] !== c) {
          if (c === '"' && text[i] === '\\') i++;
          i++;
        }
        if (depth === 1) out.set([...path, index], { line: l + 1, column: start + 1, length: i - start + 1 });
      } else if (c === ',' && depth === 1) index++;
      else if (c === '{' && depth === 1) {
        out.set([...path, index], { line: l + 1, column: i + 1, length: 1 });
      }
    }
  }
  return lines.length - 1;
}

/** Records `key = value` pairs inside a one-line inline table `{ ... }` starting at `col`. */
function scanInlineTable(line: string, lineNo: number, col: number, path: TomlPath, out: TomlPositions): void {
  let depth = 0;
  let segmentStart = col + 1;
  for (let i = col; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < line.length && line[i] !== c) {
        if (c === '"' && line[i] === '\\') i++;
        i++;
      }
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) segmentStart = i + 1;
    } else if (c === '}' || c === ']' || c === ',') {
      if (depth === 1 && (c === ',' || c === '}')) {
        const segment = line.slice(segmentStart, i);
        const eq = findEquals(segment);
        if (eq > 0) {
          const parts = splitDottedKey(segment.slice(0, eq), segmentStart);
          const last = parts[parts.length - 1];
          if (last) out.set([...path, ...parts.map((p) => p.name)], { line: lineNo, column: last.offset + 1, length: last.length });
        }
        segmentStart = i + 1;
      }
      if (c !== ',') depth--;
      if (depth === 0) return;
    }
  }
}

export function indexTomlPositions(text: string): TomlPositions {
  const out = new TomlPositions();
  const lines = text.split(/\r?\n/);
  let table: TomlPath = [];
  const arrayCounts = new Map<string, number>();
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l] ?? '';
    const trimmed = line.trimStart();
    const indent = line.length - trimmed.length;
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const arrayHeader = /^\[\[(.*?)\]\]/.exec(trimmed);
    const header = arrayHeader ? null : /^\[(.*?)\]/.exec(trimmed);
    if (arrayHeader || header) {
      const inner = (arrayHeader ?? header)![1] ?? '';
      const innerOffset = indent + (arrayHeader ? 2 : 1);
      const parts = splitDottedKey(inner, innerOffset);
      const names = parts.map((p) => p.name);
      // Every prefix of a header names an (implicit) table: record it for errors on that table.
      out.setEach(
        [],
        parts.map((p) => ({ name: p.name, span: { line: l + 1, column: p.offset + 1, length: p.length } })),
      );
      if (arrayHeader) {
        const k = JSON.stringify(names);
        const idx = arrayCounts.get(k) ?? 0;
        arrayCounts.set(k, idx + 1);
        table = [...names, idx];
        const first = parts[0];
        out.set(table, { line: l + 1, column: (first?.offset ?? indent) + 1, length: inner.length });
      } else {
        table = names;
      }
      continue;
    }
    const eq = findEquals(line);
    if (eq < 0) continue;
    const parts = splitDottedKey(line.slice(0, eq), 0);
    if (parts.length === 0) continue;
    const path = [...table, ...parts.map((p) => p.name)];
    out.setEach(
      table,
      parts.map((p) => ({ name: p.name, span: { line: l + 1, column: p.offset + 1, length: p.length } })),
    );
    let v = eq + 1;
    while (line[v] === ' ' || line[v] === '\t') v++;
    const valueStart = line[v];
    out.set([...path, '$value'], { line: l + 1, column: v + 1, length: Math.max(1, line.trimEnd().length - v) });
    if (valueStart === '[') {
      l = scanArray(lines, l, v, path, out);
    } else if (valueStart === '{') {
      scanInlineTable(line, l + 1, v, path, out);
    }
  }
  return out;
}
