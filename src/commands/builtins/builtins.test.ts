import { beforeAll, describe, expect, it } from 'vitest';
import { testShell } from '../../../test/support/shell';
import { BUILTINS, LAZY_BUILTINS } from './index';
import { createMachine } from '../../machine/services';

// The file commands (ls, cp, …) load after the first prompt, as the browser preloads them.
beforeAll(() => Promise.all(LAZY_BUILTINS.map((c) => c.preload())));

describe('help', () => {
  it('lists every registered command with its summary', async () => {
    const t = testShell();
    const r = await t.run('help');
    expect(r.status).toBe(0);
    for (const def of t.shell.registry.list()) expect(r.stdout).toMatch(new RegExp(`^  ${escape(def.name)} +${escape(def.summary)}$`, 'm'));
  });
  it('shows one command, and refuses unknown topics', async () => {
    const t = testShell();
    expect((await t.run('help ls')).stdout).toMatch(/^Usage: ls \[-alA1Rd\] \[FILE\]\.\.\.\nList directory contents\n\nOptions:\n  -a /);
    expect((await t.run('ls --help')).stdout).toBe((await t.run('help ls')).stdout);
    expect((await t.run('help nope')).status).toBe(1);
  });
});

describe('ls', () => {
  it('lists names, hides dotfiles unless -a', async () => {
    const t = testShell();
    t.fs.writeFile('/home/learner/.secret', '');
    expect((await t.run('ls')).stdout).toBe('README.txt\nmodules\n');
    expect((await t.run('ls -a')).stdout).toBe('.\n..\n.secret\nREADME.txt\nmodules\n');
    expect((await t.run('ls -A /home/learner')).stdout).toBe('.secret\nREADME.txt\nmodules\n');
  });
  it('long format shows type, size and date', async () => {
    const t = testShell();
    const r = await t.run('ls -la /data');
    expect(r.stdout).toMatch(/^total 12\ndrwxr-xr-x 2 learner learner 4096 \w{3} [ \d]\d [\d: ]{5} \.\n/);
    expect(r.stdout).toMatch(/\n-rw-r--r-- 1 learner learner  *\d+ \w{3} [ \d]\d [\d: ]{5} config\.json\n$/);
  });
  it('lists a file operand and several directories with headers', async () => {
    const t = testShell();
    expect((await t.run('ls /etc/hostname')).stdout).toBe('/etc/hostname\n');
    expect((await t.run('ls /data /tmp')).stdout).toBe('/data:\nconfig.json\n\n/tmp:\n');
  });
  it('colours directories and uses columns on a terminal', async () => {
    const t = testShell();
    expect((await t.run('ls', { tty: true })).stdout).toBe('README.txt  \x1b[01;34mmodules\x1b[0m\n');
  });
  it("takes the terminal's width first, then $COLUMNS, then 80, as GNU ls does", async () => {
    const t = testShell();
    for (let i = 0; i < 12; i++) t.fs.writeFile(`/tmp/file-${String(i).padStart(4, '0')}`, '');
    const rows = async (opts: { columns?: number }) => (await t.run('ls /tmp', { tty: true, ...opts })).stdout.split('\n').length - 1;
    expect(await rows({})).toBe(2); // 80 columns: six 11-wide columns
    expect(await rows({ columns: 200 })).toBe(1);
    // Names are measured in cells: two 3-character CJK names take six cells each.
    const cjk = testShell();
    for (const n of ['日本語', '中文字', 'abc']) cjk.fs.writeFile(`/tmp/${n}`, '');
    expect((await cjk.run('ls /tmp', { tty: true, columns: 20 })).stdout).toBe('abc  中文字  日本語\n');
    expect((await cjk.run('ls /tmp', { tty: true, columns: 16 })).stdout).toBe('abc     日本語\n中文字\n');
    await t.run('COLUMNS=30; export COLUMNS');
    expect(await rows({})).toBe(6);
    expect(await rows({ columns: 200 })).toBe(1);
  });
  it('errors like coreutils', async () => {
    const t = testShell();
    expect(await t.run('ls nope')).toMatchObject({ status: 2, stderr: "ls: cannot access 'nope': No such file or directory\n" });
    expect(await t.run('ls -z')).toMatchObject({ status: 2, stderr: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n" });
    expect(await t.run('ls --bogus')).toMatchObject({
      status: 2,
      stderr: "ls: unrecognized option '--bogus'\nTry 'ls --help' for more information.\n",
    });
  });
});

describe('cat', () => {
  it('prints files, stdin and numbered lines', async () => {
    const t = testShell();
    expect((await t.run('cat /etc/hostname /etc/hostname')).stdout).toBe('dojo\ndojo\n');
    expect((await t.run('echo in | cat - /etc/hostname')).stdout).toBe('in\ndojo\n');
    expect((await t.run('cat -n /etc/hostname')).stdout).toBe('     1\tdojo\n');
  });
  it('keeps going after an error and returns 1', async () => {
    const t = testShell();
    expect(await t.run('cat nope.txt /etc/hostname')).toMatchObject({
      status: 1,
      stdout: 'dojo\n',
      stderr: 'cat: nope.txt: No such file or directory\n',
    });
    expect((await t.run('cat /tmp')).stderr).toBe('cat: /tmp: Is a directory\n');
  });
  it('passes binary bytes through unchanged', async () => {
    const t = testShell();
    t.fs.writeFile('/tmp/bin', new Uint8Array([0, 255, 10, 128]));
    await t.run('cat /tmp/bin > /tmp/copy');
    expect([...t.fs.readFile('/tmp/copy')]).toEqual([0, 255, 10, 128]);
  });
});

describe('echo', () => {
  it('joins arguments; -n and -e', async () => {
    const t = testShell();
    expect((await t.run('echo a  b')).stdout).toBe('a b\n');
    expect((await t.run('echo -n x')).stdout).toBe('x');
    expect((await t.run("echo -e 'a\\tb\\nc'")).stdout).toBe('a\tb\nc\n');
    expect((await t.run("echo 'a\\tb'")).stdout).toBe('a\\tb\n');
    expect((await t.run('echo -x')).stdout).toBe('-x\n');
    expect((await t.run("echo -e 'stop\\chere'")).stdout).toBe('stop');
  });
});

describe('pwd and cd', () => {
  it('moves around with relative, absolute, ~, .. and -', async () => {
    const t = testShell();
    expect((await t.run('pwd')).stdout).toBe('/home/learner\n');
    expect((await t.run('cd /data && pwd')).stdout).toBe('/data\n');
    expect((await t.run('cd ../etc; pwd')).stdout).toBe('/etc\n');
    expect((await t.run('cd -')).stdout).toBe('/data\n');
    expect((await t.run('cd; pwd')).stdout).toBe('/home/learner\n');
    expect((await t.run('cd modules && cd .. && pwd')).stdout).toBe('/home/learner\n');
  });
  it('errors', async () => {
    const t = testShell();
    expect(await t.run('cd nope')).toMatchObject({ status: 1, stderr: 'dojo: cd: nope: No such file or directory\n' });
    expect(await t.run('cd README.txt')).toMatchObject({ status: 1, stderr: 'dojo: cd: README.txt: Not a directory\n' });
    expect(await t.run('cd a b')).toMatchObject({ status: 1, stderr: 'dojo: cd: too many arguments\n' });
    expect((await t.run('pwd -x')).status).toBe(2);
  });
});

describe('mkdir and touch', () => {
  it('creates directories, with -p for parents', async () => {
    const t = testShell();
    expect((await t.run('mkdir a && mkdir -p b/c/d && mkdir -p b/c')).status).toBe(0);
    expect(t.fs.stat('/home/learner/b/c/d')?.kind).toBe('dir');
    expect(await t.run('mkdir a/b/c')).toMatchObject({ status: 1, stderr: "mkdir: cannot create directory 'a/b/c': No such file or directory\n" });
    expect(await t.run('mkdir a')).toMatchObject({ status: 1, stderr: "mkdir: cannot create directory 'a': File exists\n" });
    expect(await t.run('mkdir')).toMatchObject({ status: 1, stderr: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n" });
  });
  it('touch creates empty files and keeps contents', async () => {
    const t = testShell();
    await t.run('touch new.txt README.txt');
    expect(t.fs.readText('/home/learner/new.txt')).toBe('');
    expect(t.fs.readText('/home/learner/README.txt')).toContain('Wasm Dojo');
    expect(await t.run('touch a/b')).toMatchObject({ status: 1, stderr: "touch: cannot touch 'a/b': No such file or directory\n" });
    expect((await t.run('touch')).stderr).toBe("touch: missing file operand\nTry 'touch --help' for more information.\n");
  });
});

describe('rm', () => {
  it('removes files, and directories with -r', async () => {
    const t = testShell();
    await t.run('mkdir -p d/e && touch d/e/f f');
    expect((await t.run('rm f')).status).toBe(0);
    expect(await t.run('rm d')).toMatchObject({ status: 1, stderr: "rm: cannot remove 'd': Is a directory\n" });
    expect((await t.run('rm -rf d')).status).toBe(0);
    expect(t.fs.exists('/home/learner/d')).toBe(false);
  });
  it('errors, and -f silences missing files', async () => {
    const t = testShell();
    expect(await t.run('rm x')).toMatchObject({ status: 1, stderr: "rm: cannot remove 'x': No such file or directory\n" });
    expect(await t.run('rm -f x')).toMatchObject({ status: 0, stderr: '' });
    expect((await t.run('rm')).status).toBe(1);
    expect((await t.run('rm -r .')).stderr).toBe("rm: refusing to remove '.' or '..' directory: skipping '.'\n");
    expect((await t.run('rm -rf /')).stderr).toContain("rm: it is dangerous to operate recursively on '/'");
    // Without -r they are plain directories (GNU rm 9.1 here says the same).
    expect(await t.run('rm .')).toMatchObject({ status: 1, stderr: "rm: cannot remove '.': Is a directory\n" });
    expect(await t.run('rm /')).toMatchObject({ status: 1, stderr: "rm: cannot remove '/': Is a directory\n" });
    expect(t.fs.exists('/data')).toBe(true);
  });
});

describe('cp and mv', () => {
  it('copies files and trees', async () => {
    const t = testShell();
    await t.run('cp /data/config.json c.json && mkdir dst && cp c.json /etc/hostname dst');
    expect(t.fs.readText('/home/learner/dst/hostname')).toBe('dojo\n');
    expect(t.fs.readText('/home/learner/c.json')).toBe(t.fs.readText('/data/config.json'));
    expect((await t.run('cp -r dst copy')).status).toBe(0);
    expect(t.fs.readdir('/home/learner/copy')).toEqual(['c.json', 'hostname']);
  });
  it('cp errors', async () => {
    const t = testShell();
    expect(await t.run('cp nope x')).toMatchObject({ status: 1, stderr: "cp: cannot stat 'nope': No such file or directory\n" });
    expect(await t.run('cp modules m2')).toMatchObject({ status: 1, stderr: "cp: -r not specified; omitting directory 'modules'\n" });
    expect((await t.run('cp a')).stderr).toBe("cp: missing destination file operand after 'a'\nTry 'cp --help' for more information.\n");
    expect((await t.run('cp -r modules modules/inner')).stderr).toBe("cp: cannot copy a directory, 'modules', into itself, 'modules/inner'\n");
    expect((await t.run('cp README.txt /etc/hostname nodir')).stderr).toBe("cp: target 'nodir' is not a directory\n");
    expect((await t.run('cp README.txt nodir/')).stderr).toBe("cp: cannot create regular file 'nodir/': Not a directory\n");
    expect((await t.run('mv README.txt nodir/')).stderr).toBe("mv: cannot move 'README.txt' to 'nodir/': Not a directory\n");
    expect(t.fs.exists('/home/learner/nodir')).toBe(false);
  });
  it('moves and renames', async () => {
    const t = testShell();
    await t.run('mv README.txt notes.txt && mkdir d && mv notes.txt d');
    expect(t.fs.exists('/home/learner/d/notes.txt')).toBe(true);
    expect(await t.run('mv nope x')).toMatchObject({ status: 1, stderr: "mv: cannot stat 'nope': No such file or directory\n" });
    expect((await t.run('mv d d/sub')).stderr).toBe("mv: cannot move 'd' to a subdirectory of itself, 'd/sub'\n");
    expect((await t.run('mv')).stderr).toBe("mv: missing file operand\nTry 'mv --help' for more information.\n");
  });
});

describe('tree', () => {
  it('draws the tree and counts', async () => {
    const t = testShell();
    await t.run('mkdir -p p/src && touch p/src/main.rs p/Cargo.toml');
    expect((await t.run('tree p')).stdout).toBe('p\n├── Cargo.toml\n└── src\n    └── main.rs\n\n1 directory, 2 files\n');
    expect((await t.run('tree -L 1 p')).stdout).toBe('p\n├── Cargo.toml\n└── src\n\n1 directory, 1 file\n');
    expect((await t.run('tree -d p')).stdout).toBe('p\n└── src\n\n1 directory\n');
    expect(await t.run('tree nope')).toMatchObject({ status: 2, stdout: 'nope  [error opening dir]\n\n0 directories, 0 files\n' });
  });
});

describe('clear, history, which', () => {
  it('clear calls the terminal service on a TTY', async () => {
    let cleared = 0;
    const t = testShell({ services: { machine: createMachine(), clearScreen: () => cleared++ } });
    await t.run('clear', { tty: true });
    expect(cleared).toBe(1);
    expect((await t.run('clear')).stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
  });
  it('history N shows the last N', async () => {
    const t = testShell();
    await t.run('echo 1');
    await t.run('echo 2');
    expect((await t.run('history 2')).stdout).toBe('    2  echo 2\n    3  history 2\n');
    expect((await t.run('history x')).status).toBe(1);
  });
  it('which finds commands but not shell builtins', async () => {
    const t = testShell();
    expect(await t.run('which ls dojo')).toMatchObject({ status: 0, stdout: '/usr/bin/ls\n/usr/local/bin/dojo\n' });
    expect((await t.run('which grep head tail wc')).stdout).toBe('/usr/bin/grep\n/usr/bin/head\n/usr/bin/tail\n/usr/bin/wc\n');
    expect(await t.run('which cd')).toMatchObject({ status: 1, stdout: '' });
    expect(await t.run('which nope')).toMatchObject({ status: 1, stdout: '' });
  });
});

describe('true, false, yes, unset', () => {
  it('statuses', async () => {
    const t = testShell();
    expect((await t.run('true')).status).toBe(0);
    expect((await t.run('false')).status).toBe(1);
    // bash 5.2 passes over a name that is no identifier, silently and with status 0.
    expect(await t.run('unset 9x')).toMatchObject({ status: 0, stderr: '' });
  });
  it('yes repeats its argument', async () => {
    const t = testShell({ limits: { pipe: 64 } });
    await t.run('yes ok | cat > /tmp/y');
    expect(t.fs.readText('/tmp/y')).toBe('ok\n'.repeat(21) + 'o');
  });
});

describe('registry', () => {
  it('every builtin has a summary, usage and a unique name', () => {
    const names = BUILTINS.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    for (const b of BUILTINS) {
      expect(b.summary.length).toBeGreaterThan(5);
      expect(b.usage.startsWith(b.name)).toBe(true);
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
