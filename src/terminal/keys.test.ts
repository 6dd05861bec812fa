import { describe, expect, it } from 'vitest';
import { keySequences, parseKeys, printableOnly, PASTE_END, PASTE_START } from './keys';

describe('parseKeys', () => {
  it('groups printable characters into one text key', () => {
    expect(parseKeys('ls -la')).toEqual([{ type: 'text', text: 'ls -la' }]);
  });

  it('names arrows, home/end and delete in both cursor modes', () => {
    const names = parseKeys('\x1b[A\x1bOB\x1b[C\x1b[D\x1b[H\x1bOF\x1b[3~\x1b[1~\x1b[4~').map((k) => (k.type === 'key' ? k.name : k.type));
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

  // What xterm sends back when output asks it something. None of it may become typed text.
  describe('replies to terminal queries insert nothing', () => {
    const replies: Array<[string, string]> = [
      ['DECRQSS reply (DCS … ST)', '\x1bP1$r0m\x1b\\'],
      ['DECRQSS "invalid" reply', '\x1bP0$r\x1b\\'],
      ['XTGETTCAP reply', '\x1bP1+r544e=787465726d\x1b\\'],
      ['OSC 10 colour reply ended by ST', '\x1b]10;rgb:1f1f/2323/2828\x1b\\'],
      ['OSC 11 colour reply ended by BEL', '\x1b]11;rgb:0f0f/1414/1919\x07'],
      ['OSC 4 palette reply', '\x1b]4;1;rgb:ffff/6b6b/6b6b\x1b\\'],
      ['OSC 52 clipboard', '\x1b]52;c;ZWNobyBwd25lZA==\x07'],
      ['APC, PM and SOS strings', '\x1b_Gi=1;OK\x1b\\\x1b^privacy\x1b\\\x1bXstart\x1b\\'],
      ['DSR cursor position report', '\x1b[12;5R'],
      ['DSR "ok" report', '\x1b[0n'],
      ['DA1 reply', '\x1b[?1;2c'],
      ['DA2 reply', '\x1b[>0;276;0c'],
      ['DECRQM reply', '\x1b[?2004;1$y'],
      ['window size report', '\x1b[8;24;80t'],
      ['focus in/out reports', '\x1b[I\x1b[O'],
      ['SGR mouse report', '\x1b[<0;12;3M\x1b[<0;12;3m'],
      ['an unterminated DCS (the rest of the data is its body)', '\x1bP1$r0m rm -rf ~'],
    ];
    for (const [what, reply] of replies) {
      it(what, () => {
        expect(parseKeys(reply)).toEqual([]);
      });
    }

    it('several replies in one piece, then typing, keep only the typing', () => {
      expect(parseKeys('\x1bP1$r0m\x1b\\\x1b]10;rgb:1f1f/2323/2828\x07\x1b[?1;2cls')).toEqual([{ type: 'text', text: 'ls' }]);
    });

    it('an ESC inside a string ends it, as in the VT parser, and starts the next sequence', () => {
      expect(parseKeys('\x1b]10;rgb:1f1f\x1b[Ax')).toEqual([
        { type: 'key', name: 'up' },
        { type: 'text', text: 'x' },
      ]);
    });

    it('CAN cancels a string and what follows is typed again', () => {
      expect(parseKeys('\x1bPjunk\x18ok')).toEqual([{ type: 'text', text: 'ok' }]);
    });

    it('Alt+] and Alt+P on their own are still harmless', () => {
      expect(parseKeys('\x1b]')).toEqual([]);
      expect(parseKeys('\x1bP')).toEqual([]);
      expect(parseKeys('\x1bb')).toEqual([{ type: 'key', name: 'word-left' }]);
    });
  });

  describe('keySequences: keys back as a raw-mode program reads them', () => {
    it('gives one key per typed character and xterm sequences for named keys', () => {
      const keys = parseKeys('q /ab\x1b[A\x1b[5~\x1b[6~\r\x03');
      expect(keys.flatMap(keySequences)).toEqual(['q', ' ', '/', 'a', 'b', '\x1b[A', '\x1b[5~', '\x1b[6~', '\r', '\x03']);
    });
  });
});
