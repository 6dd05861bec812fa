// hello, in Go: what TinyGo builds into the same program as c/hello.c.
// Purpose: prints "Hello, world!" and nothing else; it needs no grants at all.
// The Dojo has no Go compiler: `tinygo build -target=wasip1` of this exact program places the
// precompiled hello.wasm (built from c/hello.c), which behaves the same under any WASI runtime.
package main

import "fmt"

func main() {
	fmt.Println("Hello, world!")
}
