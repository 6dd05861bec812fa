;; hello.wat: the text-format sample that `wasmtime hello.wat` runs directly (wasmtime compiles WAT itself).
;; Purpose: prints "Hello, world!" from hand-written WebAssembly text; the Dojo ships it as a .wat file.
;; Demonstrates: the whole WASI contract in a dozen lines: import fd_write, export memory and _start,
;; write one iovec to fd 1.
(module $hello
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param $fd i32) (param $iovs i32) (param $iovs_len i32) (param $nwritten i32) (result i32)))
  (memory (export "memory") 1)
  ;; The bytes to print live at offset 16; the iovec {ptr=16, len=14} lives at offset 0.
  (data (i32.const 16) "Hello, world!\n")
  (func $main (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 14))
    ;; fd 1 = stdout, one iovec at 0, bytes written go to offset 8.
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
