/**
 * strace-like rendering of a capability trace, for `dojo trace` and the side panel:
 *   path_open(fd=3, path="config.json", oflags=0, write=false) = 0 ESUCCESS  [/data/config.json]
 *   path_open(fd=3, path="../etc/passwd", ...) = 76 ENOTCAPABLE  [/etc/passwd]  << denied
 * Plain text only: the caller escapes/colours it (denied calls are the ones `isDenied` marks).
 */
import type { TraceEntry } from './types';

/** Errnos that mean "the sandbox said no", as opposed to ordinary outcomes such as EOF or EBADF ending a scan. */
const DENIAL_ERRNOS = new Set(['ENOTCAPABLE', 'EPERM', 'EACCES', 'DENIED']);

export function isDenied(entry: TraceEntry): boolean {
  if (DENIAL_ERRNOS.has(entry.errnoName)) return true;
  // A failed path lookup is a denial from the learner's point of view (the file is outside the grant).
  return entry.errno !== 0 && entry.resolvedPath !== undefined && entry.fn.startsWith('path_');
}

function formatValue(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export function formatTraceEntry(entry: TraceEntry): string {
  const args = Object.entries(entry.args)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(', ');
  let line = `${entry.fn}(${args}) = ${entry.errno} ${entry.errnoName}`;
  if (entry.resolvedPath !== undefined) line += `  [${entry.resolvedPath}]`;
  return line;
}

export function formatTrace(entries: TraceEntry[]): string[] {
  return entries.map((e) => `${String(e.seq).padStart(4, ' ')}  ${formatTraceEntry(e)}`);
}
