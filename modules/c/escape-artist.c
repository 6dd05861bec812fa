/*
 * escape-artist: a guest that tries to break out of its sandbox and reports every attempt.
 * Purpose: tries .. traversal, absolute paths outside its preopens, listing /, and ungranted env vars; prints each result.
 * Demonstrates: capability-based security. The guest first lists what it CAN see (its preopened
 * directories, found with fd_prestat_get / fd_prestat_dir_name, and the names of its granted
 * environment variables), then makes each attempt and prints one line per attempt:
 *   try open /etc/hostname: denied (errno 76 ENOTCAPABLE: Capabilities insufficient)
 * Two attempts call path_open directly (bypassing wasi-libc, which refuses uncovered absolute paths by
 * itself), to show the host enforces the sandbox too: path_open(fd 3, "/etc/hostname") and "../../etc/hostname".
 * Output is deterministic for a given runtime and grant set (directory listings are sorted), so the
 * same run can be compared across runtimes; only the errno a runtime chooses may differ between them.
 * Note: Debian's wasi-libc (2022-05) reports a path with no covering preopen as ENOTCAPABLE; wasi-sdk 19+
 * reports ENOENT for the same case. A `..` escape is refused by the runtime itself (wasmtime: EPERM).
 * Exit status: 0 if every escape attempt was denied, 1 if any of them got through.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

extern char **environ;

/* WASI errno numbers are not Linux's; name the ones a sandbox denial can produce. */
static const char *errno_name(int code) {
    switch (code) {
        case EACCES: return "EACCES";
        case EBADF: return "EBADF";
        case EEXIST: return "EEXIST";
        case EINVAL: return "EINVAL";
        case EISDIR: return "EISDIR";
        case ELOOP: return "ELOOP";
        case ENAMETOOLONG: return "ENAMETOOLONG";
        case ENOENT: return "ENOENT";
        case ENOSYS: return "ENOSYS";
        case ENOTDIR: return "ENOTDIR";
        case ENOTSUP: return "ENOTSUP";
        case EPERM: return "EPERM";
        case ENOTCAPABLE: return "ENOTCAPABLE";
        default: return "E?";
    }
}

static int attempts = 0;
static int escapes = 0;

static void report_denied(const char *what, int code) {
    printf("try %s: denied (errno %d %s: %s)\n", what, code, errno_name(code), strerror(code));
}

static void try_open(const char *path) {
    char what[256];
    snprintf(what, sizeof what, "open %s", path);
    attempts++;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        report_denied(what, errno);
        return;
    }
    char buffer[512];
    ssize_t got = read(fd, buffer, sizeof buffer);
    close(fd);
    escapes++;
    printf("try %s: ALLOWED (read %ld bytes)\n", what, (long)(got < 0 ? 0 : got));
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a directory's entry names (without . and ..), sorted so output never depends on host order. */
static int list_sorted(const char *path, char ***names_out, int *count_out) {
    DIR *dir = opendir(path);
    if (!dir) return errno;
    int count = 0, capacity = 16;
    char **names = malloc(sizeof(char *) * capacity);
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, "..")) continue;
        if (count == capacity) {
            capacity *= 2;
            names = realloc(names, sizeof(char *) * capacity);
        }
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof(char *), compare_names);
    *names_out = names;
    *count_out = count;
    return 0;
}

static void print_names_and_free(char **names, int count) {
    for (int i = 0; i < count; i++) {
        printf("%s%s", i ? ", " : "", names[i]);
        free(names[i]);
    }
    free(names);
}

#define MAX_PREOPENS 32

static void show_preopens(void) {
    /* Collect the preopens BEFORE opening anything: fds this program opens later (opendir) are also
       directories, and some runtimes answer fd_prestat_get for any directory fd, not only preopens. */
    __wasi_fd_t fds[MAX_PREOPENS];
    char *names[MAX_PREOPENS];
    int found = 0;
    /* Preopens are numbered from fd 3 upward; the first fd that is not a preopen (EBADF) ends the list. */
    for (__wasi_fd_t fd = 3; found < MAX_PREOPENS; fd++) {
        __wasi_prestat_t prestat;
        if (__wasi_fd_prestat_get(fd, &prestat) != 0) break;
        if (prestat.tag != __WASI_PREOPENTYPE_DIR) continue;
        size_t len = prestat.u.dir.pr_name_len;
        char *name = calloc(len + 1, 1);
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, len) != 0) {
            free(name);
            continue;
        }
        fds[found] = fd;
        names[found] = name;
        found++;
    }
    if (!found) printf("can see: no preopened directories (no --dir was granted)\n");
    for (int i = 0; i < found; i++) {
        char **entries;
        int count;
        int err = list_sorted(names[i], &entries, &count);
        if (err) {
            printf("can see: preopen fd %u -> %s (cannot list: %s)\n", fds[i], names[i], strerror(err));
        } else {
            printf("can see: preopen fd %u -> %s (%d entr%s", fds[i], names[i], count, count == 1 ? "y" : "ies");
            if (count) printf(": ");
            print_names_and_free(entries, count);
            printf(")\n");
        }
        free(names[i]);
    }
}

static void show_environment(void) {
    int count = 0;
    for (char **e = environ; e && *e; e++) count++;
    if (!count) {
        printf("can see: no environment variables\n");
        return;
    }
    /* Names only, sorted: the point is which variables exist, not their (possibly secret) values. */
    char **names = malloc(sizeof(char *) * count);
    for (int i = 0; i < count; i++) {
        const char *eq = strchr(environ[i], '=');
        size_t len = eq ? (size_t)(eq - environ[i]) : strlen(environ[i]);
        names[i] = strndup(environ[i], len);
    }
    qsort(names, count, sizeof(char *), compare_names);
    printf("can see: %d environment variable%s: ", count, count == 1 ? "" : "s");
    print_names_and_free(names, count);
    printf("\n");
}

static void try_list_root(void) {
    attempts++;
    char **names;
    int count;
    int err = list_sorted("/", &names, &count);
    if (err) {
        report_denied("list /", err);
        return;
    }
    escapes++;
    printf("try list /: ALLOWED (%d entr%s", count, count == 1 ? "y" : "ies");
    if (count) printf(": ");
    print_names_and_free(names, count);
    printf(")\n");
}

/* Bypasses wasi-libc (which refuses uncovered absolute paths itself) and asks the host directly, to show
   that the sandbox is enforced by the runtime, not by the guest's own library. fd 3 is the first preopen
   when there is one; with none it is not a valid handle at all (EBADF). */
static void try_raw_path_open(__wasi_fd_t fd, const char *path) {
    char what[256];
    snprintf(what, sizeof what, "path_open(fd %u, \"%s\") bypassing libc", fd, path);
    attempts++;
    __wasi_fd_t opened;
    __wasi_errno_t err = __wasi_path_open(fd, 0, path, 0, __WASI_RIGHTS_FD_READ, 0, 0, &opened);
    if (err != 0) {
        report_denied(what, err);
        return;
    }
    (void)__wasi_fd_close(opened);
    escapes++;
    printf("try %s: ALLOWED (fd %u)\n", what, opened);
}

static void try_env(const char *name) {
    attempts++;
    const char *value = getenv(name);
    if (!value) {
        printf("try env %s: not set (the host did not grant it)\n", name);
        return;
    }
    escapes++;
    printf("try env %s: ALLOWED (%zu characters; it was granted)\n", name, strlen(value));
}

int main(void) {
    printf("escape-artist: what I can see\n");
    show_preopens();
    show_environment();
    printf("escape-artist: trying to get out\n");
    try_open("/data/../etc/hostname");
    try_open("/etc/hostname");
    try_open("/home/learner/README.txt");
    try_list_root();
    try_raw_path_open(3, "/etc/hostname");
    try_raw_path_open(3, "../../etc/hostname");
    try_env("HOME");
    try_env("PATH");
    try_env("AWS_SECRET_ACCESS_KEY");
    printf("escape-artist: %d of %d attempts got through\n", escapes, attempts);
    return escapes ? 1 : 0;
}
