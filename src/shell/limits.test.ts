/** The shell's own limits: each fails with a clear `dojo:` line and leaves the shell usable and fast. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testShell } from '../../test/support/shell';
import { MAX_VALUE_LENGTH } from './env';
import type { CommandDefinition, DojoServices } from './types';
import { WasmerEngine } from '../runtime/wasmer-engine';
import type { WasmEngine } from '../runtime/types';
import { wasmtimeCommand } from '../commands/wasmtime';
import { MODULES_DIR } from '../../test/support/modules';
import { createMachine } from '../machine/services';

describe('shell variables have a size cap', () => {
  it("the issue's repeated `export A=$A$A$A$A$A$A$A$A` stops with an error, fast, and the shell goes on", async () => {
    const t = testShell();
    const started = Date.now();
    expect((await t.run(`export A=${'x'.repeat(8000)}`)).status).toBe(0);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await t.run('export A=$A$A$A$A$A$A$A$A'));
    // 8000 → 64,000 → 512,000 → (4 MB refused), and refused again after that.
    expect(results.map((r) => r.status)).toEqual([0, 0, 1, 1, 1]);
    expect(results[2]!.stderr).toBe('dojo: A=$A$A$A$A$A$A$A$A: expansion too long (the limit is 1 MB)\n');
    expect(t.shell.env.get('A')).toHaveLength(512_000);
    expect(await t.run('echo ok')).toEqual({ stdout: 'ok\n', stderr: '', status: 0 });
    // Generous for a loaded CI machine; without the cap this line ran the worker out of memory.
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('an assignment, a prefix assignment or many words of expansions are capped too', async () => {
    const t = testShell();
    await t.run(`A=${'y'.repeat(600_000)}`);
    expect(await t.run('B=$A$A')).toMatchObject({ status: 1, stderr: 'dojo: $A$A: expansion too long (the limit is 1 MB)\n' });
    expect(t.shell.env.get('B')).toBeUndefined();
    expect((await t.run('B=$A$A true')).status).toBe(1);
    // Each word is under the cap, together they are not: the budget is the command's.
    expect(await t.run('echo $A $A')).toMatchObject({ status: 1, stdout: '', stderr: 'dojo: $A: expansion too long (the limit is 1 MB)\n' });
    expect((await t.run('echo "$A" > /tmp/a.txt && wc -c < /tmp/a.txt')).stdout.trim()).toBe('600001');
  });

  it("a value set by a command past the cap is refused in the shell's words, not as an internal error", async () => {
    const t = testShell();
    expect(() => t.shell.env.set('A', 'z'.repeat(MAX_VALUE_LENGTH + 1))).toThrow('A: value too long (the limit is 1 MB)');
    expect(t.shell.env.get('A')).toBeUndefined();
  });
});

describe('output cut at the terminal budget', () => {
  /** Prints `mb` MB in 64 KiB writes (yielding now and then, as a module's output arrives), then writes a file. */
  const flood: CommandDefinition = {
    name: 'flood',
    summary: 'test',
    usage: 'flood MB FILE',
    async run(ctx) {
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < Number(ctx.argv[1]) * 16; i++) {
        if (ctx.signal.aborted) return 130;
        ctx.stdout.write(chunk);
        if (i % 8 === 0) await new Promise((r) => setTimeout(r, 0));
      }
      ctx.fs.writeFile(ctx.shell.resolvePath(ctx.argv[2]!), 'done\n');
      return 3;
    },
  };

  it('does not stop the command: it finishes its work and keeps its own exit status', async () => {
    const t = testShell({ extra: [flood] });
    const r = await t.run('flood 2 /tmp/after.txt; echo status $?', { tty: true });
    // Cut at 1 MB, flood ran on and exited 3 itself; `echo` after it has its own budget.
    expect(r.stdout).toBe('x'.repeat(1024 * 1024) + 'status 3\n');
    expect(r.stderr).toBe('\ndojo: output truncated: more than 1 MB for the terminal (redirect to a file to keep it all)\n');
    expect(t.fs.readText('/tmp/after.txt')).toBe('done\n');
  });

  it('the command still stops at Ctrl-C after the cut', async () => {
    const t = testShell({ extra: [flood] });
    const ctl = new AbortController();
    const pending = t.run('flood 1000 /tmp/never.txt', { tty: true, signal: ctl.signal });
    await new Promise((r) => setTimeout(r, 150));
    ctl.abort();
    expect((await pending).status).toBe(130);
    expect(t.fs.exists('/tmp/never.txt')).toBe(false);
  });
});

describe('a real module whose output is cut', () => {
  const engine = new WasmerEngine();
  beforeAll(() => engine.ready());
  /**
   * In Node the engine runs the guest synchronously, so an abort cannot stop it half-way; in the
   * browser the worker engine terminates the worker and the run ends `killed` (status 130, its
   * file changes lost). This wrapper ends a run aborted while it ran the same way, so the test sees
   * what the browser did.
   */
  const workerLike: WasmEngine = {
    ready: () => engine.ready(),
    async run(req, io, signal) {
      const r = await engine.run(req, io, signal);
      return signal?.aborted ? { ...r, outcome: { kind: 'killed', reason: 'interrupt' }, changes: [] } : r;
    },
  };

  it('runs to its end with its real status, as real wasmtime does (not 130 as if Ctrl-C)', async () => {
    const services: DojoServices = { machine: createMachine(), engine: workerLike };
    const t = testShell({ extra: [wasmtimeCommand], services });
    t.fs.writeFile('/tmp/upper.wasm', new Uint8Array(readFileSync(`${MODULES_DIR}upper.wasm`)));
    t.fs.writeFile('/tmp/big.txt', new Uint8Array(3 * 1024 * 1024).fill(0x61));
    const r = await t.run('wasmtime /tmp/upper.wasm < /tmp/big.txt; echo "status $?"', { tty: true });
    expect(r.stderr).toContain('dojo: output truncated: more than 1 MB');
    expect(r.stdout.slice(0, 5)).toBe('AAAAA');
    expect(r.stdout.endsWith('status 0\n')).toBe(true);
  });
});
