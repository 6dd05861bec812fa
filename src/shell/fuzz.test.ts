import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testShell } from '../../test/support/shell';
import { parse } from './parser';
import { ShellSyntaxError } from './lexer';
import type { CommandDefinition } from './types';
import { completeLine } from './complete';

/** Pieces that stress the lexer, the expander and the executor together. */
const piece = fc.oneof(
  fc.constantFrom(
    '"',
    "'",
    '\\',
    '$',
    '${',
    '}',
    '$?',
    '~',
    '*',
    '?',
    '[',
    ';',
    '&&',
    '||',
    '|',
    '>',
    '>>',
    '<',
    '2>',
    '2>&1',
    '&',
    '(',
    ')',
    '#',
    '`',
    '$(',
    '=',
    ' ',
    '\t',
    '\n',
  ),
  fc.constantFrom(
    'echo',
    'ls',
    'cat',
    'cd',
    'pwd',
    'export',
    'unset',
    'env',
    'true',
    'false',
    'mkdir',
    'touch',
    'rm',
    'cp',
    'mv',
    'tree',
    'history',
    'which',
    'help',
    'dojo',
    'nope',
    '-l',
    '-z',
    '-rf',
    '/tmp/f',
    'X=1',
    '$X',
    'a b',
  ),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const line = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

/** The ways a word can be quoted for bash; each must give the word back unchanged. */
const QUOTERS: Array<(w: string) => string> = [
  // 'it'\''s'
  (w) => `'${w.replace(/'/g, `'\\''`)}'`,
  // "a \"b\" \$c"
  (w) => `"${w.replace(/["\\$`]/g, '\\$&')}"`,
  // a\ b\*: every non-alphanumeric escaped (a backslash-newline would join lines: quote that one)
  (w) => (w === '' ? "''" : [...w].map((c) => (c === '\n' ? "'\n'" : /[A-Za-z0-9]/.test(c) ? c : `\\${c}`)).join('')),
  // $'a\'b\\c'
  (w) => `$'${w.replace(/[\\']/g, '\\$&')}'`,
];

describe('quoting round-trips', () => {
  it('any argv, quoted any of the ways bash reads, comes back unchanged', async () => {
    const argvJson: CommandDefinition = {
      name: 'argv',
      summary: '',
      usage: '',
      run: async (ctx) => (ctx.stdout.write(JSON.stringify(ctx.argv.slice(1))), 0),
    };
    const t = testShell({ extra: [argvJson], recordHistory: false });
    const word = fc.string({ unit: 'grapheme', minLength: 0, maxLength: 12 });
    const quoted = fc.tuple(word, fc.nat(QUOTERS.length - 1)).map(([w, q]) => ({ w, text: QUOTERS[q]!(w) }));
    await fc.assert(
      fc.asyncProperty(fc.array(quoted, { minLength: 1, maxLength: 5 }), async (args) => {
        const r = await t.run('argv ' + args.map((a) => a.text).join(' '));
        expect(r.stderr).toBe('');
        expect(JSON.parse(r.stdout)).toEqual(args.map((a) => a.w));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the parser', () => {
  it('either parses or throws a ShellSyntaxError, nothing else', () => {
    fc.assert(
      fc.property(line, (l) => {
        try {
          parse(l);
        } catch (err) {
          expect(err).toBeInstanceOf(ShellSyntaxError);
          expect((err as Error).message).toMatch(/^dojo: /);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the shell never throws or hangs', () => {
  it('on thousands of random lines', async () => {
    const t = testShell({ limits: { tty: 4096, pipe: 4096, file: 4096 } });
    const decoder = new TextDecoder();
    await fc.assert(
      fc.asyncProperty(line, async (l) => {
        // The shell turns any exception into `internal error` on stderr and carries on: so stderr
        // is read, and a command (or the shell) that threw fails the property.
        let stderr = '';
        const status = await t.shell.execute(
          l.replace(/\byes\b/g, 'no'),
          {
            stdout: { isTTY: true, write: () => {} },
            stderr: { isTTY: true, write: (d) => void (stderr += typeof d === 'string' ? d : decoder.decode(d)) },
            prompt: async () => null,
          },
          new AbortController().signal,
        );
        expect(stderr).not.toContain('internal error');
        expect(Number.isInteger(status)).toBe(true);
        expect(status).toBeGreaterThanOrEqual(0);
        expect(status).toBeLessThanOrEqual(255);
        expect(t.shell.lastStatus).toBe(status);
        expect(typeof t.shell.promptText()).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });
  it('completion never throws', () => {
    const t = testShell();
    fc.assert(
      fc.property(line, fc.nat(), (l, c) => {
        // completeLine itself: Shell.complete catches whatever it throws, so it could prove nothing.
        const r = completeLine(l, c % (l.length + 1), t.shell, t.fs);
        expect(Array.isArray(r.candidates)).toBe(true);
        expect(r.start).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });
  it('on a 100,000-character line and binary garbage', async () => {
    const t = testShell();
    const long = await t.run('echo ' + 'ab"c d"'.repeat(14_286));
    expect(long.status).toBe(0);
    const garbage = String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65536));
    const r = await t.run(garbage);
    expect(Number.isInteger(r.status)).toBe(true);
    expect(r.stderr).not.toContain('internal error');
  });
});

/** The grammar's own words and operators, for lines that build compound commands, here-documents and jobs. */
const grammarPiece = fc.oneof(
  { weight: 3, arbitrary: piece },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'if ',
      ' then ',
      ' elif ',
      ' else ',
      ' fi',
      'for i in a b; do ',
      'for ((i=0;i<3;i++)); do ',
      'while ',
      'until ',
      ' do ',
      ' done',
      'case x in ',
      'x) ',
      ';;',
      ' esac',
      '{ ',
      ' }',
      '( ',
      ' )',
      '((',
      '))',
      '$((',
      '[[ ',
      ' ]]',
      ' == ',
      '<<EOF\n',
      '\nEOF\n',
      "<<'E'",
      '<<<',
      'f() ',
      'local x=1',
      'return 2',
      'break',
      'continue',
      'exit',
      ' & ',
      'wait',
      'jobs',
      'kill %1',
      '${x:-d}',
      '${x#*}',
      '${#x}',
      '$@',
      '$#',
      'set -e',
      'set -u',
      'set -o pipefail',
      '{a,b}',
      '{1..3}',
      'time ',
      '! ',
      'eval ',
      'read v',
      '`',
      '$(',
    ),
  },
);
const grammarLine = fc.array(grammarPiece, { maxLength: 14 }).map((parts) => parts.join(''));

describe('the grammar under random input', () => {
  it('the parser parses, or throws a ShellSyntaxError in dojo: words', () => {
    fc.assert(
      fc.property(grammarLine, (l) => {
        try {
          parse(l);
        } catch (err) {
          expect(err).toBeInstanceOf(ShellSyntaxError);
          expect((err as Error).message).toMatch(/^dojo: /);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('the shell runs any such line to its end or to Ctrl-C, never throwing, and stays usable', async () => {
    const t = testShell({ limits: { tty: 4096, pipe: 4096, file: 4096 } });
    const decoder = new TextDecoder();
    await fc.assert(
      fc.asyncProperty(grammarLine, async (l) => {
        let stderr = '';
        const ctl = new AbortController();
        // An endless loop is a fine thing to type; Ctrl-C must end it.
        const timer = setTimeout(() => ctl.abort(), 150);
        const status = await t.shell.execute(
          l.replace(/\byes\b/g, 'no'),
          {
            stdout: { isTTY: true, write: () => {} },
            stderr: { isTTY: true, write: (d) => void (stderr += typeof d === 'string' ? d : decoder.decode(d)) },
            prompt: async () => null,
          },
          ctl.signal,
        );
        clearTimeout(timer);
        expect(stderr).not.toContain('internal error');
        expect(status).toBeGreaterThanOrEqual(0);
        expect(status).toBeLessThanOrEqual(255);
        expect(typeof t.shell.promptText()).toBe('string');
      }),
      { numRuns: 400 },
    );
    t.shell.services.machine.jobs.stopAll();
    expect((await t.run('set +e +u; echo alive')).stdout).toBe('alive\n');
  }, 120_000);
});
