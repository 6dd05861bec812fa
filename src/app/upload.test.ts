import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs';
import { importFile, MAX_UPLOAD_BYTES, safeFileName } from './upload';

const HOME = '/home/learner';
function fs() {
  const f = new MemoryFs();
  f.mkdir(`${HOME}/proj`, { recursive: true });
  return f;
}
const wasm = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

describe('importFile', () => {
  it('writes a .wasm into the current directory and says how to run it', () => {
    const f = fs();
    const r = importFile(f, `${HOME}/proj`, HOME, 'my.wasm', wasm);
    expect(r).toEqual({
      ok: true,
      path: `${HOME}/proj/my.wasm`,
      message: 'dojo: loaded my.wasm (8 bytes) into ~/proj; run it with: wasmtime my.wasm',
    });
    expect(f.readFile(`${HOME}/proj/my.wasm`)).toEqual(wasm);
  });

  it('accepts .wat and quotes awkward names in the hint', () => {
    const f = fs();
    const r = importFile(f, HOME, HOME, 'my module.wat', new TextEncoder().encode('(module)'));
    expect(r.ok).toBe(true);
    expect(r.message).toBe("dojo: loaded my module.wat (8 bytes) into ~; run it with: wasmtime 'my module.wat'");
  });

  it('refuses other file types without writing', () => {
    const f = fs();
    const r = importFile(f, HOME, HOME, 'photo.png', wasm);
    expect(r).toEqual({ ok: false, message: 'dojo: load: photo.png: only .wasm and .wat files can be loaded' });
    expect(f.exists(`${HOME}/photo.png`)).toBe(false);
    expect(importFile(f, HOME, HOME, '.wasm', wasm).ok).toBe(false);
  });

  it('refuses files over the size limit', () => {
    const r = importFile(fs(), HOME, HOME, 'big.wasm', new Uint8Array(MAX_UPLOAD_BYTES + 1));
    expect(r.ok).toBe(false);
    expect(r.message).toContain('the limit is');
  });

  it('never writes outside the current directory, whatever the name says', () => {
    const f = fs();
    const r = importFile(f, `${HOME}/proj`, HOME, '../../../etc/evil.wasm', wasm);
    expect(r.path).toBe(`${HOME}/proj/evil.wasm`);
    expect(f.exists('/etc/evil.wasm')).toBe(false);
  });

  it('does not replace a directory of the same name', () => {
    const f = fs();
    f.mkdir(`${HOME}/x.wasm`);
    expect(importFile(f, HOME, HOME, 'x.wasm', wasm).ok).toBe(false);
  });

  it('works at the root directory', () => {
    expect(importFile(fs(), '/', HOME, 'a.wasm', wasm).path).toBe('/a.wasm');
  });
});

describe('safeFileName', () => {
  it('keeps the base name and drops control characters and leading dots/dashes', () => {
    expect(safeFileName('C:\\Users\\me\\hello.wasm')).toBe('hello.wasm');
    expect(safeFileName('a\x00b\x1b.wasm')).toBe('ab.wasm');
    expect(safeFileName('--help.wasm')).toBe('help.wasm');
    expect(safeFileName('..')).toBe('');
  });
});
