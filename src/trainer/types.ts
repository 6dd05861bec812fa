/**
 * The question bank's shapes, as the engine uses them once drills/*.yaml has been validated
 * (bank.ts). Six kinds: single and multiple choice, order-the-steps, fill in the command (graded by
 * the terminal's own argument parsers), spot the bug in a spin.toml (graded by the editor's
 * validator) and open questions (a model answer and a weighted rubric the learner ticks).
 */

export type Level = 'L1' | 'L2' | 'L3';
export const LEVELS: readonly Level[] = ['L1', 'L2', 'L3'];

export interface QuestionBase {
  /** Unique across the bank, e.g. "wasi-nothing-by-default". */
  id: string;
  topic: string;
  level: Level;
  /** The lesson that teaches it (a lesson id of the catalogue). */
  lesson: string;
  /** Where the fact comes from: a key of drills/sources.yaml. */
  source: string;
  /** Markdown; what the learner is asked. */
  prompt: string;
  /** Markdown; shown after answering, right or wrong. */
  explanation: string;
  /** One hint; taking it makes a right answer count as "hard". */
  hint?: string;
  /** The bank file it came from (drills/…), for messages. */
  file: string;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'single' | 'multiple';
  options: string[];
  /** Indexes into options (one for single). */
  answer: number[];
}

export interface OrderQuestion extends QuestionBase {
  kind: 'order';
  /** The steps in the right order; shown shuffled. */
  steps: string[];
}

/** What a fill-in-the-command answer must grant, and nothing more. */
export interface CommandExpectation {
  /** Runtimes accepted (wasmtime, wasmedge). */
  tools: string[];
  module: string;
  /** Directories to preopen: host path → guest path. */
  dirs: Array<{ host: string; guest: string }>;
  /** Variables the module needs (NAME or NAME=VALUE). */
  env: string[];
  /** A network grant is wanted (-S inherit-network). */
  network: boolean;
  /** Arguments for the guest after the module. */
  args: string[];
}

export interface CommandQuestion extends QuestionBase {
  kind: 'command';
  expect: CommandExpectation;
  /** The reference answer, shown after answering (it must grade as right: the bank test checks it). */
  answer: string;
}

export interface SpotBugQuestion extends QuestionBase {
  kind: 'spot-the-bug';
  /** What the manifest is, and so which validator grades it (spot-bug.ts). */
  format: 'spin.toml' | 'kubernetes';
  /** spin.toml or Kubernetes YAML with one bug the validator reports. */
  manifest: string;
  /** The field at fault (the learner may name it or its line). */
  field: string;
  /** The corrected manifest line, shown after answering. */
  fix: string;
}

export interface RubricPoint {
  point: string;
  weight: number;
}

export interface OpenQuestion extends QuestionBase {
  kind: 'open';
  model: string;
  rubric: RubricPoint[];
}

export type Question = ChoiceQuestion | OrderQuestion | CommandQuestion | SpotBugQuestion | OpenQuestion;
export type QuestionKind = Question['kind'];
export const KINDS: readonly QuestionKind[] = ['single', 'multiple', 'order', 'command', 'spot-the-bug', 'open'];

/** A learner's answer, per kind. */
export type Answer =
  | { kind: 'single' | 'multiple'; picked: number[] }
  | { kind: 'order'; order: number[] }
  | { kind: 'command'; line: string }
  | { kind: 'spot-the-bug'; text: string }
  | { kind: 'open'; ticked: number[] };

export interface GradeResult {
  correct: boolean;
  /** 0..1 (open questions: the ticked weight; the rest 0 or 1). */
  score: number;
  /** Why it is wrong (or what was right), in words for the learner. */
  findings: string[];
}

export interface Source {
  id: string;
  title: string;
  /** Where to read it: a URL, or a primer section. */
  where: string;
}
