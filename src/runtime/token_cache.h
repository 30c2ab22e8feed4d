/* token_cache.h — the callers of recently seen tokens, kept in memory by their secret's SHA-256
 * so that a request whose token was checked less than ttl_ms ago costs no database round trip.
 * Entries expire after ttl_ms (the bound on how late another instance sees a revocation) and at
 * the token's own expires_at; edx_token_cache_clear drops everything at once (this instance
 * changed a token or a scope). A check that read the database before a clear cannot put its
 * older answer back afterwards: puts carry the generation their lookup saw. */
#ifndef EDX_TOKEN_CACHE_H
#define EDX_TOKEN_CACHE_H
#include "src/rules/roles.h"

typedef struct edx_token_cache edx_token_cache;

/* A cache of at most slots entries, each kept ttl_ms; ttl_ms 0 makes a cache that keeps nothing.
 * NULL when out of memory. */
edx_token_cache *edx_token_cache_new(int ttl_ms, int slots);
void edx_token_cache_free(edx_token_cache *cache);

/* 1 and *out filled when hash (64 hex digits) is kept and neither the entry nor the token has
 * expired; 0 otherwise, with *generation set for the put that follows the database's answer. */
int edx_token_cache_get(edx_token_cache *cache, const char *hash, edx_caller *out,
                        unsigned long *generation);
/* Keeps caller under hash unless the cache was cleared since the get that gave generation. */
void edx_token_cache_put(edx_token_cache *cache, const char *hash, const edx_caller *caller,
                         unsigned long generation);
void edx_token_cache_clear(edx_token_cache *cache);

/* The same with explicit clocks (monotonic ms, wall-clock seconds since the epoch), for tests. */
int edx_token_cache_get_at(edx_token_cache *cache, const char *hash, edx_caller *out,
                           unsigned long *generation, long long now_ms, long long now_s);
void edx_token_cache_put_at(edx_token_cache *cache, const char *hash, const edx_caller *caller,
                            unsigned long generation, long long now_ms);
#endif
