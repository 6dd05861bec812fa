/**
 * coreutils date.c: +FORMAT (strftime's conversions with GNU's `-` `_` `0` `^` `#` flags and %N),
 * -u, -d STRING (the forms people type: @EPOCH, ISO dates and times with an optional zone, now,
 * today, yesterday, tomorrow, "N units [ago]", "next/last UNIT", month names), -I, -R,
 * --rfc-3339, -r FILE. The Dojo's clock runs in UTC (TZ is UTC on the simulated machine), so every
 * time prints as UTC, with or without -u. Setting the clock is refused as on a machine without root.
 */
import type { CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions, quoteName } from './options';
import { fail, q, tryHelp, tryHelpLine } from './gnu-text';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Date with nanoseconds (for %N); all fields read in UTC. */
interface Instant {
  ms: number;
  nanos: number;
}

function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return { year, week };
}

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

/** strftime in the C locale, UTC, with GNU's padding flags. */
export function strftime(format: string, at: Instant): string {
  const d = new Date(at.ms);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%+])/.exec(format.slice(i + 1));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length;
    const [, flags, widthText, colons, conv] = m as unknown as [string, string, string, string, string];
    const num = (n: number, width: number, pad = '0'): string => {
      const p = flags.includes('-') ? '' : flags.includes('_') ? ' ' : flags.includes('0') ? '0' : pad;
      const w = widthText ? Number(widthText) : width;
      return p ? String(n).padStart(w, p) : String(n);
    };
    const text = (s: string): string => {
      const t = flags.includes('^') ? s.toUpperCase() : flags.includes('#') ? s.toLowerCase() : s;
      return widthText ? t.padStart(Number(widthText), flags.includes('0') ? '0' : ' ') : t;
    };
    const Y = d.getUTCFullYear();
    const H = d.getUTCHours();
    switch (conv) {
      case '%':
        out += '%';
        break;
      case 'a':
        out += text(DAYS[d.getUTCDay()]!.slice(0, 3));
        break;
      case 'A':
        out += text(DAYS[d.getUTCDay()]!);
        break;
      case 'b':
      case 'h':
        out += text(MONTHS[d.getUTCMonth()]!.slice(0, 3));
        break;
      case 'B':
        out += text(MONTHS[d.getUTCMonth()]!);
        break;
      case 'c':
        out += text(strftime('%a %b %e %H:%M:%S %Y', at));
        break;
      case 'C':
        out += num(Math.floor(Y / 100), 2);
        break;
      case 'd':
        out += num(d.getUTCDate(), 2);
        break;
      case 'D':
        out += text(strftime('%m/%d/%y', at));
        break;
      case 'e':
        out += num(d.getUTCDate(), 2, ' ');
        break;
      case 'F':
        out += text(strftime('%Y-%m-%d', at));
        break;
      case 'g':
        out += num(isoWeek(d).year % 100, 2);
        break;
      case 'G':
        out += num(isoWeek(d).year, 4);
        break;
      case 'H':
        out += num(H, 2);
        break;
      case 'I':
        out += num(H % 12 || 12, 2);
        break;
      case 'j':
        out += num(dayOfYear(d), 3);
        break;
      case 'k':
        out += num(H, 2, ' ');
        break;
      case 'l':
        out += num(H % 12 || 12, 2, ' ');
        break;
      case 'm':
        out += num(d.getUTCMonth() + 1, 2);
        break;
      case 'M':
        out += num(d.getUTCMinutes(), 2);
        break;
      case 'n':
        out += '\n';
        break;
      case 'N': {
        const digits = String(at.nanos).padStart(9, '0');
        out += widthText ? digits.slice(0, Number(widthText)).padEnd(Number(widthText), '0') : digits;
        break;
      }
      case 'p':
        out += flags.includes('#') ? (H < 12 ? 'am' : 'pm') : H < 12 ? 'AM' : 'PM';
        break;
      case 'P':
        out += H < 12 ? 'am' : 'pm';
        break;
      case 'r':
        out += text(strftime('%I:%M:%S %p', at));
        break;
      case 'R':
        out += text(strftime('%H:%M', at));
        break;
      case 's':
        out += num(Math.floor(at.ms / 1000), 1);
        break;
      case 'S':
        out += num(d.getUTCSeconds(), 2);
        break;
      case 't':
        out += '\t';
        break;
      case 'T':
        out += text(strftime('%H:%M:%S', at));
        break;
      case 'u':
        out += num(d.getUTCDay() || 7, 1);
        break;
      case 'U':
        out += num(Math.floor((dayOfYear(d) - 1 - d.getUTCDay() + 7) / 7), 2);
        break;
      case 'V':
        out += num(isoWeek(d).week, 2);
        break;
      case 'w':
        out += num(d.getUTCDay(), 1);
        break;
      case 'W':
        out += num(Math.floor((dayOfYear(d) - 1 - ((d.getUTCDay() + 6) % 7) + 7) / 7), 2);
        break;
      case 'x':
        out += text(strftime('%m/%d/%y', at));
        break;
      case 'X':
        out += text(strftime('%H:%M:%S', at));
        break;
      case 'y':
        out += num(Y % 100, 2);
        break;
      case 'Y':
        out += num(Y, 4);
        break;
      case 'z':
        out += colons === ':' ? '+00:00' : colons === '::' ? '+00:00:00' : colons === ':::' ? '+00' : '+0000';
        break;
      case 'Z':
        out += text('UTC');
        break;
      case '+':
        out += text(strftime('%a %b %e %H:%M:%S %Z %Y', at));
        break;
      default:
        out += `%${m[0]}`;
    }
  }
  return out;
}

const UNIT_MS: Record<string, number> = {
  second: 1000,
  sec: 1000,
  minute: 60000,
  min: 60000,
  hour: 3600000,
  day: 86400000,
  week: 604800000,
  fortnight: 1209600000,
};

/** Adds N months or years the way GNU does: the day of month stays, overflowing into the next month. */
function addCalendar(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() + months,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** The subset of parse_datetime people type; null when it cannot be read. */
export function parseDate(input: string, now: number): Instant | null {
  let s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const epoch = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (epoch) {
    const [whole, frac = ''] = epoch[1]!.split('.');
    return {
      ms: Number(whole) * 1000 + (frac ? Math.round(Number(`0.${frac}`) * 1000) * Math.sign(Number(whole) || 1) : 0),
      nanos: Number(frac.padEnd(9, '0').slice(0, 9)),
    };
  }
  let base: number | null = null;
  const startOfDay = (ms: number) => ms - (((ms % 86400000) + 86400000) % 86400000);
  // An absolute date (and time) first, then relative items.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)? ?(z|utc|gmt|[-+]\d{2}:?\d{2})?(?= |$)/.exec(s);
  const named =
    /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{1,2}),? (\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?(?: (utc|gmt|z))?(?= |$)/.exec(
      s,
    );
  const dayFirst = /^(\d{1,2}) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{4})(?= |$)/.exec(s);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', se = '0', , zone] = iso;
    let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
    if (Number(mo) > 12 || Number(d) > 31 || Number(h) > 24 || Number(mi) > 59 || Number(se) > 60) return null;
    if (zone && /^[-+]/.test(zone)) {
      const z = zone.replace(':', '');
      ms -= (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60000;
    }
    base = ms;
    s = s.slice(iso[0].length).trim();
  } else if (named || dayFirst) {
    const month = named ? named[1]! : dayFirst![2]!;
    const mi = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(month);
    base = named
      ? Date.UTC(Number(named[3]), mi, Number(named[2]), Number(named[4] ?? 0), Number(named[5] ?? 0), Number(named[6] ?? 0))
      : Date.UTC(Number(dayFirst![3]), mi, Number(dayFirst![1]));
    s = s.slice((named ?? dayFirst)![0].length).trim();
  }
  // A time of day alone ("12:30") is today at that time.
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?= |$)/.exec(s);
  if (clock) {
    base = startOfDay(base ?? now) + (Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0)) * 1000;
    s = s.slice(clock[0].length).trim();
  }
  let ms = base ?? now;
  while (s) {
    let m: RegExpExecArray | null;
    if ((m = /^(now|today)(?= |$)/.exec(s))) {
      // the time so far stands
    } else if ((m = /^yesterday(?= |$)/.exec(s))) ms -= 86400000;
    else if ((m = /^tomorrow(?= |$)/.exec(s))) ms += 86400000;
    else if (
      (m = /^(?:([-+]?\d+) |(next|last|this) |([-+]?\d+)(?=[a-z]))?(second|sec|minute|min|hour|day|week|fortnight|month|year)s?( ago)?(?= |$)/.exec(
        s,
      ))
    ) {
      let n = (m[1] ?? m[3]) ? Number(m[1] ?? m[3]) : m[2] === 'last' ? -1 : m[2] === 'this' ? 0 : 1;
      if (m[5]) n = -n;
      const unit = m[4]!;
      if (unit === 'month') ms = addCalendar(ms, n);
      else if (unit === 'year') ms = addCalendar(ms, 12 * n);
      else ms += n * UNIT_MS[unit]!;
    } else if ((m = /^(utc|gmt|z)(?= |$)/.exec(s))) {
      // the Dojo's zone already
    } else return null;
    s = s.slice(m[0].length).trim();
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  return { ms, nanos: (((ms % 1000) + 1000) % 1000) * 1e6 };
}

export const date: CommandDefinition = {
  name: 'date',
  summary: 'print or set the system date and time',
  usage: 'date [OPTION]... [+FORMAT]\ndate [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]',
  async run(ctx) {
    // -I[FMT] takes its value only when glued, as getopt's optional arguments do.
    const argv = ctx.argv.map((a, i) => (i > 0 && /^-I/.test(a) ? `--iso-8601=${a.slice(2) || 'date'}` : a));
    const opts = parseOptions({ ...ctx, argv }, date, {
      letters: 'uR',
      withValue: 'dfrs',
      long: { date: 'd', file: 'f', reference: 'r', set: 's', utc: 'u', universal: 'u', 'rfc-email': 'R' },
      longOnly: ['debug'],
      longOnlyValue: ['rfc-3339', 'iso-8601', 'resolution'],
      help: GNU_HELP.date,
    });
    if (typeof opts === 'number') return opts;
    const iso = opts.values.get('iso-8601');
    const ops = opts.operands;
    if (opts.values.has('s')) return fail(ctx, 'date', 'cannot set date: Operation not permitted');
    const formats = ops.filter((o) => o.startsWith('+'));
    if (ops.length > 1) return tryHelp(ctx, 'date', `extra operand ${q(ops[1]!)}`);
    if (ops.length === 1 && !formats.length) {
      // MMDDhhmm sets the clock: only root may.
      if (/^\d{8}(\d{2}|\d{4})?(\.\d{2})?$/.test(ops[0]!)) return fail(ctx, 'date', 'cannot set date: Operation not permitted');
      return fail(ctx, 'date', `invalid date ${q(ops[0]!)}`);
    }
    const now = Date.now();
    let at: Instant = { ms: now, nanos: (now % 1000) * 1e6 };
    const rfc = opts.values.get('rfc-3339');
    const outFormats = [formats.length, opts.flags.has('R'), iso !== undefined, rfc !== undefined].filter(Boolean).length;
    if (outFormats > 1) return fail(ctx, 'date', 'multiple output formats specified');
    const d = opts.values.get('d');
    const r = opts.values.get('r');
    if (d !== undefined && r !== undefined) return tryHelp(ctx, 'date', 'the options to specify dates for printing are mutually exclusive');
    const render = (t: Instant): string => {
      if (formats.length) return strftime(formats[0]!.slice(1), t);
      if (opts.flags.has('R')) return strftime('%a, %d %b %Y %H:%M:%S %z', t);
      if (rfc !== undefined) {
        const f = { date: '%F', seconds: '%F %T%:z', ns: '%F %T.%N%:z' }[rfc];
        return f ? strftime(f, t) : '';
      }
      if (iso !== undefined) {
        const f = { date: '%F', hours: '%FT%H%:z', minutes: '%FT%H:%M%:z', seconds: '%FT%T%:z', ns: '%FT%T,%N%:z' }[iso];
        return f ? strftime(f, t) : '';
      }
      return strftime('%a %b %e %H:%M:%S %Z %Y', t);
    };
    if (rfc !== undefined && !['date', 'seconds', 'ns'].includes(rfc)) return badArg(ctx, rfc, '--rfc-3339', ['date', 'seconds', 'ns']);
    if (iso !== undefined && !['date', 'hours', 'minutes', 'seconds', 'ns'].includes(iso))
      return badArg(ctx, iso, '--iso-8601', ['hours', 'minutes', 'date', 'seconds', 'ns']);
    if (r !== undefined) {
      const st = ctx.fs.stat(ctx.shell.resolvePath(r));
      if (!st) return fail(ctx, 'date', `${quoteName(r)}: No such file or directory`);
      at = { ms: st.mtimeMs, nanos: (st.mtimeMs % 1000) * 1e6 };
    }
    const f = opts.values.get('f');
    if (f !== undefined) {
      let text: string;
      try {
        text = f === '-' ? new TextDecoder().decode(await ctx.stdin.readAll()) : ctx.fs.readText(ctx.shell.resolvePath(f));
      } catch {
        return fail(ctx, 'date', `${quoteName(f)}: No such file or directory`);
      }
      let status = 0;
      let out = '';
      for (const line of text.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '')) {
        const t = parseDate(line, now);
        if (!t) {
          ctx.stdout.write(out);
          out = '';
          ctx.stderr.write(`date: invalid date ${q(line)}\n`);
          status = 1;
        } else out += render(t) + '\n';
      }
      ctx.stdout.write(out);
      return status;
    }
    if (d !== undefined) {
      const t = parseDate(d, now);
      if (!t) return fail(ctx, 'date', `invalid date ${q(d)}`);
      at = t;
    }
    ctx.stdout.write(render(at) + '\n');
    return 0;
  },
};

function badArg(ctx: Parameters<CommandDefinition['run']>[0], value: string, option: string, valid: string[]): number {
  ctx.stderr.write(`date: invalid argument ${q(value)} for ${q(option)}\nValid arguments are:\n${valid.map((v) => `  - ${q(v)}\n`).join('')}`);
  return tryHelpLine(ctx, 'date');
}
