;; trap: a guest that crashes on purpose.
;; Purpose: executes `unreachable` inside a named function so the runtime's trap report has a backtrace with names.
;; Demonstrates: a trap is not an exit code chosen by the guest. wasmtime prints
;; "wasm trap: wasm `unreachable` instruction executed" with a wasm backtrace and exits 134.
;; The build keeps this module's name section (wat2wasm --debug-names, no wasm-strip), so frames read
;; trap!fail_validation, trap!check_input, trap!_start instead of <wasm function N>.
;; It imports nothing: a trap needs no capability. Memory is exported because WASI hosts (node:wasi) insist on it.
(module $trap
  (memory (export "memory") 1)
  (func $fail_validation
    ;; The deliberate bug: code that "can never be reached" is reached.
    unreachable)
  (func $check_input
    call $fail_validation)
  (func $_start (export "_start")
    call $check_input))
