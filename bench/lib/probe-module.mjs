/**
 * The bench's own module, uploaded into the Dojo as a learner would upload theirs: it prints
 * `got:` and its last argument, so each run with a fresh argument has output no earlier line had
 * (the screen probe waits for exactly that row). `fillerKiB` pads it with real code (functions the
 * engine must compile), for the "1 MiB module compiled across reloads" figure.
 */
import wabtInit from 'wabt';

function filler(kib) {
  if (!kib) return '';
  // Each function body is ~600 bytes of code: a chain of adds and xors on its parameter.
  const ops = Array.from(
    { length: 80 },
    (_, i) => `(local.set 0 (i32.xor (i32.add (local.get 0) (i32.const ${i * 7919 + 1})) (i32.const ${i * 104729 + 3})))`,
  ).join(' ');
  const count = Math.ceil((kib * 1024) / 1180);
  return Array.from({ length: count }, (_, i) => `(func $f${i} (export "f${i}") (param i32) (result i32) ${ops} (local.get 0))`).join('\n');
}

export async function probeModule({ fillerKiB = 0 } = {}) {
  const wat = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 512) "got:\\n")
  (func (export "_start") (local $argc i32) (local $last i32)
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $args_get (i32.const 16) (i32.const 1024)))
    (local.set $argc (i32.load (i32.const 0)))
    (local.set $last (i32.load (i32.add (i32.const 16) (i32.mul (i32.sub (local.get $argc) (i32.const 1)) (i32.const 4)))))
    ;; iovs at 64: "got:", the last argument (without its NUL), "\\n"
    (i32.store (i32.const 64) (i32.const 512))
    (i32.store (i32.const 68) (i32.const 4))
    (i32.store (i32.const 72) (local.get $last))
    (i32.store (i32.const 76) (i32.sub (i32.sub (i32.add (i32.const 1024) (i32.load (i32.const 4))) (local.get $last)) (i32.const 1)))
    (i32.store (i32.const 80) (i32.const 516))
    (i32.store (i32.const 84) (i32.const 1))
    (drop (call $fd_write (i32.const 1) (i32.const 64) (i32.const 3) (i32.const 96))))
  ${filler(fillerKiB)}
)`;
  const wabt = await wabtInit();
  const parsed = wabt.parseWat('probe.wat', wat);
  try {
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}
