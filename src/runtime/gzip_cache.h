/* gzip_cache.h — the gzip-encoded form of an answer, compressed as it pays: an answer under
 * EDX_GZIP_KEEP_MIN_BYTES is compressed on every request at a fast level; a larger one (the
 * all-districts progress answer: 6.8 MB at country size, served again and again from the answer
 * cache) is compressed once at a thorough level and kept, with a copy of its bytes, so that the
 * same bytes asked for again get the kept compressed form without compressing them anew. A kept
 * form is handed out only for a body equal byte for byte to the one it was made from. A few
 * slots within a byte budget, replaced oldest first. Thread-safe. */
#ifndef EDX_GZIP_CACHE_H
#define EDX_GZIP_CACHE_H
#include <stddef.h>

#define EDX_GZIP_LEVEL_FAST 1       /* answers compressed on every request */
#define EDX_GZIP_LEVEL_KEPT 6       /* answers compressed once and kept */
#define EDX_GZIP_KEEP_MIN_BYTES (256 * 1024)
#define EDX_GZIP_KEEP_BUDGET (48 * 1024 * 1024) /* bodies and compressed forms kept, in bytes */

/* The gzip-encoded form of body[0..len): *out (malloc'ed, the caller frees it), *out_len bytes.
 * EDX_OK, or EDX_EINTERNAL with the message set (*out NULL). */
int edx_gzip_answer(const void *body, size_t len, char **out, size_t *out_len);
/* How many answers were given a kept form instead of being compressed again (tests, metrics). */
unsigned long edx_gzip_cache_hits(void);
/* Forgets every kept form (tests, shutdown). */
void edx_gzip_cache_clear(void);
#endif
