;; spin-forever: a guest that never finishes.
;; Purpose: prints one line, then loops forever without any WASI call, so only the host can stop it.
;; Demonstrates: a runaway guest cannot be stopped from inside; the host has to interrupt it
;; (Ctrl-C, wasmtime -W fuel=N -> "all fuel consumed by WebAssembly", -W timeout=DUR -> "interrupt").
;; The loop body touches memory so it is a real workload an optimiser could not delete.
(module $spin_forever
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "spin-forever: looping forever; stop me with Ctrl-C\n")
  (func $spin (local $counter i32)
    (loop $forever
      (local.set $counter (i32.add (local.get $counter) (i32.const 1)))
      (i32.store (i32.const 12) (local.get $counter))
      (br $forever)))
  (func $_start (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 51))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $spin)))
