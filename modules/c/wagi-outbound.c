/*
 * wagi-outbound: a WAGI component that calls an outside API through the host.
 * Purpose: fetches https://api.example.com/quote (or $OUTBOUND_URL) via the dojo_http host import and relays the answer.
 * Demonstrates: outbound least privilege in Spin. The guest cannot open sockets; it asks the host, and the
 * host checks the URL against the component's allowed_outbound_hosts before anything leaves. The import
 * ABI (module "dojo_http", function "send") is specified in modules/abi/dojo_http.md.
 * Responses (WAGI: headers, blank line, body on stdout):
 *   allowed, upstream 2xx-3xx -> 200 text/plain  "Upstream <url> answered <status>:" then the upstream body
 *   allowed, upstream 4xx-5xx -> 502 text/plain  naming the upstream status
 *   denied                    -> 500 text/plain  "ErrorCode::HttpRequestDenied" and which manifest entry is missing
 *   other host error          -> 502 text/plain  naming the URL
 * Exit status is 0 in every case: a WAGI module that exits non-zero makes Spin fail the request without
 * its body, and the point here is to show the learner the explanation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../abi/dojo_http.h"

#define DEFAULT_URL "https://api.example.com/quote"

static uint8_t response[64 * 1024];

/* "https://api.example.com:8443/quote" -> "https://api.example.com:8443", the form allowed_outbound_hosts uses. */
static void origin_of(const char *url, char *out, size_t cap) {
    const char *scheme_end = strstr(url, "://");
    const char *host = scheme_end ? scheme_end + 3 : url;
    size_t len = (size_t)(host - url) + strcspn(host, "/?#");
    if (len >= cap) len = cap - 1;
    memcpy(out, url, len);
    out[len] = '\0';
}

int main(void) {
    const char *url = getenv("OUTBOUND_URL");
    if (!url || !url[0]) url = DEFAULT_URL;
    const char *method = "GET";

    uint32_t status = 0, body_len = 0;
    int32_t result = dojo_http_send(url, (uint32_t)strlen(url), method, (uint32_t)strlen(method),
                                    response, (uint32_t)sizeof response, &status, &body_len);

    if (result == DOJO_HTTP_DENIED) {
        char origin[1024];
        origin_of(url, origin, sizeof origin);
        printf("status: 500\ncontent-type: text/plain\n\n");
        printf("ErrorCode::HttpRequestDenied\n");
        printf("The request to %s was denied: %s is not in this component's allowed_outbound_hosts.\n", url, origin);
        printf("To allow it, add \"%s\" to allowed_outbound_hosts in spin.toml.\n", origin);
        return 0;
    }
    if (result != DOJO_HTTP_OK) {
        printf("status: 502\ncontent-type: text/plain\n\n");
        printf("The outbound request to %s failed (dojo_http error %d).\n", url, (int)result);
        return 0;
    }

    uint32_t shown = body_len < sizeof response ? body_len : (uint32_t)sizeof response;
    if (status >= 400) {
        printf("status: 502\ncontent-type: text/plain\n\n");
        printf("Upstream %s answered %u; giving up.\n", url, (unsigned)status);
    } else {
        printf("content-type: text/plain\n\n");
        printf("Upstream %s answered %u:\n", url, (unsigned)status);
    }
    fwrite(response, 1, shown, stdout);
    if (shown && response[shown - 1] != '\n') putchar('\n');
    if (shown < body_len) printf("[truncated: upstream sent %u bytes, showing %u]\n", (unsigned)body_len, (unsigned)shown);
    return 0;
}
