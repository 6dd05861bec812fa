import { describe, expect, it } from 'vitest';
import { parseBank } from '../../src/trainer/bank';
import { gradeCommand, gradeSpotBug, spotBugTarget } from '../../src/trainer/grade';
import { readRuntimeCommand } from '../../src/app/trainer-readers';
import { diskBank, drillFiles, REPO } from '../support/trainer';
import { loadCatalogFromDisk } from '../../src/lessons/node-loader';
import type { SpotBugQuestion } from '../../src/trainer/types';

describe('the question bank (drills/*.yaml)', () => {
  const { bank, lessonIds } = diskBank();

  it('has no format problem in any file', () => {
    expect(bank.issues.map((i) => `${i.file}: ${i.field}: ${i.message}`)).toEqual([]);
  });

  it('holds at least 150 questions, each with an answer, an explanation, a topic, a level, a lesson and a source', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(150);
    for (const q of bank.questions) {
      expect(q.explanation.trim(), q.id).not.toBe('');
      expect(q.topic, q.id).not.toBe('');
      expect(['L1', 'L2', 'L3'], q.id).toContain(q.level);
      expect(lessonIds.has(q.lesson), `${q.id}: lesson ${q.lesson}`).toBe(true);
      expect(bank.sources[q.source], `${q.id}: source ${q.source}`).toBeDefined();
    }
  });

  it('covers every primer section, the Quick Reference and the current limitations', () => {
    const used = new Set(bank.questions.map((q) => q.source));
    for (const s of [
      'primer-why',
      'primer-1',
      'primer-2',
      'primer-3',
      'primer-4',
      'primer-5',
      'primer-6',
      'primer-7',
      'primer-8',
      'primer-qr',
      'primer-limits',
    ])
      expect(used.has(s), s).toBe(true);
    expect(bank.questions.filter((q) => q.topic === 'limitations').length).toBeGreaterThanOrEqual(5);
    expect(bank.questions.filter((q) => q.topic === 'quick-reference').length).toBeGreaterThanOrEqual(8);
  });

  it('uses every kind, and every level in more than one topic', () => {
    const kinds = new Set(bank.questions.map((q) => q.kind));
    expect([...kinds].sort()).toEqual(['command', 'multiple', 'open', 'order', 'single', 'spot-the-bug']);
    for (const level of ['L1', 'L2', 'L3'])
      expect(new Set(bank.questions.filter((q) => q.level === level).map((q) => q.topic)).size).toBeGreaterThan(1);
  });

  it("grades every fill-in-the-command question's reference answer as right, through the terminal's parsers", () => {
    for (const q of bank.questions)
      if (q.kind === 'command') expect(gradeCommand(q.expect, q.answer, readRuntimeCommand), q.id).toMatchObject({ correct: true });
  });

  it('has a bug the spin.toml validator reports in every spot-the-bug manifest, and names the field as right', () => {
    for (const q of bank.questions) {
      if (q.kind !== 'spot-the-bug') continue;
      expect(spotBugTarget(q), q.id).toBeDefined();
      expect(gradeSpotBug(q, q.field).correct, q.id).toBe(true);
    }
  });

  it('tags Kubernetes, edge, OCI, cold-start and build questions with the chapter that teaches them', () => {
    // The topic's chapter (lessons/chapters.yaml numbers); the few listed questions are taught elsewhere.
    const chapterOf = new Map(loadCatalogFromDisk(REPO).lessons.map((l) => [l.id, l.chapter]));
    const chapters: Record<string, number[]> = { kubernetes: [6], edge: [7], oci: [9], build: [10] };
    const elsewhere = new Set(['oc-run-oci', 'oc-no-rootfs', 'bd-polyglot', 'bd-component-vs-module', 'bd-spin-build-cmd']);
    for (const q of bank.questions) {
      const want = chapters[q.topic];
      if (!want || elsewhere.has(q.id)) continue;
      expect(want, `${q.id}: lesson ${q.lesson}`).toContain(chapterOf.get(q.lesson));
    }
    for (const id of ['pf-coldstart', 'pf-measure']) expect(bank.questions.find((q) => q.id === id)?.lesson).toBe('cold-start-race');
  });

  it("grades Kubernetes spot-the-bug manifests by the cluster's strict decoding, by field or line", () => {
    const kube = bank.questions.filter((q): q is SpotBugQuestion => q.kind === 'spot-the-bug' && q.format === 'kubernetes');
    expect(kube.length).toBeGreaterThanOrEqual(2);
    const replica = kube.find((q) => q.id === 'k8-bug-spinapp-replica')!;
    expect(spotBugTarget(replica)).toEqual({ line: 7, message: 'strict decoding error: unknown field "spec.replica"' });
    expect(gradeSpotBug(replica, 'line 7').correct).toBe(true);
    expect(gradeSpotBug(replica, 'spec.replica').correct).toBe(true);
    expect(gradeSpotBug(replica, 'executor').correct).toBe(false);
    expect(gradeSpotBug(replica, '8')).toMatchObject({
      correct: false,
      findings: [
        'Line 8 is fine; the bug is on line 7 (replica)',
        `the cluster's strict decoding: line 7: strict decoding error: unknown field "spec.replica"`,
      ],
    });
    expect(spotBugTarget(kube.find((q) => q.id === 'k8-bug-runtimeclass-spec')!)).toMatchObject({ line: 5 });
  });

  it('lists hands-on drills backed by real lessons', () => {
    expect(bank.drills.length).toBeGreaterThanOrEqual(5);
    for (const d of bank.drills) expect(lessonIds.has(d.lesson), d.id).toBe(true);
    // The new chapters' debugging lessons are timed drills too.
    for (const l of ['k8s-debug-wasm-pod', 'oci-tampered-layer', 'build-rust-to-wasm']) expect(bank.drills.map((d) => d.lesson)).toContain(l);
  });
});

describe('the bank validator refuses broken questions with the file and field named', () => {
  const { lessonIds } = diskBank();
  const sources = drillFiles()['/drills/sources.yaml']!;
  const check = (yaml: string) =>
    parseBank({ '/drills/sources.yaml': sources, '/drills/x.yaml': yaml }, { lessonIds }).issues.map((i) => `${i.field}: ${i.message}`);
  const base = `topic: t\nquestions:\n  - id: q1\n    level: L1\n    lesson: wasmtime-dir\n    source: primer-2\n    prompt: p\n    explanation: e\n`;

  it('a missing answer, an unknown lesson, an unlisted source, a bad level', () => {
    expect(check(base + '    kind: single\n    options: [a, b]\n')).toEqual([expect.stringMatching(/answer: is required/)]);
    expect(check(base.replace('wasmtime-dir', 'nope') + '    kind: single\n    options: [a, b]\n    answer: 0\n')).toEqual([
      expect.stringMatching(/lesson: no lesson with id "nope"/),
    ]);
    expect(check(base.replace('primer-2', 'my-blog') + '    kind: single\n    options: [a, b]\n    answer: 0\n')).toEqual([
      expect.stringMatching(/"my-blog" is not listed/),
    ]);
    expect(check(base.replace('L1', 'L7') + '    kind: single\n    options: [a, b]\n    answer: 0\n')).toEqual([
      expect.stringMatching(/level: must be L1, L2 or L3/),
    ]);
  });

  it('a missing explanation, an out-of-range answer, a typo in a key, duplicate ids', () => {
    expect(check(base.replace('    explanation: e\n', '') + '    kind: single\n    options: [a, b]\n    answer: 0\n')).toEqual([
      expect.stringMatching(/explanation: is required/),
    ]);
    expect(check(base + '    kind: single\n    options: [a, b]\n    answer: 5\n')).toEqual([expect.stringMatching(/outside the options/)]);
    expect(check(base + '    kind: single\n    options: [a, b]\n    answer: 0\n    hints: [x]\n')).toEqual([
      expect.stringMatching(/hints: unknown field/),
    ]);
    const twice = base + '    kind: single\n    options: [a, b]\n    answer: 0\n';
    expect(check(twice + twice.split('questions:\n')[1]!)).toEqual([expect.stringMatching(/duplicate id "q1"/)]);
  });

  it('a spot-the-bug manifest in which the validator finds nothing wrong', () => {
    const ok =
      'spin_manifest_version = 2\\n[application]\\nname = \\"a\\"\\n[[trigger.http]]\\nroute = \\"/\\"\\ncomponent = \\"a\\"\\n[component.a]\\nsource = \\"a.wasm\\"\\n';
    expect(check(base + `    kind: spot-the-bug\n    manifest: "${ok}"\n    field: source\n    fix: x\n`)).toEqual([
      expect.stringMatching(/finds no error/),
    ]);
  });

  it('YAML that does not parse', () => {
    expect(check('topic: [\n')).toEqual([expect.stringMatching(/^\(yaml\)/)]);
  });
});
