/*
 * dojo_http.h: the guest side of the Dojo's outbound-HTTP host function (see dojo_http.md for the contract).
 * The import exists only inside the Dojo's Spin host; under plain wasmtime a module using it fails to
 * instantiate with "unknown import: `dojo_http::send` has not been defined", as a real component would
 * without the matching host interface.
 */
#ifndef DOJO_HTTP_H
#define DOJO_HTTP_H
#include <stdint.h>

#define DOJO_HTTP_OK 0     /* request made; *status_out and *body_len_out are set */
#define DOJO_HTTP_DENIED 1 /* destination not in the component's allowed_outbound_hosts; nothing sent */
#define DOJO_HTTP_ERROR 2  /* anything else: bad URL, bad method, no offline answer, bad pointers */

__attribute__((import_module("dojo_http"), import_name("send")))
int32_t dojo_http_send(const char *url, uint32_t url_len,
                       const char *method, uint32_t method_len,
                       uint8_t *body_out, uint32_t body_cap,
                       uint32_t *status_out, uint32_t *body_len_out);

#endif
