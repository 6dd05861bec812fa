/**
 * What the GNU tools share beyond option parsing: the `NAME: MESSAGE` + try-help form of usage
 * errors, quoting in messages, and writing large outputs in chunks that yield, so Ctrl-C lands and
 * the shell's output caps act (seq 1 100000000 must stay stoppable).
 */
import type { CommandContext } from '../../shell/types';
import { getoptUsageError } from '../cli/getopt';

/** `NAME: MESSAGE` then `Try 'NAME --help' for more information.`; returns `status`. */
export function tryHelp(ctx: CommandContext, name: string, message: string, status = 1): number {
  ctx.stderr.write(getoptUsageError(name, message));
  return status;
}

/** Only the try-help line (after messages printed one by one); returns `status`. */
export function tryHelpLine(ctx: CommandContext, name: string, status = 1): number {
  ctx.stderr.write(`Try '${name} --help' for more information.\n`);
  return status;
}

/** `NAME: MESSAGE`; returns `status`. */
export function fail(ctx: CommandContext, name: string, message: string, status = 1): number {
  ctx.stderr.write(`${name}: ${message}\n`);
  return status;
}

/**
 * gnulib's quote(), which coreutils uses for operands in messages ("extra operand ‘c’"): in a UTF-8
 * locale (the Dojo's, C.UTF-8 or en_US.UTF-8) the quotes are ‘ ’, and control characters are
 * C escapes, so no raw escape reaches the terminal.
 */
export function q(text: string): string {
  const named: Record<string, string> = { '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r' };
  const body = text.replace(/[\x00-\x1f\x7f]/g, (c) => `\\${named[c] ?? c.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return `\u2018${body}\u2019`;
}

const CHUNK = 64 * 1024;
const YIELD_MS = 16;

/**
 * Writes the pieces `lines` yields, batched; yields to the event loop every frame. Returns false
 * when interrupted (the caller returns 130).
 */
export async function writeChunked(ctx: CommandContext, pieces: Iterable<string>): Promise<boolean> {
  let buf = '';
  let last = Date.now();
  for (const piece of pieces) {
    buf += piece;
    if (buf.length >= CHUNK) {
      ctx.stdout.write(buf);
      buf = '';
      if (Date.now() - last >= YIELD_MS) {
        await new Promise((r) => setTimeout(r, 0));
        last = Date.now();
      }
      if (ctx.signal.aborted) return false;
    }
  }
  if (buf) ctx.stdout.write(buf);
  return !ctx.signal.aborted;
}

/** Waits `ms`, or until Ctrl-C; true when the time ran out. */
export function sleepFor(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    // setTimeout's limit is 2^31-1 ms; longer sleeps (sleep infinity) wait for Ctrl-C in steps.
    const step = Math.min(ms, 2 ** 31 - 1);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      if (ms > step) void sleepFor(ms - step, signal).then(resolve);
      else resolve(true);
    }, step);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
