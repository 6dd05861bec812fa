/**
 * Which precompiled module stands in for which source: the data of the Dojo's one stand-in build
 * (stand-in-build.ts). A tool never names a module itself; it looks it up here.
 */
/** A program in a learner's language that is one of our precompiled modules. */
export interface ProgramStandIn {
  /** The precompiled module (public/modules/<module>.wasm, ~/modules/<module>.wasm). */
  module: string;
  /** Where the program is committed in the repository (a test checks `text` equals that file). */
  sourcePath: string;
  text: string;
}

const GO_HELLO = `// hello, in Go: what TinyGo builds into the same program as c/hello.c.
// Purpose: prints "Hello, world!" and nothing else; it needs no grants at all.
// The Dojo has no Go compiler: \`tinygo build -target=wasip1\` of this exact program places the
// precompiled hello.wasm (built from c/hello.c), which behaves the same under any WASI runtime.
package main

import "fmt"

func main() {
	fmt.Println("Hello, world!")
}
`;

const GO_UPPER = `// upper, in Go: what TinyGo builds into the same program as c/upper.c.
// Purpose: copies stdin to stdout with ASCII letters uppercased, streaming (any input size).
// The Dojo has no Go compiler: \`tinygo build -target=wasip1\` of this exact program places the
// precompiled upper.wasm (built from c/upper.c), which behaves the same under any WASI runtime.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	buf := make([]byte, 64*1024)
	for {
		n, err := os.Stdin.Read(buf)
		for i := 0; i < n; i++ {
			if buf[i] >= 'a' && buf[i] <= 'z' {
				buf[i] = buf[i] - 'a' + 'A'
			}
		}
		if _, werr := os.Stdout.Write(buf[:n]); werr != nil {
			fmt.Fprintf(os.Stderr, "upper: cannot write stdout: %v\\n", werr)
			os.Exit(1)
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "upper: cannot read stdin: %v\\n", err)
			os.Exit(1)
		}
	}
}
`;

/** Which precompiled module each simulated build places by default. */
export const STAND_INS = {
  /** Go programs (tinygo) that are one of our modules. */
  go: [
    { module: 'hello', sourcePath: 'modules/go/hello/main.go', text: GO_HELLO },
    { module: 'upper', sourcePath: 'modules/go/upper/main.go', text: GO_UPPER },
  ] as readonly ProgramStandIn[],
  /** `cargo build` of a binary crate (cargo new's hello world). */
  cargoBin: 'hello',
  /** A Spin HTTP component with no literal reply in its source. */
  spinHttp: 'wagi-hello',
  /** A Spin component whose code makes an outbound HTTP call. */
  spinOutbound: 'wagi-outbound',
  /** A Worker (wrangler) or a Fastly Compute package with no literal reply in its source. */
  edgeHttp: 'wagi-hello',
} as const;
