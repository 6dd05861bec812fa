/**
 * Word expansion against bash itself: each line below was run in GNU bash 5.2.15
 * (`env -i HOME=/home/learner LANG=C.UTF-8 bash --norc -c …`) after
 * `A=; B=bee; X="a   b"; S=" lead trail "`, with `argv` printing each argument as `[arg]`.
 * The expected outputs are bash's, not this shell's.
 */
import { describe, expect, it } from 'vitest';
import { testShell } from '../../test/support/shell';
import type { CommandDefinition } from './types';

const argv: CommandDefinition = {
  name: 'argv',
  summary: 'test',
  usage: 'argv [ARG]...',
  run: async (ctx) => (
    ctx.stdout.write(
      ctx.argv
        .slice(1)
        .map((a) => `[${a}]`)
        .join('') + '\n',
    ),
    0
  ),
};

describe('expansion as bash 5.2 does it', () => {
  const t = testShell({ extra: [argv] });
  it.each([
    ['argv ${A:-a b}', '[a][b]'],
    ['argv "${A:-a b}"', '[a b]'],
    ['argv ${A:-a|b}', '[a|b]'],
    ['argv $X "$X" $EMPTY ""', '[a][b][a   b][]'],
    ['argv $S', '[lead][trail]'],
    ['argv x$S', '[x][lead][trail]'],
    ['argv x"$S"y', '[x lead trail y]'],
    ['argv a\\ b \'c d\' "e\\f" "g\\"h" "i\\$j" "k\\\\l"', '[a b][c d][e\\f][g"h][i$j][k\\l]'],
    ["argv $'tab\\there' $'\\x41\\101\\u00e9' $'a\\qb'", '[tab\there][AAé][a\\qb]'],
    ['argv "cost$" a$ "a$ b" "$/" a$.b $1x ${10} $10', '[cost$][a$][a$ b][$/][a$.b][x][0]'],
    ['argv ${#B} ${B:+set} [${U:+set}] ${U-unset} [${A-unset}]', '[3][set][[]][unset][[]]'],
    ['argv "${A:-${B}}" ${A:-$B} ${A:-~} ~ ~/x "~"', '[bee][bee][/home/learner][/home/learner][/home/learner/x][~]'],
    ['argv "${A:-"x y"}"', '[x y]'],
    ["argv ${A:-'x y'}", '[x y]'],
    ['argv $X$S$B', '[a][b][lead][trail][bee]'],
    ['argv "$X"$S"$B"', '[a   b][lead][trail][bee]'],
    ["argv ''$EMPTY $EMPTY'' $EMPTY$EMPTY", '[][]'],
    ['argv a=$X b"$X"c', '[a=a][b][ba   bc]'],
    ["argv a#b 'x'#y", '[a#b][x#y]'],
    ['argv ${U:-"a b" c}', '[a b][c]'],
    ['argv "${U:-\'q\'}"', "['q']"],
    ['argv ${U:-\\$x} "${U:-\\$x}"', '[$x][$x]'],
    ["argv $'\\'' \"\\a\" \\$X", "['][\\a][$X]"],
    ['argv ${B:+"$X"} ${B:+$X}', '[a   b][a][b]'],
    ['argv ${A:-"$S"} ${A:-$S}', '[ lead trail ][lead][trail]'],
    ['argv "$"X ${#} x${A}y', '[$X][0][xy]'],
  ])('%s', async (line, expected) => {
    await t.run('A=; B=bee; X="a   b"; S=" lead trail "');
    expect(await t.run(line)).toEqual({ stdout: expected + '\n', stderr: '', status: 0 });
  });
});
