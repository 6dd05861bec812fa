import { describe, expect, it } from 'vitest';
import { parseKeys, printableOnly, PASTE_END, PASTE_START } from './keys';

describe('parseKeys', () => {
  it('groups printable characters into one text key', () => {
    expect(parseKeys('ls -la')).toEqual([{ type: 'text', text: 'ls -la' }]);
  });

  it('names arrows, home/end and delete in both cursor modes', () => {
    const names = parseKeys('\x1b[A\x1bOB\x1b[C\x1b[D\x1b[H\x1bOF\x1b[3~\x1b[1~\x1b[4~').map((k) =>
      k.type === 'key' ? k.name : k.type,
    );
    expect(names).toEqual(['up', 'down', 'right', 'left', 'home', 'end', 'delete', 'home', 'end']);
  });

  it('names control keys', () => {
    const names = parseKeys('\x01\x05\x15\x0b\x17\x03\x0c\x12\t\r\x7f').map((k) => (k.type === 'key' ? k.name : ''));
    expect(names).toEqual(['ctrl-a', 'ctrl-e', 'ctrl-u', 'ctrl-k', 'ctrl-w', 'ctrl-c', 'ctrl-l', 'ctrl-r', 'tab', 'enter', 'backspace']);
  });

  it('treats CR LF as one Enter and splits text around it', () => {
    expect(parseKeys('a\r\nb')).toEqual([
      { type: 'text', text: 'a' },
      { type: 'key', name: 'enter' },
      { type: 'text', text: 'b' },
    ]);
  });

  it('keeps bracketed pastes whole, newlines included', () => {
    expect(parseKeys(`x${PASTE_START}echo 1\necho 2${PASTE_END}y`)).toEqual([
      { type: 'text', text: 'x' },
      { type: 'paste', text: 'echo 1\necho 2' },
      { type: 'text', text: 'y' },
    ]);
  });

  it('treats an unterminated paste as running to the end of the data', () => {
    expect(parseKeys(`${PASTE_START}abc`)).toEqual([{ type: 'paste', text: 'abc' }]);
  });

  it('drops unknown escape sequences and binary garbage', () => {
    const keys = parseKeys('\x1b[15~a\x00\x1b[<0;1;1Mb\x80\x9bc');
    expect(keys).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'bc' },
    ]);
  });

  it('keeps astral characters (emoji) intact and drops lone surrogates', () => {
    expect(parseKeys('hi 🦀')).toEqual([{ type: 'text', text: 'hi 🦀' }]);
    expect(printableOnly('a\ud800b')).toBe('ab');
  });

  it('survives random bytes without throwing', () => {
    let s = '';
    for (let i = 0; i < 5000; i++) s += String.fromCharCode((i * 7919) % 65536);
    expect(() => parseKeys(s)).not.toThrow();
  });
});
