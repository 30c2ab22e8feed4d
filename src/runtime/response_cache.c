/* response_cache.c — finished answers by key, shared by counted reference (see
 * response_cache.h). */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "src/runtime/response_cache.h"

#define SLOTS 32

typedef struct {
  edx_cached answer; /* first: a reference is a pointer to it */
  char *key;
  unsigned refs;     /* the slot's (while kept) and every reader's */
  unsigned long stamp;
} kept;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static kept *slots[SLOTS];
static unsigned long clock_;

static void kept_free(kept *k)
{
  free(k->answer.body);
  free(k->answer.gzip);
  free(k->key);
  free(k);
}

/* Drops one reference under the lock; returns the entry when it was the last (to free after
 * unlocking), else NULL. */
static kept *unref_locked(kept *k)
{
  return k && --k->refs == 0 ? k : NULL;
}

const edx_cached *edx_cache_get(const char *key)
{
  kept *hit = NULL;
  pthread_mutex_lock(&lock);
  for (int i = 0; i < SLOTS && !hit; i++)
    if (slots[i] && strcmp(slots[i]->key, key) == 0) {
      hit = slots[i];
      hit->refs++;
    }
  pthread_mutex_unlock(&lock);
  return hit ? &hit->answer : NULL;
}

const edx_cached *edx_cache_keep(const char *key, edx_cached *answer)
{
  kept *k = calloc(1, sizeof(*k)), *dropped;
  int victim = 0;
  if (!k || !(k->key = strdup(key))) {
    free(k);
    free(answer->body);
    free(answer->gzip);
    return NULL;
  }
  k->answer = *answer;
  k->refs = 2; /* the slot's and the caller's */
  pthread_mutex_lock(&lock);
  for (int i = 0; i < SLOTS; i++) {
    if (slots[i] && strcmp(slots[i]->key, key) == 0) {
      victim = i;
      break;
    }
    if (!slots[i] || (slots[victim] && slots[i]->stamp < slots[victim]->stamp))
      victim = i;
  }
  dropped = unref_locked(slots[victim]);
  slots[victim] = k;
  k->stamp = ++clock_;
  pthread_mutex_unlock(&lock);
  if (dropped)
    kept_free(dropped);
  return &k->answer;
}

void edx_cache_release(const edx_cached *answer)
{
  kept *k = (kept *)(void *)answer, *dropped; /* answer is the first member */
  if (!answer)
    return;
  pthread_mutex_lock(&lock);
  dropped = unref_locked(k);
  pthread_mutex_unlock(&lock);
  if (dropped)
    kept_free(dropped);
}

void edx_cache_clear(void)
{
  kept *dropped[SLOTS];
  pthread_mutex_lock(&lock);
  for (int i = 0; i < SLOTS; i++) {
    dropped[i] = unref_locked(slots[i]);
    slots[i] = NULL;
  }
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < SLOTS; i++)
    if (dropped[i])
      kept_free(dropped[i]);
}
