/**
 * Output must never type input. A terminal answers some sequences it is sent (device status, device
 * attributes, mode and setting reports, colour queries) by sending a reply as if it had been typed:
 * xterm.js answers DECRQSS `ESC P $ q m ESC \` with `ESC P 1 $ r 0 m ESC \`, and `ESC ] 10 ; ? BEL`
 * with the foreground colour. In the Dojo, everything xterm draws comes from a command or a module
 * (or a file they print), and nothing here reads a reply: the shell never asks the terminal anything
 * and a guest's stdin is not the terminal. So every query is swallowed before xterm can answer it.
 * parseKeys drops replies too (a second wall); this one keeps them from being sent at all.
 *
 * The list follows what xterm.js 6 answers (its InputHandler: DA1 `CSI c`, DA2 `CSI > c`, DSR
 * `CSI n` / `CSI ? n`, DECRQM `CSI $ p` / `CSI ? $ p`, window reports `CSI t`, DECRQSS `DCS $ q`;
 * its browser terminal: OSC 4/10/11/12 with `?`), plus what it may answer one day or an addon adds:
 * XTGETTCAP `DCS + q` and OSC 52, the clipboard (a module must never read or write it).
 * Setting a colour (OSC 4/10/11/12 with a colour) still works, as on any terminal.
 */
import type { IDisposable, IFunctionIdentifier } from '@xterm/xterm';

/** The part of xterm's parser API the guard uses (the same in @xterm/xterm and @xterm/headless). */
export interface ParserHooks {
  registerCsiHandler(id: IFunctionIdentifier, callback: (params: (number | number[])[]) => boolean): IDisposable;
  registerDcsHandler(id: IFunctionIdentifier, callback: (data: string, params: (number | number[])[]) => boolean): IDisposable;
  registerOscHandler(ident: number, callback: (data: string) => boolean): IDisposable;
}

/** `CSI … t` parameters that ask for a report (xterm's window operations 11, 13–21). */
const WINDOW_REPORTS = new Set([11, 13, 14, 15, 16, 18, 19, 20, 21]);

const SWALLOW = (): boolean => true;

/** True when an OSC colour sequence's body asks for a value (`?` in place of a colour). */
export function asksForColour(data: string): boolean {
  return data.split(';').some((part) => part.trim() === '?');
}

/** Installs the guard on a terminal's parser; the returned function removes it. */
export function muteTerminalQueries(parser: ParserHooks): () => void {
  const subs: IDisposable[] = [
    parser.registerCsiHandler({ final: 'c' }, SWALLOW),
    parser.registerCsiHandler({ prefix: '>', final: 'c' }, SWALLOW),
    parser.registerCsiHandler({ prefix: '=', final: 'c' }, SWALLOW),
    parser.registerCsiHandler({ final: 'n' }, SWALLOW),
    parser.registerCsiHandler({ prefix: '?', final: 'n' }, SWALLOW),
    parser.registerCsiHandler({ intermediates: '$', final: 'p' }, SWALLOW),
    parser.registerCsiHandler({ prefix: '?', intermediates: '$', final: 'p' }, SWALLOW),
    // Only the reporting window operations: the rest fall through to xterm (which ignores them by default).
    parser.registerCsiHandler({ final: 't' }, (params) => WINDOW_REPORTS.has(Number(params[0] ?? 0))),
    parser.registerDcsHandler({ intermediates: '$', final: 'q' }, SWALLOW),
    parser.registerDcsHandler({ intermediates: '+', final: 'q' }, SWALLOW),
    ...[4, 10, 11, 12].map((ident) => parser.registerOscHandler(ident, asksForColour)),
    parser.registerOscHandler(52, SWALLOW),
  ];
  return () => {
    for (const sub of subs) sub.dispose();
  };
}
