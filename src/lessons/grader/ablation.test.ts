/**
 * The least-privilege grader on REAL modules: the real wasmtime command and WasmerEngine
 * (@wasmer/wasi in Node) run config-reader / env-reader on a MemoryFs; ablation replays them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateLeastPrivilegeCheck } from '../checks/least-privilege';
import type { LeastPrivilegeCheck } from '../checks/least-privilege';
import { wasmtimeCommand } from '../../commands/wasmtime';
import { wasmedgeCommand } from '../../commands/wasmedge';
import { MapCommandRegistry } from '../../shell/registry';
import { grantDescriber } from './grants';
import { gradeLeastPrivilege } from './ablation';
import { engine, makeLessonRig, HOME, type LessonRig } from '../../../test/support/lesson-rig';
import type { CommandRecord } from '../records';

const runtimes = new MapCommandRegistry();
runtimes.register(wasmtimeCommand);
runtimes.register(wasmedgeCommand);
const describeGrantsFor = grantDescriber(runtimes);

const configCheck: LeastPrivilegeCheck = {
  kind: 'least-privilege',
  name: 'lp',
  tool: ['wasmtime'],
  module: 'config-reader',
  success: { exitCode: 0, stdoutContains: 'Config:' },
};

async function grade(rig: LessonRig, rec: CommandRecord, check = configCheck) {
  return evaluateLeastPrivilegeCheck(check, { fs: rig.fs, home: HOME, history: [rec], replay: rig.replay, describeGrants: describeGrantsFor });
}

beforeAll(async () => {
  await engine.ready();
});

describe('least-privilege grader (ablation on real modules)', () => {
  it('passes the least grant set: --dir data::/data', async () => {
    const rig = makeLessonRig();
    const rec = await rig.type('wasmtime run --dir data::/data modules/config-reader.wasm');
    expect(rec.status).toBe(0);
    expect(rec.stdout).toContain('Config:');
    const r = await grade(rig, rec);
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([]);
    expect(r.message).toContain('`--dir data::/data`');
    // ablation never touched the learner's files: output.txt exists only from the learner's own run
    expect(rig.fs.readText(`${HOME}/data/output.txt`)).toBe('processed data');
  });

  it('reports an over-grant: an --env the module never reads', async () => {
    const rig = makeLessonRig();
    const rec = await rig.type('wasmtime run --env DEBUG=1 --dir data::/data modules/config-reader.wasm');
    const r = await grade(rig, rec);
    expect(r.status).toBe('fail');
    expect(r.findings).toHaveLength(1);
    const f = r.findings![0]!;
    expect(f).toMatchObject({ kind: 'unnecessary', grant: '--env DEBUG=1' });
    expect(f.message).toBe('`--env DEBUG=1` was never read: without it the module behaved exactly the same.');
    expect(f.evidence[0]).toContain('exit 0, same output');
  });

  it('reports an unused extra directory with trace evidence', async () => {
    const rig = makeLessonRig();
    const rec = await rig.type('wasmtime run --dir /tmp --dir data::/data modules/config-reader.wasm');
    const r = await grade(rig, rec);
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.objectContaining({
        kind: 'unnecessary',
        grant: '--dir /tmp',
        message: '`--dir /tmp` was never used: the trace shows no file opened under `/tmp`.',
      }),
    ]);
  });

  it('reports a too-broad directory: the whole home at / when only /data was used', async () => {
    const rig = makeLessonRig();
    const rec = await rig.type('wasmtime run --dir .::/ modules/config-reader.wasm');
    expect(rec.status).toBe(0);
    const r = await grade(rig, rec);
    expect(r.status).toBe('fail');
    expect(r.findings).toHaveLength(1);
    const f = r.findings![0]!;
    expect(f.kind).toBe('too-broad');
    expect(f.grant).toBe('--dir .::/');
    expect(f.message).toContain('only opened files under `/data`');
    expect(f.evidence.join('\n')).toMatch(/path_open \/data\/config\.json → ESUCCESS/);
  });

  it('reports a missing grant, explained from stderr/trace', async () => {
    const rig = makeLessonRig();
    const rec = await rig.type('wasmtime run modules/config-reader.wasm');
    expect(rec.status).not.toBe(0);
    const r = await grade(rig, rec);
    expect(r.status).toBe('fail');
    expect(r.findings![0]!.kind).toBe('failed');
    expect(r.message).toContain('did not work');
    expect(r.findings![0]!.evidence.join('\n')).toMatch(/stderr: .*\/data\/config\.json/);
  });

  it('a needed env grant is not flagged (env-reader must print GREETING)', async () => {
    const rig = makeLessonRig();
    const rec = await rig.type('wasmtime run --env GREETING=hi modules/env-reader.wasm GREETING');
    expect(rec.stdout).toBe('GREETING=hi\n');
    const r = await grade(rig, rec, {
      kind: 'least-privilege',
      name: 'env',
      module: 'env-reader',
      success: { exitCode: 0, stdoutContains: 'GREETING=hi' },
    });
    expect(r.status).toBe('pass');
  });

  it('grades a four-grant exercise and reports each unnecessary grant (timing printed)', async () => {
    const rig = makeLessonRig();
    const rec = await rig.type('wasmtime run --dir data::/data --env A=1 --env B=2 --dir /tmp modules/config-reader.wasm');
    const grants = describeGrantsFor(rec.segments[0]!);
    expect(grants.map((g) => g.text)).toEqual(['--dir data::/data', '--env A=1', '--env B=2', '--dir /tmp']);
    // warm once (compile cache), then measure what a learner's `check` costs
    await gradeLeastPrivilege({
      argv: rec.segments[0]!,
      grants,
      cwd: HOME,
      home: HOME,
      env: rec.env,
      before: rec.before!,
      original: rec,
      success: configCheck.success,
      replay: rig.replay,
    });
    const t0 = performance.now();
    const report = await gradeLeastPrivilege({
      argv: rec.segments[0]!,
      grants,
      cwd: HOME,
      home: HOME,
      env: rec.env,
      before: rec.before!,
      original: rec,
      success: configCheck.success,
      replay: rig.replay,
    });
    const ms = performance.now() - t0;
    console.log(`[bench] least-privilege grading, 4 grants (4 replays): ${ms.toFixed(1)} ms`);
    expect(report.works).toBe(true);
    // Directories are tried first (broadest first), then the rest as typed; each removal that keeps
    // the module working stays removed while the others are tried.
    expect(report.runs.map((r) => [r.removed, r.stillWorks])).toEqual([
      ['--dir data::/data', false],
      ['--dir /tmp', true],
      ['--env A=1', true],
      ['--env B=2', true],
    ]);
    expect(report.findings.map((f) => f.grant)).toEqual(['--env A=1', '--env B=2', '--dir /tmp']);
    expect(report.keep.map((g) => g.text)).toEqual(['--dir data::/data']);
  });

  it('two grants that each make the other redundant: the wider is removed, the narrower kept (the minimal set)', async () => {
    const rig = makeLessonRig();
    for (const line of [
      'wasmtime run --dir .::/ --dir data::/data modules/config-reader.wasm',
      'wasmtime run --dir data::/data --dir .::/ modules/config-reader.wasm',
    ]) {
      const rec = await rig.type(line);
      expect(rec.status, rec.stderr).toBe(0);
      const r = await grade(rig, rec);
      expect(r.status).toBe('fail');
      expect(r.findings?.map((f) => [f.kind, f.grant])).toEqual([['unnecessary', '--dir .::/']]);
      expect(r.message).toContain('So: remove `--dir .::/`; keep `--dir data::/data`.');
      // Keeping only the narrower grant really passes.
      expect((await grade(rig, await rig.type('wasmtime run --dir data::/data modules/config-reader.wasm'))).status).toBe('pass');
    }
  });

  it('grades wasmedge lines too (GUEST:HOST order): least set passes, extra env and too-broad dir are found', async () => {
    const rig = makeLessonRig();
    const edge: LeastPrivilegeCheck = { ...configCheck, tool: ['wasmedge'] };
    const good = await rig.type('wasmedge --dir /data:data modules/config-reader.wasm');
    expect(good.stdout).toContain('Config:');
    expect((await grade(rig, good, edge)).status).toBe('pass');
    const extra = await rig.type('wasmedge --env DEBUG=1 --dir /data:data modules/config-reader.wasm');
    expect((await grade(rig, extra, edge)).findings?.map((f) => [f.kind, f.grant])).toEqual([['unnecessary', '--env DEBUG=1']]);
    const broad = await rig.type('wasmedge --dir /:. modules/config-reader.wasm');
    expect(broad.status).toBe(0);
    expect((await grade(rig, broad, edge)).findings?.map((f) => f.kind)).toEqual(['too-broad']);
  });

  it('returns error (not a crash) when there is no replay snapshot', async () => {
    const rig = makeLessonRig();
    const rec = await rig.type('wasmtime run --dir data::/data modules/config-reader.wasm');
    const { before: _b, ...noSnapshot } = rec;
    const r = await evaluateLeastPrivilegeCheck(configCheck, {
      fs: rig.fs,
      home: HOME,
      history: [noSnapshot],
      replay: rig.replay,
      describeGrants: describeGrantsFor,
    });
    expect(r.status).toBe('error');
  });
});
