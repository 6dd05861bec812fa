/**
 * The question bank as data: drills/*.yaml (one file per topic) and drills/sources.yaml, read into
 * typed questions with every problem collected (file, field, message), as lessons are. An
 * instructor adds a question by adding YAML; `npm test` runs this over every file and fails on any
 * issue. A question must have an answer, an explanation, a topic, a level, the lesson that teaches
 * it (an id of the lesson catalogue) and a source listed in sources.yaml. A spot-the-bug manifest is
 * run through its validator here (spot-bug.ts: spin.toml or Kubernetes): one it finds nothing wrong with is
 * refused, so a question can never claim a bug the product does not see.
 */
import { parse as parseYaml } from 'yaml';
import { Validator, type FormatIssue } from '../lessons/schema/validator';
import { MANIFEST_FORMATS, manifestError, type ManifestFormat } from './spot-bug';
import { KINDS, LEVELS, type Level, type Question, type QuestionKind, type RubricPoint, type Source } from './types';

export interface HandsOnDrill {
  /** `drill NAME`. */
  id: string;
  title: string;
  /** The lesson whose checks grade it. */
  lesson: string;
  /** The target time. */
  minutes: number;
  kind: 'grant' | 'debug';
}

export interface Bank {
  questions: Question[];
  sources: Record<string, Source>;
  drills: HandsOnDrill[];
  issues: FormatIssue[];
}

export interface BankContext {
  /** Lesson ids of the catalogue: every question names the one that teaches it. */
  lessonIds: ReadonlySet<string>;
}

const SOURCES_FILE = 'sources.yaml';
const DRILLS_FILE = 'hands-on.yaml';
const BASE_KEYS = ['id', 'kind', 'topic', 'level', 'lesson', 'source', 'prompt', 'explanation', 'hint'];
const KIND_KEYS: Record<QuestionKind, string[]> = {
  single: ['options', 'answer'],
  multiple: ['options', 'answer'],
  order: ['steps'],
  command: ['expect', 'answer'],
  'spot-the-bug': ['manifest', 'field', 'fix', 'format'],
  open: ['model', 'rubric'],
};
const EXPECT_KEYS = ['tools', 'module', 'dirs', 'env', 'network', 'args'];
/** The bank is content, not a dump: a file larger than this is refused rather than parsed. */
const MAX_FILE = 512 * 1024;

/** `files`: path → text, keys like "/drills/runtimes.yaml" (Vite's glob) or "drills/runtimes.yaml". */
export function parseBank(files: Record<string, string>, ctx: BankContext): Bank {
  const issues: FormatIssue[] = [];
  const byName = new Map<string, { path: string; text: string }>();
  for (const [path, text] of Object.entries(files)) {
    const name = path.replace(/^.*\/drills\//, '').replace(/^\/?drills\//, '');
    if (!name.endsWith('.yaml')) continue;
    byName.set(name, { path: path.replace(/^\//, ''), text });
  }
  const read = (name: string): unknown => {
    const f = byName.get(name)!;
    if (f.text.length > MAX_FILE) {
      issues.push({ file: f.path, field: '(file)', message: `larger than ${MAX_FILE} bytes` });
      return undefined;
    }
    try {
      return parseYaml(f.text);
    } catch (e) {
      issues.push({ file: f.path, field: '(yaml)', message: (e as Error).message.split('\n')[0] ?? 'not YAML' });
      return undefined;
    }
  };

  const sources: Record<string, Source> = {};
  if (byName.has(SOURCES_FILE)) {
    const v = new Validator(byName.get(SOURCES_FILE)!.path);
    const data = read(SOURCES_FILE);
    if (!v.isRecord(data)) v.fail('(root)', 'expected a mapping: source id → { title, where }');
    else
      for (const [id, s] of Object.entries(data)) {
        if (!v.isRecord(s)) {
          v.fail(id, 'expected { title, where }');
          continue;
        }
        v.noUnknownKeys(s, ['title', 'where'], id);
        sources[id] = {
          id,
          title: v.string(s, 'title', `${id}.title`, { required: true }),
          where: v.string(s, 'where', `${id}.where`, { required: true }),
        };
      }
    issues.push(...v.issues);
  } else issues.push({ file: `drills/${SOURCES_FILE}`, field: '(file)', message: 'missing: every question names a source listed there' });

  const drills: HandsOnDrill[] = [];
  if (byName.has(DRILLS_FILE)) {
    const v = new Validator(byName.get(DRILLS_FILE)!.path);
    const data = read(DRILLS_FILE);
    const list = v.isRecord(data) ? data.drills : undefined;
    if (!Array.isArray(list)) v.fail('drills', 'expected a list of { id, title, lesson, minutes, kind }');
    else
      list.forEach((d: unknown, i) => {
        const f = `drills[${i}]`;
        if (!v.isRecord(d)) return v.fail(f, 'expected a mapping');
        v.noUnknownKeys(d, ['id', 'title', 'lesson', 'minutes', 'kind'], f);
        const drill: HandsOnDrill = {
          id: v.string(d, 'id', `${f}.id`, { required: true }),
          title: v.string(d, 'title', `${f}.title`, { required: true }),
          lesson: v.string(d, 'lesson', `${f}.lesson`, { required: true }),
          minutes: v.number(d, 'minutes', `${f}.minutes`, { required: true, min: 1 }) ?? 5,
          kind: d.kind === 'debug' ? 'debug' : 'grant',
        };
        if (d.kind !== 'grant' && d.kind !== 'debug') v.fail(`${f}.kind`, 'must be grant or debug');
        if (drill.lesson && !ctx.lessonIds.has(drill.lesson)) v.fail(`${f}.lesson`, `no lesson with id "${drill.lesson}"`);
        if (drills.some((x) => x.id === drill.id)) v.fail(`${f}.id`, `duplicate drill id "${drill.id}"`);
        drills.push(drill);
      });
    issues.push(...v.issues);
  }

  const questions: Question[] = [];
  const seen = new Map<string, string>();
  for (const [name, f] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    if (name === SOURCES_FILE || name === DRILLS_FILE) continue;
    const v = new Validator(f.path);
    const data = read(name);
    if (data === undefined) continue;
    if (!v.isRecord(data) || !Array.isArray(data.questions)) {
      v.fail('questions', 'expected `topic:` and a list `questions:`');
      issues.push(...v.issues);
      continue;
    }
    v.noUnknownKeys(data, ['topic', 'questions'], '');
    const fileTopic = typeof data.topic === 'string' ? data.topic : undefined;
    data.questions.forEach((raw: unknown, i) => {
      const q = readQuestion(raw, `questions[${i}]`, v, { fileTopic, file: f.path, sources, ctx });
      if (!q) return;
      const dup = seen.get(q.id);
      if (dup) v.fail(`questions[${i}].id`, `duplicate id "${q.id}" (also in ${dup})`);
      seen.set(q.id, f.path);
      questions.push(q);
    });
    issues.push(...v.issues);
  }
  return { questions, sources, drills, issues };
}

interface ReadCtx {
  fileTopic: string | undefined;
  file: string;
  sources: Record<string, Source>;
  ctx: BankContext;
}

function readQuestion(raw: unknown, at: string, v: Validator, rc: ReadCtx): Question | null {
  if (!v.isRecord(raw)) {
    v.fail(at, 'expected a mapping');
    return null;
  }
  const kind = raw.kind as QuestionKind;
  if (!KINDS.includes(kind)) {
    v.fail(`${at}.kind`, `must be one of: ${KINDS.join(', ')}`);
    return null;
  }
  v.noUnknownKeys(raw, [...BASE_KEYS, ...KIND_KEYS[kind]], at);
  const id = v.string(raw, 'id', `${at}.id`, { required: true });
  const where = `${at} (${id || '?'})`;
  const topic = (typeof raw.topic === 'string' ? raw.topic : rc.fileTopic) ?? '';
  if (!topic) v.fail(`${where}.topic`, 'is required (per question or per file)');
  const level = raw.level as Level;
  if (!LEVELS.includes(level)) v.fail(`${where}.level`, 'must be L1, L2 or L3');
  const lesson = v.string(raw, 'lesson', `${where}.lesson`, { required: true });
  if (lesson && !rc.ctx.lessonIds.has(lesson)) v.fail(`${where}.lesson`, `no lesson with id "${lesson}"`);
  const source = v.string(raw, 'source', `${where}.source`, { required: true });
  if (source && !rc.sources[source]) v.fail(`${where}.source`, `"${source}" is not listed in drills/sources.yaml`);
  const base = {
    id,
    topic,
    level,
    lesson,
    source,
    file: rc.file,
    prompt: v.string(raw, 'prompt', `${where}.prompt`, { required: true }),
    explanation: v.string(raw, 'explanation', `${where}.explanation`, { required: true }),
    ...(typeof raw.hint === 'string' ? { hint: raw.hint } : {}),
  };
  switch (kind) {
    case 'single':
    case 'multiple': {
      const options = v.stringList(raw, 'options', `${where}.options`) ?? [];
      if (options.length < 2) v.fail(`${where}.options`, 'needs at least two options');
      const ans = raw.answer;
      const answer = (Array.isArray(ans) ? ans : [ans]).filter((n): n is number => typeof n === 'number');
      if (answer.length === 0 || answer.length !== (Array.isArray(ans) ? ans.length : 1))
        v.fail(`${where}.answer`, 'is required: the index (from 0) of the right option, or a list of them');
      if (answer.some((n) => !Number.isInteger(n) || n < 0 || n >= options.length)) v.fail(`${where}.answer`, 'an index is outside the options');
      if (kind === 'single' && answer.length > 1) v.fail(`${where}.answer`, 'a single-choice question has exactly one right option');
      if (new Set(answer).size !== answer.length) v.fail(`${where}.answer`, 'an index is repeated');
      return { ...base, kind, options, answer: [...answer].sort((a, b) => a - b) };
    }
    case 'order': {
      const steps = v.stringList(raw, 'steps', `${where}.steps`) ?? [];
      if (steps.length < 3) v.fail(`${where}.steps`, 'needs at least three steps, in the right order');
      if (new Set(steps).size !== steps.length) v.fail(`${where}.steps`, 'two steps are the same');
      return { ...base, kind, steps };
    }
    case 'command': {
      const answer = v.string(raw, 'answer', `${where}.answer`, { required: true });
      const e = raw.expect;
      if (!v.isRecord(e)) {
        v.fail(`${where}.expect`, 'is required: { tools, module, dirs, env, network, args }');
        return null;
      }
      v.noUnknownKeys(e, EXPECT_KEYS, `${where}.expect`);
      const dirsRaw = Array.isArray(e.dirs) ? e.dirs : [];
      const dirs = dirsRaw.map((d: unknown, j) => {
        if (!v.isRecord(d) || typeof d.host !== 'string' || typeof d.guest !== 'string') {
          v.fail(`${where}.expect.dirs[${j}]`, 'expected { host, guest }');
          return { host: '', guest: '' };
        }
        return { host: d.host, guest: d.guest };
      });
      const module = v.string(e, 'module', `${where}.expect.module`, { required: true });
      const tools = v.stringList(e, 'tools', `${where}.expect.tools`) ?? ['wasmtime'];
      return {
        ...base,
        kind,
        answer,
        expect: {
          tools,
          module,
          dirs,
          env: v.stringList(e, 'env', `${where}.expect.env`) ?? [],
          network: e.network === true,
          args: v.stringList(e, 'args', `${where}.expect.args`) ?? [],
        },
      };
    }
    case 'spot-the-bug': {
      const manifest = v.string(raw, 'manifest', `${where}.manifest`, { required: true });
      const field = v.string(raw, 'field', `${where}.field`, { required: true });
      const fix = v.string(raw, 'fix', `${where}.fix`, { required: true });
      const format = raw.format ?? 'spin.toml';
      if (!MANIFEST_FORMATS.includes(format as ManifestFormat)) v.fail(`${where}.format`, `must be ${MANIFEST_FORMATS.join(' or ')}`);
      const known = MANIFEST_FORMATS.includes(format as ManifestFormat) ? (format as ManifestFormat) : 'spin.toml';
      if (manifest) {
        if (!manifestError(known, manifest)) v.fail(`${where}.manifest`, `the ${known} validator finds no error in it: there is no bug to spot`);
        if (field && !manifest.includes(field)) v.fail(`${where}.field`, `"${field}" does not appear in the manifest`);
      }
      return { ...base, kind, format: known, manifest, field, fix };
    }
    case 'open': {
      const model = v.string(raw, 'model', `${where}.model`, { required: true });
      const rubric: RubricPoint[] = [];
      if (!Array.isArray(raw.rubric) || raw.rubric.length < 2) v.fail(`${where}.rubric`, 'needs at least two { point, weight } entries');
      else
        raw.rubric.forEach((r: unknown, j) => {
          if (!v.isRecord(r) || typeof r.point !== 'string' || typeof r.weight !== 'number' || !(r.weight > 0))
            return v.fail(`${where}.rubric[${j}]`, 'expected { point: text, weight: a number above 0 }');
          rubric.push({ point: r.point, weight: r.weight });
        });
      return { ...base, kind, model, rubric };
    }
  }
}
