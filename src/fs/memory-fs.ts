/**
 * The in-memory tree behind the learner's machine. File contents are never mutated in place
 * (writes and appends build a new array), and reads hand out copies, so callers cannot
 * corrupt the tree by editing a buffer they were given.
 */
import { FsError, type FsChangeListener, type FsStat, type HostFs } from './types';
import { normalize } from './path';

interface FileNode {
  kind: 'file';
  data: Uint8Array;
  mtimeMs: number;
}
interface DirNode {
  kind: 'dir';
  children: Map<string, FsNode>;
  mtimeMs: number;
}
type FsNode = FileNode | DirNode;

/** Plain-data form of the tree: what persistence stores and `restore` accepts. */
export type SnapshotNode =
  | { kind: 'file'; mtimeMs: number; data: Uint8Array }
  | { kind: 'dir'; mtimeMs: number; children: Record<string, SnapshotNode> };

/** A single file may not grow past this: a runaway redirect must not eat the tab's memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface MemoryFsOptions {
  now?: () => number;
}

export class MemoryFs implements HostFs {
  private root: DirNode;
  private readonly listeners = new Set<FsChangeListener>();
  private readonly now: () => number;

  constructor(opts: MemoryFsOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.root = { kind: 'dir', children: new Map(), mtimeMs: this.now() };
  }

  stat(path: string): FsStat | null {
    const node = this.lookup(path);
    if (!node) return null;
    return {
      kind: node.kind,
      size: node.kind === 'file' ? node.data.byteLength : node.children.size,
      mtimeMs: node.mtimeMs,
    };
  }

  exists(path: string): boolean {
    return this.lookup(path) !== null;
  }

  readFile(path: string): Uint8Array {
    const node = this.mustGet(path);
    if (node.kind === 'dir') throw new FsError('EISDIR', path);
    return node.data.slice();
  }

  readText(path: string): string {
    const node = this.mustGet(path);
    if (node.kind === 'dir') throw new FsError('EISDIR', path);
    return decoder.decode(node.data);
  }

  writeFile(path: string, data: Uint8Array | string, opts: { append?: boolean } = {}): void {
    const p = normalize(path);
    const { parent, name } = this.parentOf(p);
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    const existing = parent.children.get(name);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', path);
    let next: Uint8Array;
    if (opts.append && existing) {
      if (existing.data.byteLength + bytes.byteLength > MAX_FILE_BYTES) throw new FsError('EFBIG', path);
      next = new Uint8Array(existing.data.byteLength + bytes.byteLength);
      next.set(existing.data, 0);
      next.set(bytes, existing.data.byteLength);
    } else {
      if (bytes.byteLength > MAX_FILE_BYTES) throw new FsError('EFBIG', path);
      next = bytes.slice();
    }
    const t = this.now();
    parent.children.set(name, { kind: 'file', data: next, mtimeMs: t });
    if (!existing) parent.mtimeMs = t;
    this.emit(p);
  }

  mkdir(path: string, opts: { recursive?: boolean } = {}): void {
    const p = normalize(path);
    if (opts.recursive) {
      let dir = this.root;
      let current = '';
      let created = false;
      for (const part of split(p)) {
        current += '/' + part;
        const child = dir.children.get(part);
        if (!child) {
          const made: DirNode = { kind: 'dir', children: new Map(), mtimeMs: this.now() };
          dir.children.set(part, made);
          dir.mtimeMs = made.mtimeMs;
          dir = made;
          created = true;
        } else if (child.kind === 'file') {
          throw new FsError(current === p ? 'EEXIST' : 'ENOTDIR', path);
        } else {
          dir = child;
        }
      }
      if (created) this.emit(p);
      return;
    }
    if (p === '/') throw new FsError('EEXIST', path);
    const { parent, name } = this.parentOf(p);
    if (parent.children.has(name)) throw new FsError('EEXIST', path);
    const t = this.now();
    parent.children.set(name, { kind: 'dir', children: new Map(), mtimeMs: t });
    parent.mtimeMs = t;
    this.emit(p);
  }

  readdir(path: string): string[] {
    const node = this.mustGet(path);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    return [...node.children.keys()].sort(compareNames);
  }

  remove(path: string, opts: { recursive?: boolean } = {}): void {
    const p = normalize(path);
    if (p === '/') throw new FsError('EINVAL', path);
    const { parent, name } = this.parentOf(p);
    const node = parent.children.get(name);
    if (!node) throw new FsError('ENOENT', path);
    if (node.kind === 'dir' && node.children.size > 0 && !opts.recursive) throw new FsError('ENOTEMPTY', path);
    parent.children.delete(name);
    parent.mtimeMs = this.now();
    this.emit(p);
  }

  rename(from: string, to: string): void {
    const src = normalize(from);
    const dst = normalize(to);
    if (src === dst) {
      this.mustGet(from);
      return;
    }
    if (src === '/' || dst.startsWith(src + '/')) throw new FsError('EINVAL', to);
    const a = this.parentOf(src);
    const node = a.parent.children.get(a.name);
    if (!node) throw new FsError('ENOENT', from);
    const b = this.parentOf(dst);
    const target = b.parent.children.get(b.name);
    if (target) {
      if (target.kind === 'dir' && node.kind === 'file') throw new FsError('EISDIR', to);
      if (target.kind === 'file' && node.kind === 'dir') throw new FsError('ENOTDIR', to);
      if (target.kind === 'dir' && target.children.size > 0) throw new FsError('ENOTEMPTY', to);
    }
    a.parent.children.delete(a.name);
    b.parent.children.set(b.name, node);
    const t = this.now();
    a.parent.mtimeMs = t;
    b.parent.mtimeMs = t;
    this.emit(src);
    this.emit(dst);
  }

  clone(): MemoryFs {
    const copy = new MemoryFs({ now: this.now });
    copy.root = cloneNode(this.root) as DirNode;
    return copy;
  }

  onChange(listener: FsChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Plain-data copy of the whole tree (persistence, tests). */
  snapshot(): SnapshotNode {
    return toSnapshot(this.root);
  }

  /** Replaces the whole tree in place, so listeners and holders of this object stay attached (`dojo reset`). */
  restore(snapshot: SnapshotNode): void {
    const node = fromSnapshot(snapshot);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', '/');
    this.root = node;
    this.emit('/');
  }

  /** Empties the tree, in place. */
  clear(): void {
    this.root = { kind: 'dir', children: new Map(), mtimeMs: this.now() };
    this.emit('/');
  }

  private lookup(path: string): FsNode | null {
    let node: FsNode = this.root;
    for (const part of split(normalize(path))) {
      if (node.kind !== 'dir') return null;
      const child: FsNode | undefined = node.children.get(part);
      if (!child) return null;
      node = child;
    }
    return node;
  }

  private mustGet(path: string): FsNode {
    let node: FsNode = this.root;
    for (const part of split(normalize(path))) {
      if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
      const child: FsNode | undefined = node.children.get(part);
      if (!child) throw new FsError('ENOENT', path);
      node = child;
    }
    return node;
  }

  /** The directory that holds `p` (which must not be the root) and the entry's name. */
  private parentOf(p: string): { parent: DirNode; name: string } {
    const parts = split(p);
    const name = parts.pop();
    if (name === undefined) throw new FsError('EINVAL', p);
    const parent = this.mustGet('/' + parts.join('/'));
    if (parent.kind !== 'dir') throw new FsError('ENOTDIR', p);
    return { parent, name };
  }

  private emit(path: string): void {
    for (const listener of this.listeners) {
      try {
        listener(path);
      } catch {
        // A broken listener (e.g. the UI) must not turn a successful write into a failure.
      }
    }
  }
}

function split(p: string): string[] {
  return p.split('/').filter((s) => s !== '');
}

/** ls order: byte order, which puts dotfiles and capitals first like `LC_ALL=C ls`. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Copies the tree's structure but shares file contents: contents are never mutated in place (see the
 * header), so a clone stays independent while costing no byte copies. The lesson runtime clones the
 * whole machine before every command (for undo), so this is on the path of every Enter.
 */
function cloneNode(node: FsNode): FsNode {
  if (node.kind === 'file') return { kind: 'file', data: node.data, mtimeMs: node.mtimeMs };
  const children = new Map<string, FsNode>();
  for (const [name, child] of node.children) children.set(name, cloneNode(child));
  return { kind: 'dir', children, mtimeMs: node.mtimeMs };
}

function toSnapshot(node: FsNode): SnapshotNode {
  if (node.kind === 'file') return { kind: 'file', mtimeMs: node.mtimeMs, data: node.data.slice() };
  const children: Record<string, SnapshotNode> = {};
  for (const [name, child] of node.children) children[name] = toSnapshot(child);
  return { kind: 'dir', mtimeMs: node.mtimeMs, children };
}

/** Validates while converting: persisted data is untrusted (another app, an old format, a bad disk). */
function fromSnapshot(value: unknown, depth = 0): FsNode {
  if (depth > 256) throw new Error('tree too deep');
  if (typeof value !== 'object' || value === null) throw new Error('node is not an object');
  const v = value as Record<string, unknown>;
  const mtimeMs = typeof v.mtimeMs === 'number' && Number.isFinite(v.mtimeMs) ? v.mtimeMs : 0;
  if (v.kind === 'file') {
    if (!(v.data instanceof Uint8Array)) throw new Error('file data is not bytes');
    return { kind: 'file', data: v.data.slice(), mtimeMs };
  }
  if (v.kind === 'dir') {
    if (typeof v.children !== 'object' || v.children === null) throw new Error('directory without children');
    const children = new Map<string, FsNode>();
    for (const [name, child] of Object.entries(v.children as Record<string, unknown>)) {
      if (name === '' || name === '.' || name === '..' || name.includes('/')) throw new Error(`bad entry name ${JSON.stringify(name)}`);
      children.set(name, fromSnapshot(child, depth + 1));
    }
    return { kind: 'dir', children, mtimeMs };
  }
  throw new Error('unknown node kind');
}

/** Checks and converts persisted data; throws a readable Error when it is not a tree we wrote. */
export function validateSnapshot(value: unknown): SnapshotNode {
  const node = fromSnapshot(value);
  if (node.kind !== 'dir') throw new Error('root is not a directory');
  return toSnapshot(node);
}
