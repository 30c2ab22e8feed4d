/* etag.h — strong entity tags computed from a representation, the tag of its gzip-encoded
 * variant, and If-Match / If-None-Match comparison (RFC 9110 §13.1). */
#ifndef EDX_ETAG_H
#define EDX_ETAG_H
#include <jansson.h>
#include <stddef.h>

#define EDX_ETAG_LEN 19      /* '"' + 16 hex + '"' + NUL */
#define EDX_ETAG_GZIP_LEN 24 /* '"' + 16 hex + "-gzip" + '"' + NUL */

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
/* The ETag of the gzip-encoded variant of the representation whose (identity) ETag is etag:
 * "-gzip" appended inside the quotes ("a1b2…" becomes "a1b2…-gzip"), so each variant has its
 * own strong ETag (RFC 9110 §8.8.3). */
void edx_etag_gzip(char out[EDX_ETAG_GZIP_LEN], const char *etag);
/* edx_etag_matches for either variant: 1 when header lists etag or its gzip form (or "*"). */
int edx_etag_matches_variant(const char *header, const char *etag, int weak_ok);
#endif
