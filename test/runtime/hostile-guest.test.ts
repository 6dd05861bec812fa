/**
 * Hostile guests. A guest calling every WASI function with garbage (out-of-range pointers, bad enums) gets errnos,
 * never a trap from inside the runtime, and the engine keeps working for the next run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/memory-fs';
import { applySandboxChanges, buildSandboxImage } from '../../src/runtime/sandbox';
import type { Mount } from '../../src/runtime/types';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import { WASI_PREVIEW1_PARAMS } from '../../src/runtime/trace';
import { watToWasm } from '../../src/runtime/wat';
import { moduleBytes, request, runCollect } from './helpers';

const I64 = new Set(['precision', 'offset', 'len', 'rights_base', 'rights_inheriting', 'cookie', 'size', 'atim', 'mtim']);

it('garbage arguments to every WASI function: errnos, no traps, engine still healthy', async () => {
  const e = new WasmerEngine();
  const problems: string[] = [];
  let calls = 0;
  for (const [fn, params] of Object.entries(WASI_PREVIEW1_PARAMS)) {
    if (fn === 'proc_exit' || fn === 'proc_raise' || fn.startsWith('sock_')) continue;
    const types = params.map((p) => (I64.has(p) && !(fn === 'fd_advise' && p === 'advice') ? 'i64' : 'i32'));
    for (const val of ['0xfffffff0', '65530', '3']) {
      const args = types.map((t) => `(${t}.const ${val})`).join(' ');
      const bytes = await watToWasm(
        `(module (import "wasi_snapshot_preview1" "${fn}" (func $f ${types.length ? `(param ${types.join(' ')})` : ''} (result i32)))
          (memory (export "memory") 1) (func (export "_start") (drop (call $f ${args}))))`,
        'f.wat',
      );
      const r = await runCollect(
        e,
        request(bytes, { preopens: ['/data'], image: { dirs: ['/data'], files: [{ path: '/data/a', data: new Uint8Array(3) }] } }),
      );
      calls++;
      if (r.outcome.kind !== 'exit') problems.push(`${fn}(${val}): ${JSON.stringify(r.outcome).slice(0, 120)}`);
      if (fn === 'clock_time_get' && val === '0xfffffff0') expect(r.trace[0]).toMatchObject({ fn, errnoName: 'EFAULT' });
    }
  }
  expect(calls).toBeGreaterThan(100);
  expect(problems).toEqual([]);
  const h = await runCollect(e, request(moduleBytes('hello')));
  expect(h.stdout).toBe('Hello, world!\n');
}, 60_000);

/**
 * Eight `..`/symlink/read-only escapes from inside a grant, by one module (fixtures/link-probe.wat),
 * and a second run on what the first left: 0 writes outside a grant, every time. The links a guest may
 * make (relative ones, even one that climbs out: cap-std only refuses absolute targets) reach the host
 * as links; following one out of the grant is refused, in the same run and in every later one.
 */
describe('symlinks and escapes from a grant', () => {
  const LEARNER = '/home/learner';
  const mounts: Mount[] = [
    { hostPath: `${LEARNER}/data`, guestPath: '/data', readonly: false },
    { hostPath: `${LEARNER}/ro`, guestPath: '/ro', readonly: true },
  ];
  function host(): MemoryFs {
    const fs = new MemoryFs();
    for (const d of ['data', 'secret', 'ro', 'outdir']) fs.mkdir(`${LEARNER}/${d}`, { recursive: true });
    fs.writeFile(`${LEARNER}/data/a.txt`, 'A');
    fs.writeFile(`${LEARNER}/secret/key.txt`, 'hunter2');
    fs.symlink(`${LEARNER}/outdir`, `${LEARNER}/data/out`);
    return fs;
  }
  /** Everything outside the writable grant, as text: must not change. */
  function outside(fs: MemoryFs): string {
    const lines: string[] = [];
    const walk = (dir: string) => {
      for (const name of fs.readdir(dir)) {
        const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
        if (p === `${LEARNER}/data`) continue;
        const st = fs.lstat(p)!;
        lines.push(`${p} ${st.kind} ${st.kind === 'file' ? fs.readText(p) : (st.target ?? '')}`);
        if (st.kind === 'dir') walk(p);
      }
    };
    walk('/');
    return lines.join('\n');
  }
  async function run(fs: MemoryFs): Promise<string[]> {
    const wasm = await watToWasm(readFileSync(new URL('./fixtures/link-probe.wat', import.meta.url), 'utf8'), 'link-probe.wat');
    const e = new WasmerEngine();
    const r = await runCollect(e, request(wasm, { preopens: ['/data', '/ro'], readonlyPreopens: ['/ro'], image: buildSandboxImage(fs, mounts) }));
    expect(r.outcome).toEqual({ kind: 'exit', code: 0 });
    expect(applySandboxChanges(fs, mounts, r.changes).failures).toEqual([]);
    return r.stdout.trim().split('\n');
  }

  it('first run: the links land on the host as links, every escape is refused, nothing outside changes', async () => {
    const fs = host();
    const before = outside(fs);
    const lines = await run(fs);
    // wasmtime's errnos: EPERM (63) for escapes, ENOTCAPABLE (76) for the read-only grant.
    expect(lines).toEqual(['1 0', '2 0', 'a.txt', '3 63', '4 0', '5 63', '6 63', '7 63', '8 63', '9 63', '10 76', '11 76']);
    expect(fs.lstat(`${LEARNER}/data/rel-link`)).toMatchObject({ kind: 'symlink', target: 'a.txt' });
    expect(fs.readText(`${LEARNER}/data/rel-link`)).toBe('A');
    expect(fs.readlink(`${LEARNER}/data/up-link`)).toBe('../secret/key.txt');
    expect(fs.readdir(`${LEARNER}/data`)).toEqual(['a.txt', 'out', 'rel-link', 'up-link']);
    expect(outside(fs)).toBe(before);
  });

  it('a second run on what the first left: the link that climbs out still leads nowhere', async () => {
    const fs = host();
    await run(fs);
    const before = outside(fs);
    const image = buildSandboxImage(fs, mounts);
    expect(image.special).toEqual(
      expect.arrayContaining([
        { path: '/data/rel-link', kind: 'symlink', target: 'a.txt', resolved: true },
        { path: '/data/up-link', kind: 'symlink', target: '../secret/key.txt', resolved: false },
      ]),
    );
    // The climbing link's stand-in is empty: the secret is never copied into the sandbox.
    expect(image.files.find((f) => f.path === '/data/up-link')?.data.byteLength).toBe(0);
    const lines = await run(fs);
    expect(lines).toEqual(['1 20', '2 0', 'a.txt', '3 63', '4 20', '5 63', '6 63', '7 63', '8 63', '9 63', '10 76', '11 76']);
    expect(outside(fs)).toBe(before);
    expect(fs.readText(`${LEARNER}/secret/key.txt`)).toBe('hunter2');
  });

  it('node:wasi on a real directory agrees where it can tell', async () => {
    // node:wasi differs on purpose in two places: it refuses to make a link whose text climbs out
    // (ENOTCAPABLE), which cap-std makes; and its errno for an escape is ENOTCAPABLE where wasmtime
    // says EPERM. It has no read-only grants. The rest must match: what was made, what reads back.
    const wasm = await watToWasm(readFileSync(new URL('./fixtures/link-probe.wat', import.meta.url), 'utf8'), 'link-probe.wat');
    const node = await runNodeWithLink(wasm);
    expect(node.lines.slice(0, 4)).toEqual(['1 0', '2 0', 'a.txt', '3 63']);
    for (const line of node.lines.slice(4, 10)) expect(line).toMatch(/ 76$/);
    expect(node.links).toEqual({ 'rel-link': 'a.txt' });
  });
});

import { mkdtempSync, mkdirSync, readdirSync, readlinkSync, lstatSync, openSync, closeSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';

/** The probe under node:wasi: /data is a real temp dir holding a.txt and `out` → a directory outside it. */
async function runNodeWithLink(wasm: Uint8Array): Promise<{ lines: string[]; links: Record<string, string> }> {
  const work = mkdtempSync(join(tmpdir(), 'dojo-links-'));
  try {
    for (const d of ['data', 'secret', 'ro', 'outdir']) mkdirSync(join(work, d));
    writeFileSync(join(work, 'data/a.txt'), 'A');
    symlinkSync(join(work, 'outdir'), join(work, 'data/out'));
    const outPath = join(work, 'stdout');
    const stdout = openSync(outPath, 'w');
    try {
      const wasi = new WASI({
        version: 'preview1',
        args: ['p'],
        env: {},
        preopens: { '/data': join(work, 'data'), '/ro': join(work, 'ro') },
        stdout,
        returnOnExit: true,
      });
      wasi.start(
        await WebAssembly.instantiate(await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>), wasi.getImportObject() as WebAssembly.Imports),
      );
    } finally {
      closeSync(stdout);
    }
    const links: Record<string, string> = {};
    for (const n of readdirSync(join(work, 'data')))
      if (n !== 'out' && lstatSync(join(work, 'data', n)).isSymbolicLink()) links[n] = readlinkSync(join(work, 'data', n));
    expect(readdirSync(join(work, 'outdir'))).toEqual([]);
    return { lines: readFileSync(outPath, 'utf8').trim().split('\n'), links };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
