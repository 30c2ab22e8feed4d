/* etag.h — strong entity tags computed from a representation, and If-Match / If-None-Match
 * comparison (RFC 9110 §13.1). */
#ifndef EDX_ETAG_H
#define EDX_ETAG_H
#include <jansson.h>
#include <stddef.h>

#define EDX_ETAG_LEN 19 /* '"' + 16 hex + '"' + NUL */

/* Writes the quoted strong ETag of bytes[0..len) into out (EDX_ETAG_LEN bytes). */
void edx_etag_of_bytes(char out[EDX_ETAG_LEN], const char *bytes, size_t len);
/* The ETag of a JSON value: of its canonical form (sorted keys), so key order does not matter. */
void edx_etag_of_json(char out[EDX_ETAG_LEN], const json_t *value);
/* The ETag an answer of value carries: of its serialisation as sent (EDX_JSON_OUT, keys in
 * the order the representation builds them), so a resource read again compares equal. */
void edx_etag_of_answer(char out[EDX_ETAG_LEN], const json_t *value);
/* 1 when an If-Match / If-None-Match header value lists etag, or is "*". Weak tags (W/"...")
 * match by their opaque part only when weak_ok (If-None-Match uses weak comparison). */
int edx_etag_matches(const char *header, const char *etag, int weak_ok);
#endif
