/**
 * The grader's replays get what the learner's command got, from its exec event: the same stdin
 * bytes (a module fed by a pipe), the same cwd (`cd x && …`) and the same exported env.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateLeastPrivilegeCheck } from '../checks/least-privilege';
import type { LeastPrivilegeCheck } from '../checks/least-privilege';
import { grantDescriber } from './grants';
import { engine, makeLessonRig, HOME } from '../../../test/support/lesson-rig';
import { MODULES_DIR } from '../../../test/support/modules';

beforeAll(async () => {
  await engine.ready();
});

const upperCheck: LeastPrivilegeCheck = {
  kind: 'least-privilege',
  name: 'lp',
  tool: ['wasmtime'],
  module: 'upper',
  success: { exitCode: 0, stdoutContains: 'PIPED IN' },
};

function rigWithUpper() {
  const rig = makeLessonRig();
  rig.fs.writeFile(`${HOME}/modules/upper.wasm`, new Uint8Array(readFileSync(`${MODULES_DIR}upper.wasm`)));
  return rig;
}

describe('replays read what the original command read', () => {
  it('a module fed by a pipe is replayed with the same input, so an unused grant is found', async () => {
    const rig = rigWithUpper();
    const rec = await rig.type('echo piped in | wasmtime run --dir /tmp modules/upper.wasm');
    expect(rec.stdout).toBe('PIPED IN\n');
    const r = await evaluateLeastPrivilegeCheck(upperCheck, {
      fs: rig.fs,
      home: HOME,
      history: [rec],
      replay: rig.replay,
      describeGrants: grantDescriber(rig.registry),
    });
    // Replayed with empty stdin, the module would print nothing, so `--dir /tmp` would look needed.
    expect(r.status).toBe('fail');
    expect(r.message).toContain('`--dir /tmp` was never used');
  });

  it('the replayer hands the stdin bytes to the command, and the terminal when there were none', async () => {
    const rig = rigWithUpper();
    const piped = await rig.replay({
      argv: ['wasmtime', 'modules/upper.wasm'],
      fs: rig.fs.clone(),
      cwd: HOME,
      home: HOME,
      env: [],
      stdin: new TextEncoder().encode('abc\n'),
    });
    expect(piped.stdout).toBe('ABC\n');
    const tty = await rig.replay({ argv: ['wasmtime', 'modules/upper.wasm'], fs: rig.fs.clone(), cwd: HOME, home: HOME, env: [], stdin: null });
    expect(tty).toMatchObject({ stdout: '', status: 0 });
  });

  it('a command after `cd` is replayed in its own directory, not where the line started', async () => {
    const rig = rigWithUpper();
    const rec = await rig.type('cd modules && echo x | wasmtime run --dir /tmp upper.wasm');
    expect(rec.stdout).toBe('X\n');
    const check = { ...upperCheck, success: { exitCode: 0, stdoutContains: 'X' } };
    const r = await evaluateLeastPrivilegeCheck(check, {
      fs: rig.fs,
      home: HOME,
      history: [rec],
      replay: rig.replay,
      describeGrants: grantDescriber(rig.registry),
    });
    // Replayed from ~ instead of ~/modules, `upper.wasm` would not be found and no grant would look unnecessary.
    expect(r.status).toBe('fail');
    expect(r.message).toContain('`--dir /tmp` was never used');
  });
});
