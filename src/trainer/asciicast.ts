/**
 * Recordings in asciicast v2, asciinema's format, so asciinema's own player plays a Dojo recording:
 * a header line `{"version": 2, "width", "height", "timestamp", "title"}`, then one JSON array per
 * event, `[seconds, "o", text]` for output and `[seconds, "m", label]` for markers (we mark each
 * command line and each capability-trace event).
 *
 * A recording someone sends is untrusted input. The reader bounds its size, its events and its
 * dimensions, refuses what is not asciicast v2 with a reason, and sanitises every output event
 * before any terminal sees it: all OSC strings go (so no OSC 52 clipboard write and no OSC 8 link
 * of any scheme), as do DCS/APC/PM/SOS strings and the CSI queries a terminal answers as if typed
 * (device attributes and status, window reports). An escape cut across two events is held back and
 * judged whole. Colours and cursor movement, what a replay needs, stay.
 */

export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  timestamp?: number;
  title?: string;
}

export type CastEvent = [number, 'o' | 'm', string];

export interface Cast {
  header: CastHeader;
  events: CastEvent[];
}

export const MAX_CAST_BYTES = 8 * 1024 * 1024;
export const MAX_CAST_EVENTS = 200_000;

/** Records output and markers against a clock (ms); `toString()` is the .cast file. */
export class CastWriter {
  private readonly events: CastEvent[] = [];
  private readonly start: number;

  constructor(
    private readonly header: Omit<CastHeader, 'version'>,
    private readonly now: () => number,
  ) {
    this.start = now();
  }

  private t(): number {
    return Math.max(0, Math.round(this.now() - this.start)) / 1000;
  }

  output(text: string): void {
    if (!text) return;
    const last = this.events[this.events.length - 1];
    const t = this.t();
    // Output in the same millisecond joins the previous event: fewer, larger events.
    if (last && last[1] === 'o' && last[0] === t) last[2] += text;
    else this.events.push([t, 'o', text]);
  }

  marker(label: string): void {
    this.events.push([this.t(), 'm', label]);
  }

  get eventCount(): number {
    return this.events.length;
  }

  toString(): string {
    const header: CastHeader = { version: 2, ...this.header, timestamp: this.header.timestamp ?? Math.floor(this.start / 1000) };
    return [JSON.stringify(header), ...this.events.map((e) => JSON.stringify(e))].join('\n') + '\n';
  }
}

// ---- reading ---------------------------------------------------------------------------------

/** Whole escape sequences (ECMA-48), as in lib/ansi.ts, plus a marker for strings left open. */
const ESCAPES =
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)|\x1b[\x20-\x2f]*[\x30-\x7e]/g;
/** A sequence begun at the end of a chunk and not finished there. */
const OPEN_TAIL =
  /(?:(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*\x1b?|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*\x1b?|\x1b[\x20-\x2f]*)$/;

/** CSI finals a terminal answers (DA `c`, DSR `n`, DECRQM `$p`, window reports `t`): never passed on. */
function keepCsi(seq: string): boolean {
  const final = seq[seq.length - 1];
  if (final === 'c' || final === 'n' || final === 't') return false;
  if (final === 'p' && seq.includes('$')) return false;
  return true;
}

/** Removes every sequence a replay must not send to a terminal (see the file comment). */
export function sanitiseOutput(text: string): string {
  return text.replace(ESCAPES, (seq) => {
    if (seq.startsWith('\x1b[') || seq.startsWith('\x9b')) return keepCsi(seq) ? seq : '';
    if (seq.startsWith('\x1b]') || seq.startsWith('\x9d')) return '';
    if (/^(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])/.test(seq)) return '';
    return seq;
  });
}

export type CastParse = { ok: true; cast: Cast } | { ok: false; reason: string };

export function parseCast(text: string): CastParse {
  if (text.length > MAX_CAST_BYTES) return { ok: false, reason: `the recording is larger than ${MAX_CAST_BYTES / 1024 / 1024} MB` };
  const lines = text.split('\n');
  let header: unknown;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    return { ok: false, reason: 'the first line is not an asciicast header (JSON)' };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    return { ok: false, reason: 'the first line is not an asciicast header' };
  const h = header as Record<string, unknown>;
  if (h.version !== 2) return { ok: false, reason: `only asciicast version 2 is read (this file says ${JSON.stringify(h.version ?? null)})` };
  const dim = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1000;
  if (!dim(h.width) || !dim(h.height)) return { ok: false, reason: 'width and height must be whole numbers from 1 to 1000' };
  const out: Cast = {
    header: {
      version: 2,
      width: h.width as number,
      height: h.height as number,
      ...(typeof h.timestamp === 'number' && Number.isFinite(h.timestamp) ? { timestamp: h.timestamp } : {}),
      ...(typeof h.title === 'string'
        ? {
            title: sanitiseOutput(h.title)
              .replace(/[\x00-\x1f\x7f-\x9f]/g, '')
              .slice(0, 200),
          }
        : {}),
    },
    events: [],
  };
  let last = 0;
  let carry = '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    if (out.events.length >= MAX_CAST_EVENTS) return { ok: false, reason: `the recording has more than ${MAX_CAST_EVENTS} events` };
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      return { ok: false, reason: `line ${i + 1} is not a JSON event` };
    }
    if (
      !Array.isArray(ev) ||
      ev.length < 3 ||
      typeof ev[0] !== 'number' ||
      !Number.isFinite(ev[0]) ||
      typeof ev[1] !== 'string' ||
      typeof ev[2] !== 'string'
    )
      return { ok: false, reason: `line ${i + 1} is not an event [time, code, data]` };
    // Times only go forward: a file that jumps back is replayed in order, not re-sorted.
    const t = Math.max(last, ev[0]);
    last = t;
    if (ev[1] === 'o') {
      let data = carry + ev[2];
      const open = OPEN_TAIL.exec(data);
      carry = open ? open[0] : '';
      if (open) data = data.slice(0, open.index);
      const clean = sanitiseOutput(data);
      if (clean) out.events.push([t, 'o', clean]);
    } else if (ev[1] === 'm') {
      out.events.push([t, 'm', ev[2].replace(/[\x00-\x1f\x7f-\x9f]/g, '').slice(0, 200)]);
    }
    // Input ("i") and resize ("r") events are not replayed.
  }
  return { ok: true, cast: out };
}

/** Everything the screen received up to `t` seconds (for seeking: reset the terminal, write this). */
export function outputUntil(cast: Cast, t: number): string {
  let s = '';
  for (const [at, code, data] of cast.events) {
    if (at > t) break;
    if (code === 'o') s += data;
  }
  return s;
}

export function markers(cast: Cast): Array<{ t: number; label: string }> {
  return cast.events.filter((e) => e[1] === 'm').map(([t, , label]) => ({ t, label }));
}

export function duration(cast: Cast): number {
  return cast.events.length ? cast.events[cast.events.length - 1]![0] : 0;
}
