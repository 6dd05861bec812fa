/**
 * Label selectors (apimachinery pkg/labels/selector.go): the string form kubectl's `-l` takes, with
 * equality (`a=b`, `a==b`, `a!=b`) and set-based requirements (`a in (x,y)`, `a notin (x)`, `a`, `!a`),
 * and the object form of a Deployment or Service (`matchLabels` + `matchExpressions`).
 */
import { isDict, listOf, str } from './types';

export type Operator = 'in' | 'notin' | 'exists' | '!';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

export type Selector = Requirement[];

export class SelectorError extends Error {}

/** Parses `-l` text; throws SelectorError with apimachinery's wording for what it cannot read. */
export function parseSelector(text: string): Selector {
  const out: Requirement[] = [];
  const s = text.trim();
  if (!s) return out;
  let i = 0;
  const ws = () => {
    while (s[i] === ' ') i++;
  };
  const ident = () => {
    const m = /^[A-Za-z0-9._\-/]+/.exec(s.slice(i));
    if (!m) return '';
    i += m[0].length;
    return m[0];
  };
  while (i < s.length) {
    ws();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
      ws();
    }
    const key = ident();
    if (!key) throw new SelectorError(`unable to parse requirement: found '${s[i] ?? ''}', expected: identifier`);
    ws();
    if (negate) {
      out.push({ key, op: '!', values: [] });
    } else if (s.startsWith('!=', i)) {
      i += 2;
      ws();
      out.push({ key, op: 'notin', values: [ident()] });
    } else if (s.startsWith('==', i) || s[i] === '=') {
      i += s.startsWith('==', i) ? 2 : 1;
      ws();
      out.push({ key, op: 'in', values: [ident()] });
    } else if (/^(in|notin)\s*\(/.test(s.slice(i))) {
      const op = s.startsWith('notin', i) ? 'notin' : 'in';
      i = s.indexOf('(', i) + 1;
      const close = s.indexOf(')', i);
      if (close < 0) throw new SelectorError(`unable to parse requirement: found '', expected: ')'`);
      const values = s
        .slice(i, close)
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      i = close + 1;
      out.push({ key, op, values });
    } else {
      out.push({ key, op: 'exists', values: [] });
    }
    ws();
    if (i < s.length) {
      if (s[i] !== ',') throw new SelectorError(`unable to parse requirement: found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return out;
}

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** metav1.LabelSelectorAsSelector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
export function fromLabelSelector(sel: unknown): Selector {
  const out: Requirement[] = [];
  if (!isDict(sel)) return out;
  const ml = sel.matchLabels;
  if (isDict(ml)) for (const [k, v] of Object.entries(ml)) out.push({ key: k, op: 'in', values: [String(v)] });
  for (const e of listOf(sel.matchExpressions)) {
    if (!isDict(e)) continue;
    const key = str(e.key) ?? '';
    const values = listOf(e.values).map(String);
    const op = str(e.operator);
    if (op === 'In') out.push({ key, op: 'in', values });
    else if (op === 'NotIn') out.push({ key, op: 'notin', values });
    else if (op === 'Exists') out.push({ key, op: 'exists', values: [] });
    else if (op === 'DoesNotExist') out.push({ key, op: '!', values: [] });
  }
  return out;
}

/** A Service's `selector` map (equality only). */
export function fromMap(map: unknown): Selector {
  if (!isDict(map)) return [];
  return Object.entries(map).map(([k, v]) => ({ key: k, op: 'in' as const, values: [String(v)] }));
}

/** labels.FormatLabels: sorted `k=v` joined by `,`, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

/** The selector as kubectl's -o wide SELECTOR cell prints it: `app=x,tier in (a,b)`. */
export function formatSelector(selector: Selector): string {
  if (!selector.length) return '<none>';
  return [...selector]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => {
      if (r.op === 'in' && r.values.length === 1) return `${r.key}=${r.values[0]}`;
      if (r.op === 'notin' && r.values.length === 1) return `${r.key}!=${r.values[0]}`;
      if (r.op === 'exists') return r.key;
      if (r.op === '!') return `!${r.key}`;
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    })
    .join(',');
}
