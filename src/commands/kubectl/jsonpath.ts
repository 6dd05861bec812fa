/**
 * kubectl's JSONPath (client-go util/jsonpath): `{.metadata.name}`, `{.items[*].metadata.name}`,
 * `{.items[0]}`, `{.status.conditions[?(@.type=="Ready")].status}`, `{range .items[*]}…{end}`,
 * quoted literals `{"\n"}`, and plain text between templates. Several results are joined by a space;
 * objects print as JSON.
 */
import { isDict } from '../../cluster/types';

type Node = { kind: 'text'; text: string } | { kind: 'expr'; path: string } | { kind: 'range'; path: string; body: Node[] };

export class JsonPathError extends Error {}

function parse(template: string): Node[] {
  const tokens: Array<{ text?: string; expr?: string }> = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      tokens.push({ text: template.slice(i) });
      break;
    }
    if (open > i) tokens.push({ text: template.slice(i, open) });
    let depth = 0;
    let j = open;
    let inStr = false;
    for (; j < template.length; j++) {
      const ch = template[j];
      if (ch === '"' && template[j - 1] !== '\\') inStr = !inStr;
      if (inStr) continue;
      if (ch === '{') depth++;
      if (ch === '}' && --depth === 0) break;
    }
    if (j >= template.length) throw new JsonPathError(`unclosed action`);
    tokens.push({ expr: template.slice(open + 1, j).trim() });
    i = j + 1;
  }
  const build = (k: { i: number }, inRange: boolean): Node[] => {
    const out: Node[] = [];
    while (k.i < tokens.length) {
      const t = tokens[k.i++]!;
      if (t.text !== undefined) out.push({ kind: 'text', text: t.text });
      else if (t.expr === 'end') {
        if (!inRange) throw new JsonPathError('not in range, nothing to end');
        return out;
      } else if (t.expr!.startsWith('range ')) out.push({ kind: 'range', path: t.expr!.slice(6).trim(), body: build(k, true) });
      else if (/^".*"$/.test(t.expr!)) out.push({ kind: 'text', text: JSON.parse(t.expr!) as string });
      else out.push({ kind: 'expr', path: t.expr! });
    }
    if (inRange) throw new JsonPathError('unclosed range');
    return out;
  };
  return build({ i: 0 }, false);
}

function evalPath(root: unknown, cur: unknown, path: string): unknown[] {
  let p = path.trim();
  let values: unknown[] = [p.startsWith('$') ? root : cur];
  if (p.startsWith('$')) p = p.slice(1);
  if (p === '.' || p === '@') return values;
  if (p.startsWith('@')) p = p.slice(1);
  const re = /\.\.?([A-Za-z0-9_\-/]+|\*)|\[([^\]]*)\]/y;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < p.length && (m = re.exec(p))) {
    const next: unknown[] = [];
    if (m[1] !== undefined) {
      const key = m[1];
      for (const v of values) {
        if (key === '*') {
          if (Array.isArray(v)) next.push(...v);
          else if (isDict(v)) next.push(...Object.values(v));
        } else if (isDict(v) && key in v) next.push(v[key]);
      }
    } else {
      const inner = m[2]!.trim();
      for (const v of values) {
        if (!Array.isArray(v)) continue;
        if (inner === '*' || inner === '') next.push(...v);
        else if (/^-?\d+$/.test(inner)) {
          const n = Number(inner);
          const x = v[n < 0 ? v.length + n : n];
          if (x !== undefined) next.push(x);
        } else if (/^-?\d*:-?\d*$/.test(inner)) {
          const [a, b] = inner.split(':');
          next.push(...v.slice(a ? Number(a) : 0, b ? Number(b) : undefined));
        } else {
          const f = /^\?\(@\.([A-Za-z0-9_.\-/]+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(\S+))\)$/.exec(inner);
          if (!f) throw new JsonPathError(`unrecognized filter ${JSON.stringify(inner)}`);
          const [, field, op, s1, s2, lit] = f;
          const want = s1 ?? s2 ?? lit;
          for (const item of v) {
            const got = field!.split('.').reduce<unknown>((acc, k) => (isDict(acc) ? acc[k] : undefined), item);
            if ((String(got) === want) === (op === '==')) next.push(item);
          }
        }
      }
    }
    values = next;
  }
  if (re.lastIndex < p.length && p.length) throw new JsonPathError(`unrecognized identifier ${p.slice(re.lastIndex)}`);
  return values;
}

const show = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function jsonPath(template: string, data: unknown): string {
  const t = template.trim().replace(/^'(.*)'$/, '$1');
  const nodes = parse(t);
  const run = (ns: Node[], cur: unknown): string => {
    let out = '';
    for (const n of ns) {
      if (n.kind === 'text') out += n.text;
      else if (n.kind === 'expr') {
        const vals = evalPath(data, cur, n.path);
        out += vals.map(show).join(' ');
      } else {
        for (const item of evalPath(data, cur, n.path).flatMap((v) => (Array.isArray(v) ? v : [v]))) out += run(n.body, item);
      }
    }
    return out;
  };
  return run(nodes, data);
}
