/**
 * THE test rig: the whole product from createDojo(), exactly as the browser wires it (every command,
 * the lessons feature and its line hooks, the spin feature, the module install from public/, `dojo
 * reset`), with in-memory adapters: a MemoryFs, a Map for lesson progress, a fixed clock, the
 * in-process engine. Lines are typed through the terminal's shell (`terminalShell`), on a TTY sink
 * by default, as the learner's terminal is one.
 */
import { MemoryFs } from '../../src/fs/memory-fs';
import { seedWorkspace } from '../../src/fs/seed';
import { createDojo, type Dojo, type DojoOptions } from '../../src/app/dojo';
import type { LessonSystem } from '../../src/lessons/setup';
import type { DojoServices, OutputSink, TerminalIO } from '../../src/shell/types';
import type { RunResult } from '../../src/runtime/types';
import { engine, publicFetch } from './modules';
import { memStorage } from './storage';

/** 2026-11-23 12:00 UTC: file times and lesson clocks in tests. */
export const TEST_NOW = Date.UTC(2026, 10, 23, 12, 0);

export interface TypedLine {
  status: number;
  stdout: string;
  stderr: string;
  /** What the learner sees, both streams in the order written. */
  out: string;
  /** Questions asked (ctx.prompt), in order. */
  questions: string[];
}

export interface TypeOptions {
  /** Default: the rig's (true unless makeDojo was told otherwise). */
  tty?: boolean;
  columns?: number;
  /** Answers to the line's questions (`[y/N]`), in order; a question past them gets null (Ctrl-C / no terminal). */
  answers?: string[];
  signal?: AbortSignal;
}

export interface DojoRig extends Dojo {
  /** The lesson system (awaited by makeDojo unless `lessons: false`). */
  lessonSystem: LessonSystem;
  storage: ReturnType<typeof memStorage>;
  /** Module runs recorded, in order (what the Trace tab would show). */
  runs: Array<{ command: string; result: RunResult }>;
  /** Types one line into the terminal's shell and waits for it (lesson hooks included). */
  type(line: string, opts?: TypeOptions): Promise<TypedLine>;
}

export interface DojoRigOptions extends Partial<Omit<DojoOptions, 'fs'>> {
  fs?: MemoryFs;
  /** Sinks are a terminal (default true): tools colour their output as in the browser. */
  tty?: boolean;
  columns?: number;
  /** Install public/modules as the browser does (default true). */
  modules?: boolean;
  /** Wait for the lesson system (default true). */
  lessons?: boolean;
}

export async function makeDojo(opts: DojoRigOptions = {}): Promise<DojoRig> {
  const clock = opts.clock ?? (() => TEST_NOW);
  const fs = opts.fs ?? new MemoryFs({ now: clock });
  if (!opts.fs) seedWorkspace(fs);
  const storage = (opts.storage as ReturnType<typeof memStorage> | undefined) ?? memStorage();
  const runs: DojoRig['runs'] = [];
  // Each rig gets its own machine (createDojo's default), so one test's `spin up` on port 3000 never
  // collides with another's.
  const services: Partial<DojoServices> = { ...opts.services };
  const dojo = createDojo({
    engine,
    clock,
    ...(opts.modules === false ? {} : { fetch: publicFetch }),
    ...opts,
    storage,
    services,
    fs,
    onRun(command, result) {
      runs.push({ command, result });
      opts.onRun?.(command, result);
    },
  });
  await dojo.modulesReady;
  const lessonSystem = opts.lessons === false ? (undefined as unknown as LessonSystem) : await dojo.lessonsReady;
  const rigTTY = opts.tty ?? true;

  async function type(line: string, t: TypeOptions = {}): Promise<TypedLine> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const both: string[] = [];
    const questions: string[] = [];
    const answers = [...(t.answers ?? [])];
    const decoder = new TextDecoder();
    const tty = t.tty ?? rigTTY;
    const columns = t.columns ?? opts.columns ?? 80;
    const sink = (into: string[]): OutputSink => ({
      isTTY: tty,
      ...(tty ? { columns } : {}),
      write(d) {
        const text = typeof d === 'string' ? d : decoder.decode(d);
        into.push(text);
        both.push(text);
      },
    });
    const io: TerminalIO = {
      stdout: sink(stdout),
      stderr: sink(stderr),
      async prompt(question) {
        questions.push(question);
        both.push(question);
        return answers.length ? (answers.shift() as string) : null;
      },
    };
    const status = await dojo.terminalShell.execute(line, io, t.signal ?? new AbortController().signal);
    return { status, stdout: stdout.join(''), stderr: stderr.join(''), out: both.join(''), questions };
  }

  return Object.assign(Object.create(dojo) as Dojo, { lessonSystem, storage, runs, type }) as DojoRig;
}

/** Removes colour and other CSI sequences, to compare what a TTY run printed as text. */
export function plain(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '');
}
