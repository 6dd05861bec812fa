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
import type { CheckKindRegistry } from '../lessons/checks/registry';
import type { PanelRegistry } from './panels';

/** Runs one typed line; what the terminal calls. */
export type ExecuteLine = (line: string, io: TerminalIO, signal: AbortSignal) => Promise<number>;

/** Wraps the line executor: call `next` to run the line (lesson hooks grade around it). */
export type LineWrapper = (next: ExecuteLine) => ExecuteLine;

export interface FeatureHost {
  registry: CommandRegistry;
  /** The lesson check kinds (contract 3); the lessons feature adds the built-in ones when it loads. */
  checks: CheckKindRegistry;
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
