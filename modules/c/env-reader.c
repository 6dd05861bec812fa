/*
 * env-reader: shows that a guest sees only the environment it was granted.
 * Purpose: prints each variable named in its args (NAME=value or NAME is not set), or its whole environment.
 * Demonstrates: WASI environ_get returns only what the runtime passed (wasmtime --env NAME=VAL / --env NAME,
 * -S inherit-env); a host variable that was not granted is simply absent, not an error.
 * Exit status: always 0 (a missing variable is information, not a failure).
 */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 2) {
        int count = 0;
        for (char **e = environ; e && *e; e++) {
            puts(*e);
            count++;
        }
        if (count == 0) {
            puts("(no environment variables were granted)");
        }
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        const char *value = getenv(argv[i]);
        if (value) {
            printf("%s=%s\n", argv[i], value);
        } else {
            printf("%s is not set\n", argv[i]);
        }
    }
    return 0;
}
