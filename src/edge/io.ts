/**
 * What the edge engine's interactive steps (C3, fastly compute init) need from a command: its two
 * output streams, questions on the terminal, the file system and path resolution. A command passes
 * its context in this shape; the engine never sees the shell.
 */
import type { HostFs } from '../fs/types';

export interface EdgeSink {
  write(data: string | Uint8Array): void;
  readonly isTTY: boolean;
}

export interface EdgeIO {
  stdout: EdgeSink;
  stderr: EdgeSink;
  fs: HostFs;
  prompt(question: string, defaultValue?: string): Promise<string | null>;
  resolvePath(path: string): string;
}
