/*
 * exit-with: the guest chooses the process exit status.
 * Purpose: exits with the integer code given as argv[1] (0-255), printing nothing.
 * Demonstrates: wasi_snapshot_preview1::proc_exit. wasmtime passes codes 0-125 through; 126 and above
 * are refused by wasmtime itself ("exit with invalid exit status outside of [0..126)", status 1).
 * Bad usage (no argument, not a number, out of 0-255) prints a usage line on stderr and exits 2.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: exit-with CODE   (CODE is an integer from 0 to 255)\n");
        return 2;
    }
    char *end = NULL;
    long code = strtol(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || code < 0 || code > 255) {
        fprintf(stderr, "exit-with: '%s' is not an exit code (expected an integer from 0 to 255)\n", argv[1]);
        return 2;
    }
    exit((int)code);
}
