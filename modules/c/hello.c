/*
 * hello: the smallest useful WASI command.
 * Purpose: prints "Hello, world!" and nothing else; it needs no grants at all.
 * Demonstrates: a module writes to stdout through wasi_snapshot_preview1::fd_write on fd 1, which every
 * runtime hands to a command without being asked.
 */
#include <stdio.h>

int main(void) {
    fputs("Hello, world!\n", stdout);
    return 0;
}
