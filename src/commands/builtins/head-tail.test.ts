import { describe, expect, it } from 'vitest';
import { testShell } from '../../../test/support/shell';
import { parseGnuCount } from './head-tail';

const BINARY = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0xff, 0xfe, 0x0a, 0x80, 0x01, 0x0a, 0xc3]);

function machine() {
  const t = testShell();
  const home = t.shell.home;
  t.fs.writeFile(`${home}/bin.dat`, BINARY);
  t.fs.writeFile(`${home}/abc.txt`, new TextEncoder().encode('one\ntwo\nthree'));
  return { t, home, bytes: (name: string) => Array.from(t.fs.readFile(`${home}/${name}`)) };
}

describe('head -c / tail -c (coreutils)', () => {
  it('head -c N copies the first N bytes of binary input exactly, from a file and from a pipe', async () => {
    const { t, bytes } = machine();
    expect((await t.run('head -c 5 bin.dat > out')).status).toBe(0);
    expect(bytes('out')).toEqual([0x00, 0x61, 0x73, 0x6d, 0xff]);
    await t.run('cat bin.dat | head --bytes=8 > piped');
    expect(bytes('piped')).toEqual(Array.from(BINARY.subarray(0, 8)));
    await t.run('head -c5 bin.dat > glued');
    expect(bytes('glued')).toEqual(Array.from(BINARY.subarray(0, 5)));
  });

  it('head -c -N prints all but the last N bytes; tail -c N the last N, tail -c +N from byte N', async () => {
    const { t, bytes } = machine();
    await t.run('head -c -3 bin.dat > a');
    expect(bytes('a')).toEqual(Array.from(BINARY.subarray(0, BINARY.length - 3)));
    await t.run('tail -c 3 bin.dat > b');
    expect(bytes('b')).toEqual([0x01, 0x0a, 0xc3]);
    await t.run('tail -c +10 bin.dat > c');
    expect(bytes('c')).toEqual([0x0a, 0xc3]);
    expect((await t.run('head -c 1K abc.txt')).stdout).toBe('one\ntwo\nthree');
  });

  it('lines are cut on the bytes: a last line without a newline keeps having none', async () => {
    const { t } = machine();
    expect((await t.run('head -n 5 abc.txt')).stdout).toBe('one\ntwo\nthree');
    expect((await t.run('head -n -1 abc.txt')).stdout).toBe('one\ntwo\n');
    expect((await t.run('tail -n 2 abc.txt')).stdout).toBe('two\nthree');
    expect((await t.run('tail -n +2 abc.txt')).stdout).toBe('two\nthree');
    expect((await t.run('tail +3 abc.txt')).stdout).toBe('three');
    expect((await t.run('head -c 4 -n 1 abc.txt')).stdout).toBe('one\n');
    expect((await t.run('head -n 1 -c 5 abc.txt')).stdout).toBe('one\nt');
  });

  it('-q and -v decide the headers, the later one winning', async () => {
    const { t } = machine();
    expect((await t.run('head -c 2 -q abc.txt abc.txt')).stdout).toBe('onon');
    expect((await t.run('head -v -c 3 abc.txt')).stdout).toBe('==> abc.txt <==\none');
    expect((await t.run('head -v -q -c 3 abc.txt abc.txt')).stdout).toBe('oneone');
  });

  it('reads NUM with coreutils multiplier suffixes', () => {
    expect(parseGnuCount('10')).toBe(10n);
    expect(parseGnuCount('2b')).toBe(1024n);
    expect(parseGnuCount('1K')).toBe(1024n);
    expect(parseGnuCount('1k')).toBe(1024n);
    expect(parseGnuCount('1KiB')).toBe(1024n);
    expect(parseGnuCount('1KB')).toBe(1000n);
    expect(parseGnuCount('3M')).toBe(3n * 1024n * 1024n);
    expect(parseGnuCount('1MB')).toBe(1000000n);
    expect(parseGnuCount('1Kx')).toBe('invalid');
    expect(parseGnuCount('x')).toBe('invalid');
    expect(parseGnuCount('')).toBe('invalid');
    expect(parseGnuCount('1bB')).toBe('invalid');
    expect(parseGnuCount('18446744073709551615')).toBe(18446744073709551615n);
    expect(parseGnuCount('18446744073709551616')).toBe('overflow');
    expect(parseGnuCount('1Q')).toBe('overflow');
  });
});
