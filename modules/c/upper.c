/*
 * upper: a streaming filter, stdin to stdout.
 * Purpose: copies stdin to stdout with ASCII letters uppercased, streaming (any input size).
 * Demonstrates: fd_read on fd 0 and fd_write on fd 1 in a loop, so `echo hi | wasmtime upper.wasm` and
 * `wasmtime upper.wasm < file` work; bytes other than a-z pass through untouched (UTF-8 stays valid).
 * Exit status: 0, or 1 with a message on stderr if reading or writing fails.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static unsigned char buffer[64 * 1024];

static int write_all(const unsigned char *data, size_t len) {
    while (len > 0) {
        ssize_t written = write(1, data, len);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        data += written;
        len -= (size_t)written;
    }
    return 0;
}

int main(void) {
    for (;;) {
        ssize_t got = read(0, buffer, sizeof buffer);
        if (got == 0) return 0;
        if (got < 0) {
            if (errno == EINTR) continue;
            fprintf(stderr, "upper: cannot read stdin: %s\n", strerror(errno));
            return 1;
        }
        for (ssize_t i = 0; i < got; i++) {
            if (buffer[i] >= 'a' && buffer[i] <= 'z') buffer[i] = (unsigned char)(buffer[i] - 'a' + 'A');
        }
        if (write_all(buffer, (size_t)got) != 0) {
            fprintf(stderr, "upper: cannot write stdout: %s\n", strerror(errno));
            return 1;
        }
    }
}
