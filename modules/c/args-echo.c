/*
 * args-echo: shows exactly what argv the runtime passed in.
 * Purpose: prints argc and each argv entry on its own line.
 * Demonstrates: argv[0] is whatever the runtime chose (wasmtime uses the module's file name unless
 * --argv0 is given) and everything after the module on the command line belongs to the guest.
 * Output:  argc: N  then  argv[i]: VALUE  per entry (VALUE printed verbatim).
 */
#include <stdio.h>

int main(int argc, char **argv) {
    printf("argc: %d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]: %s\n", i, argv[i]);
    }
    return 0;
}
