/** Renders a run's WASI calls the way strace renders syscalls, so learners can read denials. */
import type { RunOutcome, TraceEntry } from '../../runtime/types';

function formatArg(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** `path_open(fd=3, path="config.json") = -1 ENOTCAPABLE`; successful calls end in `= 0`. */
export function formatTraceEntry(e: TraceEntry): string {
  const args = Object.entries(e.args).map(([k, v]) => `${k}=${formatArg(v)}`).join(', ');
  const result = e.errno === 0 ? '= 0' : `= -1 ${e.errnoName}`;
  const resolved = e.resolvedPath !== undefined && e.resolvedPath !== e.args.path ? `  [${e.resolvedPath}]` : '';
  return `${e.fn}(${args}) ${result}${resolved}`;
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
