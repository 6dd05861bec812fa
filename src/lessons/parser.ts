/**
 * Turns the raw files of lessons/ (path → text) into validated Lesson objects.
 * Pure on purpose: the browser feeds it Vite's import.meta.glob (catalog.ts), Node tests feed it
 * the folder read from disk (load-from-disk.ts); both get the same lessons and the same errors.
 */
import { parse as parseYaml } from 'yaml';
import type { CheckKindRegistry } from './checks/registry';
import {
  LEARNER_HOME,
  Validator,
  validateCatalog,
  validateLessonMeta,
  validateStepMeta,
  type ChapterInfo,
  type FormatIssue,
  type Lesson,
  type LessonStep,
} from './schema';

export interface ParsedCatalog {
  lessons: Lesson[];
  chapters: ChapterInfo[];
  /** Every problem found; lessons with problems are left out of `lessons`. */
  issues: FormatIssue[];
}

const STEP_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** Splits `---\nYAML\n---\nbody`. Returns null frontmatter when the file has none. */
export function splitFrontmatter(text: string, file: string, v: Validator): { data: unknown; body: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(normalized);
  if (!m) {
    v.fail('frontmatter', 'missing: the file must start with a line "---", YAML fields, then a line "---"');
    return { data: undefined, body: normalized };
  }
  let data: unknown;
  try {
    data = parseYaml(m[1] ?? '', { prettyErrors: true });
  } catch (e) {
    v.fail('frontmatter', `is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    data = undefined;
  }
  void file;
  return { data, body: normalized.slice(m[0].length).trim() };
}

/** Normalises "/lessons/a/b" and "lessons/a/b" to "lessons/a/b". */
function normalizeKey(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\/+/, '');
}

export function parseCatalog(rawFiles: Record<string, string>, kinds?: CheckKindRegistry): ParsedCatalog {
  const files = new Map<string, string>();
  for (const [k, text] of Object.entries(rawFiles)) files.set(normalizeKey(k), text);

  const issues: FormatIssue[] = [];
  const chapters = parseChapters(files.get('lessons/chapters.yaml'), issues);

  const folders = [...files.keys()]
    .filter((p) => p.startsWith('lessons/') && p.endsWith('/lesson.md'))
    .map((p) => p.slice(0, -'/lesson.md'.length))
    .sort();

  const lessons: Lesson[] = [];
  for (const folder of folders) {
    const result = parseLessonFolder(folder, files, kinds);
    issues.push(...result.issues);
    if (result.lesson && result.issues.length === 0) lessons.push(result.lesson);
  }
  // Stray files: a lesson's file outside any lesson folder, or an unknown file inside one, is
  // almost always a typo ("step/", "lesson.MD") that would otherwise vanish without a word.
  for (const path of files.keys()) {
    if (path === 'lessons/README.md' || path === 'lessons/chapters.yaml') continue;
    const owner = folders.find((f) => path.startsWith(`${f}/`));
    if (!owner) {
      // Chapter-level notes are allowed (README.md in a chapter folder); anything else is reported.
      if (!/^lessons\/[^/]+\/README\.md$/.test(path))
        issues.push({ file: path, field: '(file)', message: 'is not inside a lesson folder (a folder with lesson.md)' });
      continue;
    }
    const rel = path.slice(owner.length + 1);
    if (rel === 'lesson.md' || rel === 'finish.md' || rel.startsWith('files/') || /^steps\/[^/]+$/.test(rel)) continue;
    issues.push({ file: path, field: '(file)', message: 'unexpected file: a lesson folder holds lesson.md, finish.md, steps/*.md and files/**' });
  }

  issues.push(...validateCatalog(lessons));
  for (const l of lessons) {
    if (chapters.length > 0 && !chapters.some((c) => c.number === l.chapter)) {
      issues.push({ file: `${l.folder}/lesson.md`, field: 'chapter', message: `chapter ${l.chapter} is not listed in lessons/chapters.yaml` });
    }
  }
  // Chapters read in lessons/chapters.yaml's order (the primer's), which is not their numbers' order:
  // chapter 10 (compiling to Wasm) follows chapter 2. A chapter not listed sorts by its number, last.
  const rank = (n: number) => {
    const i = chapters.findIndex((c) => c.number === n);
    return i < 0 ? chapters.length + n : i;
  };
  lessons.sort((a, b) => rank(a.chapter) - rank(b.chapter) || a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, chapters, issues };
}

function parseChapters(text: string | undefined, issues: FormatIssue[]): ChapterInfo[] {
  if (text === undefined) return [];
  const file = 'lessons/chapters.yaml';
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    issues.push({ file, field: '(file)', message: `is not valid YAML: ${(e as Error).message.split('\n')[0]}` });
    return [];
  }
  if (!Array.isArray(data)) {
    issues.push({ file, field: '(file)', message: 'expected a list of { number, title }' });
    return [];
  }
  const out: ChapterInfo[] = [];
  data.forEach((c, i) => {
    const v = new Validator(file);
    if (!v.isRecord(c)) v.fail(`[${i}]`, 'expected { number, title }');
    else {
      const number = v.number(c, 'number', `[${i}].number`, { required: true, integer: true, min: 1 });
      const title = v.string(c, 'title', `[${i}].title`, { required: true });
      if (number !== undefined && title) out.push({ number, title });
    }
    issues.push(...v.issues);
  });
  return out;
}

export function parseLessonFolder(folder: string, files: Map<string, string>, kinds?: CheckKindRegistry): { lesson?: Lesson; issues: FormatIssue[] } {
  const issues: FormatIssue[] = [];
  const lessonFile = `${folder}/lesson.md`;
  const v = new Validator(lessonFile);
  const { data, body } = splitFrontmatter(files.get(lessonFile) ?? '', lessonFile, v);
  const meta = validateLessonMeta(data, v);
  if (!body) v.fail('(body)', 'the introduction below the frontmatter is empty');
  issues.push(...v.issues);

  const stepFiles = [...files.keys()]
    .filter((p) => p.startsWith(`${folder}/steps/`))
    .map((p) => ({ path: p, name: p.slice(folder.length + '/steps/'.length) }))
    .filter(({ name }) => !name.includes('/'));
  const steps: Array<LessonStep & { n: number }> = [];
  for (const { path, name } of stepFiles) {
    const m = STEP_FILE.exec(name);
    if (!m) {
      issues.push({ file: path, field: '(file name)', message: 'step files are named NN-step-id.md (digits, dash, lowercase id)' });
      continue;
    }
    const sv = new Validator(path);
    const parsed = splitFrontmatter(files.get(path) ?? '', path, sv);
    const stepMeta = validateStepMeta(parsed.data, sv, kinds);
    issues.push(...sv.issues);
    steps.push({
      n: Number(m[1]),
      id: m[2] ?? '',
      title: stepMeta.title,
      body: parsed.body,
      hints: stepMeta.hints,
      ...(stepMeta.solution ? { solution: stepMeta.solution } : {}),
      checks: stepMeta.checks,
      file: path,
    });
  }
  if (stepFiles.length === 0) issues.push({ file: lessonFile, field: 'steps', message: `no step files: add ${folder}/steps/01-first-step.md` });
  steps.sort((a, b) => a.n - b.n);
  for (let i = 1; i < steps.length; i++) {
    const prev = steps[i - 1];
    const cur = steps[i];
    if (prev && cur && prev.n === cur.n) issues.push({ file: cur.file, field: '(file name)', message: `same number ${cur.n} as ${prev.file}` });
    if (prev && cur && prev.id === cur.id) issues.push({ file: cur.file, field: '(file name)', message: `same step id "${cur.id}" as ${prev.file}` });
  }

  const seed: Record<string, string> = {};
  for (const [path, text] of files) {
    if (!path.startsWith(`${folder}/files/`)) continue;
    // Lessons reach the browser as text (Vite ?raw): a binary would arrive mangled.
    if (/\.(wasm|cwasm|png|jpe?g|gif|zip|gz)$/i.test(path) || text.includes('\u0000')) {
      issues.push({ file: path, field: '(file)', message: 'seed files must be text; modules are already in ~/modules' });
      continue;
    }
    seed[`${LEARNER_HOME}/${path.slice(folder.length + '/files/'.length)}`] = text;
  }
  const finishText = files.get(`${folder}/finish.md`);

  if (issues.length > 0) return { issues };
  return {
    issues,
    lesson: {
      ...meta,
      intro: body,
      ...(finishText !== undefined && finishText.trim() ? { finish: finishText.trim() } : {}),
      steps: steps.map(({ n: _n, ...s }) => s),
      seed,
      folder,
    },
  };
}
