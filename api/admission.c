/* admission.c — accepting connections and screening their first request head (see
 * admission.h). One thread, one poll() over the listening socket and the connections whose head
 * is not all in. Looking without taking leaves the bytes readable, so each connection's
 * SO_RCVLOWAT is raised past what was seen: poll() wakes for new bytes (or the end of the
 * stream), not again for the same ones. A head already over 8 KiB rests 50 ms after each look
 * (it is not polled meanwhile), so that one trickled a byte at a time costs at most 20 copies
 * of 32 KiB a second until its deadline. A refused connection's input is read past for up to
 * 2 s after its answer before it is closed: closing a socket with unread input resets it, and
 * the reset can destroy the answer on its way. */
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <yder.h>
#include "api/admission.h"
#include "src/rules/errors.h"
#include "src/rules/problems.h"

#define BIG_HEAD 8192
#define LOOK_EVERY_MS 50
#define LINGER_MS 2000
/* When the cap is reached, or accept() fails (out of descriptors), the listener rests this
 * long before it is polled again. */
#define REST_MS 100
#define ACCEPTS_PER_ROUND 64
#define DISCARD_PER_ROUND (256 * 1024)

typedef struct {
  edx_connection *c;
  size_t seen;     /* bytes the last look saw */
  long looked_ms;  /* when */
  long closing_ms; /* refused: closed by then at the latest (0: not refused) */
  int line_done;   /* its request line is in */
} pending;

struct edx_admission {
  int listener, wake;
  struct MHD_Daemon *daemon;
  edx_connections *set;
  edx_head_limits limits;
  int cap;
  long rest_until_ms;
  atomic_int stop_listening, stopping, heads;
  pthread_t thread;
  pending *pending;
  size_t count, capacity;
  struct pollfd *fds;
  char *peek;      /* head_max + 1 bytes */
};

static long now_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void set_low_water(int fd, size_t bytes)
{
  int value = bytes > 0x7fffffff ? 0x7fffffff : (int)bytes;
  setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &value, sizeof(value));
}

/* Takes pending[i] out of the list (the last one takes its place). */
static void unlist(edx_admission *a, size_t i)
{
  if (a->pending[i].line_done)
    atomic_fetch_sub(&a->heads, 1);
  a->pending[i] = a->pending[--a->count];
}

/* Closes pending[i]: it leaves the set before its descriptor is closed. */
static void drop(edx_admission *a, size_t i)
{
  edx_connection *c = a->pending[i].c;
  int fd = c->fd;
  unlist(a, i);
  edx_connection_closed(a->set, c);
  close(fd);
}

/* Hands pending[i], its head unread, to libmicrohttpd. */
static void hand_over(edx_admission *a, size_t i)
{
  edx_connection *c = a->pending[i].c;
  int fd = c->fd;
  struct sockaddr_in peer = c->peer;
  set_low_water(fd, 1);
  edx_connection_handing(a->set, c);
  unlist(a, i);
  if (MHD_add_connection(a->daemon, fd, (const struct sockaddr *)&peer, sizeof(peer)) != MHD_YES)
    edx_connection_closed(a->set, c); /* libmicrohttpd closed the descriptor */
}

static const char *reason(int status)
{
  switch (status) {
  case 413:
    return "Content Too Large";
  case 414:
    return "URI Too Long";
  case 431:
    return "Request Header Fields Too Large";
  case 505:
    return "HTTP Version Not Supported";
  default:
    return "Bad Request";
  }
}

/* The answer to a refused head, in text (malloc'ed), or NULL when out of memory. */
static char *refusal_text(const edx_head_screen *s)
{
  const edx_problem_kind *k = edx_problem_kind_of_status(s->status);
  char type[96], *body, *text = NULL;
  snprintf(type, sizeof(type), "urn:edudx:problem:%s", k->slug);
  json_t *doc = json_pack("{s:s, s:s, s:i, s:s, s:[{s:s, s:s, s:s}]}", "type", type, "title",
                          k->title, "status", s->status, "detail", s->detail, "errors", "field",
                          s->field, "code", s->code, "message", s->detail);
  body = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
  json_decref(doc);
  if (body &&
      asprintf(&text, "HTTP/1.1 %d %s\r\nContent-Type: application/problem+json\r\n"
                      "Content-Language: en\r\nX-Content-Type-Options: nosniff\r\n"
                      "Connection: close\r\nContent-Length: %zu\r\n\r\n%s",
               s->status, reason(s->status), strlen(body), body) < 0)
    text = NULL;
  free(body);
  return text;
}

/* Reads past what pending[i] sent (up to DISCARD_PER_ROUND); 0 when the stream ended (or
 * failed). */
static int read_past(edx_admission *a, size_t i)
{
  size_t total = 0;
  for (;;) {
    ssize_t n = recv(a->pending[i].c->fd, a->peek, a->limits.head_max + 1, MSG_DONTWAIT);
    if (n <= 0)
      return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
    total += (size_t)n;
    if (total >= DISCARD_PER_ROUND)
      return 1;
  }
}

/* Answers pending[i]'s head with its refusal; the connection lingers, reading past its input,
 * until its client closes it or LINGER_MS pass. */
static void refuse(edx_admission *a, size_t i, const edx_head_screen *s)
{
  pending *p = &a->pending[i];
  char *text = refusal_text(s), ip[INET_ADDRSTRLEN] = "?";
  inet_ntop(AF_INET, &p->c->peer.sin_addr, ip, sizeof(ip));
  y_log_message(Y_LOG_LEVEL_INFO, "%s refused at its head: %d %s", ip, s->status, s->detail);
  if (text)
    send(p->c->fd, text, strlen(text), MSG_NOSIGNAL | MSG_DONTWAIT);
  free(text);
  shutdown(p->c->fd, SHUT_WR);
  set_low_water(p->c->fd, 1);
  if (p->line_done) {
    p->line_done = 0; /* a refused head holds no drain */
    atomic_fetch_sub(&a->heads, 1);
  }
  p->closing_ms = now_ms() + LINGER_MS;
  if (!read_past(a, i))
    drop(a, i);
}

/* Looks at what pending[i] sent so far (revents: what poll() said of it). */
static void look(edx_admission *a, size_t i, short revents)
{
  pending *p = &a->pending[i];
  edx_head_screen s;
  ssize_t n = recv(p->c->fd, a->peek, a->limits.head_max + 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) ||
      (revents & (POLLHUP | POLLERR))) {
    drop(a, i); /* the client left, or the watchdog shut the connection */
    return;
  }
  if (n < 0)
    return;
  edx_head_judge(a->peek, (size_t)n, &a->limits, &s);
  p->seen = (size_t)n;
  p->looked_ms = now_ms();
  if (s.line_done && !p->line_done) {
    p->line_done = 1;
    atomic_fetch_add(&a->heads, 1);
    edx_connection_waits(a->set, p->c, EDX_WAIT_HEAD);
  }
  if (s.verdict == EDX_HEAD_PASS)
    hand_over(a, i);
  else if (s.verdict == EDX_HEAD_REFUSE)
    refuse(a, i, &s);
  else if (revents & POLLRDHUP)
    drop(a, i); /* a head cut short: no more is coming */
  else
    set_low_water(p->c->fd, p->seen + 1);
}

/* Accepts what waits on the listener, while the cap allows. */
static void accept_some(edx_admission *a)
{
  for (int k = 0; k < ACCEPTS_PER_ROUND; k++) {
    struct sockaddr_in peer;
    socklen_t len = sizeof(peer);
    edx_connection *c;
    int fd;
    if (a->count >= a->capacity || edx_connections_count(a->set) >= a->cap)
      return;
    fd = accept4(a->listener, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED) {
        y_log_message(Y_LOG_LEVEL_WARNING, "http: cannot accept a connection: %s",
                      strerror(errno));
        a->rest_until_ms = now_ms() + REST_MS;
      }
      return;
    }
    c = peer.sin_family == AF_INET
          ? edx_connection_accepted(a->set, fd, &peer, EDX_PER_ADDRESS_CONNECTIONS)
          : NULL;
    if (!c) {
      close(fd); /* over the per-address limit (or out of memory) */
      continue;
    }
    a->pending[a->count++] = (pending){.c = c, .looked_ms = now_ms()};
    look(a, a->count - 1, 0); /* the head may be in already */
  }
}

/* Fills the poll set; returns the poll timeout (ms, -1: none). */
static int poll_set(edx_admission *a, long now)
{
  long timeout = -1;
  int listening = a->listener >= 0 && now >= a->rest_until_ms &&
                  edx_connections_count(a->set) < a->cap;
  a->fds[0] = (struct pollfd){.fd = a->wake, .events = POLLIN};
  a->fds[1] = (struct pollfd){.fd = listening ? a->listener : -1, .events = POLLIN};
  if (a->listener >= 0 && !listening)
    timeout = REST_MS; /* full, or resting: look again for a free slot */
  for (size_t i = 0; i < a->count; i++) {
    const pending *p = &a->pending[i];
    long due = p->closing_ms ? p->closing_ms
               : p->seen > BIG_HEAD ? p->looked_ms + LOOK_EVERY_MS : 0;
    int resting = !p->closing_ms && due > now;
    a->fds[2 + i] = (struct pollfd){.fd = resting ? -1 : p->c->fd, .events = POLLIN | POLLRDHUP};
    if ((resting || p->closing_ms) && (timeout < 0 || due - now < timeout))
      timeout = due > now ? due - now : 0; /* (a big head no longer resting waits for news) */
  }
  return (int)timeout;
}

static void *admit(void *arg)
{
  edx_admission *a = arg;
  while (!atomic_load(&a->stopping)) {
    long now = now_ms();
    uint64_t woken;
    if (atomic_load(&a->stop_listening) && a->listener >= 0) {
      close(a->listener);
      a->listener = -1;
    }
    int timeout = poll_set(a, now);
    size_t listed = a->count;
    if (poll(a->fds, (nfds_t)(2 + listed), timeout) < 0 && errno != EINTR) {
      y_log_message(Y_LOG_LEVEL_ERROR, "http: the admission thread stops: %s", strerror(errno));
      break;
    }
    if (a->fds[0].revents && read(a->wake, &woken, sizeof(woken)) < 0)
      woken = 0;
    now = now_ms();
    for (size_t i = listed; i-- > 0;) { /* backwards: an entry leaving takes the last's place */
      pending *p = &a->pending[i];
      short revents = a->fds[2 + i].revents;
      if (p->closing_ms && ((revents && !read_past(a, i)) || now >= p->closing_ms))
        drop(a, i);
      else if (!p->closing_ms && revents)
        look(a, i, revents);
    }
    if (a->fds[1].revents & POLLIN)
      accept_some(a);
  }
  while (a->count > 0)
    drop(a, a->count - 1);
  if (a->listener >= 0)
    close(a->listener);
  return NULL;
}

static void free_admission(edx_admission *a)
{
  if (a->wake >= 0)
    close(a->wake);
  free(a->pending);
  free(a->fds);
  free(a->peek);
  free(a);
}

edx_admission *edx_admission_start(int listener, struct MHD_Daemon *daemon, edx_connections *set,
                                   const edx_head_limits *limits, int cap)
{
  edx_admission *a = calloc(1, sizeof(*a));
  if (!a)
    goto fail;
  a->listener = listener;
  a->daemon = daemon;
  a->set = set;
  a->limits = *limits;
  a->cap = cap;
  a->capacity = (size_t)cap + 1;
  a->wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  a->pending = calloc(a->capacity, sizeof(*a->pending));
  a->fds = calloc(a->capacity + 2, sizeof(*a->fds));
  a->peek = malloc(limits->head_max + 1);
  if (a->wake < 0 || !a->pending || !a->fds || !a->peek ||
      pthread_create(&a->thread, NULL, admit, a) != 0) {
    free_admission(a);
    goto fail;
  }
  return a;
fail:
  close(listener);
  return NULL;
}

static void wake(edx_admission *a)
{
  uint64_t one = 1;
  if (write(a->wake, &one, sizeof(one)) < 0)
    y_log_message(Y_LOG_LEVEL_WARNING, "http: cannot wake the admission thread");
}

void edx_admission_stop_listening(edx_admission *a)
{
  atomic_store(&a->stop_listening, 1);
  wake(a);
}

int edx_admission_heads(edx_admission *a)
{
  return atomic_load(&a->heads);
}

void edx_admission_stop(edx_admission *a)
{
  if (!a)
    return;
  atomic_store(&a->stopping, 1);
  wake(a);
  pthread_join(a->thread, NULL);
  free_admission(a);
}
