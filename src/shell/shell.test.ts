import { describe, expect, it } from 'vitest';
import { testShell } from '../../test/support/shell';
import type { CommandDefinition } from './types';

describe('expansion', () => {
  it('expands $VAR, ${VAR}, $? and ~, but nothing inside single quotes', async () => {
    const t = testShell();
    await t.run('NAME=world');
    expect((await t.run('echo $NAME ${NAME}! "$NAME" \'$NAME\' ~ ~/x "~"')).stdout).toBe(
      'world world! world $NAME /home/learner /home/learner/x ~\n',
    );
  });
  it('keeps $? across lines and updates it within a line', async () => {
    const t = testShell();
    await t.run('false');
    expect((await t.run('echo $?')).stdout).toBe('1\n');
    expect((await t.run('true; echo $?; false; echo $?')).stdout).toBe('0\n1\n');
    await t.run('nope');
    expect((await t.run('echo $?')).stdout).toBe('127\n');
    await t.run('echo "unterminated');
    expect((await t.run('echo $?')).stdout).toBe('2\n');
  });
  it('splits unquoted variables into words and drops empty ones', async () => {
    const t = testShell();
    await t.run('X="a   b"');
    const argc: CommandDefinition = {
      name: 'argc',
      summary: '',
      usage: '',
      run: async (ctx) => (ctx.stdout.write(JSON.stringify(ctx.argv.slice(1)) + '\n'), 0),
    };
    t.shell.registry.register(argc);
    expect((await t.run('argc $X "$X" $EMPTY ""')).stdout).toBe('["a","b","a   b",""]\n');
  });
  it('supports ${VAR:-default}, escapes and ANSI-C quotes', async () => {
    const t = testShell();
    expect((await t.run('echo ${MISSING:-fallback} a\\ b "q\\"q" $\'tab\\there\'')).stdout).toBe('fallback a b q"q tab\there\n');
  });
  it('keeps a $ that starts no expansion, as bash does', async () => {
    const t = testShell();
    expect(await t.run('echo "cost$" a$ "a$ b" "$/" a$.b $1x')).toMatchObject({ status: 0, stdout: 'cost$ a$ a$ b $/ a$.b x\n', stderr: '' });
    // Operators apply to positional parameters too (they are never set here): bash prints `dflt 0`.
    expect(await t.run('echo ${1:-dflt} ${?:-q} ${1-x}')).toMatchObject({ status: 0, stdout: 'dflt 0 x\n' });
    t.fs.writeFile('/home/learner/log', 'disk error\nerror here\n');
    expect(await t.run('grep "error$" log')).toMatchObject({ status: 0, stdout: 'disk error\n' });
  });
  it('expands assignments left to right and nested ${A:-word} words', async () => {
    const t = testShell();
    expect((await t.run('X=1 Y=$X; echo $Y')).stdout).toBe('1\n');
    expect((await t.run('unset Q; Q=1 echo "[$Q]"')).stdout).toBe('[]\n');
    await t.run('A=; B=bee');
    expect((await t.run('echo "${A:-${B}}" ${A:-$B} [${A-unset}] ${NOPE-unset} ${A:-~}')).stdout).toBe('bee bee [] unset /home/learner\n');
    expect((await t.run('V=abc; echo ${#} $# ${#V} ${V:+set} [${U:+set}]')).stdout).toBe('0 0 3 set []\n');
  });
  it('reports a bad substitution', async () => {
    const t = testShell();
    const r = await t.run('echo ${}');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad substitution');
  });
  it('expands globs against the filesystem, leaving unmatched patterns as typed', async () => {
    const t = testShell({ cwd: '/etc' });
    expect((await t.run('echo *')).stdout).toBe('hostname os-release\n');
    expect((await t.run('echo /data/*.json')).stdout).toBe('/data/config.json\n');
    expect((await t.run('echo *.nothing')).stdout).toBe('*.nothing\n');
    expect((await t.run('echo "*"')).stdout).toBe('*\n');
  });
});

describe('variables', () => {
  it('export, env and unset', async () => {
    const t = testShell();
    await t.run('LOCAL=1; export SHARED=2');
    const env = (await t.run('env')).stdout;
    expect(env).toContain('SHARED=2\n');
    expect(env).not.toContain('LOCAL=');
    expect(env).toContain('HOME=/home/learner\n');
    await t.run('export LOCAL');
    expect((await t.run('env')).stdout).toContain('LOCAL=1\n');
    await t.run('unset SHARED');
    expect((await t.run('echo "[$SHARED]"')).stdout).toBe('[]\n');
    expect((await t.run('export -p')).stdout).toContain('declare -x LOCAL="1"');
    const bad = await t.run('export 1x=2');
    expect(bad).toMatchObject({ status: 1, stderr: "dojo: export: `1x=2': not a valid identifier\n" });
  });
  it('NAME=value before a command reaches only that command', async () => {
    const t = testShell();
    expect((await t.run('GREETING=hi env')).stdout).toContain('GREETING=hi\n');
    expect((await t.run('echo "[$GREETING]"')).stdout).toBe('[]\n');
    expect((await t.run('env -i A=1')).stdout).toBe('A=1\n');
    expect((await t.run('env B=2 echo ok')).stdout).toBe('ok\n');
  });
});

describe('lists, pipes and redirects', () => {
  it('runs && and || like bash', async () => {
    const t = testShell();
    expect((await t.run('true && echo a || echo b')).stdout).toBe('a\n');
    expect((await t.run('false && echo a || echo b')).stdout).toBe('b\n');
    expect((await t.run('false || false && echo x')).stdout).toBe('');
    expect((await t.run('false; true')).status).toBe(0);
  });
  it('pipes stdout into the next command', async () => {
    const t = testShell();
    expect((await t.run('echo piped | cat')).stdout).toBe('piped\n');
    expect((await t.run('cat /etc/hostname | cat - | cat')).stdout).toBe('dojo\n');
    expect((await t.run('echo x | false')).status).toBe(1);
    expect((await t.run('false | true')).status).toBe(0);
  });
  it('redirects into the host filesystem', async () => {
    const t = testShell();
    await t.run('echo one > out.txt');
    await t.run('echo two >> out.txt');
    expect(t.fs.readText('/home/learner/out.txt')).toBe('one\ntwo\n');
    expect((await t.run('cat < out.txt')).stdout).toBe('one\ntwo\n');
    await t.run('cat nope.txt 2> err.txt');
    expect(t.fs.readText('/home/learner/err.txt')).toBe('cat: nope.txt: No such file or directory\n');
    await t.run('cat nope out.txt > both.txt 2>&1');
    expect(t.fs.readText('/home/learner/both.txt')).toBe('cat: nope: No such file or directory\none\ntwo\n');
    await t.run('> empty.txt');
    expect(t.fs.readText('/home/learner/empty.txt')).toBe('');
    await t.run('cat out.txt > out.txt');
    expect(t.fs.readText('/home/learner/out.txt')).toBe('');
  });
  it('supports 2>>, &> and >&2', async () => {
    const t = testShell();
    await t.run('cat nope 2> e.txt; cat nope2 2>> e.txt');
    expect(t.fs.readText('/home/learner/e.txt')).toBe('cat: nope: No such file or directory\ncat: nope2: No such file or directory\n');
    await t.run('cat /etc/hostname nope &> all.txt');
    expect(t.fs.readText('/home/learner/all.txt')).toBe('dojo\ncat: nope: No such file or directory\n');
    const r = await t.run('echo to-stderr >&2');
    expect(r).toMatchObject({ stdout: '', stderr: 'to-stderr\n' });
    await t.run('P=~/x');
    expect((await t.run('echo $P')).stdout).toBe('/home/learner/x\n');
  });
  it('reports redirect errors like bash', async () => {
    const t = testShell();
    expect(await t.run('echo x > nodir/f')).toMatchObject({ status: 1, stderr: 'dojo: nodir/f: No such file or directory\n' });
    expect(await t.run('echo x > /tmp')).toMatchObject({ status: 1, stderr: 'dojo: /tmp: Is a directory\n' });
    expect(await t.run('cat < missing')).toMatchObject({ status: 1, stderr: 'dojo: missing: No such file or directory\n' });
    expect((await t.run('echo x > $NOTHING')).stderr).toBe('dojo: $NOTHING: ambiguous redirect\n');
  });
});

describe('errors and statuses', () => {
  it('command not found: 127 with a did-you-mean', async () => {
    const t = testShell();
    expect(await t.run('sl')).toMatchObject({ status: 127, stderr: "dojo: sl: command not found\ndojo: did you mean 'ls'?\n" });
    expect(await t.run('frobnicate')).toMatchObject({ status: 127, stderr: 'dojo: frobnicate: command not found\n' });
    expect(await t.run('./nothing')).toMatchObject({ status: 127, stderr: 'dojo: ./nothing: No such file or directory\n' });
    t.fs.writeFile('/home/learner/app.wasm', new Uint8Array([0, 97, 115, 109]));
    // execve(2) checks the execute bit first, then the format.
    expect(await t.run('./app.wasm')).toMatchObject({ status: 126, stderr: 'dojo: ./app.wasm: Permission denied\n' });
    t.fs.chmod!('/home/learner/app.wasm', 0o755);
    const exec = await t.run('./app.wasm');
    expect(exec.status).toBe(126);
    expect(exec.stderr).toBe('dojo: ./app.wasm: cannot execute binary file: Exec format error\ndojo: run it with a runtime: wasmtime ./app.wasm\n');
  });
  it('unterminated quotes: status 2 and the documented message', async () => {
    const t = testShell();
    expect(await t.run(`echo "oops`)).toMatchObject({ status: 2, stderr: 'dojo: syntax error: unterminated quote\n' });
  });
  it('a throwing command becomes status 1 with a message, not a crash', async () => {
    const boom: CommandDefinition = {
      name: 'boom',
      summary: '',
      usage: '',
      run: async () => {
        throw new Error('kaput');
      },
    };
    const t = testShell({ extra: [boom] });
    expect(await t.run('boom')).toMatchObject({ status: 1, stderr: 'boom: internal error: kaput\n' });
  });
  it('records every typed line in history, even failing ones', async () => {
    const t = testShell();
    await t.run('echo "a');
    await t.run('   ');
    await t.run('ls');
    expect(t.shell.history()).toEqual(['echo "a', 'ls']);
    expect((await t.run('history')).stdout).toBe('    1  echo "a\n    2  ls\n    3  history\n');
  });
});

describe('floods and interrupts', () => {
  it('caps output to the terminal and says so; yes runs on, discarded, until Ctrl-C', async () => {
    const t = testShell({ limits: { tty: 10_000 } });
    const ctl = new AbortController();
    const pending = t.run('yes', { tty: true, signal: ctl.signal });
    // As with a real terminal: the cut does not stop yes, Ctrl-C does.
    await new Promise((r) => setTimeout(r, 100));
    ctl.abort();
    const r = await pending;
    expect(r.stdout.length).toBe(10_000);
    expect(r.stderr.match(/dojo: output truncated/g)).toHaveLength(1);
    expect(r.status).toBe(130);
  });
  it('cat of a 20 MB file is cut at the cap', async () => {
    const t = testShell();
    t.fs.writeFile('/tmp/big', new Uint8Array(20 * 1024 * 1024).fill(65));
    const r = await t.run('cat /tmp/big', { tty: true });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(1024 * 1024);
    expect(r.stderr).toMatch(/output truncated: more than 1 MB/);
  });
  it('a pipe from yes is bounded too', async () => {
    const t = testShell({ limits: { pipe: 100_000 } });
    const r = await t.run('yes | cat > /tmp/y');
    expect(t.fs.stat('/tmp/y')!.size).toBe(100_000);
    expect(r.stderr).toContain('pipe full');
  });
  it('a redirect past the file cap fails with status 1, like a write that hits EFBIG', async () => {
    const t = testShell({ limits: { file: 1000 } });
    t.fs.writeFile('/tmp/big', new Uint8Array(5000).fill(65));
    const r = await t.run('cat /tmp/big > /tmp/copy; echo $?');
    expect(r.stderr).toBe('dojo: /tmp/copy: File too large\n');
    expect(r.stdout).toBe('1\n');
    expect(t.fs.stat('/tmp/copy')!.size).toBe(1000);
    expect((await t.run('cat /tmp/big > /tmp/copy && echo ok')).stdout).toBe('');
  });
  it('a cut pipe says so and fails unless its reader stopped before the cut (head)', async () => {
    const t = testShell({ limits: { pipe: 100_000 } });
    t.fs.writeFile('/tmp/big', new Uint8Array(400_000).fill(65));
    const counted = await t.run('cat /tmp/big | wc -c');
    expect(counted).toMatchObject({ status: 1, stdout: '100000\n' });
    expect(counted.stderr).toBe('dojo: pipe full: more than 100000 bytes buffered, output cut\n');
    expect(await t.run('yes | head -n 2')).toEqual({ status: 0, stdout: 'y\ny\n', stderr: '' });
    // head wanted more than the pipe could hold: the cut mattered.
    const greedy = await t.run('yes | head -n 60000');
    expect(greedy.stderr).toContain('pipe full');
    expect(greedy.status).toBe(1);
  });
  it('Ctrl-C interrupts with 130 even if the command ignores its signal', async () => {
    const stubborn: CommandDefinition = { name: 'hang', summary: '', usage: '', run: () => new Promise(() => {}) };
    const t = testShell({ extra: [stubborn] });
    const ctl = new AbortController();
    const pending = t.run('hang; echo never', { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 10);
    const r = await pending;
    expect(r.status).toBe(130);
    expect(r.stdout).toBe('');
    expect(t.shell.lastStatus).toBe(130);
  });
  it('Ctrl-C stops yes', async () => {
    const t = testShell({ limits: { tty: Number.MAX_SAFE_INTEGER } });
    const ctl = new AbortController();
    const pending = t.run('yes > /dev/null_not_here; yes', { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 20);
    expect((await pending).status).toBe(130);
  });
});

describe('prompt', () => {
  it('shows the directory with ~ for home', async () => {
    const t = testShell();
    expect(t.shell.promptText()).toBe('learner@dojo:~$ ');
    await t.run('cd /data');
    expect(t.shell.promptText()).toBe('learner@dojo:/data$ ');
    await t.run('mkdir -p ~/my-api && cd ~/my-api');
    expect(t.shell.promptText()).toBe('learner@dojo:~/my-api$ ');
    await t.run('rm -r ~/my-api');
    expect(t.shell.promptText()).toBe('learner@dojo:~$ ');
  });
});
