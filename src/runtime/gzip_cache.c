/* gzip_cache.c — gzip-encoded answers, large ones compressed once and kept (see gzip_cache.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/errors.h"
#include "src/runtime/gzip.h"
#include "src/runtime/gzip_cache.h"

#define SLOTS 8

typedef struct {
  char *body;          /* the bytes the compressed form was made from; NULL: a free slot */
  size_t len;
  char *gz;
  size_t gz_len;
  unsigned long stamp; /* last use */
} slot;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static slot slots[SLOTS];
static size_t kept_bytes;
static unsigned long clock_, hits;

/* The slot kept for exactly these bytes, or NULL. Called with the lock held. */
static slot *find(const void *body, size_t len)
{
  for (int i = 0; i < SLOTS; i++)
    if (slots[i].body && slots[i].len == len && memcmp(slots[i].body, body, len) == 0)
      return &slots[i];
  return NULL;
}

static void drop(slot *s)
{
  kept_bytes -= s->len + s->gz_len;
  free(s->body);
  free(s->gz);
  memset(s, 0, sizeof(*s));
}

/* A free slot, after dropping the least recently used ones until need more bytes fit in the
 * budget. Called with the lock held. */
static slot *make_room(size_t need)
{
  for (;;) {
    slot *oldest = NULL, *free_slot = NULL;
    for (int i = 0; i < SLOTS; i++) {
      if (!slots[i].body && !free_slot)
        free_slot = &slots[i];
      if (slots[i].body && (!oldest || slots[i].stamp < oldest->stamp))
        oldest = &slots[i];
    }
    if (!oldest || (free_slot && kept_bytes + need <= EDX_GZIP_KEEP_BUDGET))
      return free_slot; /* with nothing kept every slot is free, and need fits the budget */
    drop(oldest);
  }
}

/* Copies the kept form of body into *out; returns 1 on a hit. */
static int take_kept(const void *body, size_t len, char **out, size_t *out_len)
{
  slot *s;
  int hit = 0;
  pthread_mutex_lock(&lock);
  if ((s = find(body, len)) != NULL && (*out = malloc(s->gz_len)) != NULL) {
    memcpy(*out, s->gz, s->gz_len);
    *out_len = s->gz_len;
    s->stamp = ++clock_;
    hits++;
    hit = 1;
  }
  pthread_mutex_unlock(&lock);
  return hit;
}

/* Keeps copies of body and its compressed form gz (nothing when they exceed the budget, memory
 * is short, or another request kept the same bytes meanwhile). */
static void keep(const void *body, size_t len, const char *gz, size_t gz_len)
{
  char *body_copy, *gz_copy;
  if (len + gz_len > EDX_GZIP_KEEP_BUDGET)
    return;
  body_copy = malloc(len);
  gz_copy = malloc(gz_len);
  if (body_copy && gz_copy) {
    memcpy(body_copy, body, len);
    memcpy(gz_copy, gz, gz_len);
    pthread_mutex_lock(&lock);
    if (!find(body, len)) {
      slot *s = make_room(len + gz_len);
      s->body = body_copy;
      s->len = len;
      s->gz = gz_copy;
      s->gz_len = gz_len;
      s->stamp = ++clock_;
      kept_bytes += len + gz_len;
      body_copy = NULL; /* the slot's now */
      gz_copy = NULL;
    }
    pthread_mutex_unlock(&lock);
  }
  free(body_copy);
  free(gz_copy);
}

int edx_gzip_answer(const void *body, size_t len, char **out, size_t *out_len)
{
  int rc;
  if (len < EDX_GZIP_KEEP_MIN_BYTES)
    return edx_gzip(body, len, EDX_GZIP_LEVEL_FAST, out, out_len);
  if (take_kept(body, len, out, out_len))
    return EDX_OK;
  rc = edx_gzip(body, len, EDX_GZIP_LEVEL_KEPT, out, out_len);
  if (rc == EDX_OK)
    keep(body, len, *out, *out_len);
  return rc;
}

unsigned long edx_gzip_cache_hits(void)
{
  unsigned long n;
  pthread_mutex_lock(&lock);
  n = hits;
  pthread_mutex_unlock(&lock);
  return n;
}

void edx_gzip_cache_clear(void)
{
  pthread_mutex_lock(&lock);
  for (int i = 0; i < SLOTS; i++)
    if (slots[i].body)
      drop(&slots[i]);
  pthread_mutex_unlock(&lock);
}
