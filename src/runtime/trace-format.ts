/**
 * How a capability trace reads, in one place for `dojo trace` (strace-like lines) and the Trace
 * panel (a table with failed calls highlighted), so both agree on what counts as "denied":
 *   path_open(fd=3, path="config.json", write=false) = 0
 *   path_open(fd=3, path="../secret", write=false) = -1 EPERM  [/secret]
 *   +++ exited with 0 +++
 * Plain text only: the caller escapes and colours it.
 */
import type { RunOutcome, TraceEntry } from './types';

function formatValue(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** `fd=3, path="config.json", write=false`. */
export function formatArgs(entry: TraceEntry): string {
  return Object.entries(entry.args)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(', ');
}

/**
 * Every libc asks fd_prestat_get for fd 3, 4, ... until EBADF to list its preopened directories:
 * that EBADF is the normal end of the scan, not the sandbox refusing something.
 */
export function isPreopenScanEnd(e: TraceEntry): boolean {
  return e.fn === 'fd_prestat_get' && e.errnoName === 'EBADF';
}

/** A call that failed for a reason the learner should look at (the panel shows it in red). */
export function isDenied(e: TraceEntry): boolean {
  return e.errno !== 0 && !isPreopenScanEnd(e);
}

/** strace's form: `= 0` on success, `= -1 ENAME` on failure; the resolved path when it says more than the argument. */
export function formatTraceEntry(e: TraceEntry): string {
  const result = e.errno === 0 ? '= 0' : `= -1 ${e.errnoName}`;
  const resolved = e.resolvedPath !== undefined && e.resolvedPath !== e.args.path ? `  [${e.resolvedPath}]` : '';
  return `${e.fn}(${formatArgs(e)}) ${result}${resolved}`;
}

/** strace's closing line: `+++ exited with 0 +++`. */
export function formatOutcome(o: RunOutcome): string {
  switch (o.kind) {
    case 'exit':
      return `+++ exited with ${o.code} +++`;
    case 'trap':
      return `+++ trapped: ${o.message} +++`;
    case 'killed':
      return `+++ killed by ${o.reason === 'interrupt' ? 'Ctrl-C' : 'timeout'} +++`;
    case 'error':
      return `+++ failed to ${o.stage === 'compile' ? 'compile' : o.stage === 'link' ? 'link' : 'find export'}: ${o.message} +++`;
  }
}
