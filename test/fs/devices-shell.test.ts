/**
 * /dev through the real shell: the redirects every doc uses (`2>/dev/null`, `> /dev/stderr`), reads
 * from the endless devices, and `ls -l /dev` as a Linux box prints it.
 */
import { describe, expect, it } from 'vitest';
import { testShell } from '../../src/shell/testing';

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
    expect((await t.run('ls /dev')).stdout).toBe('fd\nnull\nrandom\nstderr\nstdin\nstdout\nurandom\nzero\n');
    expect(await t.run('rm /dev/null')).toMatchObject({ status: 1 });
    expect(t.fs.stat('/dev/null')?.kind).toBe('chardev');
  });
});
