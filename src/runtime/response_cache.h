/* response_cache.h — a small in-memory cache of finished answers (body, content type, ETag,
 * Content-Disposition) under a key that names everything the answer depends on. Used for
 * progress, whose national answer takes far longer to compute than to look up. Thread-safe;
 * a fixed number of slots, replaced oldest first. */
#ifndef EDX_RESPONSE_CACHE_H
#define EDX_RESPONSE_CACHE_H
#include <stddef.h>

typedef struct {
  char *body;               /* malloc'ed copy; free with edx_cached_free */
  size_t len;
  char content_type[64];
  char etag[24];
  char disposition[128];    /* "" when none */
} edx_cached;

/* Copies the answer stored under key into *out; returns 1 on a hit, 0 otherwise. */
int edx_cache_get(const char *key, edx_cached *out);
/* Stores a copy of the answer under key (replacing the oldest slot when full). */
void edx_cache_put(const char *key, const edx_cached *answer);
void edx_cached_free(edx_cached *c);
/* Empties the cache (tests, shutdown). */
void edx_cache_clear(void);
#endif
