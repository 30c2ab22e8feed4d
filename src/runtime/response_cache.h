/* response_cache.h — a small in-memory cache of finished answers (body, its gzip form, content
 * type, ETag, Content-Disposition) under a key that names everything the answer depends on.
 * Used for progress, whose national answer (6.8 MB at country size) takes far longer to compute
 * than to look up. A kept answer is immutable and shared: a lookup hands out a counted
 * reference, not a copy, so 64 clients reading the same answer hold it once, and an answer
 * replaced or evicted while being sent stays valid until its last reader releases it.
 * Thread-safe; a fixed number of slots, replaced oldest first. */
#ifndef EDX_RESPONSE_CACHE_H
#define EDX_RESPONSE_CACHE_H
#include <stddef.h>

typedef struct {
  char *body;               /* malloc'ed; owned by the cache once kept */
  size_t len;
  char *gzip;               /* its gzip form, malloc'ed, or NULL when it is not worth it */
  size_t gzip_len;
  char content_type[64];
  char etag[24];
  char disposition[128];    /* "" when none */
} edx_cached;

/* The answer kept under key, with a reference the caller gives back with edx_cache_release;
 * NULL when none. */
const edx_cached *edx_cache_get(const char *key);
/* Keeps answer under key (replacing what the key held, or the oldest slot when full), taking
 * over its body and gzip buffers, and returns it with a reference for the caller; NULL when out
 * of memory (the buffers are freed then). */
const edx_cached *edx_cache_keep(const char *key, edx_cached *answer);
/* Gives back a reference from edx_cache_get or edx_cache_keep (NULL is fine). */
void edx_cache_release(const edx_cached *answer);
/* Empties the cache (tests, shutdown); answers still referenced live until released. */
void edx_cache_clear(void);
#endif
