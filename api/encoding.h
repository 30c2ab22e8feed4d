/* encoding.h — content coding of answers: a body of EDX_GZIP_MIN_BYTES or more goes out
 * gzip-encoded (Content-Encoding: gzip) to a request whose Accept-Encoding prefers gzip, and then
 * carries the gzip variant's own ETag; every answer that has or could have a body says Vary:
 * Accept-Encoding. The rules are src/rules/content_coding.c; the compressor src/runtime/gzip.c.
 * Works on ulfius's request and response, so that the dispatcher (every answer, last) and the
 * conditional answers of http.c (the ETag of a 304) decide alike. */
#ifndef EDX_API_ENCODING_H
#define EDX_API_ENCODING_H
#include <ulfius.h>
#include "src/rules/etag.h"

/* The ETag that req gets for a representation of len bytes whose identity ETag is etag: etag
 * itself, or its gzip variant when such an answer is gzip-encoded. */
void edx_encoding_etag(char out[EDX_ETAG_GZIP_LEN], const struct _u_request *req, size_t len,
                       const char *etag);
/* The last step of every answer: adds Accept-Encoding to Vary (merged with what is there, e.g.
 * Origin) unless the status has no body (1xx, 204), then gzip-encodes the body when req accepts
 * it and it is large enough, replacing an ETag by its gzip variant. A 304, a streamed body, a
 * body already encoded and a body that fails to compress are left as they are. */
void edx_encoding_finish(const struct _u_request *req, struct _u_response *res);
#endif
