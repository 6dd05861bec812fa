/**
 * A session plan: what a facilitator hands a room — lessons in order, drills or a mock interview, a
 * time box and notes. It travels as data only: in a link (`#/plan/<data>`: canonical JSON, deflated,
 * base64url) or as a file. Every copy is untrusted input: it is validated here, field by field,
 * before anything shows it, and the views render every string as text (never as HTML or Markdown).
 */
import { canonicalJson, deflateText, fromBase64Url, inflateText, isObj, toBase64Url, UNSAFE_CHARS } from './codec';

export const PLAN_FORMAT = 'wasm-dojo-plan';
export const PLAN_VERSION = 1;

/** Limits: generous for a real day of training, small enough for a link and a QR code. */
export const PLAN_LIMITS = {
  titleChars: 120,
  notesChars: 4000,
  noteChars: 500,
  items: 40,
  minutes: 8 * 60,
  /** The JSON of a plan file. */
  fileBytes: 32 * 1024,
  /** The data after `#/plan/` (a link longer than this would not survive chat apps and QR codes). */
  linkChars: 8 * 1024,
} as const;

export type PlanItem =
  | { kind: 'lesson'; id: string; note?: string }
  /** A trainer drill deck, started with `drill <id>`. */
  | { kind: 'drill'; id: string; note?: string }
  /** A timed mock interview, started with `interview`. */
  | { kind: 'mock'; minutes: number; note?: string };

export interface SessionPlan {
  format: typeof PLAN_FORMAT;
  version: number;
  /** Random, so results exported in this session say which plan they belong to. */
  id: string;
  title: string;
  /** The time box of the whole session. */
  minutes: number;
  /** The facilitator's notes, shown to learners as plain text. */
  notes: string;
  items: PlanItem[];
}

const ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const PLAN_ID_RE = /^[A-Za-z0-9_-]{6,32}$/;
const PLAN_KEYS = ['format', 'version', 'id', 'title', 'minutes', 'notes', 'items'];
const ITEM_KEYS: Record<PlanItem['kind'], string[]> = {
  lesson: ['kind', 'id', 'note'],
  drill: ['kind', 'id', 'note'],
  mock: ['kind', 'minutes', 'note'],
};

export type PlanOutcome = { ok: true; plan: SessionPlan } | { ok: false; reason: string };

function text(v: unknown, field: string, max: number, opts: { multiline?: boolean; required?: boolean } = {}): string | { error: string } {
  if (typeof v !== 'string') return { error: `${field} must be text` };
  if (opts.required && !v.trim()) return { error: `${field} is empty` };
  if (v.length > max) return { error: `${field} is longer than ${max} characters` };
  if (UNSAFE_CHARS.test(v) || (!opts.multiline && /[\n\t]/.test(v))) return { error: `${field} holds control characters` };
  return v;
}

function minutesOk(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= PLAN_LIMITS.minutes;
}

/** Checks an untrusted value is a plan this version reads; the reason names the first field that is not. */
export function validatePlan(data: unknown): PlanOutcome {
  if (!isObj(data)) return { ok: false, reason: 'it is not a plan (not a JSON object)' };
  if (data.format !== PLAN_FORMAT) return { ok: false, reason: 'it is not a Wasm Dojo session plan (its "format" is missing or different)' };
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1)
    return { ok: false, reason: 'it has no valid version number' };
  if (data.version > PLAN_VERSION)
    return {
      ok: false,
      reason: `it was made by a newer Wasm Dojo (plan version ${data.version}; this one reads up to ${PLAN_VERSION}): update the app (reload)`,
    };
  const extra = Object.keys(data).filter((k) => !PLAN_KEYS.includes(k));
  if (extra.length) return { ok: false, reason: `unknown field ${JSON.stringify(extra[0]).slice(0, 40)}` };
  if (typeof data.id !== 'string' || !PLAN_ID_RE.test(data.id)) return { ok: false, reason: 'id must be 6 to 32 letters, digits, "-" or "_"' };
  const title = text(data.title, 'title', PLAN_LIMITS.titleChars, { required: true });
  if (typeof title !== 'string') return { ok: false, reason: title.error };
  const notes = text(data.notes, 'notes', PLAN_LIMITS.notesChars, { multiline: true });
  if (typeof notes !== 'string') return { ok: false, reason: notes.error };
  if (!minutesOk(data.minutes)) return { ok: false, reason: `minutes must be a whole number from 1 to ${PLAN_LIMITS.minutes}` };
  if (!Array.isArray(data.items)) return { ok: false, reason: 'items must be a list' };
  if (data.items.length === 0) return { ok: false, reason: 'the plan has no items (add a lesson, a drill or a mock interview)' };
  if (data.items.length > PLAN_LIMITS.items) return { ok: false, reason: `the plan has more than ${PLAN_LIMITS.items} items` };
  const items: PlanItem[] = [];
  for (const [i, item] of data.items.entries()) {
    const where = `item ${i + 1}`;
    if (!isObj(item) || (item.kind !== 'lesson' && item.kind !== 'drill' && item.kind !== 'mock'))
      return { ok: false, reason: `${where} must be a lesson, a drill or a mock interview` };
    const kind = item.kind;
    const unknown = Object.keys(item).filter((k) => !ITEM_KEYS[kind].includes(k));
    if (unknown.length) return { ok: false, reason: `${where}: unknown field ${JSON.stringify(unknown[0]).slice(0, 40)}` };
    let note: string | undefined;
    if (item.note !== undefined) {
      const n = text(item.note, `${where}'s note`, PLAN_LIMITS.noteChars, { multiline: true });
      if (typeof n !== 'string') return { ok: false, reason: n.error };
      note = n;
    }
    const withNote = note ? { note } : {};
    if (kind === 'mock') {
      if (!minutesOk(item.minutes)) return { ok: false, reason: `${where}: minutes must be a whole number from 1 to ${PLAN_LIMITS.minutes}` };
      items.push({ kind, minutes: item.minutes, ...withNote });
    } else {
      if (typeof item.id !== 'string' || !ID_RE.test(item.id))
        return { ok: false, reason: `${where}: the ${kind} id must be lowercase letters, digits, ".", "-" or "_" (at most 64)` };
      items.push({ kind, id: item.id, ...withNote });
    }
  }
  return { ok: true, plan: { format: PLAN_FORMAT, version: PLAN_VERSION, id: data.id, title, minutes: data.minutes, notes, items } };
}

/** The lessons and drills a plan names that this version of the app does not have, in plan order. */
export function missingItems(plan: SessionPlan, known: { lessons: ReadonlySet<string>; drills?: ReadonlySet<string> }): string[] {
  const out: string[] = [];
  for (const item of plan.items) {
    if (item.kind === 'lesson' && !known.lessons.has(item.id)) out.push(`lesson "${item.id}"`);
    // Without a drill catalogue (the trainer not loaded) drills cannot be judged: none is called missing.
    if (item.kind === 'drill' && known.drills && !known.drills.has(item.id)) out.push(`drill "${item.id}"`);
  }
  return out;
}

/** `#/plan/` + this is the link. Canonical JSON, so the same plan always makes the same link. */
export function encodePlan(plan: SessionPlan): string {
  return toBase64Url(deflateText(canonicalJson(plan)));
}

export function decodePlan(data: string): PlanOutcome {
  const trimmed = data.trim();
  if (!trimmed) return { ok: false, reason: 'the link holds no plan (nothing after #/plan/)' };
  if (trimmed.length > PLAN_LIMITS.linkChars)
    return { ok: false, reason: `the link is too long to be a plan (${trimmed.length} characters; at most ${PLAN_LIMITS.linkChars})` };
  const bytes = fromBase64Url(trimmed);
  if (!bytes) return { ok: false, reason: 'the link is damaged (it has characters a plan link never has; was it cut or re-wrapped?)' };
  const inflated = inflateText(bytes, PLAN_LIMITS.fileBytes);
  if ('error' in inflated) return { ok: false, reason: `the link is damaged: ${inflated.error}` };
  return parsePlanText(inflated.text);
}

export function planFileText(plan: SessionPlan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}

/** A plan file's text (JSON), or — pasted by mistake — a whole link. */
export function parsePlanText(textIn: string): PlanOutcome {
  const t = textIn.trim();
  const link = /#\/plan\/([A-Za-z0-9_-]+)$/.exec(t);
  if (link && !t.startsWith('{')) return decodePlan(link[1]!);
  if (new TextEncoder().encode(t).length > PLAN_LIMITS.fileBytes)
    return { ok: false, reason: `the file is too large to be a plan (more than ${PLAN_LIMITS.fileBytes / 1024} KB)` };
  let data: unknown;
  try {
    data = JSON.parse(t);
  } catch (err) {
    return { ok: false, reason: `it is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  return validatePlan(data);
}

/** A fresh random plan id (Web Crypto; the engines have no DOM but do have `crypto`). */
export function newPlanId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}

export function emptyPlan(id = newPlanId()): SessionPlan {
  return { format: PLAN_FORMAT, version: PLAN_VERSION, id, title: 'Workshop', minutes: 60, notes: '', items: [] };
}

/** One line per item, for lists and the terminal: "lesson wasmtime-dir", "mock interview (30 min)". */
export function describeItem(item: PlanItem): string {
  if (item.kind === 'mock') return `mock interview (${item.minutes} min)`;
  return `${item.kind} ${item.id}`;
}
