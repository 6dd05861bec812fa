/**
 * The learner's side of team training, as one object the feature builds once the lessons are up:
 * the persisted team document (`wasm-dojo:team`: display name, learner id, the session joined, the
 * facilitator's plan in progress, the grader messages seen), the recorder that notes every verdict
 * the lessons show, joining a plan, and exporting results. `dojo reset` clears it all.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { openDoc, setAsideMessage, type SyncDocStorage } from '../lib/persisted-doc';
import type { LessonRuntime } from '../lessons/runtime';
import { isObj, toBase64Url } from './codec';
import { ContributorRegistry } from './contributors';
import { missingItems, validatePlan, type SessionPlan } from './plan';
import {
  addSeen,
  lessonOutcomes,
  RESULTS_FORMAT,
  RESULTS_LIMITS,
  RESULTS_VERSION,
  resultsProblem,
  sealResults,
  seenFromReport,
  type ResultsFile,
  type SeenRecord,
} from './results';
import type { Contribution } from './contributors';

export const TEAM_STORAGE_KEY = 'wasm-dojo:team';
export const TEAM_VERSION = 1;

export interface TeamSession {
  plan: SessionPlan;
  joinedAt: number;
  /** Lessons and drills the plan names that this version lacks (said when joining). */
  missing: string[];
}

export interface TeamState {
  learner: string;
  /** The display name the learner chose ('' until they do). */
  name: string;
  session: TeamSession | null;
  /** The facilitator's plan being built. */
  draft: SessionPlan | null;
  seen: SeenRecord[];
}

/** localStorage's shape (what the browser hands in; a Map-backed one in tests). */
export interface TextStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function newLearnerId(): string {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return toBase64Url(b);
}

export function freshState(): TeamState {
  return { learner: newLearnerId(), name: '', session: null, draft: null, seen: [] };
}

/** A minimal valid results body, to check one part of one with resultsProblem. */
const PROBE = {
  format: RESULTS_FORMAT,
  version: RESULTS_VERSION,
  name: 'x',
  learner: 'xxxxxx',
  exportedAt: new Date(0).toISOString(),
  lessons: [],
  seen: [],
  contributions: [],
};

/** Stored data is untrusted too: the same plan validator as for a link, and plain checks for the rest. */
export function validateTeamState(data: unknown): TeamState {
  if (!isObj(data)) throw new Error('it is not an object');
  if (typeof data.learner !== 'string' || !/^[A-Za-z0-9_-]{6,32}$/.test(data.learner)) throw new Error('learner id is damaged');
  if (typeof data.name !== 'string' || data.name.length > RESULTS_LIMITS.nameChars) throw new Error('display name is damaged');
  const plan = (v: unknown, what: string): SessionPlan => {
    const r = validatePlan(v);
    if (!r.ok) throw new Error(`${what}: ${r.reason}`);
    return r.plan;
  };
  let session: TeamSession | null = null;
  if (data.session !== null) {
    const s = data.session;
    if (!isObj(s) || typeof s.joinedAt !== 'number' || !Array.isArray(s.missing) || !s.missing.every((m) => typeof m === 'string'))
      throw new Error('session is damaged');
    session = { plan: plan(s.plan, 'session plan'), joinedAt: s.joinedAt, missing: s.missing as string[] };
  }
  const draft = data.draft === null ? null : plan(data.draft, 'plan in progress');
  // The grader messages go into every export: checked with the same rules the class view applies.
  const seenProblem = resultsProblem({ ...PROBE, seen: data.seen });
  if (seenProblem) throw new Error(`grader messages are damaged (${seenProblem})`);
  return { learner: data.learner, name: data.name, session, draft, seen: data.seen as SeenRecord[] };
}

export interface TeamSystem {
  store: StoreApi<TeamState>;
  /** The lesson runtime the session's lessons live in. */
  lessons: LessonRuntime;
  contributors: ContributorRegistry;
  /** The line to show once when the saved team state could not be read and was kept aside. */
  setAsideMessage?: string;
  setName(name: string): void;
  setDraft(plan: SessionPlan | null): void;
  /** Joins a validated plan: the session starts now; the first lesson of it the learner has not completed opens. */
  join(plan: SessionPlan): TeamSession;
  leave(): void;
  /** The results file of everything so far (the session's lessons, or every lesson begun outside one). */
  exportResults(): Promise<ResultsFile>;
  reset(): void;
  dispose(): void;
}

export interface TeamOptions {
  runtime: LessonRuntime;
  storage?: TextStorage;
  now?: () => number;
}

function docStorage(storage: TextStorage): SyncDocStorage {
  return {
    sync: true,
    get: (k) => storage.getItem(k),
    set: (k, v) => storage.setItem(k, v as string),
    where: (k) => `in this browser's localStorage (key '${k}')`,
  };
}

/** A contributor's part the class view would refuse is left out (and said), so one bad part never spoils an export. */
function acceptable(list: Contribution[]): Contribution[] {
  return list.filter((c) => {
    const problem = resultsProblem({ ...PROBE, contributions: [c] });
    if (problem) console.warn(`[team] results contributor ${c.id} left out: ${problem}`);
    return !problem;
  });
}

export function createTeamSystem(opts: TeamOptions): TeamSystem {
  const now = opts.now ?? (() => Date.now());
  const { runtime } = opts;
  const doc = opts.storage
    ? openDoc<TeamState>({
        key: TEAM_STORAGE_KEY,
        version: TEAM_VERSION,
        storage: docStorage(opts.storage),
        json: true,
        validate: validateTeamState,
        now,
      })
    : undefined;
  let initial: TeamState | undefined;
  let aside: string | undefined;
  try {
    const loaded = doc?.load();
    initial = loaded?.value;
    if (loaded?.setAside && !loaded.setAside.repeated) aside = setAsideMessage('team session', loaded.setAside, 'a new one was started');
  } catch (err) {
    console.warn(`[team] saved team state could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  const store = createStore<TeamState>()(() => initial ?? freshState());
  let saveFailing = false;
  const unsave = store.subscribe((s) => {
    try {
      doc?.save(s);
      saveFailing = false;
    } catch (err) {
      if (!saveFailing)
        console.warn(`[team] team state could not be saved (${err instanceof Error ? err.message : String(err)}); kept for this session only`);
      saveFailing = true;
    }
  });
  // Every verdict the lessons show is noted once per report: the runtime tells us when its last report changes.
  let lastReport = runtime.report();
  const unwatch = runtime.subscribe(() => {
    const report = runtime.report();
    if (!report || report === lastReport) return;
    lastReport = report;
    const records = seenFromReport(report);
    if (records.length) store.setState((s) => ({ seen: addSeen(s.seen, records) }));
  });
  const contributors = new ContributorRegistry();

  return {
    store,
    lessons: runtime,
    contributors,
    ...(aside ? { setAsideMessage: aside } : {}),
    setName: (name) => store.setState({ name: name.slice(0, RESULTS_LIMITS.nameChars) }),
    setDraft: (draft) => store.setState({ draft }),
    join(plan) {
      const missing = missingItems(plan, { lessons: new Set(runtime.lessons.map((l) => l.id)) });
      const prev = store.getState().session;
      // The same plan again (a reload of its link) keeps the clock running and the lesson the learner is in.
      const again = prev?.plan.id === plan.id;
      const session: TeamSession = { plan, joinedAt: again ? prev.joinedAt : now(), missing };
      store.setState({ session });
      if (again) return session;
      const progress = runtime.progress();
      const next = plan.items.find((i) => i.kind === 'lesson' && runtime.findLesson(i.id) && !progress.lessons[i.id]?.completedAt);
      if (next && next.kind === 'lesson' && progress.currentLessonId !== next.id) runtime.open(next.id);
      return session;
    },
    leave: () => store.setState({ session: null }),
    async exportResults() {
      const s = store.getState();
      const inPlan = s.session?.plan.items.filter((i) => i.kind === 'lesson').map((i) => (i.kind === 'lesson' ? i.id : ''));
      const lessons = inPlan ? inPlan.map((id) => runtime.findLesson(id)).filter((l) => l !== undefined) : runtime.lessons;
      const ids = new Set(lessons.map((l) => l.id));
      return sealResults({
        format: RESULTS_FORMAT,
        version: RESULTS_VERSION,
        name: s.name.trim() || 'anonymous',
        learner: s.learner,
        ...(s.session ? { plan: { id: s.session.plan.id, title: s.session.plan.title } } : {}),
        exportedAt: new Date(now()).toISOString(),
        lessons: lessonOutcomes(runtime.progress(), lessons).slice(0, RESULTS_LIMITS.lessons),
        seen: s.seen.filter((r) => ids.has(r.lesson)),
        contributions: acceptable((await contributors.collect()).slice(0, RESULTS_LIMITS.contributions)),
      });
    },
    reset: () => store.setState(freshState(), true),
    dispose() {
      unwatch();
      unsave();
    },
  };
}
