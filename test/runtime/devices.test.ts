/**
 * A module granted /dev (`wasmtime --dir /dev::/dev`) sees what wasmtime shows: the same module run
 * under node:wasi with the real /dev preopened is the oracle, fact by fact (entry types, stat, reads,
 * writes, link texts). Where wasmtime and node:wasi differ (the errno for following an absolute link),
 * the test says so and holds us to wasmtime.
 */
import { readFileSync } from 'node:fs';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSeededFs } from '../../src/fs/seed';
import { applySandboxChanges, buildSandboxImage } from '../../src/runtime/sandbox';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import { watToWasm } from '../../src/runtime/wat';
import type { Mount } from '../../src/runtime/types';
import { request, runCollect } from './helpers';

const engine = new WasmerEngine();
beforeAll(() => engine.ready());

const OUR_DEVICES = new Set(['null', 'zero', 'random', 'urandom', 'stdin', 'stdout', 'stderr', 'fd']);
const DEV: Mount = { hostPath: '/dev', guestPath: '/dev', readonly: false };

async function probe(): Promise<Uint8Array> {
  return watToWasm(readFileSync(new URL('./fixtures/dev-probe.wat', import.meta.url), 'utf8'), 'dev-probe.wat');
}

/** node:wasi with the host's real /dev preopened as /dev. */
async function runNode(wasm: Uint8Array): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'dojo-dev-'));
  try {
    const out = join(work, 'stdout');
    const stdout = openSync(out, 'w');
    try {
      const wasi = new WASI({ version: 'preview1', args: ['dev-probe'], env: {}, preopens: { '/dev': '/dev' }, stdout, returnOnExit: true });
      const instance = await WebAssembly.instantiate(
        await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>),
        wasi.getImportObject() as WebAssembly.Imports,
      );
      wasi.start(instance);
    } finally {
      closeSync(stdout);
    }
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Lines about the entries we have; the host's /dev holds many more (tty, pts, shm …). */
function ours(lines: string): string[] {
  return lines
    .split('\n')
    .filter((l) => l !== '')
    .filter((l) => !l.startsWith('dirent ') || OUR_DEVICES.has(l.split(' ')[2]!))
    .sort();
}

describe('a module granted /dev', () => {
  it('sees the devices and links as node:wasi shows the real /dev', async () => {
    const wasm = await probe();
    const fs = createSeededFs();
    const image = buildSandboxImage(fs, [DEV]);
    const r = await runCollect(engine, request(wasm, { args: ['dev-probe'], preopens: ['/dev'], image }));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    const node = ours(await runNode(wasm));
    const mine = ours(r.stdout);
    // wasmtime (cap-std) refuses to follow an absolute link with EPERM (63); node:wasi (uvwasi) says ENOTCAPABLE (76).
    expect(mine).toContain('open stdout 63');
    expect(node).toContain('open stdout 76');
    const same = (l: string) => !l.startsWith('open stdout');
    expect(mine.filter(same)).toEqual(node.filter(same));
    // The facts themselves, so a wrong oracle cannot hide a wrong answer.
    expect(mine).toEqual(
      expect.arrayContaining([
        'dirent 2 null',
        'dirent 7 stdout',
        'stat zero 0 2',
        'stat stdin 0 7',
        'read zero 0 0 16 0',
        'read urandom 0 0 16 1',
        'read null 0 0 0 0',
        'fdstat zero 2',
        'write null 0 0 7',
        'link stdout 0 /proc/self/fd/1',
        'link fd 0 /proc/self/fd',
      ]),
    );
    // Writes to the devices went nowhere: nothing comes back to the host.
    expect(r.changes).toEqual([]);
    expect(applySandboxChanges(fs, [DEV], r.changes).failures).toEqual([]);
  });

  it('never copies an endless device into the sandbox: the image holds empty stand-ins', () => {
    const image = buildSandboxImage(createSeededFs(), [DEV]);
    expect(image.files.every((f) => f.data.byteLength === 0)).toBe(true);
    expect(image.special).toEqual(
      expect.arrayContaining([
        { path: '/dev/zero', kind: 'chardev', device: 'zero' },
        { path: '/dev/stdout', kind: 'symlink', target: '/proc/self/fd/1', resolved: false },
      ]),
    );
  });

  it('a guest reading /dev/zero into a 1 MiB buffer 64 times, and writing it all to /dev/null, costs no memory of ours', async () => {
    const wasm = await watToWasm(
      `(module
        (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 17)
        (data (i32.const 100) "zero")
        (data (i32.const 200) "null")
        (func (export "_start") (local $z i32) (local $n i32) (local $i i32)
          (drop (call $open (i32.const 3) (i32.const 1) (i32.const 100) (i32.const 4) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 16)))
          (local.set $z (i32.load (i32.const 16)))
          (drop (call $open (i32.const 3) (i32.const 1) (i32.const 200) (i32.const 4) (i32.const 0) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 16)))
          (local.set $n (i32.load (i32.const 16)))
          (i32.store (i32.const 0) (i32.const 65536))
          (i32.store (i32.const 4) (i32.const 1048576))
          (loop $again
            (if (call $read (local.get $z) (i32.const 0) (i32.const 1) (i32.const 8)) (then unreachable))
            (if (i32.ne (i32.load (i32.const 8)) (i32.const 1048576)) (then unreachable))
            (if (call $write (local.get $n) (i32.const 0) (i32.const 1) (i32.const 8)) (then unreachable))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $again (i32.lt_u (local.get $i) (i32.const 64))))))`,
      'zero-to-null.wat',
    );
    const image = buildSandboxImage(createSeededFs(), [DEV]);
    const r = await runCollect(engine, request(wasm, { preopens: ['/dev'], image }));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(r.changes).toEqual([]);
  });

  it('fd_pread of /dev/zero gives zeros, as under node:wasi (the stand-in file alone would give EOF)', async () => {
    const wasm = await watToWasm(
      `(module
        (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_pread" (func $pread (param i32 i32 i32 i64 i32) (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1)
        (data (i32.const 100) "zero")
        (func (export "_start") (local $e i32)
          (drop (call $open (i32.const 3) (i32.const 1) (i32.const 100) (i32.const 4) (i32.const 0) (i64.const 6) (i64.const 0) (i32.const 0) (i32.const 16)))
          (memory.fill (i32.const 512) (i32.const 7) (i32.const 8))
          (i32.store (i32.const 0) (i32.const 512)) (i32.store (i32.const 4) (i32.const 8))
          (local.set $e (call $pread (i32.load (i32.const 16)) (i32.const 0) (i32.const 1) (i64.const 100) (i32.const 8)))
          ;; errno·100 + nread·10 + (first byte is 0)
          (call $exit (i32.add (i32.add (i32.mul (local.get $e) (i32.const 100)) (i32.mul (i32.load (i32.const 8)) (i32.const 10)))
            (i32.eqz (i32.load8_u (i32.const 512)))))))`,
      'pread-zero.wat',
    );
    const r = await runCollect(engine, request(wasm, { preopens: ['/dev'], image: buildSandboxImage(createSeededFs(), [DEV]) }));
    const wasi = new WASI({ version: 'preview1', args: [], env: {}, preopens: { '/dev': '/dev' }, returnOnExit: true });
    const instance = await WebAssembly.instantiate(
      await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>),
      wasi.getImportObject() as WebAssembly.Imports,
    );
    expect(wasi.start(instance)).toBe(81);
    expect(r.outcome).toEqual({ kind: 'exit', code: 81 });
  });
});
