/**
 * Small pieces of Kubernetes' own code the cluster needs, each followed from its source:
 * durations as kubectl prints them, name suffixes, template hashes.
 */

/**
 * apimachinery pkg/util/duration/duration.go `HumanDuration`: whole units, rounded down; 365-day years.
 * kubectl prints AGE, RESTARTS' "(… ago)", LAST SEEN and describe's event ages with it.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** apimachinery pkg/util/rand/rand.go: the alphabet with no vowels and no easily confused characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.String(n): generated-name suffixes (`<rs>-` + 5, apiserver pkg/storage/names/generate.go). */
export function randomSuffix(n: number, random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHANUMS[Math.floor(random() * ALPHANUMS.length)]!;
  return out;
}

/** rand.SafeEncodeString: each character mapped into the alphabet (used on the decimal hash). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length]!;
  return out;
}

/** 32-bit FNV-1a, as the deployment controller's ComputeHash uses (over the pod template). */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** JSON with keys sorted, so equal objects hash alike whatever order their YAML had. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * pkg/controller/controller_utils.go ComputeHash: fnv32a over the template, then
 * rand.SafeEncodeString(fmt.Sprint(hash)): up to 10 characters of the alphabet above.
 */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  return safeEncodeString(String(fnv32a(canonicalJson(template) + (collisionCount ? String(collisionCount) : ''))));
}

/** A UUID v4 (crypto.randomUUID where present, Math.random otherwise). */
export function uid(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (ch) => {
    const r = Math.floor(Math.random() * 16);
    return (ch === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}

/** RFC 3339 in UTC to the second, as metadata timestamps are written (`2024-11-14T10:12:01Z`). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Go's RFC1123Z, as `kubectl describe` prints Start Time: `Thu, 14 Nov 2024 10:12:03 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Go's time.Duration String for short spans, cut to milliseconds: `843ms`, `1.21s`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const s = Math.round(ms) / 1000;
  return `${String(s)}s`;
}
