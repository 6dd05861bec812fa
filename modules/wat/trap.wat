;; trap: a guest that crashes on purpose.
;; Purpose: executes `unreachable` inside a named function so the runtime's trap report has a backtrace with names.
;; Demonstrates: a trap is not an exit code chosen by the guest. wasmtime prints
;; "wasm trap: wasm `unreachable` instruction executed" with a wasm backtrace and exits 134.
;; The build keeps this module's name section (wat2wasm --debug-names, no wasm-strip), so frames read
;; trap!fail_validation, trap!check_input, trap!_start instead of <wasm function N>.
;; A trap needs no capability, yet it imports one WASI function it never calls: @wasmer/wasi refuses a module
;; with no WASI import ("The WASI version could not be determined"), and this must run as a WASI command.
;; Memory is exported because WASI hosts (node:wasi) insist on it.
(module $trap
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func $fail_validation
    ;; The deliberate bug: code that "can never be reached" is reached.
    unreachable)
  (func $check_input
    call $fail_validation)
  (func $_start (export "_start")
    call $check_input))
