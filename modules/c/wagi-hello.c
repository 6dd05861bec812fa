/*
 * wagi-hello: an HTTP handler in Spin's WAGI style (executor = { type = "wagi" }).
 * Purpose: answers an HTTP request (CGI env vars + stdin body) with a text/plain greeting naming the method and path.
 * Demonstrates: WAGI, the CGI-like convention Spin supports for plain WASI commands: the request arrives as
 * environment variables (REQUEST_METHOD, X_FULL_URL, SCRIPT_NAME, PATH_INFO, QUERY_STRING, HTTP_<HEADER>)
 * plus the body on stdin; the response is header lines, one blank line, then the body, all on stdout.
 * Example body for `curl http://127.0.0.1:3000/hello`:  Hello from Wasm! You asked for GET /hello
 * Extra lines follow only when there is something to report: the query string, the User-Agent header,
 * the number of HTTP_* headers, and the request body (echoed, up to 64 KiB).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static const char *env_or(const char *name, const char *fallback) {
    const char *value = getenv(name);
    return value ? value : fallback;
}

/* The request path: from X_FULL_URL (scheme://host/path?query) when present, else SCRIPT_NAME + PATH_INFO. */
static void request_path(char *out, size_t cap) {
    const char *full = getenv("X_FULL_URL");
    if (full) {
        const char *scheme_end = strstr(full, "://");
        const char *path = strchr(scheme_end ? scheme_end + 3 : full, '/');
        if (path) {
            size_t len = strcspn(path, "?#");
            if (len >= cap) len = cap - 1;
            memcpy(out, path, len);
            out[len] = '\0';
            return;
        }
    }
    snprintf(out, cap, "%s%s", env_or("SCRIPT_NAME", ""), env_or("PATH_INFO", ""));
    if (out[0] == '\0') snprintf(out, cap, "/");
}

static char body[64 * 1024 + 1];

int main(void) {
    char path[2048];
    request_path(path, sizeof path);
    const char *method = env_or("REQUEST_METHOD", "GET");

    size_t body_len = 0;
    for (;;) {
        ssize_t got = read(0, body + body_len, sizeof body - 1 - body_len);
        if (got <= 0) break;
        body_len += (size_t)got;
        if (body_len == sizeof body - 1) break;
    }
    body[body_len] = '\0';

    int header_count = 0;
    for (char **e = environ; e && *e; e++) {
        if (strncmp(*e, "HTTP_", 5) == 0) header_count++;
    }

    printf("content-type: text/plain\n\n");
    printf("Hello from Wasm! You asked for %s %s\n", method, path);
    const char *query = env_or("QUERY_STRING", "");
    if (query[0]) printf("Query string: %s\n", query);
    const char *agent = getenv("HTTP_USER_AGENT");
    if (agent) printf("User-Agent: %s\n", agent);
    if (header_count) printf("Request headers seen: %d\n", header_count);
    if (body_len) printf("You sent %zu bytes: %s\n", body_len, body);
    return 0;
}
