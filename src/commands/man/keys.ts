/**
 * What the pager needs from the terminal to act on single keys (q, space, b, arrows) the way less
 * does: the terminal, while a command runs, hands it each key as xterm encodes it ("q", " ",
 * "\x1b[A"). The Dojo's terminal offers it as `ctx.services.keys` when wired (see the README);
 * without it the pager asks at a `:` prompt after each page, as more(1) does on a dumb terminal.
 */
import type { CommandContext } from '../../shell/types';

export interface KeyInput {
  /** The next key pressed, or null when the terminal is gone or the signal fired. */
  readKey(signal: AbortSignal): Promise<string | null>;
  /** The terminal's height in rows. */
  readonly rows?: number;
}

export function keyInput(ctx: CommandContext): KeyInput | undefined {
  return (ctx.services as { keys?: KeyInput }).keys;
}
