import { useUi } from '../app/store';
import { formatArgs, isDenied, isPreopenScanEnd } from '../runtime/trace-format';
import type { RunOutcome, TraceEntry } from '../runtime/types';

/** Rows drawn at most; a runaway loop of syscalls must not make the panel the slow part. */
const MAX_ROWS = 1000;

export function describeOutcome(outcome: RunOutcome): string {
  switch (outcome.kind) {
    case 'exit':
      return `exited with status ${outcome.code}`;
    case 'trap':
      return `trapped: ${outcome.message}`;
    case 'error':
      return `did not start (${outcome.stage}): ${outcome.message}`;
    case 'killed':
      return outcome.reason === 'interrupt' ? 'interrupted (Ctrl-C)' : 'stopped: time limit';
  }
}

/** The rows of a trace, denied calls in red; shared by the live view and the finished run. */
function TraceTable({ entries }: { entries: TraceEntry[] }) {
  const rows = entries.slice(0, MAX_ROWS);
  return (
    <>
      <table className="trace-table">
        <caption className="visually-hidden">WASI calls of the last run, in order</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">call and arguments</th>
            <th scope="col">result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.seq} className={isDenied(e) ? 'denied' : undefined}>
              <td>{e.seq}</td>
              <td>
                <code className="trace-fn">{e.fn}</code>
                <span className="trace-args">
                  {formatArgs(e)}
                  {e.resolvedPath ? ` → ${e.resolvedPath}` : ''}
                </span>
              </td>
              <td>
                {isDenied(e) ? <strong>✗ {e.errnoName}</strong> : e.errnoName}
                {isPreopenScanEnd(e) ? <span className="trace-note"> end of preopens</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length > MAX_ROWS ? (
        <p className="trace-more">
          Showing the first {MAX_ROWS} of {entries.length} calls; <code>dojo trace</code> prints them all.
        </p>
      ) : null}
    </>
  );
}

/**
 * With no --dir, libc's preopen scan ends at fd 3 and every later open fails inside the guest, so
 * no refused call ever reaches the host: say so, or a learner looks in vain for the red row.
 */
export function grantedNoDirectories(trace: TraceEntry[]): boolean {
  return trace.some((e) => isPreopenScanEnd(e) && e.args.fd === 3);
}

export function TracePanel() {
  const lastRun = useUi((s) => s.lastRun);
  const liveTrace = useUi((s) => s.liveTrace);
  if (liveTrace.length > 0) {
    const denied = liveTrace.filter(isDenied).length;
    return (
      <div className="trace">
        <p className="trace-summary" aria-live="polite">
          Running… {liveTrace.length} WASI calls so far · {denied} denied or failed
        </p>
        <TraceTable entries={liveTrace} />
      </div>
    );
  }
  if (!lastRun) {
    return (
      <div className="trace-empty">
        <p>No module has run yet.</p>
        <p>
          Try <code>wasmtime hello.wasm</code> or <code>wasmtime --dir /data config-reader.wasm</code>: every WASI call the module makes shows up
          here, and calls the sandbox refused are marked <span className="denied-tag">denied</span>.
        </p>
      </div>
    );
  }
  const { command, result } = lastRun;
  const denied = result.trace.filter(isDenied).length;
  return (
    <div className="trace">
      <p className="trace-command">
        <code>{command}</code>
      </p>
      <p className="trace-summary" aria-live="polite">
        {describeOutcome(result.outcome)} · {result.trace.length} WASI calls · {denied} denied or failed
      </p>
      {grantedNoDirectories(result.trace) ? (
        <p className="trace-note">
          No directory was granted: the preopen scan ended at fd 3, so any file the module tried to open failed inside its own libc, before a call
          could reach the host.
        </p>
      ) : null}
      <TraceTable entries={result.trace} />
    </div>
  );
}
