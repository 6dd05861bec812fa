import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseCatalog } from '../parser';
import { loadCatalogFromDisk } from '../node-loader';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

const validLesson = `---
id: demo-lesson
title: Demo
chapter: 1
order: 1
objectives: [Do a thing]
minutes: 5
prerequisites: []
---
Intro text.
`;
const validStep = `---
title: First
hints: [Try harder]
solution:
  commands: [wasmtime run modules/hello.wasm]
checks:
  - kind: command
    tool: wasmtime
    module: hello
    exitCode: 0
---
Run hello.
`;

function catalog(extra: Record<string, string> = {}) {
  return parseCatalog({
    '/lessons/01-x/01-demo/lesson.md': validLesson,
    '/lessons/01-x/01-demo/steps/01-first.md': validStep,
    '/lessons/01-x/01-demo/files/data/a.json': '{"a":1}',
    ...extra,
  });
}

describe('lesson schema', () => {
  it('parses a valid lesson with steps, checks and seed files', () => {
    const c = catalog();
    expect(c.issues).toEqual([]);
    expect(c.lessons).toHaveLength(1);
    const l = c.lessons[0]!;
    expect(l.id).toBe('demo-lesson');
    expect(l.steps.map((s) => s.id)).toEqual(['first']);
    expect(l.steps[0]!.checks[0]).toMatchObject({ kind: 'command', name: 'command-1', tool: ['wasmtime'], module: 'hello', exitCode: 0 });
    expect(l.seed).toEqual({ '/home/learner/data/a.json': '{"a":1}' });
    expect(l.intro).toBe('Intro text.');
  });

  const broken: Array<[string, Record<string, string>, string, string]> = [
    ['missing title', { '/lessons/01-x/01-demo/lesson.md': validLesson.replace('title: Demo\n', '') }, 'lessons/01-x/01-demo/lesson.md', 'title'],
    ['bad id', { '/lessons/01-x/01-demo/lesson.md': validLesson.replace('id: demo-lesson', 'id: Demo Lesson') }, 'lessons/01-x/01-demo/lesson.md', 'id'],
    ['minutes as text', { '/lessons/01-x/01-demo/lesson.md': validLesson.replace('minutes: 5', 'minutes: five') }, 'lessons/01-x/01-demo/lesson.md', 'minutes'],
    ['typo field', { '/lessons/01-x/01-demo/lesson.md': validLesson.replace('objectives:', 'objective:') }, 'lessons/01-x/01-demo/lesson.md', 'objective'],
    ['no frontmatter', { '/lessons/01-x/01-demo/lesson.md': 'just text' }, 'lessons/01-x/01-demo/lesson.md', 'frontmatter'],
    ['broken yaml', { '/lessons/01-x/01-demo/lesson.md': '---\nid: [\n---\nx' }, 'lessons/01-x/01-demo/lesson.md', 'frontmatter'],
    ['unknown check kind', { '/lessons/01-x/01-demo/steps/01-first.md': validStep.replace('kind: command', 'kind: magic') }, 'lessons/01-x/01-demo/steps/01-first.md', 'checks[0].kind'],
    ['bad exit code', { '/lessons/01-x/01-demo/steps/01-first.md': validStep.replace('exitCode: 0', 'exitCode: -3') }, 'lessons/01-x/01-demo/steps/01-first.md', 'checks[0].exitCode'],
    ['no checks', { '/lessons/01-x/01-demo/steps/01-first.md': validStep.replace(/checks:[\s\S]*exitCode: 0\n/, '') }, 'lessons/01-x/01-demo/steps/01-first.md', 'checks'],
    ['bad regex', { '/lessons/01-x/01-demo/steps/01-first.md': validStep.replace('exitCode: 0', 'stdoutMatches: "(["') }, 'lessons/01-x/01-demo/steps/01-first.md', 'checks[0].stdoutMatches'],
    ['quiz letter out of range', { '/lessons/01-x/01-demo/steps/02-q.md': '---\ntitle: Q\nchecks:\n  - kind: quiz\n    question: Q?\n    choices: [a, b]\n    answer: C\n---\nx' }, 'lessons/01-x/01-demo/steps/02-q.md', 'checks[0].answer'],
    ['bad step file name', { '/lessons/01-x/01-demo/steps/Second.md': validStep }, 'lessons/01-x/01-demo/steps/Second.md', '(file name)'],
    ['stray file', { '/lessons/01-x/01-demo/step/01-a.md': validStep }, 'lessons/01-x/01-demo/step/01-a.md', '(file)'],
    ['unknown prerequisite', { '/lessons/01-x/01-demo/lesson.md': validLesson.replace('prerequisites: []', 'prerequisites: [nope]') }, 'lessons/01-x/01-demo/lesson.md', 'prerequisites'],
    ['binary seed file', { '/lessons/01-x/01-demo/files/app.wasm': '\u0000asm' }, 'lessons/01-x/01-demo/files/app.wasm', '(file)'],
    ['timed as text', { '/lessons/01-x/01-demo/lesson.md': validLesson.replace('minutes: 5', 'minutes: 5\ntimed: "yes"') }, 'lessons/01-x/01-demo/lesson.md', 'timed'],
    ['least-privilege without module', { '/lessons/01-x/01-demo/steps/01-first.md': validStep.replace('kind: command', 'kind: least-privilege').replace(/    module: hello\n    exitCode: 0\n/, '') }, 'lessons/01-x/01-demo/steps/01-first.md', 'checks[0].module'],
  ];
  it.each(broken)('rejects %s, naming file and field', (_label, override, file, field) => {
    const c = catalog(override);
    expect(c.issues.length).toBeGreaterThan(0);
    expect(c.issues).toContainEqual(expect.objectContaining({ file, field }));
    // a broken lesson is left out rather than half-loaded
    if (!file.includes('step/') && field !== 'prerequisites') expect(c.lessons.find((l) => l.folder === 'lessons/01-x/01-demo')).toBeUndefined();
  });

  it('a lesson is untimed unless it says `timed: true`', () => {
    expect(catalog().lessons[0]!.timed).toBe(false);
    const timed = catalog({ '/lessons/01-x/01-demo/lesson.md': validLesson.replace('minutes: 5', 'minutes: 5\ntimed: true') });
    expect(timed.issues).toEqual([]);
    expect(timed.lessons[0]).toMatchObject({ timed: true, minutes: 5 });
    const refused = catalog({ '/lessons/01-x/01-demo/lesson.md': validLesson.replace('minutes: 5', 'minutes: 5\ntimed: "yes"') });
    expect(refused.issues).toContainEqual({ file: 'lessons/01-x/01-demo/lesson.md', field: 'timed', message: 'expected true or false, got string "yes"' });
  });

  it('rejects duplicate lesson ids across folders', () => {
    const c = catalog({ '/lessons/01-x/02-copy/lesson.md': validLesson, '/lessons/01-x/02-copy/steps/01-a.md': validStep });
    expect(c.issues).toContainEqual(expect.objectContaining({ field: 'id', file: 'lessons/01-x/02-copy/lesson.md' }));
  });
});

describe('every lesson in lessons/', () => {
  const c = loadCatalogFromDisk(repoRoot);
  it('passes the schema (file: field: problem)', () => {
    expect(c.issues.map((i) => `${i.file}: ${i.field}: ${i.message}`)).toEqual([]);
    expect(c.lessons.length).toBeGreaterThan(0);
  });
  it('includes the example lesson', () => {
    expect(c.lessons.map((l) => l.id)).toContain('wasmtime-dir');
  });
  it('times the quick-reference drill against its minutes', () => {
    expect(c.lessons.find((l) => l.id === 'quick-reference-drill')).toMatchObject({ timed: true, minutes: 5 });
  });
});
