/**
 * /dev through the real shell: the redirects every doc uses (`2>/dev/null`, `> /dev/stderr`), reads
 * from the endless devices, and `ls -l /dev` as a Linux box prints it.
 */
import { describe, expect, it } from 'vitest';
import { testShell } from '../support/shell';

describe('/dev through the shell', () => {
  it('`frobnicate 2>/dev/null; echo $?` prints only 127', async () => {
    const t = testShell();
    expect(await t.run('frobnicate 2>/dev/null; echo $?')).toEqual({ stdout: '127\n', stderr: '', status: 0 });
    expect(await t.run('ls nope 2>/dev/null')).toEqual({ stdout: '', stderr: '', status: 2 });
  });

  it('`echo hi > /dev/null` exits 0 and prints nothing; the device is still a device', async () => {
    const t = testShell();
    expect(await t.run('echo hi > /dev/null')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await t.run('echo more >> /dev/null; cat /dev/null; echo "[$?]"')).toEqual({ stdout: '[0]\n', stderr: '', status: 0 });
    expect(t.fs.stat('/dev/null')?.kind).toBe('chardev');
  });

  it('/dev/stdout and /dev/stderr reach the streams they name, in redirect order', async () => {
    const t = testShell();
    expect(await t.run('echo x > /dev/stderr')).toEqual({ stdout: '', stderr: 'x\n', status: 0 });
    expect(await t.run('echo y >/dev/stdout')).toEqual({ stdout: 'y\n', stderr: '', status: 0 });
    expect(await t.run('ls nope 2> /dev/stdout')).toMatchObject({ stdout: "ls: cannot access 'nope': No such file or directory\n", stderr: '' });
    // Like bash: `> /dev/stderr 2>/dev/null` sends stdout to the old stderr, then silences stderr.
    expect(await t.run('echo z > /dev/stderr 2>/dev/null')).toEqual({ stdout: '', stderr: 'z\n', status: 0 });
    expect(await t.run('echo w 2>/dev/null >/dev/stderr')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await t.run('echo v > /dev/fd/2')).toEqual({ stdout: '', stderr: 'v\n', status: 0 });
  });

  it('< /dev/stdin is the input the command already has; < /dev/zero is bounded', async () => {
    const t = testShell();
    expect(await t.run('echo piped | cat < /dev/stdin')).toEqual({ stdout: 'piped\n', stderr: '', status: 0 });
    expect(await t.run('echo named | cat /dev/stdin')).toEqual({ stdout: 'named\n', stderr: '', status: 0 });
    expect(await t.run('cat /etc/hostname | wc -c /dev/stdin')).toEqual({ stdout: '5 /dev/stdin\n', stderr: '', status: 0 });
    expect((await t.run('wc -c < /dev/zero')).stdout.trim()).toBe('65536');
    expect((await t.run('cat /dev/urandom | wc -c')).stdout.trim()).toBe('65536');
    expect((await t.run('wc -c < /dev/null')).stdout.trim()).toBe('0');
  });

  it('`ls -l /dev` looks like a Linux box', async () => {
    const t = testShell();
    const { stdout } = await t.run('ls -l /dev');
    expect(stdout).toBe(
      [
        'total 0',
        'lrwxrwxrwx 1 root root   13 Nov 23 12:00 fd -> /proc/self/fd',
        'crw-rw-rw- 1 root root 1, 3 Nov 23 12:00 null',
        'crw-rw-rw- 1 root root 1, 8 Nov 23 12:00 random',
        'lrwxrwxrwx 1 root root   15 Nov 23 12:00 stderr -> /proc/self/fd/2',
        'lrwxrwxrwx 1 root root   15 Nov 23 12:00 stdin -> /proc/self/fd/0',
        'lrwxrwxrwx 1 root root   15 Nov 23 12:00 stdout -> /proc/self/fd/1',
        'crw-rw-rw- 1 root root 1, 9 Nov 23 12:00 urandom',
        'crw-rw-rw- 1 root root 1, 5 Nov 23 12:00 zero',
        '',
      ].join('\n'),
    );
    expect((await t.run('ls -l /dev/null')).stdout).toBe('crw-rw-rw- 1 root root 1, 3 Nov 23 12:00 /dev/null\n');
    expect((await t.run('echo /dev/std*')).stdout).toBe('/dev/stderr /dev/stdin /dev/stdout\n');
    expect((await t.run('ls /dev')).stdout).toBe('fd\nnull\nrandom\nstderr\nstdin\nstdout\nurandom\nzero\n');
    expect(await t.run('rm /dev/null')).toMatchObject({ status: 1 });
    expect(t.fs.stat('/dev/null')?.kind).toBe('chardev');
  });
});

describe('/dev/null takes everything', () => {
  it('`yes > /dev/null` runs until Ctrl-C (130), with no "File too large"', async () => {
    const t = testShell();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 400);
    expect(await t.run('yes > /dev/null', { signal: stop.signal })).toMatchObject({ stderr: '', status: 130 });
  });
});

describe('copying links and devices', () => {
  it('cp -r copies links as links and refuses to make a device, as GNU cp does for a non-root user', async () => {
    const t = testShell();
    t.fs.mkdir('/tmp/src/sub', { recursive: true });
    t.fs.writeFile('/tmp/src/sub/f', 'F');
    t.fs.symlink('sub/f', '/tmp/src/link');
    t.fs.symlink('/nowhere', '/tmp/src/dangling');
    expect(await t.run('cp -r /tmp/src /tmp/dst')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(t.fs.readlink('/tmp/dst/link')).toBe('sub/f');
    expect(t.fs.readText('/tmp/dst/link')).toBe('F');
    expect(t.fs.readlink('/tmp/dst/dangling')).toBe('/nowhere');
    expect((await t.run('cp -r /dev /tmp/devcopy')).status).toBe(1);
    expect(t.fs.readlink('/tmp/devcopy/fd')).toBe('/proc/self/fd');
  });
});

describe('rm and mv act on a link itself', () => {
  it('removes and moves a dangling link; rm of a link to a directory removes only the link', async () => {
    const t = testShell();
    t.fs.symlink('/nowhere', '/tmp/dangling');
    t.fs.symlink('/etc', '/tmp/etc-link');
    expect(await t.run('mv /tmp/dangling /tmp/moved')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(t.fs.readlink('/tmp/moved')).toBe('/nowhere');
    expect(await t.run('rm /tmp/moved /tmp/etc-link')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(t.fs.lstat('/tmp/moved')).toBeNull();
    expect(t.fs.lstat('/tmp/etc-link')).toBeNull();
    expect(t.fs.readText('/etc/hostname')).toBe('dojo\n');
  });
});

describe('tree and links', () => {
  it('shows a link as `name -> target` and never follows one (a link to `.` cannot loop)', async () => {
    const t = testShell();
    t.fs.mkdir('/tmp/t/sub', { recursive: true });
    t.fs.symlink('.', '/tmp/t/sub/self');
    t.fs.symlink('/dev/null', '/tmp/t/nul');
    expect((await t.run('tree /tmp/t')).stdout).toBe('/tmp/t\n├── nul -> /dev/null\n└── sub\n    └── self -> .\n\n1 directory, 2 files\n');
  });
});
