/**
 * The shell language against bash itself: every expected output below was printed by GNU bash
 * 5.2.15 on this machine (`bash --norc --noprofile -c '<line>'`), with `bash: line 1:` read as our
 * `dojo:`. Where the interactive shell differs from a `bash -c` script on purpose (an error ends
 * the typed line, not the terminal), the test says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testShell } from '../../test/support/shell';
import { loadEngine } from './engine-loader';
import { historyLine, readLine, type CommandSoFar } from './continuation';

beforeAll(async () => {
  await loadEngine();
});

describe('control flow, functions and expansions as bash 5.2 runs them', () => {
  it.each([
    ['if false; then echo yes; elif true; then echo elif; else echo no; fi', 'elif\n'],
    ['for i in a b c; do echo $i; done', 'a\nb\nc\n'],
    ['for ((i=0; i<3; i++)); do echo $i; done', '0\n1\n2\n'],
    ['i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done', '0\n1\n2\n'],
    ['i=2; until [ $i -eq 0 ]; do i=$((i-1)); echo u$i; done', 'u1\nu0\n'],
    ['x=foo.txt; case $x in *.md) echo md;; *.txt) echo txt;; *) echo other;; esac', 'txt\n'],
    ['case a in b|a) echo hit;& c) echo fall;; esac', 'hit\nfall\n'],
    ['f() { local x=1; echo "in f: $1 $# $x"; return 3; }; f a b; echo "status $?"; echo "x=[$x]"', 'in f: a 2 1\nstatus 3\nx=[]\n'],
    [
      'x=hello.tar.gz; echo ${x%.*} ${x%%.*} ${x#*.} ${x##*.} ${#x} ${x/l/L} ${x//l/L} ${x:1:3} ${x^^} ${x/#h/H} ${x/%gz/bz2} ${x: -2}',
      'hello.tar hello tar.gz gz 12 heLlo.tar.gz heLLo.tar.gz ell HELLO.TAR.GZ Hello.tar.gz hello.tar.bz2 gz\n',
    ],
    ['unset y; echo ${y:-def} ${y:=set} $y', 'def set set\n'],
    ['unset u; echo "${u-unset}" "${u:+plus}" "${#u}"', 'unset  0\n'],
    ['true | false | true; echo ${PIPESTATUS[@]}; set -o pipefail; true | false | true; echo $?', '0 1 0\n1\n'],
    ['set -- a "b c" d; echo $#; for a in "$@"; do echo "[$a]"; done; shift; echo "$1"; echo "$*"', '3\n[a]\n[b c]\n[d]\nb c\nb c d\n'],
    [
      'echo $((2**62*2)) $((0x1F)) $((010)) $((2#101)) $((-7/2)) $((-7%2)) $((1<<4|1)) $((5>3?10:20)) $((x=4, x*x))',
      '-9223372036854775808 31 8 5 -3 -1 17 10 16\n',
    ],
    ['a=(x "y z" w); a+=(v); echo ${#a[@]} ${a[1]} ${a[-1]}; for e in "${a[@]}"; do echo "<$e>"; done', '4 y z v\n<x>\n<y z>\n<w>\n<v>\n'],
    ['x=5; (( x++ )); echo $x; (( x > 10 )); echo $?', '6\n1\n'],
    ['IFS=: read a b c <<< "1:2:3:4"; echo "$a|$b|$c"', '1|2|3:4\n'],
    ['echo `echo \\`echo nested\\``', 'nested\n'],
    ['v=$(exit 3); echo $?', '3\n'],
    ['echo "today $(echo is) `echo day`"', 'today is day\n'],
    ['x=$(echo -e "a\\n\\n"); echo "[$x]"', '[a]\n'],
    ['x=1; (x=2; echo in $x); echo out $x', 'in 2\nout 1\n'],
    ['{ echo a; echo b; } > /tmp/o.txt; cat /tmp/o.txt', 'a\nb\n'],
    ['! true; echo $?; ! false; echo $?', '1\n0\n'],
    ['[[ abc == a* ]] && echo glob; [[ -n "" ]] || echo empty; [[ 5 -gt 3 && 2 -lt 4 ]] && echo nums', 'glob\nempty\nnums\n'],
    ['[[ foo =~ ^f(o+)$ ]] && echo "${BASH_REMATCH[1]}"', 'oo\n'],
    ['for i in 1 2 3 4; do if [ $i = 3 ]; then break; fi; echo $i; done', '1\n2\n'],
    ['for i in 1 2 3; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done', '1a\n2a\n3a\n'],
    ['echo -e "a b\\nc d" | while read x y; do echo "$y-$x"; done', 'b-a\nd-c\n'],
    ["eval 'echo $((1+1))'", '2\n'],
    ['echo "a\'b" \'c"d\' "\\$HOME" \\\\', 'a\'b c"d $HOME \\\n'],
    ['g() { echo "${FUNCNAME:-none} $1"; }; g x | cat', 'none x\n'],
    ['n=0; inc() { n=$((n+1)); }; inc; inc; echo $n', '2\n'],
    [
      'echo {a,b}c x{1..3} {01..10..3} {a..e..2} {x} {} a{b,c{d,e}}f "{q,r}" \\{s,t} ${HOME:+{u,v}} {5..1} pre{,-post} $(echo {m,n})',
      'ac bc x1 x2 x3 01 04 07 10 a c e {x} {} abf acdf acef {q,r} {s,t} {u,v} 5 4 3 2 1 pre pre-post m n\n',
    ],
    ['for i in {1..3}; do echo $i; done; mkdir -p /tmp/b/{src,test}; ls /tmp/b', '1\n2\n3\nsrc\ntest\n'],
    ['echo ~ ~/x ~learner ~nobody', '/home/learner /home/learner/x /home/learner ~nobody\n'],
  ])('%s', async (line, stdout) => {
    const t = testShell();
    expect(await t.run(line)).toEqual({ stdout, stderr: '', status: 0 });
  });

  it("bash's errors, in bash's words, with `dojo:` for `bash:`", async () => {
    const t = testShell();
    expect(await t.run('echo )')).toEqual({ stdout: '', stderr: "dojo: syntax error near unexpected token `)'\n", status: 2 });
    expect(await t.run('fi')).toEqual({ stdout: '', stderr: "dojo: syntax error near unexpected token `fi'\n", status: 2 });
    expect(await t.run('nosuch')).toEqual({ stdout: '', stderr: 'dojo: nosuch: command not found\n', status: 127 });
    expect(await t.run('type nosuchthing')).toEqual({ stdout: '', stderr: 'dojo: type: nosuchthing: not found\n', status: 1 });
    expect(await t.run('return')).toEqual({ stdout: '', stderr: "dojo: return: can only `return' from a function or sourced script\n", status: 1 });
    expect(await t.run('local x')).toEqual({ stdout: '', stderr: 'dojo: local: can only be used in a function\n', status: 1 });
    expect(await t.run('[ 1 -eq a ]')).toEqual({ stdout: '', stderr: 'dojo: [: a: integer expression expected\n', status: 2 });
  });

  it('an expansion error ends the typed line with status 1, as in interactive bash (a script would exit)', async () => {
    const t = testShell();
    expect(await t.run('echo ${z:?custom message}; echo after')).toEqual({ stdout: '', stderr: 'dojo: z: custom message\n', status: 1 });
    expect(await t.run('echo $((1/0)); echo next')).toEqual({ stdout: '', stderr: 'dojo: 1/0: division by 0 (error token is "0")\n', status: 1 });
    expect(await t.run('set -u; echo $nope; echo after')).toEqual({ stdout: '', stderr: 'dojo: nope: unbound variable\n', status: 1 });
    // ...and in a script it ends the script with bash's status.
    expect(await t.run('set +u; bash -c \'echo ${z:?gone}; echo not here\'; echo "status $?"')).toEqual({
      stdout: 'status 127\n',
      stderr: 'dojo: z: gone\n',
      status: 0,
    });
  });

  it('type prints a function as bash does', async () => {
    const t = testShell();
    // bash 5.2: `f() { echo "$1"; ls -l | wc -l; }; type f`
    expect((await t.run('f() { echo "$1"; ls -l | wc -l; }; type f')).stdout).toBe(
      'f is a function\nf () \n{ \n    echo "$1";\n    ls -l | wc -l\n}\n',
    );
  });

  it('set -x traces each command as bash does, quoted', async () => {
    const t = testShell();
    expect(await t.run('set -x; echo "a b" c; X="1 2" true; set +x')).toEqual({
      stdout: 'a b c\n',
      stderr: "+ echo 'a b' c\n+ X='1 2'\n+ true\n+ set +x\n",
      status: 0,
    });
  });

  it('set -e ends the shell at a failing command, but not in a condition', async () => {
    const t = testShell();
    expect(await t.run("bash -c 'set -e; if false; then :; fi; false && true; echo kept; false; echo gone'")).toEqual({
      stdout: 'kept\n',
      stderr: '',
      status: 1,
    });
  });

  it('state persists between typed lines: variables, functions, options, positional parameters', async () => {
    const t = testShell();
    await t.run('greet() { echo "hi $1"; }');
    await t.run('X=kept; set -o pipefail; set -- p1 p2');
    expect((await t.run('greet "$X"; echo $#; false | true; echo $?')).stdout).toBe('hi kept\n2\n1\n');
  });

  it('exit starts a fresh shell in the same terminal and says so', async () => {
    const t = testShell();
    await t.run('X=1; f() { :; }; cd /tmp');
    const r = await t.run('exit 3');
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      'exit\ndojo: a new shell started in this terminal: variables, functions and options are back to their defaults (files and jobs are kept)\n',
    );
    expect(await t.run('echo "[$X]"; type -t f; pwd')).toMatchObject({ stdout: '[]\n/home/learner\n' });
    // In a subshell, exit ends only the subshell.
    expect(await t.run('(exit 4); echo $?')).toMatchObject({ stdout: '4\n', stderr: '' });
  });

  it('here-documents: expanding, quoted, tab-stripped, and piped into a command', async () => {
    const t = testShell();
    expect((await t.run('cat <<EOF\nhello $HOME $((1+1))\nEOF')).stdout).toBe('hello /home/learner 2\n');
    expect((await t.run("cat <<'EOF'\nhello $HOME\nEOF")).stdout).toBe('hello $HOME\n');
    expect((await t.run('cat <<-EOF\n\ttabbed\n\tEOF')).stdout).toBe('tabbed\n');
    expect((await t.run('cat <<A | wc -l\n1\n2\nA\necho after')).stdout).toBe('2\nafter\n');
    expect((await t.run('while read l; do echo "got $l"; done <<EOF\none\ntwo\nEOF')).stdout).toBe('got one\ngot two\n');
  });

  it('time prints real/user/sys on stderr after the command, as bash does', async () => {
    const t = testShell();
    const r = await t.run('time echo hi');
    expect(r.stdout).toBe('hi\n');
    expect(r.stderr).toMatch(/^\nreal\t0m0\.\d{3}s\nuser\t0m0\.000s\nsys\t0m0\.000s\n$/);
    expect((await t.run('time -p true')).stderr).toMatch(/^real 0\.\d\d\nuser 0\.00\nsys 0\.00\n$/);
  });

  it('sudo runs the command with one dojo line; the install guide’s `sudo mv spin /usr/local/bin/` says it is installed', async () => {
    const t = testShell();
    expect(await t.run('sudo echo hi')).toEqual({ stdout: 'hi\n', stderr: 'dojo: there is no root here; running `echo hi` as learner\n', status: 0 });
    expect(await t.run('sudo mv dojo /usr/local/bin/')).toEqual({
      stdout: '',
      stderr: 'dojo: dojo is already installed in /usr/local/bin here; nothing to move\n',
      status: 0,
    });
  });

  it('read at the terminal asks the learner, with -p as the question', async () => {
    const t = testShell();
    const io = {
      stdout: { isTTY: true, write() {} },
      stderr: { isTTY: true, write() {} },
      prompt: async (q: string) => (q === 'Name? ' ? 'Ada' : null),
    };
    await t.shell.execute('read -p "Name? " who', io, new AbortController().signal);
    expect(t.shell.env.get('who')).toBe('Ada');
  });
});

describe('loops of builtins stay interruptible', () => {
  it('Ctrl-C lands in `while true; do :; done` (the loop yields to the event loop) and gives 130', async () => {
    const t = testShell();
    const ctl = new AbortController();
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
      ctl.abort();
    }, 100);
    const started = Date.now();
    const r = await t.run('while true; do :; done; echo not-reached', { signal: ctl.signal });
    expect(timerFired).toBe(true);
    expect(r).toEqual({ stdout: '', stderr: '', status: 130 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await t.run('echo $?')).stdout).toBe('130\n');
  });

  it('a huge brace expansion stops with a clear error', async () => {
    const t = testShell();
    expect(await t.run('echo {1..99999999}')).toEqual({
      stdout: '',
      stderr: 'dojo: brace expansion too large (the limit is 100000 words)\n',
      status: 1,
    });
  });

  it('a runaway recursion stops with a clear error, not a frozen tab', async () => {
    const t = testShell();
    const r = await t.run('f() { f; }; f');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('dojo: f: maximum function nesting level exceeded (200)\n');
  });
});

describe('background jobs', () => {
  it('`cmd &` prints [N] PID, runs on, and `wait` collects it; the next line reports Done', async () => {
    const t = testShell();
    const r = await t.run('sleepy() { for i in 1 2 3; do :; done; echo bg-done; }; sleepy & p=$!; wait; echo "pid $p"; echo waited', { tty: true });
    expect(r.stderr).toMatch(/^\[1\] \d+\n$/);
    expect(r.stdout).toBe(`bg-done\npid ${/ (\d+)/.exec(r.stderr)![1]}\nwaited\n`);
    expect(await t.run('jobs')).toEqual({ stdout: '', stderr: '', status: 0 });
  });

  it('a long job shows in `jobs`, `kill %1` ends it, `wait %1` then fails', async () => {
    const t = testShell();
    await t.run('while true; do :; done &');
    expect((await t.run('jobs')).stdout).toBe('[1]+  Running                 while true; do :; done &\n');
    expect((await t.run('kill %1')).stdout).toBe('[1]+  Terminated              while true; do :; done\n');
    expect(await t.run('kill %1')).toEqual({ stdout: '', stderr: 'dojo: kill: %1: no such job\n', status: 1 });
    expect(await t.run('wait %1')).toEqual({ stdout: '', stderr: 'dojo: wait: %1: no such job\n', status: 127 });
    expect(await t.run('bg')).toEqual({ stdout: '', stderr: 'dojo: bg: current: no such job\n', status: 1 });
  });

  it('a finished job is reported before the next line, as bash does before its prompt', async () => {
    const t = testShell();
    await t.run('true &', { tty: true });
    await new Promise((r) => setTimeout(r, 10));
    expect((await t.run('echo next')).stderr).toBe('[1]+  Done                    true\n');
    await t.run('false &', { tty: true });
    await new Promise((r) => setTimeout(r, 10));
    expect((await t.run('echo next')).stderr).toBe('[1]+  Exit 1                  false\n');
  });
});

describe('a here-document recalled from history', () => {
  it.each([
    ['cat <<EOF\nhello $HOME "q" \\$x\nline 2\nEOF', `cat <<< "hello $HOME \\"q\\" \\$x"$'\\n'"line 2"`],
    ["cat <<'EOF' | wc -c\nit's $HOME\nEOF\necho after", `cat <<< $'it\\'s $HOME' | wc -c; echo after`],
    ['cat <<-EOF\n\ttabbed\n\tEOF', 'cat <<< "tabbed"'],
  ])('%j is one line that does the same', async (entry, one) => {
    const t = testShell();
    expect(historyLine(entry)).toBe(one);
    expect((await t.run(one)).stdout).toBe((await t.run(entry)).stdout);
  });

  it.each([
    ['if true\nthen\n  echo x\nfi', 'if true; then   echo x; fi'],
    ['for i in 1 2\ndo\n  echo $i\ndone', 'for i in 1 2; do   echo $i; done'],
    ['f() {\n  echo f\n}\nf', 'f() {   echo f; }; f'],
    ['case a in\n  a)\n    echo A\n    ;;\nesac', 'case a in   a)     echo A;     ;; esac'],
    ['(echo sub)\necho next', '(echo sub); echo next'],
  ])('a multi-line compound %j is one line that does the same', async (entry, one) => {
    const t = testShell();
    expect(historyLine(entry)).toBe(one);
    expect((await t.run(one)).stdout).toBe((await t.run(entry)).stdout);
  });
});

describe('the continuation prompt reads on until the construct is complete', () => {
  const readAll = (lines: string[]): CommandSoFar => {
    let sofar: CommandSoFar | undefined;
    for (const line of lines) sofar = readLine(line, sofar?.why ? sofar : undefined);
    return sofar!;
  };
  it.each([
    [['cat <<EOF', 'a'], 'heredoc'],
    [['cat <<EOF', "it's"], 'heredoc'],
    [['if true; then'], 'compound'],
    [['for i in 1 2', 'do'], 'compound'],
    [['f() {', 'echo x'], 'compound'],
    [['case $x in', 'a) echo a;;'], 'compound'],
    [['echo $(ls'], 'compound'],
  ])('%j wants more (%s)', (lines, why) => {
    expect(readAll(lines).why).toBe(why);
  });
  it.each([
    [['cat <<EOF', "it's", 'EOF']],
    [['if true; then', 'echo y', 'fi']],
    [['f() {', 'echo x', '}']],
    [['echo )']],
    [['for i in a; do echo $i; done']],
  ])('%j is complete', (lines) => {
    expect(readAll(lines).why).toBeNull();
  });
});
