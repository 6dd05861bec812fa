/**
 * The in-memory tree behind the learner's machine. File contents are never mutated in place
 * (writes and appends build a new array), and reads hand out copies, so callers cannot
 * corrupt the tree by editing a buffer they were given.
 */
import { FsError, type DeviceName, type FsChangeListener, type FsErrorCode, type FsStat, type HostFs } from './types';
import { normalize } from './path';
import { DEV_DIR, DEVICE_LINKS, DEVICE_NUMBERS, DEVICE_READ_BYTES, deviceBytes } from './devices';

interface FileNode {
  kind: 'file';
  data: Uint8Array;
  mtimeMs: number;
  /** Permission bits (chmod); absent = DEFAULT_FILE_MODE. */
  mode?: number;
}
interface DirNode {
  kind: 'dir';
  children: Map<string, FsNode>;
  mtimeMs: number;
  /** Permission bits (chmod); absent = DEFAULT_DIR_MODE. */
  mode?: number;
  /** Holds device nodes (/dev): root's, see isSealed. Derived when a tree is loaded, copied by clone. */
  sealed?: true;
}
interface SymlinkNode {
  kind: 'symlink';
  target: string;
  mtimeMs: number;
}
interface DeviceNode {
  kind: 'chardev';
  device: DeviceName;
  mtimeMs: number;
}
type FsNode = FileNode | DirNode | SymlinkNode | DeviceNode;

/** Plain-data form of the tree: what persistence stores and `restore` accepts. */
export type SnapshotNode =
  | { kind: 'file'; mtimeMs: number; data: Uint8Array; mode?: number }
  | { kind: 'dir'; mtimeMs: number; children: Record<string, SnapshotNode>; mode?: number }
  | { kind: 'symlink'; mtimeMs: number; target: string }
  | { kind: 'chardev'; mtimeMs: number; device: DeviceName };

/** What a new file and directory get: 0666 and 0777 under the usual umask 022. */
export const DEFAULT_FILE_MODE = 0o644;
export const DEFAULT_DIR_MODE = 0o755;

/** Linux's limit on symlinks followed in one lookup (MAXSYMLINKS); past it, ELOOP. */
export const MAX_SYMLINK_HOPS = 40;

/** A single file may not grow past this: a runaway redirect must not eat the tab's memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Linux's limits (linux/limits.h), in UTF-8 bytes: a path handed to the kernel must fit PATH_MAX
 * including its terminating NUL (so 4095 bytes at most; 4096 is ENAMETOOLONG), a name NAME_MAX.
 * Enforced when an entry is created or written, so the tree cannot grow without bound
 * (`mkdir -p a/a/a/...`): every walk over it (clone before each command, snapshot, restore) stays bounded.
 */
export const PATH_MAX = 4096;
export const NAME_MAX = 255;
/** The deepest a tree within PATH_MAX can go: each level costs at least "/x", 2 bytes. Saved trees deeper than this are refused. */
export const MAX_TREE_DEPTH = Math.floor((PATH_MAX - 1) / 2);

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
    const r = this.resolve(path, true);
    return r.node ? statOf(r.node, r.parent) : null;
  }

  lstat(path: string): FsStat | null {
    const r = this.resolve(path, false);
    return r.node ? statOf(r.node, r.parent) : null;
  }

  exists(path: string): boolean {
    return this.lookup(path, true) !== null;
  }

  readFile(path: string, opts: { limit?: number } = {}): Uint8Array {
    const node = this.mustGet(path);
    if (node.kind === 'dir') throw new FsError('EISDIR', path);
    const limit = opts.limit === undefined ? undefined : Math.max(0, Math.min(Math.floor(opts.limit), MAX_FILE_BYTES));
    if (node.kind === 'chardev') return deviceBytes(node.device, limit ?? DEVICE_READ_BYTES);
    const data = (node as FileNode).data;
    return limit === undefined ? data.slice() : data.slice(0, limit);
  }

  readText(path: string): string {
    return decoder.decode(this.readFile(path));
  }

  writeFile(path: string, data: Uint8Array | string, opts: { append?: boolean } = {}): void {
    const p = normalize(path);
    checkNameLimits(p, path);
    const { parent, name, real } = this.entryFor(p, path);
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    const existing = parent.children.get(name);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', path);
    // Writes to /dev/null, /dev/zero and /dev/urandom are accepted and vanish (nothing changes, nothing is saved).
    if (existing?.kind === 'chardev') return;
    if (!existing && isSealed(parent)) throw new FsError('EACCES', path);
    let next: Uint8Array;
    if (opts.append && existing?.kind === 'file') {
      if (existing.data.byteLength + bytes.byteLength > MAX_FILE_BYTES) throw new FsError('EFBIG', path);
      next = new Uint8Array(existing.data.byteLength + bytes.byteLength);
      next.set(existing.data, 0);
      next.set(bytes, existing.data.byteLength);
    } else {
      if (bytes.byteLength > MAX_FILE_BYTES) throw new FsError('EFBIG', path);
      next = bytes.slice();
    }
    const t = this.now();
    // Rewriting a file keeps its permissions (open(O_TRUNC) does not touch the mode).
    const mode = existing?.kind === 'file' ? existing.mode : undefined;
    parent.children.set(name, { kind: 'file', data: next, mtimeMs: t, ...(mode !== undefined ? { mode } : {}) });
    if (!existing) parent.mtimeMs = t;
    this.emit(real);
  }

  symlink(target: string, path: string): void {
    const p = normalize(path);
    checkNameLimits(p, path);
    if (target === '') throw new FsError('ENOENT', path);
    if (utf8Length(target) >= PATH_MAX) throw new FsError('ENAMETOOLONG', path);
    if (p === '/') throw new FsError('EEXIST', path);
    const { parent, name } = this.parentOf(p);
    if (parent.children.has(name)) throw new FsError('EEXIST', path);
    if (isSealed(parent)) throw new FsError('EACCES', path);
    const t = this.now();
    parent.children.set(name, { kind: 'symlink', target, mtimeMs: t });
    parent.mtimeMs = t;
    this.emit(p);
  }

  /** Sets the permission bits (07777) of a file or directory, through symlinks, as chmod(2) does. */
  chmod(path: string, mode: number): void {
    const r = this.resolve(path, true);
    if (!r.node) throw new FsError('ENOENT', path);
    if (r.node.kind === 'chardev' || (r.parent && isSealed(r.parent)) || (r.node.kind === 'dir' && isSealed(r.node)))
      throw new FsError('EPERM', path);
    if (r.node.kind !== 'file' && r.node.kind !== 'dir') return;
    r.node.mode = mode & 0o7777;
    this.emit(normalize(path));
  }

  readlink(path: string): string {
    const node = this.lookup(path, false);
    if (!node) throw new FsError(this.resolve(path, false).error ?? 'ENOENT', path);
    if (node.kind !== 'symlink') throw new FsError('EINVAL', path);
    return node.target;
  }

  realpath(path: string): string {
    const r = this.resolve(path, true);
    if (!r.node) throw new FsError(r.error ?? 'ENOENT', path);
    return r.real;
  }

  /** Puts /dev back as Linux has it (devices.ts): what seeding and loading a saved workspace do. Idempotent. */
  installDevices(): void {
    let dev = this.root.children.get(DEV_DIR.slice(1));
    if (dev?.kind !== 'dir') {
      dev = { kind: 'dir', children: new Map(), mtimeMs: this.now() };
      this.root.children.set(DEV_DIR.slice(1), dev);
    }
    const t = this.now();
    dev.sealed = true;
    for (const device of Object.keys(DEVICE_NUMBERS) as DeviceName[]) dev.children.set(device, { kind: 'chardev', device, mtimeMs: t });
    for (const [name, target] of Object.entries(DEVICE_LINKS)) dev.children.set(name, { kind: 'symlink', target, mtimeMs: t });
    this.emit(DEV_DIR);
  }

  mkdir(path: string, opts: { recursive?: boolean } = {}): void {
    const p = normalize(path);
    checkNameLimits(p, path);
    if (opts.recursive) {
      // Each prefix in turn, following symlinks on the way as `mkdir -p` does.
      let current = '';
      let created = false;
      for (const part of split(p)) {
        current += '/' + part;
        const here = this.lookup(current, true);
        if (here?.kind === 'dir') continue;
        if (here || this.lookup(current, false)) throw new FsError(current === p ? 'EEXIST' : 'ENOTDIR', path);
        this.makeDir(current, path);
        created = true;
      }
      if (created) this.emit(p);
      return;
    }
    if (p === '/') throw new FsError('EEXIST', path);
    this.makeDir(p, path);
    this.emit(p);
  }

  private makeDir(p: string, shown: string): void {
    const { parent, name } = this.parentOf(p);
    if (parent.children.has(name)) throw new FsError('EEXIST', shown);
    if (isSealed(parent)) throw new FsError('EACCES', shown);
    const t = this.now();
    parent.children.set(name, { kind: 'dir', children: new Map(), mtimeMs: t });
    parent.mtimeMs = t;
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
    // /dev and what it holds belong to root, as on Linux: the learner cannot delete them.
    if (isSealed(parent) || (node.kind === 'dir' && isSealed(node))) throw new FsError('EACCES', path);
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
    if (isSealed(a.parent) || (node.kind === 'dir' && isSealed(node))) throw new FsError('EACCES', from);
    checkNameLimits(dst, to);
    // The moved directory's contents get the new, possibly longer, prefix: their paths must fit too.
    if (node.kind === 'dir' && utf8Length(dst) + longestRelativePath(node) >= PATH_MAX) throw new FsError('ENAMETOOLONG', to);
    const b = this.parentOf(dst);
    if (isSealed(b.parent)) throw new FsError('EACCES', to);
    // Through a link the destination can lie inside the moved directory even when the path does not
    // say so (`mv a b/link/x` with link → a): the kernel refuses that, and so must we (a cycle).
    const realSrc = a.parentPath === '/' ? `/${a.name}` : `${a.parentPath}/${a.name}`;
    if (node.kind === 'dir' && (b.parentPath === realSrc || b.parentPath.startsWith(`${realSrc}/`))) throw new FsError('EINVAL', to);
    const target = b.parent.children.get(b.name);
    if (target) {
      if (target.kind === 'dir' && node.kind !== 'dir') throw new FsError('EISDIR', to);
      if (target.kind !== 'dir' && node.kind === 'dir') throw new FsError('ENOTDIR', to);
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
    copy.root = cloneTree(this.root);
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

  private lookup(path: string, followLast: boolean): FsNode | null {
    return this.resolve(path, followLast).node;
  }

  private mustGet(path: string): FsNode {
    const r = this.resolve(path, true);
    if (!r.node) throw new FsError(r.error ?? 'ENOENT', path);
    return r.node;
  }

  /**
   * The kernel's path walk: each component looked up in the directory reached so far; a symlink met on
   * the way (or at the end, when following) is replaced by its text — from the root when absolute, from
   * its directory otherwise — and `..` after it climbs the directories actually walked.
   */
  private resolve(path: string, followLast: boolean): { node: FsNode | null; real: string; error?: FsErrorCode; parent?: DirNode } {
    const dirs: DirNode[] = [this.root];
    const names: string[] = [];
    const pending = split(normalize(path)).reverse();
    let hops = 0;
    const real = () => '/' + names.join('/');
    while (pending.length > 0) {
      const part = pending.pop()!;
      if (part === '.') continue;
      if (part === '..') {
        if (dirs.length > 1) {
          dirs.pop();
          names.pop();
        }
        continue;
      }
      const child = dirs[dirs.length - 1]!.children.get(part);
      if (!child) return { node: null, real: real(), error: 'ENOENT' };
      const last = pending.length === 0;
      if (child.kind === 'symlink' && (!last || followLast)) {
        if (++hops > MAX_SYMLINK_HOPS) return { node: null, real: real(), error: 'ELOOP' };
        if (child.target.startsWith('/')) {
          dirs.length = 1;
          names.length = 0;
        }
        for (const seg of split(child.target).reverse()) pending.push(seg);
        if (pending.length === 0) return { node: dirs[dirs.length - 1]!, real: real(), parent: dirs[dirs.length - 2] };
        continue;
      }
      if (last) {
        names.push(part);
        return { node: child, real: real(), parent: dirs[dirs.length - 1] };
      }
      if (child.kind !== 'dir') return { node: null, real: real(), error: 'ENOTDIR' };
      dirs.push(child);
      names.push(part);
    }
    return { node: dirs[dirs.length - 1]!, real: real(), parent: dirs[dirs.length - 2] };
  }

  /** The directory that holds `p` (which must not be the root) and the entry's name; the final name is not followed. */
  private parentOf(p: string): { parent: DirNode; name: string; parentPath: string } {
    const parts = split(p);
    const name = parts.pop();
    if (name === undefined) throw new FsError('EINVAL', p);
    const r = this.resolve('/' + parts.join('/'), true);
    if (!r.node) throw new FsError(r.error ?? 'ENOENT', p);
    if (r.node.kind !== 'dir') throw new FsError('ENOTDIR', p);
    return { parent: r.node, name, parentPath: r.real };
  }

  /** Like parentOf, but a symlink at the end is followed to the entry it names (open(2) with O_CREAT). */
  private entryFor(p: string, shown: string): { parent: DirNode; name: string; real: string } {
    let at = p;
    for (let hops = 0; ; hops++) {
      const { parent, name, parentPath } = this.parentOf(at);
      const node = parent.children.get(name);
      if (node?.kind !== 'symlink') return { parent, name, real: parentPath === '/' ? `/${name}` : `${parentPath}/${name}` };
      if (hops >= MAX_SYMLINK_HOPS) throw new FsError('ELOOP', shown);
      at = normalize(node.target.startsWith('/') ? node.target : `${parentPath}/${node.target}`);
      if (at === '/') throw new FsError('EISDIR', shown);
      checkNameLimits(at, shown);
    }
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

function statOf(node: FsNode, parent: DirNode | undefined): FsStat {
  // /dev and everything in it is root's, as on Linux; the rest of the machine is the learner's.
  const root = node.kind === 'chardev' || (parent !== undefined && isSealed(parent)) || (node.kind === 'dir' && isSealed(node));
  const owner = root ? { owner: 'root' as const } : {};
  switch (node.kind) {
    case 'file':
      return { kind: 'file', size: node.data.byteLength, mtimeMs: node.mtimeMs, mode: node.mode ?? DEFAULT_FILE_MODE, ...owner };
    case 'dir':
      return { kind: 'dir', size: node.children.size, mtimeMs: node.mtimeMs, mode: node.mode ?? DEFAULT_DIR_MODE, ...owner };
    case 'symlink':
      return { kind: 'symlink', size: utf8Length(node.target), mtimeMs: node.mtimeMs, target: node.target, ...owner };
    case 'chardev':
      return { kind: 'chardev', size: 0, mtimeMs: node.mtimeMs, rdev: { ...DEVICE_NUMBERS[node.device] }, ...owner };
  }
}

/** A directory holding device nodes (/dev) is root's: the learner cannot add, remove or rename entries in it. */
function isSealed(dir: DirNode): boolean {
  return dir.sealed === true;
}

function split(p: string): string[] {
  return p.split('/').filter((s) => s !== '');
}

/** ls order: byte order, which puts dotfiles and capitals first like `LC_ALL=C ls`. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The kernel counts bytes, not characters: "é" is 2, an emoji 4. */
function utf8Length(s: string): number {
  return encoder.encode(s).byteLength;
}

/** ENAMETOOLONG, as the kernel reports it, for a path or one of its names over Linux's limits. */
function checkNameLimits(p: string, shown: string): void {
  if (utf8Length(p) >= PATH_MAX) throw new FsError('ENAMETOOLONG', shown);
  for (const part of split(p)) if (utf8Length(part) > NAME_MAX) throw new FsError('ENAMETOOLONG', shown);
}

/** Bytes of the longest path below `dir`, relative to it and with its leading "/" ("/a/b" is 4). */
function longestRelativePath(dir: DirNode): number {
  let longest = 0;
  const stack: [DirNode, number][] = [[dir, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [d, bytes] = item;
    for (const [name, child] of d.children) {
      const here = bytes + 1 + utf8Length(name);
      longest = Math.max(longest, here);
      if (child.kind === 'dir') stack.push([child, here]);
    }
  }
  return longest;
}

/*
 * The walks below are loops with an explicit stack, not recursion: a tree as deep as PATH_MAX allows
 * (MAX_TREE_DEPTH levels), or a deeper one in untrusted saved data, must not exhaust the JS call stack.
 */

/**
 * Copies the tree's structure but shares file contents: contents are never mutated in place (see the
 * header), so a clone stays independent while costing no byte copies. The lesson runtime clones the
 * whole machine before every command (for undo), so this is on the path of every Enter.
 */
function cloneTree(root: DirNode): DirNode {
  const copy: DirNode = { kind: 'dir', children: new Map(), mtimeMs: root.mtimeMs, ...(root.mode !== undefined ? { mode: root.mode } : {}) };
  const stack: [DirNode, DirNode][] = [[root, copy]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [from, to] = item;
    for (const [name, child] of from.children) {
      if (child.kind === 'dir') {
        const dir: DirNode = {
          kind: 'dir',
          children: new Map(),
          mtimeMs: child.mtimeMs,
          ...(child.sealed ? { sealed: true as const } : {}),
          ...(child.mode !== undefined ? { mode: child.mode } : {}),
        };
        to.children.set(name, dir);
        stack.push([child, dir]);
      } else {
        // Files, links and devices are immutable in place (writes replace the node): share them.
        to.children.set(name, { ...child });
      }
    }
  }
  return copy;
}

/**
 * `children` has no prototype, so an entry named "__proto__" is an own property like any other
 * (on a plain object, assigning it would set the prototype and lose the entry).
 */
function toSnapshot(node: FsNode): SnapshotNode {
  const convert = (n: FsNode, pending: [DirNode, Record<string, SnapshotNode>][]): SnapshotNode => {
    const mode = n.kind === 'file' || n.kind === 'dir' ? n.mode : undefined;
    const withMode = mode !== undefined ? { mode } : {};
    if (n.kind === 'file') return { kind: 'file', mtimeMs: n.mtimeMs, data: n.data.slice(), ...withMode };
    if (n.kind === 'symlink') return { kind: 'symlink', mtimeMs: n.mtimeMs, target: n.target };
    if (n.kind === 'chardev') return { kind: 'chardev', mtimeMs: n.mtimeMs, device: n.device };
    const children: Record<string, SnapshotNode> = Object.create(null) as Record<string, SnapshotNode>;
    pending.push([n, children]);
    return { kind: 'dir', mtimeMs: n.mtimeMs, children, ...withMode };
  };
  const pending: [DirNode, Record<string, SnapshotNode>][] = [];
  const top = convert(node, pending);
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [dir, children] = item;
    for (const [name, child] of dir.children) children[name] = convert(child, pending);
  }
  return top;
}

/**
 * Validates while converting: persisted data is untrusted (another app, an old format, a bad disk).
 * Trees saved before the PATH_MAX limit existed (at most 256 levels, names of any length) still load.
 */
function fromSnapshot(value: unknown): FsNode {
  const seen = new Set<object>();
  const pending: [Record<string, unknown>, DirNode, number][] = [];
  const convert = (raw: unknown, depth: number): FsNode => {
    if (depth > MAX_TREE_DEPTH) throw new Error('tree too deep');
    if (typeof raw !== 'object' || raw === null) throw new Error('node is not an object');
    // Stored data can hold shared or cyclic references (structured clone keeps them): refuse, don't loop.
    if (seen.has(raw)) throw new Error('a node appears twice in the tree');
    seen.add(raw);
    const v = raw as Record<string, unknown>;
    const mtimeMs = typeof v.mtimeMs === 'number' && Number.isFinite(v.mtimeMs) ? v.mtimeMs : 0;
    // Trees saved before modes existed have none: the defaults apply.
    const withMode = Number.isInteger(v.mode) && (v.mode as number) >= 0 && (v.mode as number) <= 0o7777 ? { mode: v.mode as number } : {};
    if (v.kind === 'file') {
      if (!(v.data instanceof Uint8Array)) throw new Error('file data is not bytes');
      return { kind: 'file', data: v.data.slice(), mtimeMs, ...withMode };
    }
    if (v.kind === 'symlink') {
      if (typeof v.target !== 'string' || v.target === '' || utf8Length(v.target) >= PATH_MAX) throw new Error('symlink without a valid target');
      return { kind: 'symlink', target: v.target, mtimeMs };
    }
    if (v.kind === 'chardev') {
      if (typeof v.device !== 'string' || !Object.hasOwn(DEVICE_NUMBERS, v.device)) throw new Error('unknown device');
      return { kind: 'chardev', device: v.device as DeviceName, mtimeMs };
    }
    if (v.kind === 'dir') {
      if (typeof v.children !== 'object' || v.children === null) throw new Error('directory without children');
      const dir: DirNode = { kind: 'dir', children: new Map(), mtimeMs, ...withMode };
      pending.push([v.children as Record<string, unknown>, dir, depth]);
      return dir;
    }
    throw new Error('unknown node kind');
  };
  const top = convert(value, 0);
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [children, dir, depth] = item;
    for (const [name, child] of Object.entries(children)) {
      if (name === '' || name === '.' || name === '..' || name.includes('/')) throw new Error(`bad entry name ${JSON.stringify(name)}`);
      const node = convert(child, depth + 1);
      if (node.kind === 'chardev') dir.sealed = true;
      dir.children.set(name, node);
    }
  }
  return top;
}

/** Checks and converts persisted data; throws a readable Error when it is not a tree we wrote. */
export function validateSnapshot(value: unknown): SnapshotNode {
  const node = fromSnapshot(value);
  if (node.kind !== 'dir') throw new Error('root is not a directory');
  return toSnapshot(node);
}
