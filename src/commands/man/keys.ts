/**
 * What the pager needs from the terminal to act on single keys (q, space, b, arrows) the way less
 * does: the terminal, while a foreground command runs, hands it each key as xterm encodes it ("q",
 * " ", "\x1b[A") through `ctx.services.keys`. Without it (a test, a background job) the pager asks
 * at a `:` prompt after each page, as more(1) does on a dumb terminal.
 */
import type { CommandContext, KeyReader } from '../../shell/types';

export type KeyInput = KeyReader;

export function keyInput(ctx: CommandContext): KeyInput | undefined {
  return ctx.services.keys;
}
