/**
 * `.wat` → `.wasm` with the wabt package, as real wasmtime accepts text modules directly.
 * wabt is ~1 MB of JS+wasm, so it is loaded on first use only (never on the pre-prompt path).
 */
type Wabt = Awaited<ReturnType<typeof import('wabt')>>;

let wabtPromise: Promise<Wabt> | undefined;

/** wabt itself could not be loaded (its chunk did not download): not a fault of the text being parsed. */
export class WatParserUnavailable extends Error {
  override name = 'WatParserUnavailable';
}

function loadWabt(): Promise<Wabt> {
  wabtPromise ??= import('wabt')
    .then((m) => {
      // CommonJS `export =`: the factory is the default export under ESM interop.
      const factory = ((m as unknown as { default?: () => Promise<Wabt> }).default ?? m) as unknown as () => Promise<Wabt>;
      return factory();
    })
    .catch((err: unknown) => {
      // Not cached: the next .wat tries the download again.
      wabtPromise = undefined;
      throw new WatParserUnavailable(err instanceof Error ? err.message : String(err));
    });
  return wabtPromise;
}

/** Every post-MVP feature wasmtime enables by default, so valid modules are not refused here. */
const FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
  tail_call: true,
  extended_const: true,
};

/**
 * Throws an Error whose message is wabt's own diagnostic (e.g. `hello.wat:3:5: error: unexpected token ...`)
 * so the CLI can print it the way wasmtime prints a text-format error.
 */
export async function watToWasm(text: string, filename: string): Promise<Uint8Array> {
  const wabt = await loadWabt();
  let module: ReturnType<Wabt['parseWat']> | undefined;
  try {
    module = wabt.parseWat(filename, text, FEATURES);
    module.resolveNames();
    module.validate();
    const { buffer } = module.toBinary({ write_debug_names: true });
    return new Uint8Array(buffer);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // wabt prefixes "parseWat failed:\n" / "validate failed:\n"; the diagnostic lines are what matters.
    throw new Error(message.replace(/^(parseWat|validate|resolveNames) failed:\s*/, '').trim(), { cause: err });
  } finally {
    module?.destroy();
  }
}
