/* connections.c — open connections, their deadlines and the watchdog (see connections.h). The
 * watchdog shuts a late connection's socket (shutdown, not close: the descriptor stays its
 * holder's — the admission thread's or libmicrohttpd's — which then sees the end of the stream
 * and cleans the connection up as for any client that left). A connection leaves the set, under
 * the set's lock, before its holder closes its descriptor, and one being handed over is left
 * alone, so the watchdog never touches a descriptor that was reused. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <yder.h>
#include "api/connections.h"

/* How often the watchdog looks. */
#define WATCH_EVERY_MS 200

struct edx_connections {
  pthread_mutex_t lock;
  pthread_cond_t wake;
  pthread_t watchdog;
  edx_deadlines deadlines;
  edx_connection *first;
  int count, limit;
  int draining, stopping;
};

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
  return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Shuts every connection past its deadline; called with the lock held. */
static void shut_late(edx_connections *set)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  for (edx_connection *c = set->first; c; c = c->next) {
    double allowed = edx_deadline_seconds(&set->deadlines, c->wait, c->body_bytes,
                                          c->over_limit, set->draining);
    if (c->shut || c->handed || allowed < 0 || seconds_between(&c->since, &now) < allowed)
      continue;
    shutdown(c->fd, SHUT_RDWR);
    c->shut = 1;
    if (!set->draining || c->wait != EDX_WAIT_IDLE)
      y_log_message(Y_LOG_LEVEL_INFO, "http: closed a connection that took over %.0f s %s",
                    allowed, c->wait == EDX_WAIT_BODY ? "over its request body"
                             : c->wait == EDX_WAIT_HEAD ? "over its request head"
                                                        : "to send a request");
  }
}

static void *watch(void *arg)
{
  edx_connections *set = arg;
  pthread_mutex_lock(&set->lock);
  while (!set->stopping) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += WATCH_EVERY_MS * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
      until.tv_sec++;
      until.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&set->wake, &set->lock, &until);
    if (!set->stopping)
      shut_late(set);
  }
  pthread_mutex_unlock(&set->lock);
  return NULL;
}

edx_connections *edx_connections_new(const edx_deadlines *deadlines, int limit)
{
  edx_connections *set = calloc(1, sizeof(*set));
  if (!set)
    return NULL;
  set->deadlines = *deadlines;
  set->limit = limit;
  pthread_mutex_init(&set->lock, NULL);
  pthread_cond_init(&set->wake, NULL);
  if (pthread_create(&set->watchdog, NULL, watch, set) != 0) {
    pthread_cond_destroy(&set->wake);
    pthread_mutex_destroy(&set->lock);
    free(set);
    return NULL;
  }
  return set;
}

void edx_connections_free(edx_connections *set)
{
  if (!set)
    return;
  pthread_mutex_lock(&set->lock);
  set->stopping = 1;
  pthread_cond_signal(&set->wake);
  pthread_mutex_unlock(&set->lock);
  pthread_join(set->watchdog, NULL);
  pthread_cond_destroy(&set->wake);
  pthread_mutex_destroy(&set->lock);
  free(set);
}

/* Takes c out of the set; called with the lock held. */
static void unlink_connection(edx_connections *set, edx_connection *c)
{
  if (c->prev)
    c->prev->next = c->next;
  else
    set->first = c->next;
  if (c->next)
    c->next->prev = c->prev;
  set->count--;
}

/* Counts peer's connections and forgets a handed one left on fd; called with the lock held. */
static int from_peer(edx_connections *set, int fd, const struct sockaddr_in *peer)
{
  int n = 0;
  edx_connection *c = set->first, *next;
  for (; c; c = next) {
    next = c->next;
    if (c->handed && c->fd == fd) {
      unlink_connection(set, c);
      free(c);
    } else if (c->peer.sin_addr.s_addr == peer->sin_addr.s_addr) {
      n++;
    }
  }
  return n;
}

edx_connection *edx_connection_accepted(edx_connections *set, int fd,
                                        const struct sockaddr_in *peer, int per_address)
{
  edx_connection *c = calloc(1, sizeof(*c));
  if (!c)
    return NULL;
  c->fd = fd;
  c->peer = *peer;
  c->wait = EDX_WAIT_IDLE;
  clock_gettime(CLOCK_MONOTONIC, &c->since);
  pthread_mutex_lock(&set->lock);
  if (from_peer(set, fd, peer) >= per_address) {
    pthread_mutex_unlock(&set->lock);
    free(c);
    return NULL;
  }
  c->over_limit = set->count >= set->limit;
  set->count++;
  c->next = set->first;
  if (set->first)
    set->first->prev = c;
  set->first = c;
  pthread_mutex_unlock(&set->lock);
  return c;
}

void edx_connection_handing(edx_connections *set, edx_connection *c)
{
  pthread_mutex_lock(&set->lock);
  c->handed = 1;
  pthread_mutex_unlock(&set->lock);
}

edx_connection *edx_connection_started(edx_connections *set, int fd)
{
  edx_connection *c;
  pthread_mutex_lock(&set->lock);
  for (c = set->first; c && !(c->handed && c->fd == fd); c = c->next)
    ;
  if (c)
    c->handed = 0;
  pthread_mutex_unlock(&set->lock);
  return c;
}

int edx_connections_count(edx_connections *set)
{
  int n;
  pthread_mutex_lock(&set->lock);
  n = set->count;
  pthread_mutex_unlock(&set->lock);
  return n;
}

void edx_connection_closed(edx_connections *set, edx_connection *c)
{
  if (!c)
    return;
  pthread_mutex_lock(&set->lock);
  unlink_connection(set, c);
  pthread_mutex_unlock(&set->lock);
  free(c);
}

void edx_connection_waits(edx_connections *set, edx_connection *c, edx_wait wait)
{
  if (!c)
    return;
  pthread_mutex_lock(&set->lock);
  c->wait = wait;
  c->body_bytes = 0;
  clock_gettime(CLOCK_MONOTONIC, &c->since);
  pthread_mutex_unlock(&set->lock);
}

void edx_connection_body_read(edx_connections *set, edx_connection *c, size_t bytes)
{
  if (!c)
    return;
  pthread_mutex_lock(&set->lock);
  c->body_bytes += bytes;
  pthread_mutex_unlock(&set->lock);
}

void edx_connections_drain(edx_connections *set)
{
  pthread_mutex_lock(&set->lock);
  set->draining = 1;
  shut_late(set);
  pthread_mutex_unlock(&set->lock);
}
