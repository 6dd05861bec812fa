import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deflateText, toBase64Url } from './codec';
import {
  decodePlan,
  emptyPlan,
  encodePlan,
  missingItems,
  parsePlanText,
  planFileText,
  PLAN_LIMITS,
  validatePlan,
  type PlanItem,
  type SessionPlan,
} from './plan';
import { XSS_VECTORS } from '../../test/support/xss-corpus.mjs';

const safeText = (max: number, multiline = false) =>
  fc.oneof(
    fc.constantFrom(...XSS_VECTORS.filter((v) => v.length <= max)),
    fc
      .string({ maxLength: max, unit: 'grapheme' })
      .filter(
        (s) =>
          !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s) ||
          (multiline && !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s)),
      ),
  );
const id = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
const item: fc.Arbitrary<PlanItem> = fc.oneof(
  fc.record({ kind: fc.constant('lesson' as const), id }, { requiredKeys: ['kind', 'id'] }),
  fc.record(
    { kind: fc.constant('drill' as const), id, note: safeText(PLAN_LIMITS.noteChars, true).filter((s) => s !== '') },
    { requiredKeys: ['kind', 'id'] },
  ),
  fc.record({ kind: fc.constant('mock' as const), minutes: fc.integer({ min: 1, max: PLAN_LIMITS.minutes }) }),
);
const plan: fc.Arbitrary<SessionPlan> = fc.record({
  format: fc.constant('wasm-dojo-plan' as const),
  version: fc.constant(1),
  id: fc.stringMatching(/^[A-Za-z0-9_-]{6,32}$/),
  title: safeText(PLAN_LIMITS.titleChars).filter((s) => s.trim() !== ''),
  minutes: fc.integer({ min: 1, max: PLAN_LIMITS.minutes }),
  notes: safeText(PLAN_LIMITS.notesChars, true),
  items: fc.array(item, { minLength: 1, maxLength: 12 }),
});

describe('session plans', () => {
  it('round-trip through the link and the file unchanged (any valid plan, hostile text included)', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const link = encodePlan(p);
        expect(link).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodePlan(link)).toEqual({ ok: true, plan: p });
        expect(parsePlanText(planFileText(p))).toEqual({ ok: true, plan: p });
        // A whole link pasted into the file box works too.
        expect(parsePlanText(`https://dojo.example/#/plan/${link}`)).toEqual({ ok: true, plan: p });
      }),
      { numRuns: 150 },
    );
  });

  it('the same plan always makes the same link (canonical JSON: key order does not matter)', () => {
    const p = { ...emptyPlan('abcdef'), items: [{ kind: 'lesson' as const, id: 'wasmtime-dir' }] };
    const shuffled = JSON.parse(
      JSON.stringify({ items: p.items, notes: p.notes, title: p.title, id: p.id, minutes: p.minutes, version: 1, format: p.format }),
    );
    expect(encodePlan(shuffled)).toBe(encodePlan(p));
  });

  const valid = (): Record<string, unknown> => ({ ...emptyPlan('abcdef'), items: [{ kind: 'lesson', id: 'wasmtime-dir' }] });
  it.each([
    ['not an object', [], /not a plan/],
    ['another format', { ...valid(), format: 'something' }, /not a Wasm Dojo session plan/],
    ['a newer version', { ...valid(), version: 9 }, /newer Wasm Dojo \(plan version 9; this one reads up to 1\)/],
    ['an unknown field', { ...valid(), script: 'x' }, /unknown field "script"/],
    ['an empty title', { ...valid(), title: '  ' }, /title is empty/],
    ['a long title', { ...valid(), title: 'x'.repeat(121) }, /title is longer than 120/],
    ['control characters', { ...valid(), title: 'a\u001b]52;c;ZXZpbA==\u0007' }, /title holds control characters/],
    ['a bidi override', { ...valid(), notes: 'safe\u202eexe.txt' }, /notes holds control characters/],
    ['no items', { ...valid(), items: [] }, /no items/],
    ['too many items', { ...valid(), items: Array.from({ length: 41 }, () => ({ kind: 'lesson', id: 'a' })) }, /more than 40 items/],
    ['a bad item kind', { ...valid(), items: [{ kind: 'html', id: 'a' }] }, /item 1 must be a lesson, a drill or a mock/],
    ['a hostile lesson id', { ...valid(), items: [{ kind: 'lesson', id: '<img src=x>' }] }, /item 1: the lesson id must be/],
    ['a mock without minutes', { ...valid(), items: [{ kind: 'mock' }] }, /item 1: minutes/],
    ['fractional minutes', { ...valid(), minutes: 1.5 }, /minutes must be a whole number/],
  ])('refuses %s with the reason', (_what, data, reason) => {
    const r = validatePlan(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('refuses damaged, oversized and bomb links with a reason, never throws', () => {
    expect(decodePlan('')).toMatchObject({ ok: false, reason: /holds no plan/ });
    expect(decodePlan('abc$%')).toMatchObject({ ok: false, reason: /characters a plan link never has/ });
    expect(decodePlan('A'.repeat(PLAN_LIMITS.linkChars + 1))).toMatchObject({ ok: false, reason: /too long to be a plan/ });
    expect(decodePlan('AAAA')).toMatchObject({ ok: false, reason: /damaged/ });
    const good = encodePlan(valid() as unknown as SessionPlan);
    expect(decodePlan(good.slice(0, -6))).toMatchObject({ ok: false, reason: /damaged/ });
    // 4 MB of spaces deflate to a few KB: refused by the inflate limit, not allocated.
    const bomb = toBase64Url(deflateText(' '.repeat(4 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(PLAN_LIMITS.linkChars);
    expect(decodePlan(bomb)).toMatchObject({ ok: false, reason: /expands to more than 32 KB/ });
    expect(parsePlanText('{"format": ')).toMatchObject({ ok: false, reason: /not valid JSON/ });
    expect(parsePlanText(`{"notes":"${'x'.repeat(40000)}"}`)).toMatchObject({ ok: false, reason: /too large to be a plan/ });
  });

  it('says which lessons and drills this version lacks', () => {
    const p = {
      ...emptyPlan('abcdef'),
      items: [
        { kind: 'lesson' as const, id: 'wasmtime-dir' },
        { kind: 'lesson' as const, id: 'from-the-future' },
        { kind: 'drill' as const, id: 'nope' },
        { kind: 'mock' as const, minutes: 20 },
      ],
    };
    expect(missingItems(p, { lessons: new Set(['wasmtime-dir']) })).toEqual(['lesson "from-the-future"']);
    expect(missingItems(p, { lessons: new Set(['wasmtime-dir']), drills: new Set() })).toEqual(['lesson "from-the-future"', 'drill "nope"']);
  });
});
