import { describe, expect, it } from 'vitest';
import { paint, sgr, SGR, strip, style } from './ansi';

describe('ansi', () => {
  it('builds SGR escapes byte-exactly as each tool writes them', () => {
    expect(sgr('01', 34)).toBe('\x1b[01;34m');
    expect(sgr()).toBe('\x1b[m');
    expect(style('bold', 'red')).toBe('\x1b[1m\x1b[31m');
    expect(SGR.reset).toBe('\x1b[0m');
  });

  it('paints only on a terminal', () => {
    expect(paint(style('bold', 'green'), 'Finished', true)).toBe('\x1b[1m\x1b[32mFinished\x1b[0m');
    expect(paint(style('bold', 'green'), 'Finished', false)).toBe('Finished');
    expect(paint(SGR.red, 'error', true, sgr())).toBe('\x1b[31merror\x1b[m');
  });

  it('strips CSI, OSC and two-byte escapes and nothing else', () => {
    const painted = `${paint(style('bold', 'red'), 'error:', true)} x \x1b]8;;http://a\x07link\x1b]8;;\x1b\\ \x1b7ok`;
    expect(strip(painted)).toBe('error: x link ok');
    expect(strip('plain [1m text')).toBe('plain [1m text');
  });
});
