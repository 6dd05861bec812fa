/**
 * Manual pages as data. Every command gets a page built from its own `--help` (for the GNU tools,
 * GNU's text); the Dojo's own tools add a DESCRIPTION in our own words here, and a SEE ALSO.
 */
export interface PageData {
  /** Paragraphs for DESCRIPTION, before the options the tool's --help lists. */
  description: string[];
  seeAlso?: string[];
}

export const DOJO_PAGES: Readonly<Record<string, PageData>> = {
  wasmtime: {
    description: [
      'Runs a WebAssembly module with Wasmtime, the Bytecode Alliance runtime. In the Dojo the module really runs, in a Web Worker under a WASI host, with exactly the capabilities the command line grants: a directory only with --dir, an environment variable only with --env, nothing else.',
      'A module that tries to open a file it was not granted gets the error a real WASI host returns; lessons grade least privilege by removing each grant in turn.',
    ],
    seeAlso: ['wasmedge(1)', 'spin(1)', 'dojo(1)'],
  },
  wasmedge: {
    description: [
      'Runs a WebAssembly module with WasmEdge. Directories are granted as GUEST:HOST with --dir and variables with --env; the module runs for real, like under wasmtime, with only what was granted.',
    ],
    seeAlso: ['wasmtime(1)'],
  },
  spin: {
    description: [
      "Fermyon Spin builds and runs serverless WebAssembly applications described by spin.toml. In the Dojo, `spin up` serves the application on the machine's loopback network, where curl reaches it; builds and cloud deploys are simulated and say so.",
    ],
    seeAlso: ['curl(1)', 'wasmtime(1)'],
  },
  curl: {
    description: [
      'Transfers a URL. In the Dojo it talks to the applications served on the machine (spin up, wrangler dev, port-forwards); the internet is not reachable.',
    ],
    seeAlso: ['spin(1)'],
  },
  cargo: {
    description: [
      "Rust's package manager. `cargo build --target wasm32-wasip1` is simulated: no compiler runs; a precompiled module is placed where cargo would write it, and one dim dojo: line says so.",
    ],
    seeAlso: ['rustup(1)', 'wasmtime(1)'],
  },
  rustup: {
    description: ['The Rust toolchain installer. Adding a Wasm target is simulated: nothing is downloaded, and the target is then known to cargo.'],
    seeAlso: ['cargo(1)'],
  },
  dojo: {
    description: ["The Dojo's own command: reset the machine to its first state, show the last module run's trace, and the Dojo's other controls."],
    seeAlso: ['lesson(1)', 'help(1)'],
  },
  edit: {
    description: ["Opens a file in the Dojo's editor (a new file is created when saved)."],
  },
  help: {
    description: ["Lists the commands of this machine with one line each; `help NAME` shows one command's usage."],
    seeAlso: ['man(1)'],
  },
  less: {
    description: [
      'Shows text a screen at a time. q quits; space or f goes a page forward and b a page back; Enter, j or the down arrow one line down, k or the up arrow one line up; g and G go to the start and the end; /PATTERN searches forward, ?PATTERN backward, and n and N repeat the search. h lists the keys. When its output is not a terminal, less copies its input, like cat.',
    ],
    seeAlso: ['more(1)', 'man(1)'],
  },
  more: {
    description: ['Shows text a screen at a time, forward: Enter or space for the next page, b to go back, /PATTERN to search, q to quit.'],
    seeAlso: ['less(1)'],
  },
  man: {
    description: [
      "Shows the manual page of a command of this machine through the pager (less). `man -k WORD` lists the commands whose name or summary holds WORD, like apropos. Pages are built from each command's own help: the GNU tools' pages follow their real synopsis and options.",
    ],
    seeAlso: ['less(1)', 'help(1)'],
  },
};
