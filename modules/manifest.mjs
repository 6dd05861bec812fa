// Regenerates public/modules/manifest.json from the files in public/modules/ and their sources.
// Run by modules/build.sh after a build; safe to run alone (`node modules/manifest.mjs`).
//
// Each entry: { name, file, purpose, source, language, size, sha256, imports }.
// - purpose: the "Purpose:" line of the source's header comment (one source of truth for the text).
// - imports: "module::name" for every import, in binary order, read by parsing the wasm import section
//   here by hand. The test reads them back with WebAssembly.Module.imports, so the two methods check
//   each other. A .wat entry is compiled in memory (wabt) to find its imports.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'modules');

const KIND_NAMES = ['func', 'table', 'memory', 'global', 'tag'];

/** Reads an unsigned LEB128 at `offset`; returns [value, nextOffset]. */
function readU32(bytes, offset) {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (offset >= bytes.length) throw new Error('truncated LEB128');
    const byte = bytes[offset++];
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result >>> 0, offset];
    shift += 7;
    if (shift > 35) throw new Error('LEB128 too long');
  }
}

function readName(bytes, offset) {
  const [len, start] = readU32(bytes, offset);
  return [new TextDecoder().decode(bytes.subarray(start, start + len)), start + len];
}

function skipLimits(bytes, offset) {
  const flags = bytes[offset++];
  [, offset] = readU32(bytes, offset);
  if (flags & 1) [, offset] = readU32(bytes, offset);
  return offset;
}

/** Parses the import section (id 2) of a wasm binary: ["module::name", ...] in binary order. */
export function parseImports(bytes) {
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (!magic.every((b, i) => bytes[i] === b)) throw new Error('not a wasm binary (bad magic)');
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset++];
    let size;
    [size, offset] = readU32(bytes, offset);
    const end = offset + size;
    if (id !== 2) {
      offset = end;
      continue;
    }
    const imports = [];
    let count;
    [count, offset] = readU32(bytes, offset);
    for (let i = 0; i < count; i++) {
      let module, name;
      [module, offset] = readName(bytes, offset);
      [name, offset] = readName(bytes, offset);
      const kind = bytes[offset++];
      if (kind === 0)
        [, offset] = readU32(bytes, offset); // type index
      else if (kind === 1)
        offset = skipLimits(bytes, offset + 1); // reftype, limits
      else if (kind === 2) offset = skipLimits(bytes, offset);
      else if (kind === 3)
        offset += 2; // valtype, mutability
      else if (kind === 4)
        [, offset] = readU32(bytes, offset + 1); // attribute, type index
      else throw new Error(`unknown import kind ${kind}`);
      imports.push(kind === 0 ? `${module}::${name}` : `${module}::${name} (${KIND_NAMES[kind]})`);
    }
    return imports;
  }
  return [];
}

/** Finds the source a built file came from (see the layout in build.sh). */
function sourceFor(file) {
  if (file === 'hello.wat') return { source: 'modules/wat/hello.wat', language: 'WAT' };
  const name = file.replace(/\.wasm$/, '');
  const candidates = [
    { path: `modules/c/${name}.c`, language: 'C' },
    { path: `modules/wat/${name}.wat`, language: 'WAT' },
    { path: `modules/rust/${name}/src/main.rs`, language: 'Rust' },
  ];
  const hit = candidates.find((c) => existsSync(join(root, c.path)));
  if (!hit) throw new Error(`no source found for public/modules/${file}`);
  return { source: hit.path, language: hit.language };
}

function purposeOf(sourcePath) {
  const text = readFileSync(join(root, sourcePath), 'utf8');
  const match = /Purpose:\s*(.+)/.exec(text);
  if (!match) throw new Error(`${sourcePath}: header comment has no "Purpose:" line`);
  const sentence = match[1].trim();
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

async function wasmBytesOf(file, bytes) {
  if (!file.endsWith('.wat')) return bytes;
  const wabt = await (await import('wabt')).default();
  const parsed = wabt.parseWat(file, new TextDecoder().decode(bytes));
  try {
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

export async function buildManifest() {
  const files = readdirSync(outDir)
    .filter((f) => f.endsWith('.wasm') || f.endsWith('.wat'))
    .sort();
  const entries = [];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(join(outDir, file)));
    const { source, language } = sourceFor(file);
    entries.push({
      name: file.endsWith('.wat') ? file.replace(/\.wat$/, '-wat') : file.replace(/\.wasm$/, ''),
      file,
      purpose: purposeOf(source),
      source,
      language,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      imports: parseImports(await wasmBytesOf(file, bytes)),
    });
  }
  return entries;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entries = await buildManifest();
  const target = join(outDir, 'manifest.json');
  writeFileSync(target, JSON.stringify(entries, null, 2) + '\n');
  console.log(`wrote ${relative(root, target)} (${entries.length} entries)`);
}
