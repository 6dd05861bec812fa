import { describe, expect, it } from 'vitest';
import { Validator, validateStepMeta } from '../schema';
import { createCheckKindRegistry } from './builtin';
import { evaluateCheck, stepConcerns } from './index';
import type { CheckKindDefinition } from './registry';
import type { CheckBase } from '../schema';
import { MemoryFs } from '../../fs/memory-fs';

interface EchoCheck extends CheckBase {
  kind: 'echo';
  word: string;
}

/** A kind as a feature would add one: its file, then one register() call. */
const echoKind: CheckKindDefinition<EchoCheck> = {
  kind: 'echo',
  keys: ['word'],
  validate: (raw, v, where) => ({ kind: 'echo', word: v.string(raw, 'word', `${where}.word`, { required: true }) }),
  evaluate: (check, ctx) => ({
    name: check.name,
    kind: 'echo',
    status: ctx.history.some((r) => r.segments.some((a) => a[0] === 'echo' && a.includes(check.word))) ? 'pass' : 'fail',
    message: 'echo it',
  }),
  concerns: (_check, rec) => rec.segments.some((a) => a[0] === 'echo'),
};

const step = (checks: unknown[]) => ({ title: 't', checks });

describe('CheckKindRegistry', () => {
  it('a registered kind is validated, evaluated and asked what concerns it; unregistering removes it', async () => {
    const kinds = createCheckKindRegistry();
    const before = new Validator('s.md');
    validateStepMeta(step([{ kind: 'echo', word: 'hi' }]), before, kinds);
    expect(before.issues.map((i) => i.message)).toEqual([expect.stringContaining('must be one of: command, least-privilege, file, quiz, spin-outbound')]);

    const off = kinds.register(echoKind);
    const v = new Validator('s.md');
    const meta = validateStepMeta(step([{ kind: 'echo', word: 'hi', typo: 1 }, { kind: 'echo' }]), v, kinds);
    expect(v.issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'checks[0].typo: unknown field (expected one of: kind, name, message, word)',
      'checks[1].word: is required',
    ]);
    expect(meta.checks[0]).toEqual({ kind: 'echo', name: 'echo-1', word: 'hi' });

    const rec = { line: 'echo hi', segments: [['echo', 'hi']], status: 0, stdout: 'hi\n', stderr: '', cwd: '/', env: [], at: 0 };
    const ctx = { fs: new MemoryFs(), home: '/', history: [rec], describeGrants: () => [] };
    expect((await evaluateCheck(meta.checks[0]!, ctx, kinds)).status).toBe('pass');
    expect(stepConcerns({ id: 's', title: 't', body: '', file: 'f', hints: [], checks: meta.checks }, rec, kinds)).toBe(true);

    off();
    expect(kinds.kinds()).not.toContain('echo');
    expect((await evaluateCheck(meta.checks[0]!, ctx, kinds)).status).toBe('error');
    expect(() => kinds.register(echoKind)).not.toThrow();
    expect(() => kinds.register(echoKind)).toThrow(/already registered/);
  });
});
