/**
 * The feature seam: a capability (lessons, spin, later the cluster, the trainer…) plugs into the
 * Dojo in one place, its `activate(host)`, and gets back out through the function it returns.
 * Everything a feature may touch is on the host: the command registry, the lesson check kinds,
 * the side-pane panels, the services commands see, a line for the terminal, and two hook points
 * (around each typed line, and on `dojo reset`). No feature reaches into another's module state.
 *
 * DOM-free: createDojo() activates features the same way in the browser and in Node tests.
 */
import type { MemoryFs } from '../fs/memory-fs';
import type { Shell } from '../shell/shell';
import type { CommandRegistry, DojoServices, TerminalIO } from '../shell/types';
import type { PanelRegistry } from './panels';

/**
 * The lesson check kinds, as the lessons engine's registry offers them (src/lessons/checks/):
 * one definition per kind owns its keys, validation, evaluation and which commands concern it.
 * Declared here by shape so the host does not depend on the lessons chunk, which loads late.
 */
export interface CheckKinds {
  register(def: { kind: string; keys: readonly string[] }): () => void;
  kinds(): string[];
}

/** Runs one typed line; what the terminal calls. */
export type ExecuteLine = (line: string, io: TerminalIO, signal: AbortSignal) => Promise<number>;

/** Wraps the line executor: call `next` to run the line (lesson hooks grade around it). */
export type LineWrapper = (next: ExecuteLine) => ExecuteLine;

export interface FeatureHost {
  registry: CommandRegistry;
  checks: CheckKinds;
  panels: PanelRegistry;
  services: DojoServices;
  /** The learner's machine and its shell (the lessons engine reads cwd, env and files). */
  fs: MemoryFs;
  shell: Shell;
  /** A line in the terminal (buffered until the terminal is up). */
  say(text: string): void;
  /**
   * Puts `wrapper` around every typed line. Higher `layer`s wrap lower ones (default 0); within a
   * layer the first added runs closest to the shell.
   */
  wrapLines(wrapper: LineWrapper, layer?: number): () => void;
  /** Runs before `dojo reset` wipes the workspace (stop what would answer from vanished files). */
  onReset(step: () => void | Promise<void>): () => void;
}

export interface Feature {
  id: string;
  activate(host: FeatureHost): (() => void) | void;
}

/** A check-kind registry that only remembers what was registered, for a host with no lessons engine loaded. */
export class CheckKindList implements CheckKinds {
  private readonly defs = new Map<string, { kind: string; keys: readonly string[] }>();
  register(def: { kind: string; keys: readonly string[] }): () => void {
    if (this.defs.has(def.kind)) throw new Error(`check kind registered twice: ${def.kind}`);
    this.defs.set(def.kind, def);
    return () => void this.defs.delete(def.kind);
  }
  kinds(): string[] {
    return [...this.defs.keys()];
  }
}
