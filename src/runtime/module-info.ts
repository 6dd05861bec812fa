/**
 * A minimal reader for the parts of a Wasm binary the engine needs and `WebAssembly.Module` does
 * not expose: function signatures (for `--invoke` argument parsing), import kinds (for a
 * wasmtime-worded link error before instantiating) and the name section (for backtraces).
 *
 * It is run once per distinct module (results are cached by hash with the compiled module), and it
 * skips every section it does not need, so even a large Rust module is read in well under a ms.
 * It trusts that `WebAssembly.compile` already validated the bytes.
 */
import { WasmReader } from './wasm-reader';

export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref' | 'unknown';

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

export interface ModuleImport {
  module: string;
  name: string;
  kind: ExternKind;
  /** For functions: the signature. */
  type?: FuncType;
}

export interface ModuleExport {
  name: string;
  kind: ExternKind;
  index: number;
}

export interface ModuleInfo {
  imports: ModuleImport[];
  exports: ModuleExport[];
  /** Signature of every function in the function index space (imports first, as Wasm numbers them). */
  funcTypes: FuncType[];
  /** Name section: module name, if any. */
  moduleName?: string;
  /** Name section: function index → name. */
  funcNames: Map<number, string>;
  /** Whether the module exports a memory named "memory" (WASI needs it). */
  exportsMemory: boolean;
}

const KINDS: ExternKind[] = ['func', 'table', 'memory', 'global', 'tag'];

function valType(byte: number): ValType {
  switch (byte) {
    case 0x7f:
      return 'i32';
    case 0x7e:
      return 'i64';
    case 0x7d:
      return 'f32';
    case 0x7c:
      return 'f64';
    case 0x7b:
      return 'v128';
    case 0x70:
      return 'funcref';
    case 0x6f:
      return 'externref';
    default:
      return 'unknown';
  }
}

export function readModuleInfo(bytes: Uint8Array): ModuleInfo {
  const r = new WasmReader(bytes);
  r.pos = 8; // magic + version
  const types: FuncType[] = [];
  const imports: ModuleImport[] = [];
  const exports: ModuleExport[] = [];
  const funcTypes: FuncType[] = [];
  const funcNames = new Map<number, string>();
  let moduleName: string | undefined;

  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    switch (id) {
      case 1: {
        // type section
        const count = r.u32();
        for (let i = 0; i < count; i++) {
          const form = r.byte();
          if (form !== 0x60) break; // GC/rec types: not needed for our modules
          const params: ValType[] = [];
          const results: ValType[] = [];
          for (let n = r.u32(); n > 0; n--) params.push(valType(r.byte()));
          for (let n = r.u32(); n > 0; n--) results.push(valType(r.byte()));
          types.push({ params, results });
        }
        break;
      }
      case 2: {
        const count = r.u32();
        for (let i = 0; i < count; i++) {
          const module = r.name();
          const name = r.name();
          const kindByte = r.byte();
          const kind = KINDS[kindByte] ?? 'func';
          if (kindByte === 0) {
            const type = types[r.u32()] ?? { params: [], results: [] };
            imports.push({ module, name, kind, type });
            funcTypes.push(type);
          } else {
            if (kindByte === 1) {
              r.byte();
              r.limits();
            } else if (kindByte === 2) r.limits();
            else if (kindByte === 3) {
              r.byte();
              r.byte();
            } else if (kindByte === 4) {
              r.byte();
              r.u32();
            }
            imports.push({ module, name, kind });
          }
        }
        break;
      }
      case 3: {
        const count = r.u32();
        for (let i = 0; i < count; i++) funcTypes.push(types[r.u32()] ?? { params: [], results: [] });
        break;
      }
      case 7: {
        const count = r.u32();
        for (let i = 0; i < count; i++) {
          const name = r.name();
          const kind = KINDS[r.byte()] ?? 'func';
          exports.push({ name, kind, index: r.u32() });
        }
        break;
      }
      case 0: {
        const sectionName = r.name();
        if (sectionName === 'name') {
          try {
            while (r.pos < end) {
              const sub = r.byte();
              const subSize = r.u32();
              const subEnd = r.pos + subSize;
              if (sub === 0) moduleName = r.name();
              else if (sub === 1) {
                for (let n = r.u32(); n > 0; n--) {
                  const idx = r.u32();
                  funcNames.set(idx, r.name());
                }
              }
              r.pos = subEnd;
            }
          } catch {
            // A malformed name section only costs us nice backtrace names.
          }
        }
        break;
      }
      default:
        break;
    }
    r.pos = end;
  }

  return {
    imports,
    exports,
    funcTypes,
    moduleName,
    funcNames,
    exportsMemory: exports.some((e) => e.kind === 'memory' && e.name === 'memory'),
  };
}
