/* response_cache.c — finished answers by key (see response_cache.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "src/runtime/response_cache.h"

#define SLOTS 32

typedef struct {
  char *key;
  edx_cached answer;
  unsigned long stamp;
} slot;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static slot slots[SLOTS];
static unsigned long clock_;

static int copy(edx_cached *dst, const edx_cached *src)
{
  *dst = *src;
  dst->body = malloc(src->len ? src->len : 1);
  if (!dst->body)
    return -1;
  memcpy(dst->body, src->body, src->len);
  return 0;
}

int edx_cache_get(const char *key, edx_cached *out)
{
  int hit = 0;
  pthread_mutex_lock(&lock);
  for (int i = 0; i < SLOTS && !hit; i++)
    if (slots[i].key && strcmp(slots[i].key, key) == 0)
      hit = copy(out, &slots[i].answer) == 0;
  pthread_mutex_unlock(&lock);
  return hit;
}

void edx_cache_put(const char *key, const edx_cached *answer)
{
  slot *victim = &slots[0];
  pthread_mutex_lock(&lock);
  for (int i = 0; i < SLOTS; i++) {
    if (slots[i].key && strcmp(slots[i].key, key) == 0) {
      victim = &slots[i];
      break;
    }
    if (!slots[i].key || slots[i].stamp < victim->stamp)
      victim = &slots[i];
  }
  free(victim->key);
  edx_cached_free(&victim->answer);
  victim->key = strdup(key);
  if (!victim->key || copy(&victim->answer, answer) != 0) {
    free(victim->key);
    victim->key = NULL;
    memset(&victim->answer, 0, sizeof(victim->answer));
  }
  victim->stamp = ++clock_;
  pthread_mutex_unlock(&lock);
}

void edx_cached_free(edx_cached *c)
{
  free(c->body);
  c->body = NULL;
}

void edx_cache_clear(void)
{
  pthread_mutex_lock(&lock);
  for (int i = 0; i < SLOTS; i++) {
    free(slots[i].key);
    edx_cached_free(&slots[i].answer);
    memset(&slots[i], 0, sizeof(slots[i]));
  }
  pthread_mutex_unlock(&lock);
}
