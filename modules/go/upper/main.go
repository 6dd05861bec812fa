// upper, in Go: what TinyGo builds into the same program as c/upper.c.
// Purpose: copies stdin to stdout with ASCII letters uppercased, streaming (any input size).
// The Dojo has no Go compiler: `tinygo build -target=wasip1` of this exact program places the
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
			fmt.Fprintf(os.Stderr, "upper: cannot write stdout: %v\n", werr)
			os.Exit(1)
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "upper: cannot read stdin: %v\n", err)
			os.Exit(1)
		}
	}
}
