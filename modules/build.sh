#!/usr/bin/env bash
# Rebuilds every precompiled module from its source with Debian's toolchains, writes the binaries to
# public/modules/, then regenerates public/modules/manifest.json (modules/manifest.mjs).
# The app itself never needs a toolchain: the outputs are committed. Run: npm run build:modules
#
# Layout (adding a module = adding one source file; the manifest discovers it):
#   modules/c/NAME.c                   -> NAME.wasm   clang --target=wasm32-wasi -O2, all names stripped
#   modules/wat/NAME.wat               -> NAME.wasm   wat2wasm --debug-names (names kept for backtraces)
#   modules/wat/hello.wat              -> hello.wat   copied as text too: the sample `wasmtime hello.wat` runs
#   modules/rust/NAME/src/main.rs      -> NAME.wasm   /usr/bin/rustc 1.63 --target wasm32-wasi -O, debug info
#                                                     stripped, name section kept (panic backtraces have names)
#
# Reproducibility: every step is deterministic for a given toolchain version (no timestamps, no build
# paths: sources are compiled by relative path and rustc remaps the build directory). Rebuilding with the
# same Debian packages gives byte-identical files; `npm run build:modules -- --check` verifies that.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/public/modules"
RUSTC=/usr/bin/rustc   # NOT the rustc first on PATH: rustup's has no wasm32-wasi std; Debian's (libstd-rust-dev-wasm32) has
CHECK=0
if [[ "${1:-}" == "--check" ]]; then CHECK=1; fi

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "build.sh: '$1' not found. Install the toolchains with:" >&2
    echo "  apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt rustc libstd-rust-dev-wasm32" >&2
    exit 1
  fi
}
need clang; need wat2wasm; need wasm-strip; need node; need "$RUSTC"

cd "$ROOT"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

for src in modules/c/*.c; do
  name="$(basename "$src" .c)"
  clang --target=wasm32-wasi -O2 -Wl,--strip-all -o "$STAGE/$name.wasm" "$src"
  # --strip-all drops symbols; wasm-strip also drops the remaining custom sections (e.g. producers).
  wasm-strip "$STAGE/$name.wasm"
done

for src in modules/wat/*.wat; do
  name="$(basename "$src" .wat)"
  if [[ "$name" == "hello" ]]; then
    cp "$src" "$STAGE/hello.wat"   # hello.wasm comes from C; the .wat ships as text for `wasmtime hello.wat`
    continue
  fi
  wat2wasm --debug-names -o "$STAGE/$name.wasm" "$src"
done

for dir in modules/rust/*/; do
  name="$(basename "$dir")"
  # Compile from inside the crate by the relative path src/main.rs, so panic messages say
  # "src/main.rs:LINE:COL" as a cargo build would, and no absolute build path ends up in the binary.
  # --crate-name as cargo derives it (config-reader -> config_reader), so backtraces show config_reader::main.
  (cd "$dir" && "$RUSTC" --target wasm32-wasi -O -C strip=debuginfo --crate-name "${name//-/_}" \
      --remap-path-prefix="$PWD=." -o "$STAGE/$name.wasm" src/main.rs)
done

if [[ $CHECK == 1 ]]; then
  status=0
  for f in "$STAGE"/*; do
    base="$(basename "$f")"
    if ! cmp -s "$f" "$OUT/$base"; then echo "differs from committed: $base" >&2; status=1; fi
  done
  if [[ $status == 0 ]]; then echo "build.sh --check: every rebuilt module is byte-identical to public/modules/"; fi
  exit $status
fi

mkdir -p "$OUT"
# Replace only what we build: drop stale modules of ours, keep nothing else in the folder.
find "$OUT" -maxdepth 1 \( -name '*.wasm' -o -name '*.wat' \) -delete
cp "$STAGE"/* "$OUT"/
node modules/manifest.mjs
ls -l "$OUT"
