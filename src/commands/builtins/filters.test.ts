import { describe, expect, it } from 'vitest';
import { testShell } from '../../../test/support/shell';

async function setup() {
  const t = testShell();
  t.fs.writeFile('/home/learner/pods.txt', 'NAME READY\nweb-1 1/1\nweb-2 0/1\napi-1 1/1\n');
  t.fs.writeFile('/home/learner/nums.txt', Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
  return t;
}

describe('text filters', () => {
  it('head and tail take 10 lines by default, -n N and the old -N form', async () => {
    const t = await setup();
    expect((await t.run('head nums.txt')).stdout.trim().split('\n')).toHaveLength(10);
    expect((await t.run('head -n 2 nums.txt')).stdout).toBe('line 1\nline 2\n');
    expect((await t.run('head -3 nums.txt')).stdout).toBe('line 1\nline 2\nline 3\n');
    expect((await t.run('tail -n 2 nums.txt')).stdout).toBe('line 14\nline 15\n');
    expect((await t.run('cat nums.txt | tail -1')).stdout).toBe('line 15\n');
  });

  it('head labels several files and reports bad input like coreutils', async () => {
    const t = await setup();
    expect((await t.run('head -n 1 pods.txt nums.txt')).stdout).toBe('==> pods.txt <==\nNAME READY\n\n==> nums.txt <==\nline 1\n');
    expect(await t.run('head -n x nums.txt')).toMatchObject({ status: 1, stderr: "head: invalid number of lines: 'x'\n" });
    expect(await t.run('tail nope.txt')).toMatchObject({ status: 1, stderr: 'tail: nope.txt: No such file or directory\n' });
  });

  it('grep matches, inverts, numbers, counts, and exits 0/1/2 as GNU grep', async () => {
    const t = await setup();
    expect(await t.run('grep web pods.txt')).toMatchObject({ status: 0, stdout: 'web-1 1/1\nweb-2 0/1\n' });
    expect((await t.run('grep -v 1/1 pods.txt')).stdout).toBe('NAME READY\nweb-2 0/1\n');
    expect((await t.run('grep -n -i API pods.txt')).stdout).toBe('4:api-1 1/1\n');
    expect((await t.run('cat pods.txt | grep -c web')).stdout).toBe('2\n');
    expect((await t.run('grep -F . pods.txt')).status).toBe(1);
    expect(await t.run('grep nomatch pods.txt')).toMatchObject({ status: 1, stdout: '' });
    expect(await t.run('grep -E "(" pods.txt')).toMatchObject({ status: 2, stderr: 'grep: Unmatched ( or \\(\n' });
    expect((await t.run('grep')).status).toBe(2);
    expect((await t.run('grep web pods.txt nope.txt')).status).toBe(2);
    expect((await t.run('grep 1 pods.txt nums.txt')).stdout).toContain('nums.txt:line 1\n');
  });

  it('wc counts lines, words and bytes with coreutils padding', async () => {
    const t = await setup();
    expect((await t.run('wc -l pods.txt')).stdout).toBe('4 pods.txt\n');
    expect((await t.run('wc pods.txt')).stdout).toBe(' 4  8 41 pods.txt\n');
    expect((await t.run('echo hi there | wc')).stdout).toBe('      1       2       9\n');
    expect((await t.run('echo hi | wc -l')).stdout).toBe('1\n');
    const several = (await t.run('wc -l pods.txt nums.txt')).stdout;
    expect(several).toBe(' 4 pods.txt\n15 nums.txt\n19 total\n');
  });

  it('wc -c counts the bytes of a binary file as they are, not re-encoded text', async () => {
    const t = await setup();
    t.fs.writeFile(`${t.shell.home}/bin.dat`, new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0xff]));
    // Real wc: 5. Decoding then re-encoding turned 0xff into a 3-byte U+FFFD (7).
    expect((await t.run('wc -c bin.dat')).stdout).toBe('5 bin.dat\n');
    expect((await t.run('cat bin.dat | wc -c')).stdout).toBe('5\n');
  });
});
