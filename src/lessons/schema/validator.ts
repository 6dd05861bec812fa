/**
 * The generic half of the lesson format: a collecting validator for untrusted front matter. It knows
 * nothing about lessons, steps or checks (schema.ts and each check kind use it), and never throws on
 * the first problem: it collects every issue with the file and the field named, so an author fixes a
 * lesson in one pass (the schema test and `npm test` print them all).
 */

/** One problem in a lesson, with the file and the field named. */
export interface FormatIssue {
  file: string;
  field: string;
  message: string;
}

export function formatIssue(i: FormatIssue): string {
  return `${i.file}: ${i.field}: ${i.message}`;
}

// A tiny collecting validator. Hand-written instead of a schema library: the format is small and
// we want author-friendly messages ("expected a list of strings") rather than generic ones.

export class Validator {
  readonly issues: FormatIssue[] = [];
  constructor(readonly file: string) {}

  fail(field: string, message: string): void {
    this.issues.push({ file: this.file, field, message });
  }

  isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }

  /** Reports keys the format does not know: a typo ("hint:" for "hints:") must not be silently ignored. */
  noUnknownKeys(obj: Record<string, unknown>, known: readonly string[], prefix: string): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        this.fail(prefix ? `${prefix}.${key}` : key, `unknown field (expected one of: ${known.join(', ')})`);
      }
    }
  }

  string(obj: Record<string, unknown>, key: string, field: string, opts: { required: true }): string;
  string(obj: Record<string, unknown>, key: string, field: string, opts?: { required?: boolean }): string | undefined;
  string(obj: Record<string, unknown>, key: string, field: string, opts: { required?: boolean } = {}): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (opts.required) this.fail(field, 'is required');
      return opts.required ? '' : undefined;
    }
    if (typeof v !== 'string') {
      this.fail(field, `expected text, got ${describeValue(v)}`);
      return opts.required ? '' : undefined;
    }
    if (opts.required && v.trim() === '') this.fail(field, 'must not be empty');
    return v;
  }

  number(obj: Record<string, unknown>, key: string, field: string, opts: { required?: boolean; integer?: boolean; min?: number } = {}): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(field, `expected a number, got ${describeValue(v)}`);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(v)) this.fail(field, 'expected a whole number');
    if (opts.min !== undefined && v < opts.min) this.fail(field, `must be at least ${opts.min}`);
    return v;
  }

  stringList(obj: Record<string, unknown>, key: string, field: string, opts: { required?: boolean; nonEmpty?: boolean; allowSingle?: boolean } = {}): string[] | undefined {
    let v = obj[key];
    if (v === undefined || v === null) {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    if (opts.allowSingle && typeof v === 'string') v = [v];
    if (!Array.isArray(v)) {
      this.fail(field, `expected a list of text, got ${describeValue(v)}`);
      return undefined;
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') this.fail(`${field}[${i}]`, `expected non-empty text, got ${describeValue(item)}`);
      else out.push(item);
    });
    if (opts.nonEmpty && v.length === 0) this.fail(field, 'must list at least one entry');
    return out;
  }

  regex(value: string | undefined, field: string): void {
    if (value === undefined) return;
    try {
      new RegExp(value);
    } catch (e) {
      this.fail(field, `is not a valid regular expression (${(e as Error).message})`);
    }
  }
}

/** "a list", "string \"x\"": what an author wrote, in a message. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

