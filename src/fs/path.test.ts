import { describe, expect, it } from 'vitest';
import { basename, dirname, displayPath, normalize, normalizeLexical, resolve, resolveFrom } from './path';

const HOME = '/home/learner';

describe('path', () => {
  it('normalises . and .. and repeated slashes', () => {
    expect(normalize('/a//b/./c/../d/')).toBe('/a/b/d');
    expect(normalize('/../..')).toBe('/');
    expect(normalize('')).toBe('/');
  });
  it('normalises a guest path lexically, keeping it relative or absolute as written', () => {
    expect(normalizeLexical('/data/../etc/passwd')).toBe('/etc/passwd');
    expect(normalizeLexical('data/./x//y')).toBe('data/x/y');
    expect(normalizeLexical('./')).toBe('.');
    expect(normalizeLexical('a/../..')).toBe('.');
    expect(normalizeLexical('')).toBe('.');
    expect(normalizeLexical('/..')).toBe('/');
  });
  it('resolves a path from a directory without expanding ~ (what a manifest means)', () => {
    expect(resolveFrom('/app', 'target/x.wasm')).toBe('/app/target/x.wasm');
    expect(resolveFrom('/app', '../lib/../y.wasm')).toBe('/y.wasm');
    expect(resolveFrom('/app', '/abs/z.wasm')).toBe('/abs/z.wasm');
    expect(resolveFrom('/app', '~/z.wasm')).toBe('/app/~/z.wasm');
  });
  it('resolves relative, absolute and ~ paths against cwd', () => {
    expect(resolve('/data', 'config.json', HOME)).toBe('/data/config.json');
    expect(resolve('/data', '../etc/hostname', HOME)).toBe('/etc/hostname');
    expect(resolve('/data', '.', HOME)).toBe('/data');
    expect(resolve('/data', '~', HOME)).toBe(HOME);
    expect(resolve('/data', '~/modules/', HOME)).toBe(`${HOME}/modules`);
    expect(resolve('/data', '/tmp/../etc', HOME)).toBe('/etc');
    expect(resolve('/', '..', HOME)).toBe('/');
    // `~` only expands at the start, like a shell.
    expect(resolve('/data', 'a~', HOME)).toBe('/data/a~');
  });
  it('splits basename and dirname like coreutils', () => {
    expect(basename('/a/b/')).toBe('b');
    expect(basename('/')).toBe('/');
    expect(basename('x')).toBe('x');
    expect(dirname('/a/b')).toBe('/a');
    expect(dirname('/a')).toBe('/');
    expect(dirname('x')).toBe('.');
    expect(dirname('a/b/')).toBe('a');
  });
  it('shows the home directory as ~', () => {
    expect(displayPath(HOME, HOME)).toBe('~');
    expect(displayPath(`${HOME}/x`, HOME)).toBe('~/x');
    expect(displayPath('/home/learnerx', HOME)).toBe('/home/learnerx');
  });
});
