/* test_connections.c — what a hostile or careless client does to connections, each against its
 * own server: a request refused from its head (401, 403, 413) is answered before its body is
 * sent; a head or body trickled in loses its connection at its deadline while others are
 * served; connections beyond --max-connections get a 503 problem; an import whose client left
 * is abandoned with nothing written. */
#include <errno.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "raw.h"
#include "testutil.h"

TCase *connections_tcase(void);

static void pause_ms(long ms)
{
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&t, NULL);
}

/* Sends head (a request whose body is never sent) on a new connection and returns the status
 * answered within 3 s (-1: none: the server waits for the body). */
static int answer_without_body(const char *head, char *answer, size_t len)
{
  int fd = raw_open(NULL), status;
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(raw_send(fd, head), 0);
  status = raw_answer(fd, 3000, answer, len);
  close(fd);
  return status;
}

START_TEST(a_refused_request_is_answered_before_its_body)
{
  edudx_proc server;
  char head[1024], answer[2048];
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  http_use(&server);
  char *admin = harness_token((const char *const[]){"--role", "admin", NULL});
  char *reader = harness_token((const char *const[]){"--role", "reader", NULL});
  /* no token, 32 MiB promised: 401 at once (before: the 32 MiB were awaited and kept first) */
  ck_assert_int_eq(answer_without_body("POST /v1/districts HTTP/1.1\r\nHost: t\r\n"
                                       "Content-Type: application/json\r\n"
                                       "Content-Length: 33554432\r\n\r\n", answer, sizeof(answer)),
                   401);
  ck_assert_ptr_nonnull(strstr(answer, "application/problem+json"));
  /* a reader token writes nothing: 403 before the body (a client announcing a small body waits
   * for the go-ahead with Expect: 100-continue; without it, a body up to 2 MiB is read past
   * first, so that the answer is not lost to the reset of an unread one) */
  snprintf(head, sizeof(head), "POST /v1/schools HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
           "%s\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
           "Content-Length: 1000\r\n\r\n", reader);
  ck_assert_int_eq(answer_without_body(head, answer, sizeof(answer)), 403);
  /* a body declared over the route's limit (1 MiB): 413 before the body */
  snprintf(head, sizeof(head), "POST /v1/districts HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
           "%s\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
           "Content-Length: 1048577\r\n\r\n", admin);
  ck_assert_int_eq(answer_without_body(head, answer, sizeof(answer)), 413);
  /* an unknown path: 404 before the body */
  ck_assert_int_eq(answer_without_body("POST /v1/nothing HTTP/1.1\r\nHost: t\r\n"
                                       "Expect: 100-continue\r\nContent-Length: 5000\r\n\r\n",
                                       answer, sizeof(answer)),
                   404);
  /* a well-formed request is still served */
  http_resp *r = http("POST", "/v1/districts", admin,
                      "{\"code\":\"EARLY\",\"name\":\"Huyện Sớm\",\"province\":\"Tỉnh T\"}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(admin);
  free(reader);
}
END_TEST

/* A chunked body (no length declared) is counted as it arrives: past the limit it is no longer
 * kept, and the 413 comes at once, while the body is still open (before: only when the body
 * ended, libmicrohttpd 0.9.75 queueing no answer while a body arrives). The connection is then
 * closed: a client that stops sending on the answer, as this one does, is done with it. */
/* The head of a chunked POST /v1/districts as token, written into out. */
static const char *head_of_chunked(char *out, size_t len, const char *token)
{
  snprintf(out, len, "POST /v1/districts HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer %s\r\n"
           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", token);
  return out;
}

START_TEST(a_chunked_body_past_the_limit_is_413)
{
  edudx_proc server;
  char head[1024], chunk[8300];
  int fd;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  http_use(&server);
  char *admin = harness_token((const char *const[]){"--role", "admin", NULL});
  fd = raw_open(NULL);
  ck_assert_int_eq(raw_send(fd, head_of_chunked(head, sizeof(head), admin)), 0);
  snprintf(chunk, sizeof(chunk), "2000\r\n%8192s\r\n", "");
  for (int i = 0; i < 160; i++) /* 1.25 MiB, 8 KiB at a time; the limit is 1 MiB */
    ck_assert_int_eq(raw_send(fd, chunk), 0);
  /* no last chunk: the body is still open */
  ck_assert_int_eq(raw_answer(fd, 3000, head, sizeof(head)), 413);
  ck_assert_ptr_nonnull(strstr(head, "application/problem+json"));
  ck_assert_ptr_nonnull(strcasestr(head, "Connection: close"));
  ck_assert_ptr_nonnull(strcasestr(head, "\r\nContent-Length: ")); /* (raw_answer read it all) */
  close(fd);
  /* the same with the last chunk sent: the one answer, nothing after it */
  fd = raw_open(NULL);
  ck_assert_int_eq(raw_send(fd, head_of_chunked(head, sizeof(head), admin)), 0);
  for (int i = 0; i < 160; i++)
    if (raw_send(fd, chunk) != 0)
      break; /* the server may have closed its side already */
  raw_send(fd, "0\r\n\r\n");
  ck_assert_int_eq(raw_answer(fd, 3000, head, sizeof(head)), 413);
  close(fd);
  /* and the server serves on */
  http_resp *r = http("GET", "/healthz", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(admin);
}
END_TEST

typedef struct {
  int fd;
  long opened_ms, closed_ms;
} trickler;

/* Sends one more byte of what the trickler is sending; notes when the server closed it. */
static void trickle(trickler *t, const char *what)
{
  char buf[512];
  if (t->closed_ms)
    return;
  if (send(t->fd, what, strlen(what), MSG_NOSIGNAL) < 0 ||
      recv(t->fd, buf, sizeof(buf), MSG_DONTWAIT) == 0)
    t->closed_ms = raw_now_ms();
}

START_TEST(slow_clients_lose_their_slot)
{
  edudx_proc server;
  char head[1024];
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  http_use(&server);
  char *admin = harness_token((const char *const[]){"--role", "admin", NULL});
  trickler slow_head = {raw_open(NULL), 0, 0}, slow_body = {raw_open(NULL), 0, 0};
  ck_assert_int_eq(raw_send(slow_head.fd, "GET /healthz HTTP/1.1\r\n"), 0);
  snprintf(head, sizeof(head), "POST /v1/districts HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
           "%s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", admin);
  ck_assert_int_eq(raw_send(slow_body.fd, head), 0);
  slow_head.opened_ms = slow_body.opened_ms = raw_now_ms();
  /* a header line, and a byte of body, every 2 s: each would reset libmicrohttpd's own idle
   * timeout for ever */
  while (raw_now_ms() - slow_head.opened_ms < 16000 && (!slow_head.closed_ms || !slow_body.closed_ms)) {
    trickle(&slow_head, "X-Slow: 1\r\n");
    trickle(&slow_body, " ");
    http_resp *r = http("GET", "/healthz", NULL, NULL, NULL); /* others are served meanwhile */
    ck_assert_int_eq(r->status, 200);
    http_free(r);
    pause_ms(2000);
  }
  /* the head had 10 s after its request line, the body 10 s (and 1 s per 16 KiB it sent) */
  ck_assert_int_ne(slow_head.closed_ms, 0);
  ck_assert_int_ne(slow_body.closed_ms, 0);
  ck_assert_int_ge(slow_head.closed_ms - slow_head.opened_ms, 9000);
  ck_assert_int_le(slow_head.closed_ms - slow_head.opened_ms, 14500);
  ck_assert_int_ge(slow_body.closed_ms - slow_body.opened_ms, 9000);
  ck_assert_int_le(slow_body.closed_ms - slow_body.opened_ms, 14500);
  close(slow_head.fd);
  close(slow_body.fd);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(admin);
}
END_TEST

START_TEST(connections_beyond_the_limit_get_503)
{
  edudx_proc server;
  char answer[2048];
  int held[8], extra;
  harness_serve(&server, harness_conninfo(), (const char *const[]){"--max-connections", "8", NULL},
                NULL);
  http_use(&server);
  for (int i = 0; i < 8; i++) /* eight idle connections fill the server */
    ck_assert_int_ge(held[i] = raw_open(NULL), 0);
  pause_ms(300);
  extra = raw_open(NULL);
  ck_assert_int_ge(extra, 0);
  ck_assert_int_eq(raw_send(extra, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"), 0);
  /* before: no answer at all (the connection waited in the listen queue) */
  ck_assert_int_eq(raw_answer(extra, 3000, answer, sizeof(answer)), 503);
  ck_assert_ptr_nonnull(strstr(answer, "application/problem+json"));
  ck_assert_ptr_nonnull(strcasestr(answer, "\r\nRetry-After:"));
  ck_assert_ptr_nonnull(strcasestr(answer, "\r\nConnection: close"));
  ck_assert_int_eq(raw_answer(extra, 3000, NULL, 0), 0); /* and closed */
  close(extra);
  close(held[0]); /* a slot frees: the next client is served */
  pause_ms(300);
  http_resp *r = http("GET", "/healthz", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  for (int i = 1; i < 8; i++)
    close(held[i]);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
}
END_TEST

/* Sends n bytes on fd (the server may stop reading them) and reads what comes back until the
 * server closes the connection, within 5 s; closes fd; returns the (first) answer's status (0:
 * none), everything that came in answer. */
static int send_and_read(int fd, const char *bytes, size_t n, char *answer, size_t cap)
{
  int status = 0;
  size_t have = 0, sent = 0;
  long deadline = raw_now_ms() + 5000;
  while (sent < n) {
    ssize_t k = send(fd, bytes + sent, n - sent, MSG_NOSIGNAL);
    if (k <= 0)
      break;
    sent += (size_t)k;
  }
  while (have + 1 < cap && raw_now_ms() < deadline) {
    struct timeval wait = {0, 200000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
    ssize_t k = recv(fd, answer + have, cap - have - 1, 0);
    if (k == 0 || (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
      break;
    if (k > 0)
      have += (size_t)k;
  }
  answer[have] = '\0';
  close(fd);
  sscanf(answer, "HTTP/1.1 %d", &status);
  return status;
}

/* Sends n bytes on a new connection and reads the answer (send_and_read). */
static int refusal(const char *bytes, size_t n, char *answer, size_t cap)
{
  int fd = raw_open(NULL);
  ck_assert_int_ge(fd, 0);
  return send_and_read(fd, bytes, n, answer, cap);
}

/* Checks answer as a problem document answered to a head, closing the connection: its status,
 * its media type, Connection: close and the words of its detail. */
static void ck_problem_answer(int got, const char *answer, int status, const char *slug,
                              const char *words)
{
  char type[96];
  ck_assert_msg(got == status, "%d, not %d: %.300s", got, status, answer);
  ck_assert_ptr_nonnull(strcasestr(answer, "\r\nContent-Type: application/problem+json\r\n"));
  ck_assert_ptr_nonnull(strcasestr(answer, "\r\nConnection: close\r\n"));
  snprintf(type, sizeof(type), "\"type\":\"urn:edudx:problem:%s\"", slug);
  ck_assert_msg(strstr(answer, type) != NULL, "no %s in %s", type, answer);
  ck_assert_msg(strstr(answer, words) != NULL, "no '%s' in %s", words, answer);
}

/* A problem document answered to a head sent on a new connection. */
static void ck_refusal(const char *bytes, size_t n, int status, const char *slug,
                       const char *words)
{
  char answer[4096];
  int got = refusal(bytes, n, answer, sizeof(answer));
  ck_problem_answer(got, answer, status, slug, words);
}

#define ck_refusal_text(text, status, slug, words) \
  ck_refusal(text, strlen(text), status, slug, words)

/* What libmicrohttpd 0.9.75 answered with an HTML page of its own (or not at all), and what
 * RFC 9112 says to refuse that it let through, gets a problem document. */
START_TEST(malformed_heads_get_problem_documents)
{
  edudx_proc server;
  size_t cap = 80 * 1024, used;
  char *big = malloc(cap);
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  http_use(&server);
  /* a request line of 40,000 bytes (before: a 400 from edudx; over ~60 KB, libmicrohttpd's 414
   * page) */
  used = (size_t)snprintf(big, cap, "GET /healthz?q=");
  memset(big + used, 'a', 40000 - used - 9);
  used = 40000 - 9;
  used += (size_t)snprintf(big + used, cap - used, " HTTP/1.1\r\nHost: t\r\n\r\n");
  ck_refusal(big, used, 414, "uri-too-long", "the request line is longer than 16384 bytes");
  /* 70 KB of headers, 70 of 1,001 bytes (before: libmicrohttpd's 431 page) */
  used = (size_t)snprintf(big, cap, "GET /healthz HTTP/1.1\r\nHost: t\r\n");
  for (int i = 0; i < 70; i++)
    used += (size_t)snprintf(big + used, cap - used, "X-Pad-%03d: %0988d\r\n", i, 0);
  used += (size_t)snprintf(big + used, cap - used, "\r\n");
  ck_refusal(big, used, 431, "header-fields-too-large", "larger than 32768 bytes");
  /* 200 small header fields: 2 KB, but more fields than taken */
  used = (size_t)snprintf(big, cap, "GET /healthz HTTP/1.1\r\nHost: t\r\n");
  for (int i = 0; i < 200; i++)
    used += (size_t)snprintf(big + used, cap - used, "X-%03d: 1\r\n", i);
  used += (size_t)snprintf(big + used, cap - used, "\r\n");
  ck_refusal(big, used, 431, "header-fields-too-large", "more than 100 header fields");
  /* not HTTP: a TLS hello (before: no answer until the idle timeout), a word */
  ck_refusal("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11, 400, "bad-request",
             "does not begin with an HTTP/1 request line");
  ck_refusal_text("HELLO\r\n\r\n", 400, "bad-request", "\"field\":\"request-line\"");
  ck_refusal_text("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "http-version-not-supported",
             "HTTP/2.0 is not supported");
  /* HTTP/1.1 without Host (before: served) */
  ck_refusal_text("GET /healthz HTTP/1.1\r\n\r\n", 400, "bad-request",
             "\"field\":\"Host\",\"code\":\"required\"");
  /* a header line without a colon, a Content-Length that is no number or too large a one
   * (before: libmicrohttpd's 400 and 413 pages) */
  ck_refusal_text("GET /healthz HTTP/1.1\r\nHost: t\r\nBogus\r\n\r\n", 400, "bad-request",
             "header line 2 has no colon");
  ck_refusal_text("POST /v1/districts HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n",
                  400, "bad-request", "\"field\":\"Content-Length\",\"code\":\"invalid_format\"");
  ck_refusal_text("POST /v1/districts HTTP/1.1\r\nHost: t\r\n"
                  "Content-Length: 99999999999999999999999\r\n\r\n",
                  413, "payload-too-large", "\"field\":\"Content-Length\"");
  /* a body of another coding than chunked (before: no answer, libmicrohttpd read a body with
   * no end) */
  ck_refusal_text("POST /v1/districts HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n",
                  400, "bad-request", "\"field\":\"Transfer-Encoding\"");
  /* a head at the limits is still libmicrohttpd's to read, and edudx's to answer: a request
   * line of 16,384 bytes and 100 fields in a head of 32,768 bytes (a 404 for this path; asked
   * to close the connection after it) */
  used = (size_t)snprintf(big, cap, "GET /");
  memset(big + used, 'p', 16384 - 9 - used);
  used = 16384 - 9;
  used += (size_t)snprintf(big + used, cap - used, " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n");
  for (int i = 0; i < 97; i++)
    used += (size_t)snprintf(big + used, cap - used, "X-Pad-%02d: %0150d\r\n", i, 0);
  used += (size_t)snprintf(big + used, cap - used, "X-Last: ");
  memset(big + used, 'z', 32768 - 4 - used);
  used = 32768 - 4;
  used += (size_t)snprintf(big + used, cap - used, "\r\n\r\n");
  ck_assert_uint_eq(used, 32768);
  ck_refusal(big, used, 404, "not-found", "there is no resource at this path");
  /* a later request on the same connection is libmicrohttpd's alone: a well-formed one is
   * served on a connection whose first request passed */
  int fd = raw_open(NULL);
  ck_assert_int_eq(raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"), 0);
  ck_assert_int_eq(raw_answer(fd, 3000, NULL, 0), 200);
  ck_assert_int_eq(raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"), 0);
  ck_assert_int_eq(raw_answer(fd, 3000, NULL, 0), 200);
  close(fd);
  /* two requests sent at once (pipelined): the first head is screened, the second left unread
   * behind it for libmicrohttpd; both are answered, in order */
  const char *two = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                    "GET /nothing HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
  ck_assert_int_eq(refusal(two, strlen(two), big, cap), 200);
  char *second = strstr(big + 1, "HTTP/1.1 ");
  ck_assert_ptr_nonnull(second);
  ck_assert_int_eq(strncmp(second, "HTTP/1.1 404", 12), 0);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(big);
}
END_TEST

/* Sends bytes as the second request of a connection whose first (GET /healthz) was answered,
 * and checks the answer as ck_refusal does: a later head is judged by the same rule as a first
 * one, from what libmicrohttpd read of it. */
static void ck_later_refusal(const char *bytes, size_t n, int status, const char *slug,
                             const char *words)
{
  char answer[4096];
  int fd = raw_open(NULL);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"), 0);
  ck_assert_int_eq(raw_answer(fd, 3000, NULL, 0), 200);
  int got = send_and_read(fd, bytes, n, answer, sizeof(answer));
  ck_problem_answer(got, answer, status, slug, words);
}

/* A later request on a kept-alive connection is judged as its first was: the heads the first
 * head's screen refuses, and libmicrohttpd (within its 64 KiB) lets through, get the same
 * problem documents (before: a 40 KB head and 150 fields were served, a 20 KB request line got
 * a 404, an HTTP/1.1 request without Host was served). */
START_TEST(later_heads_on_a_kept_connection_are_judged_alike)
{
  edudx_proc server;
  size_t cap = 64 * 1024, used;
  char *big = malloc(cap);
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  http_use(&server);
  used = (size_t)snprintf(big, cap, "GET /healthz HTTP/1.1\r\nHost: t\r\n");
  for (int i = 0; i < 40; i++)
    used += (size_t)snprintf(big + used, cap - used, "X-Pad-%03d: %0988d\r\n", i, 0);
  used += (size_t)snprintf(big + used, cap - used, "\r\n");
  ck_later_refusal(big, used, 431, "header-fields-too-large", "larger than 32768 bytes");
  used = (size_t)snprintf(big, cap, "GET /healthz HTTP/1.1\r\nHost: t\r\n");
  for (int i = 0; i < 150; i++)
    used += (size_t)snprintf(big + used, cap - used, "X-%03d: 1\r\n", i);
  used += (size_t)snprintf(big + used, cap - used, "\r\n");
  ck_later_refusal(big, used, 431, "header-fields-too-large", "more than 100 header fields");
  used = (size_t)snprintf(big, cap, "GET /healthz?q=");
  memset(big + used, 'a', 20000 - used - 9);
  used = 20000 - 9;
  used += (size_t)snprintf(big + used, cap - used, " HTTP/1.1\r\nHost: t\r\n\r\n");
  ck_later_refusal(big, used, 414, "uri-too-long", "the request line is longer than 16384 bytes");
  ck_later_refusal("GET /healthz HTTP/1.1\r\n\r\n", strlen("GET /healthz HTTP/1.1\r\n\r\n"), 400,
                   "bad-request", "\"field\":\"Host\",\"code\":\"required\"");
  /* a body of another coding than chunked: answered at once (before: no answer while the
   * client kept the connection open) */
  const char *gzip = "POST /v1/districts HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n";
  ck_later_refusal(gzip, strlen(gzip), 400, "bad-request", "\"field\":\"Transfer-Encoding\"");
  /* and a later well-formed head is still served on the kept connection */
  int fd = raw_open(NULL);
  for (int i = 0; i < 3; i++) {
    ck_assert_int_eq(raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: t\r\nX-A: 1\r\n\r\n"), 0);
    ck_assert_int_eq(raw_answer(fd, 3000, NULL, 0), 200);
  }
  close(fd);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(big);
}
END_TEST

/* A client address holds at most 200 connections: the 201st is closed at once, while another
 * address is served. (The first heads of them all are being screened by edudx, not yet
 * libmicrohttpd's, and count all the same.) */
START_TEST(one_address_holds_at_most_200_connections)
{
  edudx_proc server;
  int held[200], extra;
  char answer[1024];
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  http_use(&server);
  for (int i = 0; i < 200; i++)
    ck_assert_int_ge(held[i] = raw_open("127.0.0.9"), 0);
  pause_ms(300);
  extra = raw_open("127.0.0.9");
  ck_assert_int_ge(extra, 0);
  raw_send(extra, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"); /* may fail: closed already */
  ck_assert_int_le(raw_answer(extra, 3000, answer, sizeof(answer)), 0); /* closed, no answer */
  close(extra);
  int other = raw_open("127.0.0.10");
  ck_assert_int_eq(raw_send(other, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"), 0);
  ck_assert_int_eq(raw_answer(other, 3000, NULL, 0), 200);
  close(other);
  close(held[0]); /* one closes: the address may open another */
  pause_ms(300);
  extra = raw_open("127.0.0.9");
  ck_assert_int_eq(raw_send(extra, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"), 0);
  ck_assert_int_eq(raw_answer(extra, 3000, NULL, 0), 200);
  close(extra);
  for (int i = 1; i < 200; i++)
    close(held[i]);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
}
END_TEST

/* On SIGTERM, a connection that has sent nothing is closed at once and new ones are refused,
 * while a head under way (its request line in, not yet handed to libmicrohttpd) is still
 * answered, with Connection: close, before the process exits. */
START_TEST(sigterm_closes_silent_connections_and_finishes_heads)
{
  edudx_proc server;
  char head[2048];
  int status = 0;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  http_use(&server);
  int silent = raw_open(NULL), half = raw_open(NULL);
  ck_assert_int_ge(silent, 0);
  ck_assert_int_ge(half, 0);
  ck_assert_int_eq(raw_send(half, "GET /healthz HTTP/1.1\r\n"), 0);
  pause_ms(300);
  long signalled = raw_now_ms();
  kill(server.pid, SIGTERM);
  ck_assert_int_eq(raw_answer(silent, 2000, NULL, 0), 0); /* closed without an answer */
  ck_assert_int_lt(raw_now_ms() - signalled, 1500);
  close(silent);
  pause_ms(500);
  ck_assert_int_lt(raw_open(NULL), 0); /* refused: nothing listens any more */
  ck_assert_int_eq(waitpid(server.pid, &status, WNOHANG), 0); /* still draining: the head */
  ck_assert_int_eq(raw_send(half, "Host: t\r\n\r\n"), 0);
  ck_assert_int_eq(raw_answer(half, 3000, head, sizeof(head)), 200);
  ck_assert_ptr_nonnull(strcasestr(head, "\r\nConnection: close"));
  close(half);
  ck_assert_int_eq(waitpid(server.pid, &status, 0), server.pid);
  ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ck_assert_int_lt(raw_now_ms() - signalled, 5000); /* not the 30 s drain */
}
END_TEST

/* CPU time (user and system, in clock ticks) the process pid has used so far. */
static long cpu_ticks(pid_t pid)
{
  char path[64], line[1024];
  unsigned long user = 0, sys = 0;
  snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
  FILE *f = fopen(path, "r");
  ck_assert_ptr_nonnull(f);
  ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
  fclose(f);
  /* after "pid (comm) ", fields 3..13, then utime and stime */
  const char *rest = strrchr(line, ')');
  ck_assert_int_eq(sscanf(rest + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &user,
                          &sys), 2);
  return (long)(user + sys);
}

/* Heads not all in wait without costing the server: one of 10 KB (looked at again at most
 * every 50 ms once past 8 KiB), one of a line, a connection that sent nothing. */
START_TEST(heads_not_all_in_cost_no_cpu)
{
  edudx_proc server;
  char big[10300];
  int used = snprintf(big, sizeof(big), "GET /healthz HTTP/1.1\r\nHost: t\r\n");
  for (int i = 0; used < 10000; i++)
    used += snprintf(big + used, sizeof(big) - (size_t)used, "X-Pad-%03d: %088d\r\n", i, 0);
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  http_use(&server);
  int large = raw_open(NULL), line = raw_open(NULL), silent = raw_open(NULL);
  ck_assert_int_eq(raw_send(large, big), 0);
  ck_assert_int_eq(raw_send(line, "GET /healthz HTTP/1.1\r\n"), 0);
  pause_ms(300);
  long before = cpu_ticks(server.pid), hz = sysconf(_SC_CLK_TCK);
  pause_ms(3000);
  long used_ticks = cpu_ticks(server.pid) - before;
  /* a busy loop would take the 3 s; waiting takes next to nothing */
  ck_assert_msg(used_ticks * 10 < 3 * hz, "%ld ticks of CPU in 3 s", used_ticks);
  /* and each head is still answered once it ends */
  ck_assert_int_eq(raw_send(large, "\r\n"), 0);
  ck_assert_int_eq(raw_answer(large, 3000, NULL, 0), 200);
  ck_assert_int_eq(raw_send(line, "Host: t\r\n\r\n"), 0);
  ck_assert_int_eq(raw_answer(line, 3000, NULL, 0), 200);
  close(large);
  close(line);
  close(silent);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
}
END_TEST

START_TEST(an_import_whose_client_left_writes_nothing)
{
  edudx_proc server;
  char head[1024];
  const char *csv = "code,name,level,district_code\r\nLEFT-1,Trường Bỏ Đi,primary,LEFT\r\n";
  int fd;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  http_use(&server);
  char *admin = harness_token((const char *const[]){"--role", "admin", NULL});
  http_resp *r = http("POST", "/v1/districts", admin,
                      "{\"code\":\"LEFT\",\"name\":\"Huyện Rời\",\"province\":\"Tỉnh T\"}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  /* the import waits to read the schools; meanwhile its client leaves */
  PGconn *locker = PQconnectdb(harness_conninfo());
  ck_assert_int_eq(PQstatus(locker), CONNECTION_OK);
  PQclear(PQexec(locker, "BEGIN"));
  PQclear(PQexec(locker, "LOCK TABLE schools IN ACCESS EXCLUSIVE MODE"));
  fd = raw_open(NULL);
  snprintf(head, sizeof(head), "POST /v1/schools/import HTTP/1.1\r\nHost: t\r\nAuthorization: "
           "Bearer %s\r\nContent-Type: text/csv\r\nContent-Length: %zu\r\n\r\n%s", admin,
           strlen(csv), csv);
  ck_assert_int_eq(raw_send(fd, head), 0);
  wait_for_backend("wait_event_type = 'Lock' AND query LIKE '%schools%'");
  close(fd);
  pause_ms(200);
  PQclear(PQexec(locker, "COMMIT"));
  PQfinish(locker);
  /* once it has ended (a second import is no longer refused as concurrent), nothing is there */
  static const char *csv_type[] = {"Content-Type: text/csv", NULL};
  long status = 503;
  for (int i = 0; i < 100 && status == 503; i++) {
    r = http_raw("POST", "/v1/schools/import?dry_run=true", admin, csv, strlen(csv), csv_type);
    status = r->status;
    http_free(r);
    if (status == 503)
      pause_ms(100);
  }
  ck_assert_int_eq(status, 200);
  char *n = sql_value("SELECT count(*) FROM schools WHERE code = 'LEFT-1'");
  ck_assert_str_eq(n, "0"); /* before: the import went on and wrote it for no one */
  free(n);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(admin);
}
END_TEST

/* --max-connections takes 1 to 100,000; anything else stops serve before it starts. */
START_TEST(a_bad_connection_limit_is_refused)
{
  char out[512];
  int status = harness_run(out, sizeof(out),
                           (const char *const[]){"serve", "--max-connections", "0", NULL}, NULL, 1);
  ck_assert_int_ne(status, 0);
  ck_assert_ptr_nonnull(strstr(out, "max connections must be an integer from 1 to 100000, not '0'"));
}
END_TEST

/* serve --help and -h print the usage with every option on stdout and exit 0 (issue 15: it
 * used to say "unknown or incomplete option" and exit 1). */
START_TEST(serve_help_prints_the_options)
{
  static const char *const flags[] = {"--help", "-h", NULL};
  for (int i = 0; flags[i]; i++) {
    char out[4096];
    int status = harness_run(out, sizeof(out),
                             (const char *const[]){"serve", flags[i], NULL}, NULL, 0);
    ck_assert_int_eq(status, 0);
    ck_assert_ptr_nonnull(strstr(out, "usage: edudx serve [--demo] [--port N]"));
    ck_assert_ptr_nonnull(strstr(out, "--port"));
    ck_assert_ptr_nonnull(strstr(out, "--max-connections"));
  }
}
END_TEST

TCase *connections_tcase(void)
{
  TCase *tc = tcase_create("connections");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, a_refused_request_is_answered_before_its_body);
  tcase_add_test(tc, a_chunked_body_past_the_limit_is_413);
  tcase_add_test(tc, slow_clients_lose_their_slot);
  tcase_add_test(tc, connections_beyond_the_limit_get_503);
  tcase_add_test(tc, malformed_heads_get_problem_documents);
  tcase_add_test(tc, later_heads_on_a_kept_connection_are_judged_alike);
  tcase_add_test(tc, one_address_holds_at_most_200_connections);
  tcase_add_test(tc, sigterm_closes_silent_connections_and_finishes_heads);
  tcase_add_test(tc, heads_not_all_in_cost_no_cpu);
  tcase_add_test(tc, an_import_whose_client_left_writes_nothing);
  tcase_add_test(tc, a_bad_connection_limit_is_refused);
  tcase_add_test(tc, serve_help_prints_the_options);
  return tc;
}
