/**
 * Binary rewriting for the limits a JS engine cannot impose on its own:
 *
 * - **Metering** (wasmtime `-W fuel=N` and `-W timeout=D`): a mutable i64 global is decremented at
 *   each function entry and loop header by the number of instructions in that region (an
 *   approximation of wasmtime's one-unit-per-instruction). When it drops below zero the guest calls
 *   the host: through one of its *existing* WASI imports with a magic first argument (TICK_MAGIC),
 *   so no import is added and no index shifts. The host then charges the slice to the fuel budget,
 *   checks the wall-clock deadline, and either refills the global or throws (a trap with a real
 *   backtrace). A module with no usable import falls back to `unreachable` on exhaustion; the
 *   global (exported as `__dojo_fuel`) then tells the engine it was fuel.
 * - **Max memory** (wasmtime `-W max-memory-size=N`): every `memory.grow` is replaced by a check
 *   that returns -1 (grow failed) when the result would exceed the cap, as wasmtime's limiter does.
 *
 * - **Start function** (`deferStartFunction`, a module with a start section): the section is removed
 *   and the function exported (as `__dojo_start`, or a variant of it the module does not use), and
 *   the engine calls it right after instantiation. Instantiation in a JS engine hands back the
 *   exports only after the start function returns, so a start function calling WASI would find no
 *   memory to read its arguments from; wasmtime gives it the memory. Only section headers and the
 *   export names are read, so any module the engine can compile can be rewritten this way.
 *
 * No function or import is added, so function indices, the name section and backtraces keep their
 * meaning (byte offsets inside instrumented functions shift). The decoder covers the MVP plus
 * sign-extension, saturating conversions, bulk memory, reference types, SIMD, tail calls, exceptions
 * and atomics; anything else throws InstrumentError and the engine reports it.
 */
import { WasmReader } from './wasm-reader';
import { concatBytes } from '../lib/bytes';

export const FUEL_EXPORT = '__dojo_fuel';
/** Preferred name for the former start function (see the header comment). */
const START_EXPORT = '__dojo_start';

/** First argument of a metering call into the host ("tick"); see the header comment. */
export const TICK_MAGIC = 0x7dc0ffee | 0;

export class InstrumentError extends Error {}

/** The import the metering code calls when a slice runs out, with its signature. */
export interface TickImport {
  funcIndex: number;
  params: string[];
  results: number;
}

export interface InstrumentOptions {
  /** Initial value of the meter global; omit for no metering. */
  fuel?: number;
  /** Call this import on exhaustion instead of executing `unreachable`. */
  tick?: TickImport;
  /** Maximum memory size in 64 KiB pages; omit for no cap. */
  maxPages?: number;
}

// ---- LEB128 ---------------------------------------------------------------------------------

function encodeU32(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

function encodeS64(value: bigint): number[] {
  const out: number[] = [];
  let v = value;
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const signBit = (b & 0x40) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Instrumentation reads with the shared cursor but reports truncation as its own error. */
class Cursor extends WasmReader {
  constructor(bytes: Uint8Array, pos: number) {
    super(bytes, pos, () => new InstrumentError('unexpected end of code'));
  }
}

/** Skips one instruction's immediates; returns false for an opcode we do not know. */
function skipImmediates(c: Cursor, op: number): boolean {
  switch (op) {
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x06:
      c.blockType();
      return true;
    case 0x07:
    case 0x08:
    case 0x09:
    case 0x18:
    case 0x0c:
    case 0x0d:
    case 0x10:
    case 0x12:
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23:
    case 0x24:
    case 0x25:
    case 0x26:
    case 0xd2:
      c.u32();
      return true;
    case 0x0e: {
      for (let n = c.u32(); n > 0; n--) c.u32();
      c.u32();
      return true;
    }
    case 0x11:
    case 0x13:
      c.u32();
      c.u32();
      return true;
    case 0x1c: {
      for (let n = c.u32(); n > 0; n--) c.byte();
      return true;
    }
    case 0x3f:
    case 0x40:
      c.u32();
      return true;
    case 0x41:
    case 0x42:
      c.skipLeb();
      return true;
    case 0x43:
      c.skip(4);
      return true;
    case 0x44:
      c.skip(8);
      return true;
    case 0xd0:
      c.skipLeb();
      return true;
    case 0xfc: {
      const sub = c.u32();
      if (sub <= 7) return true;
      if (sub === 8) {
        c.u32();
        c.u32();
        return true;
      }
      if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) {
        c.u32();
        return true;
      }
      if (sub === 10 || sub === 12 || sub === 14) {
        c.u32();
        c.u32();
        return true;
      }
      if (sub === 11) {
        c.u32();
        return true;
      }
      return false;
    }
    case 0xfd: {
      const sub = c.u32();
      if (sub <= 11 || sub === 92 || sub === 93) {
        c.memarg();
        return true;
      }
      if (sub === 12 || sub === 13) {
        c.skip(16);
        return true;
      }
      if (sub >= 21 && sub <= 34) {
        c.byte();
        return true;
      }
      if (sub >= 84 && sub <= 91) {
        c.memarg();
        c.byte();
        return true;
      }
      return true; // every other SIMD op has no immediates
    }
    case 0xfe: {
      const sub = c.u32();
      if (sub === 0x03) {
        c.byte();
        return true;
      }
      c.memarg();
      return true;
    }
    default:
      if (op >= 0x28 && op <= 0x3e) {
        c.memarg();
        return true;
      }
      // unreachable, nop, else, end, return, drop, select, numeric ops, ref.is_null, ref.as_non_null...
      if (op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x19 || op === 0x1a || op === 0x1b) return true;
      if (op >= 0x45 && op <= 0xc4) return true;
      if (op === 0xd1 || op === 0xd3 || op === 0xd4) return true;
      return false;
  }
}

/** Appends without spreading: function bodies can exceed the engine's argument limit. */
function append(out: number[], data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) out.push(data[i]!);
}

interface Section {
  id: number;
  /** Payload (without id and size). */
  body: Uint8Array;
}

function readSections(bytes: Uint8Array): Section[] {
  const c = new Cursor(bytes, 8);
  const out: Section[] = [];
  while (c.pos < bytes.length) {
    const id = c.byte();
    const size = c.u32();
    out.push({ id, body: bytes.subarray(c.pos, c.pos + size) });
    c.pos += size;
  }
  return out;
}

/** Canonical position of each known section id (custom sections keep their place). */
const SECTION_RANK: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 };

function insertSection(sections: Section[], section: Section): void {
  const rank = SECTION_RANK[section.id]!;
  const at = sections.findIndex((s) => s.id !== 0 && (SECTION_RANK[s.id] ?? 0) > rank);
  if (at < 0) sections.push(section);
  else sections.splice(at, 0, section);
}

function vecSection(items: number[][]): Uint8Array {
  return Uint8Array.from([...encodeU32(items.length), ...items.flat()]);
}

/** Adds one export (kind: 0 func, 3 global) to the export section, creating it if needed. */
function addExport(sections: Section[], name: string, kind: number, index: number): void {
  const bytes = new TextEncoder().encode(name);
  const exp = [...encodeU32(bytes.length), ...bytes, kind, ...encodeU32(index)];
  const exportSec = sections.find((s) => s.id === 7);
  if (exportSec) {
    const c = new Cursor(exportSec.body, 0);
    const count = c.u32();
    exportSec.body = Uint8Array.from([...encodeU32(count + 1), ...exportSec.body.subarray(c.pos), ...exp]);
  } else {
    insertSection(sections, { id: 7, body: vecSection([exp]) });
  }
}

/** Whether the bytes have a start section; reads only section headers, never throws. */
export function hasStartSection(bytes: Uint8Array): boolean {
  try {
    return readSections(bytes).some((s) => s.id === 8);
  } catch {
    return false; // not a module: compiling it reports why
  }
}

interface FuncTypeLite {
  params: unknown[];
}

export function instrumentModule(bytes: Uint8Array, opts: InstrumentOptions): Uint8Array {
  const sections = readSections(bytes);
  let importedFuncs = 0;
  let importedGlobals = 0;
  const types: FuncTypeLite[] = [];
  const funcTypeIdx: number[] = [];

  for (const s of sections) {
    const c = new Cursor(s.body, 0);
    if (s.id === 1) {
      for (let n = c.u32(); n > 0; n--) {
        const form = c.byte();
        if (form !== 0x60) throw new InstrumentError('unsupported type section entry');
        const np = c.u32();
        c.skip(np);
        c.skip(c.u32());
        types.push({ params: new Array(np) });
      }
    } else if (s.id === 2) {
      for (let n = c.u32(); n > 0; n--) {
        c.skip(c.u32());
        c.skip(c.u32());
        const kind = c.byte();
        if (kind === 0) {
          c.u32();
          importedFuncs++;
        } else if (kind === 1) {
          c.byte();
          const f = c.u32();
          c.u32();
          if (f & 1) c.u32();
        } else if (kind === 2) {
          const f = c.u32();
          c.u32();
          if (f & 1) c.u32();
        } else if (kind === 3) {
          c.byte();
          c.byte();
          importedGlobals++;
        } else if (kind === 4) {
          c.byte();
          c.u32();
        }
      }
    } else if (s.id === 3) {
      for (let n = c.u32(); n > 0; n--) funcTypeIdx.push(c.u32());
    }
  }

  const fuel = opts.fuel !== undefined;
  let fuelGlobal = -1;
  if (fuel) {
    const init = [0x7e, 0x01, 0x42, ...encodeS64(BigInt(Math.max(0, Math.floor(opts.fuel!)))), 0x0b];
    const globalSec = sections.find((s) => s.id === 6);
    if (globalSec) {
      const c = new Cursor(globalSec.body, 0);
      const count = c.u32();
      fuelGlobal = importedGlobals + count;
      globalSec.body = Uint8Array.from([...encodeU32(count + 1), ...globalSec.body.subarray(c.pos), ...init]);
    } else {
      fuelGlobal = importedGlobals;
      insertSection(sections, { id: 6, body: vecSection([init]) });
    }
    addExport(sections, FUEL_EXPORT, 0x03, fuelGlobal);
  }

  const codeSec = sections.find((s) => s.id === 10);
  if (codeSec && (fuel || opts.maxPages !== undefined))
    codeSec.body = rewriteCode(codeSec.body, { fuelGlobal, tick: opts.tick, maxPages: opts.maxPages, importedFuncs, types, funcTypeIdx });

  return writeSections(bytes, sections);
}

/** The module again: the original 8-byte header, then the sections as they are now. */
function writeSections(original: Uint8Array, sections: Section[]): Uint8Array {
  const parts: Uint8Array[] = [original.subarray(0, 8)];
  for (const s of sections) {
    parts.push(Uint8Array.from([s.id, ...encodeU32(s.body.length)]));
    parts.push(s.body);
  }
  return concatBytes(parts);
}

function exportNames(sections: Section[]): Set<string> {
  const names = new Set<string>();
  const exportSec = sections.find((s) => s.id === 7);
  if (!exportSec) return names;
  const c = new Cursor(exportSec.body, 0);
  for (let n = c.u32(); n > 0; n--) {
    names.add(c.name());
    c.byte();
    c.u32();
  }
  return names;
}

/**
 * Moves the start section to an export the engine calls after instantiation (header comment).
 * Returns undefined for a module without a start section.
 */
export function deferStartFunction(bytes: Uint8Array): { bytes: Uint8Array; exportName: string } | undefined {
  const sections = readSections(bytes);
  const at = sections.findIndex((s) => s.id === 8);
  if (at < 0) return undefined;
  const startFunc = new Cursor(sections[at]!.body, 0).u32();
  sections.splice(at, 1);
  // A module may (however unlikely) export a name of ours already; duplicate names do not compile.
  const taken = exportNames(sections);
  let exportName = START_EXPORT;
  for (let n = 2; taken.has(exportName); n++) exportName = `${START_EXPORT}_${n}`;
  addExport(sections, exportName, 0x00, startFunc);
  return { bytes: writeSections(bytes, sections), exportName };
}

/** Where the code section's contents begin, or -1 (frame offsets in a rewritten module shift by the difference). */
export function codeSectionOffset(bytes: Uint8Array): number {
  try {
    const c = new Cursor(bytes, 8);
    while (c.pos < bytes.length) {
      const id = c.byte();
      const size = c.u32();
      if (id === 10) return c.pos;
      c.pos += size;
    }
  } catch {
    // not a module
  }
  return -1;
}

interface CodeContext {
  fuelGlobal: number;
  tick: TickImport | undefined;
  maxPages: number | undefined;
  importedFuncs: number;
  types: FuncTypeLite[];
  funcTypeIdx: number[];
}

function tickCall(tick: TickImport): number[] {
  const out: number[] = [0x41, ...encodeS64(BigInt(TICK_MAGIC))];
  for (const p of tick.params.slice(1)) {
    if (p === 'i32') out.push(0x41, 0x00);
    else if (p === 'i64') out.push(0x42, 0x00);
    else if (p === 'f32') out.push(0x43, 0, 0, 0, 0);
    else if (p === 'f64') out.push(0x44, 0, 0, 0, 0, 0, 0, 0, 0);
    else throw new InstrumentError(`cannot call import with a ${p} parameter`);
  }
  out.push(0x10, ...encodeU32(tick.funcIndex));
  for (let i = 0; i < tick.results; i++) out.push(0x1a);
  return out;
}

function fuelCheck(global: number, cost: number, tick: TickImport | undefined): number[] {
  const g = encodeU32(global);
  return [
    0x23,
    ...g,
    0x42,
    ...encodeS64(BigInt(cost)),
    0x7d,
    0x24,
    ...g, // fuel -= cost
    0x23,
    ...g,
    0x42,
    0x00,
    0x53, // fuel < 0 ?
    0x04,
    0x40,
    ...(tick ? tickCall(tick) : [0x00]),
    0x0b, // if (tick | unreachable) end
  ];
}

function growCheck(tmpLocal: number, maxPages: number): number[] {
  const t = encodeU32(tmpLocal);
  return [
    0x22,
    ...t, // local.tee $delta
    0x3f,
    0x00,
    0x6a, // memory.size + delta
    0x41,
    ...encodeS64(BigInt(maxPages | 0)),
    0x4b, // > max (unsigned)
    0x04,
    0x7f,
    0x41,
    0x7f, // if (result i32) -1
    0x05,
    0x20,
    ...t,
    0x40,
    0x00, // else memory.grow(delta)
    0x0b,
  ];
}

function rewriteCode(body: Uint8Array, ctx: CodeContext): Uint8Array {
  const c = new Cursor(body, 0);
  const count = c.u32();
  const funcs: number[][] = [];
  for (let i = 0; i < count; i++) {
    const size = c.u32();
    const start = c.pos;
    const end = start + size;
    funcs.push(rewriteFunction(body, start, end, i, ctx));
    c.pos = end;
  }
  const out: number[] = [...encodeU32(count)];
  for (const f of funcs) {
    append(out, encodeU32(f.length));
    append(out, f);
  }
  return Uint8Array.from(out);
}

function rewriteFunction(bytes: Uint8Array, start: number, end: number, index: number, ctx: CodeContext): number[] {
  const c = new Cursor(bytes, start);
  const groups = c.u32();
  const groupsStart = c.pos;
  let declared = 0;
  for (let g = 0; g < groups; g++) {
    declared += c.u32();
    c.byte();
  }
  const localsEnd = c.pos;

  // Pass 1: decode, attribute each instruction's cost to its innermost loop (or the function),
  // and remember where fuel checks go and where memory.grow sits.
  const frames: Array<{ loop: boolean; region: number }> = [{ loop: false, region: 0 }];
  const regions: Array<{ at: number; cost: number }> = [{ at: localsEnd, cost: 0 }];
  const grows: number[] = [];
  while (c.pos < end) {
    const opAt = c.pos;
    const op = c.byte();
    const frame = frames[frames.length - 1];
    if (!frame) throw new InstrumentError('unbalanced control flow');
    regions[frame.region]!.cost++;
    if (!skipImmediates(c, op)) throw new InstrumentError(`unsupported opcode 0x${op.toString(16)} at 0x${opAt.toString(16)}`);
    if (op === 0x03) {
      regions.push({ at: c.pos, cost: 0 });
      frames.push({ loop: true, region: regions.length - 1 });
    } else if (op === 0x02 || op === 0x04 || op === 0x06) {
      frames.push({ loop: false, region: frame.region });
    } else if (op === 0x0b) {
      frames.pop();
    } else if (op === 0x40 && ctx.maxPages !== undefined) {
      grows.push(opAt);
    }
  }

  const needTmp = grows.length > 0;
  const typeIdx = ctx.funcTypeIdx[index];
  const params = typeIdx === undefined ? 0 : (ctx.types[typeIdx]?.params.length ?? 0);
  const tmpLocal = params + declared;

  // Pass 2: emit.
  const out: number[] = [];
  if (needTmp) {
    append(out, encodeU32(groups + 1));
    append(out, bytes.subarray(groupsStart, localsEnd));
    out.push(0x01, 0x7f);
  } else {
    append(out, bytes.subarray(start, localsEnd));
  }
  const inserts: Array<{ at: number; bytes: number[]; replace: number }> = [];
  if (ctx.fuelGlobal >= 0)
    for (const r of regions) inserts.push({ at: r.at, bytes: fuelCheck(ctx.fuelGlobal, Math.max(1, r.cost), ctx.tick), replace: 0 });
  for (const g of grows) {
    const gc = new Cursor(bytes, g + 1);
    gc.u32();
    inserts.push({ at: g, bytes: growCheck(tmpLocal, ctx.maxPages!), replace: gc.pos - g });
  }
  inserts.sort((a, b) => a.at - b.at);
  let pos = localsEnd;
  for (const ins of inserts) {
    append(out, bytes.subarray(pos, ins.at));
    append(out, ins.bytes);
    pos = ins.at + ins.replace;
  }
  append(out, bytes.subarray(pos, end));
  return out;
}
