import { describe, expect, it } from 'vitest';
import type { Completion } from '../shell/types';
import type { Key, KeyName } from './keys';
import { parseKeys } from './keys';
import type { EditorEffect } from './line-editor';
import { formatCandidates, LineEditor, longestCommonPrefix } from './line-editor';

const PROMPT = 'learner@dojo:~$ ';
const k = (name: KeyName): Key => ({ type: 'key', name });

function editor(opts: { history?: string[]; complete?: (line: string, cursor: number) => Completion; maxLength?: number } = {}) {
  const history = opts.history ?? [];
  const ed = new LineEditor({ prompt: PROMPT, history: () => history, complete: opts.complete, maxLength: opts.maxLength });
  ed.reset();
  return ed;
}

/** Feeds raw terminal data and returns every effect. */
function type(ed: LineEditor, data: string): EditorEffect[] {
  return parseKeys(data).flatMap((key) => ed.handle(key));
}

function state(ed: LineEditor) {
  const v = ed.view();
  return { text: v.text, cursor: v.cursor };
}

describe('LineEditor: editing', () => {
  it('inserts text and renders the new line', () => {
    const ed = editor();
    const effects = type(ed, 'echo hi');
    expect(state(ed)).toEqual({ text: 'echo hi', cursor: 7 });
    expect(effects.at(-1)).toEqual({ kind: 'render', view: { prompt: PROMPT, text: 'echo hi', cursor: 7 } });
  });

  it('moves with ←/→ and inserts in the middle', () => {
    const ed = editor();
    type(ed, 'ecoh');
    ed.handle(k('left'));
    ed.handle(k('left'));
    type(ed, 'h');
    expect(state(ed)).toEqual({ text: 'echoh', cursor: 3 });
    ed.handle(k('right'));
    ed.handle(k('delete'));
    expect(state(ed)).toEqual({ text: 'echo', cursor: 4 });
  });

  it('does not move past either end', () => {
    const ed = editor();
    type(ed, 'ab');
    expect(ed.handle(k('right'))).toEqual([]);
    ed.handle(k('home'));
    expect(ed.handle(k('left'))).toEqual([]);
    expect(state(ed).cursor).toBe(0);
  });

  it('Home/End and Ctrl-A/Ctrl-E jump to the ends', () => {
    const ed = editor();
    type(ed, 'hello world');
    ed.handle(k('ctrl-a'));
    expect(state(ed).cursor).toBe(0);
    ed.handle(k('ctrl-e'));
    expect(state(ed).cursor).toBe(11);
    ed.handle(k('home'));
    expect(state(ed).cursor).toBe(0);
    ed.handle(k('end'));
    expect(state(ed).cursor).toBe(11);
  });

  it('Backspace and Delete work anywhere; at the edges they only ring', () => {
    const ed = editor();
    type(ed, 'abcd');
    ed.handle(k('left'));
    ed.handle(k('left'));
    ed.handle(k('backspace'));
    expect(state(ed)).toEqual({ text: 'acd', cursor: 1 });
    ed.handle(k('delete'));
    expect(state(ed)).toEqual({ text: 'ad', cursor: 1 });
    ed.handle(k('home'));
    expect(ed.handle(k('backspace'))).toEqual([{ kind: 'bell' }]);
    ed.handle(k('end'));
    expect(ed.handle(k('delete'))).toEqual([{ kind: 'bell' }]);
  });

  it('Ctrl-U kills before the cursor, Ctrl-K after it', () => {
    const ed = editor();
    type(ed, 'cat file.txt');
    for (let i = 0; i < 4; i++) ed.handle(k('left'));
    ed.handle(k('ctrl-k'));
    expect(state(ed)).toEqual({ text: 'cat file', cursor: 8 });
    ed.handle(k('left'));
    ed.handle(k('ctrl-u'));
    expect(state(ed)).toEqual({ text: 'e', cursor: 0 });
  });

  it('Ctrl-W deletes the word before the cursor, trailing spaces included', () => {
    const ed = editor();
    type(ed, 'wasmtime --dir /data  ');
    ed.handle(k('ctrl-w'));
    expect(state(ed)).toEqual({ text: 'wasmtime --dir ', cursor: 15 });
    ed.handle(k('ctrl-w'));
    expect(state(ed)).toEqual({ text: 'wasmtime ', cursor: 9 });
  });

  it('←, →, Backspace and Delete take an emoji or a letter with its accents as one character', () => {
    const ed = editor();
    type(ed, 'echo 🚀 cafe\u0301');
    ed.handle(k('backspace'));
    expect(state(ed)).toEqual({ text: 'echo 🚀 caf', cursor: 11 });
    for (let i = 0; i < 4; i++) ed.handle(k('left'));
    expect(state(ed).cursor).toBe(7); // after the rocket
    ed.handle(k('left'));
    expect(state(ed).cursor).toBe(5); // before it: one step over its two UTF-16 units
    ed.handle(k('delete'));
    expect(state(ed)).toEqual({ text: 'echo  caf', cursor: 5 });
    type(ed, '日本');
    ed.handle(k('left'));
    ed.handle(k('backspace'));
    expect(state(ed)).toEqual({ text: 'echo 本 caf', cursor: 5 });
    ed.handle(k('right'));
    expect(state(ed).cursor).toBe(6);
  });

  it('Alt-←/→ treat letters of any script as word characters, as readline does', () => {
    const ed = editor();
    type(ed, 'cat 日本語/ファイル.txt');
    ed.handle(k('word-left'));
    expect(state(ed).cursor).toBe('cat 日本語/ファイル.'.length);
    ed.handle(k('word-left'));
    expect(state(ed).cursor).toBe('cat 日本語/'.length);
    // A letter outside the Basic Multilingual Plane (two UTF-16 units) is a word character too.
    const astral = editor();
    type(astral, 'cd 𠀀𠀁 x');
    astral.handle(k('word-left'));
    astral.handle(k('word-left'));
    expect(state(astral).cursor).toBe('cd '.length);
    astral.handle(k('word-right'));
    expect(state(astral).cursor).toBe('cd 𠀀𠀁'.length);
  });

  it('the line-length cap never keeps half of a surrogate pair', () => {
    const ed = editor({ maxLength: 4 });
    ed.handle({ type: 'text', text: 'abc🚀def' });
    expect(state(ed).text).toBe('abc');
  });

  it('drops control characters from typed and pasted text', () => {
    const ed = editor();
    ed.handle({ type: 'text', text: 'a\x00b\x1bc' });
    expect(state(ed).text).toBe('abc');
  });

  it('caps the line length and says what was dropped', () => {
    const ed = editor({ maxLength: 10 });
    const effects = ed.handle({ type: 'text', text: 'x'.repeat(25) });
    expect(state(ed).text).toBe('x'.repeat(10));
    const print = effects.find((e) => e.kind === 'print');
    expect(print).toEqual({ kind: 'print', text: 'dojo: line too long: kept the first 10 characters, dropped 15' });
  });

  it('Enter submits the whole line wherever the cursor is', () => {
    const ed = editor();
    type(ed, 'echo hi');
    ed.handle(k('home'));
    expect(ed.handle(k('enter'))).toEqual([{ kind: 'submit', line: 'echo hi' }]);
  });

  it('Ctrl-C cancels and Ctrl-L clears then redraws', () => {
    const ed = editor();
    type(ed, 'half');
    expect(ed.handle(k('ctrl-c'))).toEqual([{ kind: 'cancel' }]);
    const effects = ed.handle(k('ctrl-l'));
    expect(effects[0]).toEqual({ kind: 'clear' });
    expect(effects[1]).toMatchObject({ kind: 'render', view: { text: 'half' } });
  });

  it('reset gives an empty line with the new prompt', () => {
    const ed = editor();
    type(ed, 'abc');
    expect(ed.reset('learner@dojo:/data$ ')).toEqual([{ kind: 'render', view: { prompt: 'learner@dojo:/data$ ', text: '', cursor: 0 } }]);
  });
});

describe('LineEditor: history', () => {
  it('walks back and forth and keeps the line being typed', () => {
    const ed = editor({ history: ['ls', 'pwd', 'echo hi'] });
    type(ed, 'draft');
    ed.handle(k('up'));
    expect(state(ed).text).toBe('echo hi');
    ed.handle(k('up'));
    ed.handle(k('up'));
    expect(state(ed).text).toBe('ls');
    expect(ed.handle(k('up'))).toEqual([{ kind: 'bell' }]);
    ed.handle(k('down'));
    expect(state(ed).text).toBe('pwd');
    ed.handle(k('down'));
    ed.handle(k('down'));
    expect(state(ed)).toEqual({ text: 'draft', cursor: 5 });
    expect(ed.handle(k('down'))).toEqual([{ kind: 'bell' }]);
  });

  it('sees entries added after the editor was made', () => {
    const history: string[] = [];
    const ed = new LineEditor({ prompt: PROMPT, history: () => history });
    history.push('new entry');
    ed.handle(k('up'));
    expect(state(ed).text).toBe('new entry');
  });

  it('starts from the newest entry again after a submit', () => {
    const history = ['one', 'two'];
    const ed = new LineEditor({ prompt: PROMPT, history: () => history });
    ed.handle(k('up'));
    ed.handle(k('up'));
    ed.handle(k('enter'));
    history.push('one');
    ed.reset();
    ed.handle(k('up'));
    expect(state(ed).text).toBe('one');
    ed.handle(k('up'));
    expect(state(ed).text).toBe('two');
  });
});

describe('LineEditor: Ctrl-R reverse search', () => {
  const history = ['cat /data/config.json', 'wasmtime hello.wasm', 'ls -la', 'wasmtime --dir /data config-reader.wasm'];

  it('shows the bash-style banner and the newest match', () => {
    const ed = editor({ history });
    ed.handle(k('ctrl-r'));
    expect(ed.view().prompt).toBe("(reverse-i-search)`': ");
    type(ed, 'wasm');
    expect(ed.view()).toEqual({
      prompt: "(reverse-i-search)`wasm': ",
      text: 'wasmtime --dir /data config-reader.wasm',
      cursor: 0,
    });
  });

  it('Ctrl-R again finds older matches; running out says failed', () => {
    const ed = editor({ history });
    ed.handle(k('ctrl-r'));
    type(ed, 'wasmtime');
    ed.handle(k('ctrl-r'));
    expect(ed.view().text).toBe('wasmtime hello.wasm');
    const effects = ed.handle(k('ctrl-r'));
    expect(effects[0]).toEqual({ kind: 'bell' });
    expect(ed.view().prompt).toBe("(failed reverse-i-search)`wasmtime': ");
    expect(ed.view().text).toBe('wasmtime hello.wasm');
  });

  it('Backspace in the search takes a whole emoji off the query', () => {
    const ed = editor({ history: ['echo 😀x', 'ls'] });
    ed.handle(k('ctrl-r'));
    type(ed, '😀x');
    ed.handle(k('backspace'));
    expect(ed.view().prompt).toBe("(reverse-i-search)`😀': ");
    ed.handle(k('backspace'));
    expect(ed.view().prompt).toBe("(reverse-i-search)`': ");
  });

  it('puts the cursor on the match', () => {
    const ed = editor({ history });
    ed.handle(k('ctrl-r'));
    type(ed, 'config');
    expect(ed.view().cursor).toBe('wasmtime --dir /data '.length);
  });

  it('Enter runs the match', () => {
    const ed = editor({ history });
    ed.handle(k('ctrl-r'));
    type(ed, 'ls');
    expect(ed.handle(k('enter'))).toEqual([{ kind: 'submit', line: 'ls -la' }]);
  });

  it('an editing key accepts the match into the line', () => {
    const ed = editor({ history });
    ed.handle(k('ctrl-r'));
    type(ed, 'hello');
    ed.handle(k('end'));
    expect(ed.searching).toBe(false);
    expect(ed.view()).toEqual({ prompt: PROMPT, text: 'wasmtime hello.wasm', cursor: 19 });
  });

  it('Ctrl-G gives the original line back; Backspace shortens the query', () => {
    const ed = editor({ history });
    type(ed, 'mine');
    ed.handle(k('ctrl-r'));
    type(ed, 'cat');
    expect(ed.view().text).toBe('cat /data/config.json');
    ed.handle(k('backspace'));
    expect(ed.view().prompt).toBe("(reverse-i-search)`ca': ");
    ed.handle(k('ctrl-g'));
    expect(ed.view()).toEqual({ prompt: PROMPT, text: 'mine', cursor: 4 });
  });

  it('Ctrl-C during a search abandons the line', () => {
    const ed = editor({ history });
    ed.handle(k('ctrl-r'));
    type(ed, 'ls');
    expect(ed.handle(k('ctrl-c'))).toEqual([{ kind: 'cancel' }]);
    expect(ed.searching).toBe(false);
  });
});

describe('LineEditor: Tab completion', () => {
  const commands = ['cat', 'cd', 'clear', 'cp', 'wasmedge', 'wasmtime'];
  function complete(line: string, cursor: number): Completion {
    const before = line.slice(0, cursor);
    const start = before.lastIndexOf(' ') + 1;
    const word = before.slice(start);
    if (start === 0) return { start, candidates: commands.filter((c) => c.startsWith(word)) };
    const files = ['data/', 'data.txt', 'hello.wasm'];
    return { start, candidates: files.filter((f) => f.startsWith(word)) };
  }

  it('completes a unique command and adds a space', () => {
    const ed = editor({ complete });
    type(ed, 'cl\t');
    expect(state(ed)).toEqual({ text: 'clear ', cursor: 6 });
  });

  it('completes a directory with its slash and no space', () => {
    const ed = editor({ complete });
    type(ed, 'cat data/');
    ed.reset();
    type(ed, 'ls he\t');
    expect(state(ed).text).toBe('ls hello.wasm ');
  });

  it('extends to the common prefix, then lists on the second Tab', () => {
    const ed = editor({ complete });
    type(ed, 'wa\t');
    expect(state(ed).text).toBe('wasm');
    const second = type(ed, '\t');
    expect(second[0]).toEqual({ kind: 'print', text: 'wasmedge  wasmtime' });
    expect(second[1]).toMatchObject({ kind: 'render', view: { text: 'wasm' } });
  });

  it('rings on the first ambiguous Tab and lists on the second', () => {
    const ed = editor({ complete });
    type(ed, 'c');
    expect(type(ed, '\t')).toEqual([{ kind: 'bell' }]);
    const listed = type(ed, '\t');
    expect(listed[0]).toMatchObject({ kind: 'print' });
    expect((listed[0] as { text: string }).text.split(/\s+/)).toEqual(['cat', 'cd', 'clear', 'cp']);
  });

  it('a key between the Tabs resets the double-Tab', () => {
    const ed = editor({ complete });
    type(ed, 'c\t');
    type(ed, 'x');
    type(ed, '\x7f');
    expect(type(ed, '\t')).toEqual([{ kind: 'bell' }]);
  });

  it('completes in the middle of a line, keeping the rest', () => {
    const ed = editor({ complete });
    type(ed, 'cl | grep x');
    for (let i = 0; i < 9; i++) ed.handle(k('left'));
    type(ed, '\t');
    expect(state(ed)).toEqual({ text: 'clear | grep x', cursor: 5 });
  });

  it('rings when nothing matches or completion throws', () => {
    expect(type(editor({ complete }), 'zz\t')).toContainEqual({ kind: 'bell' });
    const broken = editor({
      complete: () => {
        throw new Error('boom');
      },
    });
    expect(type(broken, 'a\t').at(-1)).toEqual({ kind: 'bell' });
  });
});

describe('candidate listing', () => {
  it('shows basenames of paths in columns, top to bottom', () => {
    const text = formatCandidates(['src/a.ts', 'src/b/', 'src/c.ts', 'src/d.ts'], 20);
    expect(text).toBe('a.ts  c.ts\nb/    d.ts');
  });

  it('caps very long listings', () => {
    const many = Array.from({ length: 250 }, (_, i) => `f${i}`);
    expect(formatCandidates(many, 80).split('\n').at(-1)).toBe('... and 50 more');
    // Wide names are measured in cells, so the columns line up on screen.
    expect(formatCandidates(['日本語.txt', 'a.txt', 'b.txt'], 40)).toBe('日本語.txt  a.txt       b.txt');
  });

  it('longest common prefix', () => {
    expect(longestCommonPrefix(['wasmtime', 'wasmedge'])).toBe('wasm');
    expect(longestCommonPrefix([])).toBe('');
    // 😀 and 😁 share their first UTF-16 unit but no character.
    expect(longestCommonPrefix(['😀a', '😁b'])).toBe('');
    expect(longestCommonPrefix(['x😀a', 'x😀b'])).toBe('x😀');
  });
});
