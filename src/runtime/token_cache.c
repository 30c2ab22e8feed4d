/* token_cache.c — a fixed table of callers by secret hash (see token_cache.h). A slot is chosen
 * by the hash's first digits (the hash is uniform); a newer entry replaces an older one in its
 * slot. One mutex guards the table: a lookup holds it for a copy of one entry. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "src/runtime/token_cache.h"

#define HASH_LEN 64

typedef struct {
  char hash[HASH_LEN + 1];
  edx_caller caller;
  long long kept_until_ms; /* monotonic */
  long long token_expires_s; /* wall clock; 0: never */
} entry;

struct edx_token_cache {
  pthread_mutex_t lock;
  int ttl_ms;
  int slots;
  unsigned long generation;
  entry **table;
};

edx_token_cache *edx_token_cache_new(int ttl_ms, int slots)
{
  edx_token_cache *cache = calloc(1, sizeof(*cache));
  if (!cache || !(cache->table = calloc((size_t)(slots > 0 ? slots : 1), sizeof(entry *)))) {
    free(cache);
    return NULL;
  }
  pthread_mutex_init(&cache->lock, NULL);
  cache->ttl_ms = ttl_ms;
  cache->slots = slots > 0 ? slots : 1;
  return cache;
}

static void drop_all(edx_token_cache *cache)
{
  for (int i = 0; i < cache->slots; i++) {
    free(cache->table[i]);
    cache->table[i] = NULL;
  }
}

void edx_token_cache_free(edx_token_cache *cache)
{
  if (!cache)
    return;
  drop_all(cache);
  pthread_mutex_destroy(&cache->lock);
  free(cache->table);
  free(cache);
}

/* The slot of hash: its first eight hex digits (uniform, as a SHA-256 is) modulo the size. */
static int slot_of(const edx_token_cache *cache, const char *hash)
{
  unsigned long v = 0;
  for (int i = 0; i < 8; i++) {
    char h = hash[i];
    v = v * 16 + (unsigned long)(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
  }
  return (int)(v % (unsigned long)cache->slots);
}

/* "2026-12-07T05:20:08.123456Z" as seconds since the epoch; 0 for "" (never) or unreadable,
 * -1 for a time before the epoch (the token counts as expired). */
static long long expiry_seconds(const char *text)
{
  struct tm tm;
  memset(&tm, 0, sizeof(tm));
  if (!text[0] || !strptime(text, "%Y-%m-%dT%H:%M:%S", &tm))
    return 0;
  long long s = (long long)timegm(&tm);
  return s > 0 ? s : -1;
}

static long long monotonic_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int edx_token_cache_get_at(edx_token_cache *cache, const char *hash, edx_caller *out,
                           unsigned long *generation, long long now_ms, long long now_s)
{
  int hit = 0;
  if (strlen(hash) != HASH_LEN)
    return 0;
  pthread_mutex_lock(&cache->lock);
  *generation = cache->generation;
  const entry *e = cache->table[slot_of(cache, hash)];
  if (e && strcmp(e->hash, hash) == 0 && now_ms < e->kept_until_ms &&
      (e->token_expires_s == 0 || now_s < e->token_expires_s)) {
    *out = e->caller;
    hit = 1;
  }
  pthread_mutex_unlock(&cache->lock);
  return hit;
}

void edx_token_cache_put_at(edx_token_cache *cache, const char *hash, const edx_caller *caller,
                            unsigned long generation, long long now_ms)
{
  entry *e;
  if (cache->ttl_ms <= 0 || strlen(hash) != HASH_LEN || !(e = malloc(sizeof(*e))))
    return;
  memcpy(e->hash, hash, HASH_LEN + 1);
  e->caller = *caller;
  e->kept_until_ms = now_ms + cache->ttl_ms;
  e->token_expires_s = expiry_seconds(caller->expires_at);
  pthread_mutex_lock(&cache->lock);
  if (generation == cache->generation) {
    int slot = slot_of(cache, hash);
    free(cache->table[slot]);
    cache->table[slot] = e;
    e = NULL;
  }
  pthread_mutex_unlock(&cache->lock);
  free(e);
}

int edx_token_cache_get(edx_token_cache *cache, const char *hash, edx_caller *out,
                        unsigned long *generation)
{
  return edx_token_cache_get_at(cache, hash, out, generation, monotonic_ms(),
                                (long long)time(NULL));
}

void edx_token_cache_put(edx_token_cache *cache, const char *hash, const edx_caller *caller,
                         unsigned long generation)
{
  edx_token_cache_put_at(cache, hash, caller, generation, monotonic_ms());
}

void edx_token_cache_clear(edx_token_cache *cache)
{
  pthread_mutex_lock(&cache->lock);
  cache->generation++;
  drop_all(cache);
  pthread_mutex_unlock(&cache->lock);
}
