/**
 * A guest calling every WASI function with garbage (out-of-range pointers, bad enums) gets errnos,
 * never a trap from inside the runtime, and the engine keeps working for the next run.
 */
import { expect, it } from 'vitest';
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
      const r = await runCollect(e, request(bytes, { preopens: ['/data'], image: { dirs: ['/data'], files: [{ path: '/data/a', data: new Uint8Array(3) }] } }));
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
