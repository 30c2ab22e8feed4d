/* exchange.c — one HTTP request and its answer (see exchange.h). The request is built the way
 * ulfius built it for us before (query parameters and headers that are not UTF-8 are left out,
 * repeated ones joined with ','), so the handlers read it unchanged; what differs is that the
 * body is read only once the head has passed (dispatch.h), never past the route's limit, and
 * that work which may wait runs on the workers.
 *
 * The steps, each run once: HEAD (read on libmicrohttpd's thread, the route found there), JUDGE
 * (token, reader, declared length), BODY (pieces kept up to the limit), FINISH (the handler and
 * the answer's last touches), ANSWER (queued). JUDGE and FINISH run on a worker unless the route
 * answers without the database (or no route matched); a request without a body has both in one
 * job. libmicrohttpd calls the access handler first (again after each resume) while the head is
 * being dealt with, then with each piece of the body, then finally (again after each resume).
 * An answer queued during the first calls closes the connection (libmicrohttpd will not read a
 * body after it), so it is queued then only when a body is coming that should not be read;
 * otherwise it waits for the final call and the connection stays open. */
#include <orcania.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <ulfius.h>
#include "api/dispatch.h"
#include "api/exchange.h"
#include "src/rules/errors.h"
#include "src/rules/problems.h"
#include "src/rules/query_string.h"

typedef enum { STEP_HEAD, STEP_JUDGE, STEP_BODY, STEP_FINISH, STEP_ANSWER } step;

/* Bytes of a streamed answer made at a time on a worker. */
#define STREAM_BLOCK (64 * 1024)

struct edx_exchange {
  edx_job job;      /* first: the worker's job is the exchange */
  struct _u_request req;
  struct _u_response res;
  edx_ctx ctx;
  struct MHD_Connection *connection;
  step next;
  long long declared; /* Content-Length, or -1 */
  size_t limit;       /* the route's body limit */
  size_t capacity;    /* of req.binary_body */
  int has_body;       /* a body was announced (Content-Length > 0, or chunked) */
  int discarding;     /* the answer is made; the (small) body is read past before it goes */
  int decided;        /* the answer is made (or decided: the body is only read past) */
  int head_done;      /* libmicrohttpd's first calls are over */
  int sent_early;     /* the answer went while the body arrived: the connection then closes */
  const edx_head_limits *later; /* a later request on its connection: its head's limits */
  int head_refused;   /* a later head the head rule refused */
};

/* The query is ours to read (query_string.h): libmicrohttpd 0.9.75 keeps each parameter in the
 * connection's memory pool, and 1,000 of them made it drop the request without an answer or a
 * completion callback. It hands the request-line callback its own writable buffer and splits
 * the query just after; an empty query (question_mark is its '?') leaves it nothing to keep. */
static void leave_query_to_us(char *question_mark)
{
#if MHD_VERSION <= 0x00097500
  question_mark[1] = '\0';
#else
  (void)question_mark; /* a newer libmicrohttpd keeps the parameters as it will */
#endif
}

edx_exchange *edx_exchange_new(const char *uri, struct MHD_Connection *connection,
                               const edx_head_limits *later)
{
  edx_exchange *x = calloc(1, sizeof(*x));
  const char *query;
  if (!x)
    return NULL;
  if (ulfius_init_request(&x->req) != U_OK) {
    free(x);
    return NULL;
  }
  if (ulfius_init_response(&x->res) != U_OK) {
    ulfius_clean_request(&x->req);
    free(x);
    return NULL;
  }
  x->connection = connection;
  x->later = later;
  query = strchr(uri, '?');
  x->req.http_url = o_strdup(uri);
  x->req.url_path = query ? o_strndup(uri, (size_t)(query - uri)) : o_strdup(uri);
  if (!x->req.http_url || !x->req.url_path) {
    edx_exchange_free(x);
    return NULL;
  }
  if (query)
    leave_query_to_us((char *)query);
  return x;
}

void edx_exchange_free(edx_exchange *x)
{
  if (!x)
    return;
  if (x->next != STEP_HEAD && x->ctx.conn) /* the client left while its request held one */
    edx_pool_release(x->ctx.app->pool, x->ctx.conn);
  json_decref(x->ctx.body);
  json_decref(x->ctx.query_errors);
  ulfius_clean_request(&x->req);
  ulfius_clean_response(&x->res);
  free(x);
}

int edx_exchange_in_body(const edx_exchange *x)
{
  return x->next == STEP_BODY || x->discarding;
}

static int utf8_text(const char *s)
{
  json_t *j = s ? json_string(s) : NULL;
  json_decref(j);
  return j != NULL;
}

/* Adds key=value to the map (cls), joining a repeated key's values with ','; pairs that are not
 * UTF-8 are left out. 0, or -1 when out of memory. */
static int put_pair(void *cls, const char *key, const char *value)
{
  struct _u_map *map = cls;
  const char *had;
  if (!utf8_text(key) || (value && !utf8_text(value)))
    return 0;
  had = u_map_get(map, key);
  if (had) {
    char *joined = msprintf("%s,%s", had, value ? value : "");
    int rc = joined ? u_map_put(map, key, joined) : U_ERROR_MEMORY;
    o_free(joined);
    return rc == U_OK ? 0 : -1;
  }
  return u_map_put(map, key, value ? value : "") == U_OK ? 0 : -1;
}

static enum MHD_Result fill_map(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
  (void)kind;
  return put_pair(cls, key, value) == 0 ? MHD_YES : MHD_NO;
}

/* The declared Content-Length, or -1 when there is none (or it is not a number). */
static long long declared_length(const struct _u_request *req)
{
  const char *v = u_map_get_case(req->map_header, "Content-Length");
  char *end;
  long long n;
  if (!v || !*v)
    return -1;
  n = strtoll(v, &end, 10);
  return *end || n < 0 ? -1 : n;
}

static int read_head(edx_exchange *x, const char *method, const char *version)
{
  const union MHD_ConnectionInfo *client =
    MHD_get_connection_info(x->connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  const union MHD_ConnectionInfo *fd =
    MHD_get_connection_info(x->connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  x->ctx.client_fd = fd ? fd->connect_fd : -1;
  x->req.http_verb = o_strdup(method);
  x->req.http_protocol = o_strdup(version);
  x->req.client_address = o_malloc(sizeof(struct sockaddr));
  if (!x->req.http_verb || !x->req.http_protocol || !x->req.client_address)
    return -1;
  memset(x->req.client_address, 0, sizeof(struct sockaddr));
  if (client && client->client_addr)
    memcpy(x->req.client_address, client->client_addr, sizeof(struct sockaddr));
  MHD_get_connection_values(x->connection, MHD_HEADER_KIND, fill_map, x->req.map_header);
#if MHD_VERSION <= 0x00097500
  if (edx_query_string_each(strchr(x->req.http_url, '?') ? strchr(x->req.http_url, '?') + 1
                                                         : NULL, put_pair, x->req.map_url) != 0)
    return -1;
#else
  MHD_get_connection_values(x->connection, MHD_GET_ARGUMENT_KIND, fill_map, x->req.map_url);
#endif
  x->declared = declared_length(&x->req);
  x->has_body = x->declared > 0 ||
                (u_map_get_case(x->req.map_header, "Transfer-Encoding") &&
                 strcasestr(u_map_get_case(x->req.map_header, "Transfer-Encoding"), "chunked"));
  return 0;
}

static enum MHD_Result write_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
  (void)kind;
  fprintf(cls, "%s: %s\r\n", key, value ? value : "");
  return MHD_YES;
}

/* A later request's head, judged by the rule that screens first heads (head_screen.h) from
 * what libmicrohttpd read of it: the request line as it came, each field as "name: value" (its
 * spaces around the value trimmed). A refusal is answered as the admission answers it, and the
 * connection closed after. Returns 1 when refused. */
static int refuse_later_head(edx_exchange *x, const char *method, const char *version)
{
  char *head = NULL;
  size_t len = 0;
  edx_head_screen s = {.verdict = EDX_HEAD_PASS};
  FILE *f = open_memstream(&head, &len);
  if (f) {
    fprintf(f, "%s %s %s\r\n", method, x->req.http_url, version);
    MHD_get_connection_values(x->connection, MHD_HEADER_KIND, write_field, f);
    fputs("\r\n", f);
    if (fclose(f) == 0)
      edx_head_judge(head, len, x->later, &s);
  }
  free(head);
  if (s.verdict != EDX_HEAD_REFUSE)
    return 0;
  edx_problem(&x->ctx, edx_problem_kind_of_status(s.status)->code, s.detail,
              json_pack("[{s:s, s:s, s:s}]", "field", s.field, "code", s.code, "message",
                        s.detail));
  u_map_put(x->res.map_header, "Connection", "close");
  return 1;
}

/* HEAD: what the request line and headers alone settle. */
static void take_head(edx_exchange *x, edx_app *app, const char *method, const char *version,
                      int over_limit)
{
  edx_dispatch_begin(&x->ctx, app, &x->req, &x->res);
  if (read_head(x, method, version) != 0) {
    edx_problem(&x->ctx, EDX_EINTERNAL, NULL, NULL);
    x->decided = 1;
  } else if (x->later && refuse_later_head(x, method, version)) {
    x->decided = x->head_refused = 1;
  } else if (over_limit) {
    edx_problem(&x->ctx, EDX_EUNAVAIL, "the server has as many connections open as it serves; "
                                       "retry shortly", NULL);
    u_map_put(x->res.map_header, "Connection", "close");
    x->decided = 1;
  } else {
    x->decided = edx_dispatch_route(&x->ctx);
  }
  x->next = x->decided ? STEP_FINISH : STEP_JUDGE;
}

/* JUDGE and FINISH, wherever they run. */
static void run_step(edx_exchange *x)
{
  if (x->next == STEP_JUDGE) {
    x->decided = edx_dispatch_head(&x->ctx, x->declared, &x->limit);
    x->next = x->decided || !x->has_body ? STEP_FINISH : STEP_BODY;
  }
  if (x->next == STEP_FINISH) {
    if (!x->decided)
      edx_dispatch_body(&x->ctx);
    x->decided = 1;
    edx_dispatch_end(&x->ctx);
    x->next = STEP_ANSWER;
  }
}

static void run_job(edx_job *job)
{
  edx_exchange *x = (edx_exchange *)job;
  run_step(x);
  MHD_resume_connection(x->connection);
}

/* BODY: keeps len more bytes; 0 when kept, 1 when read past (past the limit: 413). */
static int keep_body(edx_exchange *x, const char *data, size_t len)
{
  size_t need = x->req.binary_body_length + len;
  if (x->decided)
    return 1;
  if (need > x->limit) {
    edx_dispatch_too_large(&x->ctx, x->limit);
    x->decided = 1;
    return 1;
  }
  if (need > x->capacity) {
    size_t capacity = x->capacity ? x->capacity : 16384;
    void *grown;
    while (capacity < need)
      capacity *= 2;
    if (capacity > x->limit)
      capacity = x->limit;
    if (!(grown = o_realloc(x->req.binary_body, capacity))) {
      edx_problem(&x->ctx, EDX_EINTERNAL, NULL, NULL);
      x->decided = 1;
      return 1;
    }
    x->req.binary_body = grown;
    x->capacity = capacity;
  }
  memcpy((char *)x->req.binary_body + x->req.binary_body_length, data, len);
  x->req.binary_body_length = need;
  return 0;
}

/* res as HTTP/1.1 bytes (status line, its headers, a length and its body; malloc'ed, *len
 * set), or NULL when out of memory or when it is streamed. */
static char *answer_bytes(const struct _u_response *res, size_t *len)
{
  const char **keys = u_map_enum_keys(res->map_header);
  size_t size = 0;
  char *text = NULL;
  FILE *out = res->stream_callback ? NULL : open_memstream(&text, &size);
  if (!out)
    return NULL;
  fprintf(out, "HTTP/1.1 %ld %s\r\n", res->status,
          MHD_get_reason_phrase_for((unsigned int)res->status));
  for (int i = 0; keys && keys[i]; i++)
    if (strcasecmp(keys[i], "Connection") != 0)
      fprintf(out, "%s: %s\r\n", keys[i], u_map_get(res->map_header, keys[i]));
  fprintf(out, "Connection: close\r\nContent-Length: %zu\r\n\r\n", res->binary_body_length);
  if (res->binary_body_length)
    fwrite(res->binary_body, 1, res->binary_body_length, out);
  if (fclose(out) != 0) {
    free(text);
    return NULL;
  }
  *len = size;
  return text;
}

/* A chunked body went past its limit: its 413 goes now, written to the socket ahead of
 * libmicrohttpd (0.9.75 queues no answer while a body arrives), and the connection is shut for
 * writing. The rest of the body is read past, earning no more time (a client sending on is cut
 * at its deadline); one that stops on the answer and closes is done with it; at the body's end
 * libmicrohttpd is told to close the connection. */
static void answer_early(edx_exchange *x)
{
  const union MHD_ConnectionInfo *fd =
    MHD_get_connection_info(x->connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  size_t len = 0;
  char *text;
  x->next = STEP_FINISH;
  run_step(x); /* decided: the last touches, the access log */
  text = answer_bytes(&x->res, &len);
  if (fd && text) {
    send(fd->connect_fd, text, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    shutdown(fd->connect_fd, SHUT_WR);
  }
  free(text);
  x->sent_early = 1;
}

/* A streamed answer whose blocks may wait: each block is made on a worker into buf while the
 * connection is suspended, then handed to libmicrohttpd from there. */
typedef struct {
  edx_job job;      /* first: the worker's job is the stream */
  struct MHD_Connection *connection;
  edx_workers *workers;
  ssize_t (*make)(void *cls, uint64_t offset, char *out, size_t max);
  void (*make_free)(void *cls);
  void *make_cls;
  uint64_t made;    /* bytes made so far */
  ssize_t status;   /* 0 while blocks come; the end (or error) code once one came */
  size_t len, pos;  /* of buf: what the last block made, what went out of it */
  char buf[];
} waiting_stream;

static void make_block(edx_job *job)
{
  waiting_stream *w = (waiting_stream *)job;
  ssize_t n = w->make(w->make_cls, w->made, w->buf, STREAM_BLOCK);
  if (n > 0) {
    w->len = (size_t)n;
    w->made += (uint64_t)n;
  } else {
    w->status = n == 0 ? U_STREAM_END : n;
  }
  MHD_resume_connection(w->connection);
}

static ssize_t read_waiting(void *cls, uint64_t offset, char *out, size_t max)
{
  waiting_stream *w = cls;
  size_t n = w->len - w->pos;
  (void)offset;
  if (n > 0) {
    n = n < max ? n : max;
    memcpy(out, w->buf + w->pos, n);
    w->pos += n;
    return (ssize_t)n;
  }
  if (w->status)
    return w->status == U_STREAM_END ? MHD_CONTENT_READER_END_OF_STREAM
                                     : MHD_CONTENT_READER_END_WITH_ERROR;
  w->len = w->pos = 0;
  MHD_suspend_connection(w->connection);
  edx_workers_submit(w->workers, &w->job);
  return 0; /* libmicrohttpd asks again once the block is made */
}

static void free_waiting(void *cls)
{
  waiting_stream *w = cls;
  if (w->make_free)
    w->make_free(w->make_cls);
  free(w);
}

/* res's stream, its blocks made on workers; NULL when out of memory. */
static struct MHD_Response *waiting_answer(struct _u_response *res, edx_exchange *x,
                                           edx_workers *workers)
{
  waiting_stream *w = calloc(1, sizeof(*w) + STREAM_BLOCK);
  if (!w)
    return NULL;
  w->job.run = make_block;
  w->connection = x->connection;
  w->workers = workers;
  w->make = res->stream_callback;
  w->make_free = res->stream_callback_free;
  w->make_cls = res->stream_user_data;
  return MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_BLOCK, read_waiting, w,
                                           free_waiting);
}

/* libmicrohttpd's form of res; the body is handed over, not copied. */
static struct MHD_Response *mhd_answer(edx_exchange *x, edx_workers *workers)
{
  struct _u_response *res = &x->res;
  struct MHD_Response *r;
  const char **keys;
  if (res->stream_callback && x->ctx.stream_waits) {
    r = waiting_answer(res, x, workers);
    if (!r && res->stream_callback_free)
      res->stream_callback_free(res->stream_user_data);
    res->stream_callback = NULL; /* the stream frees what it streams from */
  } else if (res->stream_callback) {
    r = MHD_create_response_from_callback(res->stream_size, res->stream_block_size,
                                          res->stream_callback, res->stream_user_data,
                                          res->stream_callback_free);
    if (!r && res->stream_callback_free)
      res->stream_callback_free(res->stream_user_data);
    res->stream_callback = NULL; /* libmicrohttpd frees what it streams from */
  } else if (res->binary_body && res->binary_body_length) {
    r = MHD_create_response_from_buffer_with_free_callback(res->binary_body_length,
                                                           res->binary_body, &o_free);
    if (r) {
      res->binary_body = NULL;
      res->binary_body_length = 0;
    }
  } else {
    r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
  }
  keys = r ? u_map_enum_keys(res->map_header) : NULL;
  for (int i = 0; keys && keys[i]; i++)
    MHD_add_response_header(r, keys[i], u_map_get(res->map_header, keys[i]));
  return r;
}

static enum MHD_Result queue_answer(edx_exchange *x, edx_workers *workers)
{
  struct MHD_Response *r = mhd_answer(x, workers);
  enum MHD_Result rc;
  if (!r)
    return MHD_NO;
  rc = MHD_queue_response(x->connection, (unsigned int)x->res.status, r);
  MHD_destroy_response(r);
  return rc;
}

/* Runs JUDGE or FINISH here when nothing in it may wait, else on a worker. Returns 1 when it
 * was handed to a worker (the connection is suspended until it is done). */
static int advance(edx_exchange *x, edx_workers *workers)
{
  if (!edx_dispatch_waits(&x->ctx)) { /* no route (answered from the head), or one that never waits */
    run_step(x);
    return 0;
  }
  x->job.run = run_job;
  MHD_suspend_connection(x->connection);
  edx_workers_submit(workers, &x->job);
  return 1;
}

/* A body of at most this many bytes, behind an answer made from the head, is read past before
 * the answer goes: libmicrohttpd closes a connection whose body it did not read, and a client
 * still sending then gets a reset that can destroy the answer (a client sending 1 MiB and 10
 * bytes got no 413, only the reset, in a CI run under AddressSanitizer). */
#define DISCARD_MAX_BYTES (2 * 1024 * 1024)

/* Whether an answer made from the head goes before the body: when the client waits for it
 * (Expect: 100-continue), or the body is unknown or large enough not to be worth reading. */
static int answer_before_body(const edx_exchange *x)
{
  const char *expect = u_map_get_case(x->req.map_header, "Expect");
  return (expect && strcasestr(expect, "100-continue")) || x->declared < 0 ||
         x->declared > DISCARD_MAX_BYTES;
}

/* libmicrohttpd's first calls: the head. */
static enum MHD_Result first_call(edx_exchange *x, edx_app *app, edx_workers *workers,
                                  const char *method, const char *version, int over_limit)
{
  if (x->next == STEP_HEAD)
    take_head(x, app, method, version, over_limit);
  if (x->next == STEP_JUDGE && advance(x, workers))
    return MHD_YES;
  if (x->head_refused &&
      (x->has_body || u_map_get_case(x->req.map_header, "Transfer-Encoding"))) {
    /* its body may have no end (a coding not chunked): the answer goes first */
    answer_early(x);
    x->head_done = 1;
    return MHD_YES;
  }
  if (x->decided && x->has_body && answer_before_body(x)) { /* the body is not to be read */
    if (x->next == STEP_FINISH)
      run_step(x); /* decided answers never wait */
    return queue_answer(x, workers);
  }
  x->discarding = x->decided && x->has_body;
  x->head_done = 1;
  return MHD_YES;
}

enum MHD_Result edx_exchange_step(edx_exchange *x, edx_app *app, edx_workers *workers,
                                  const char *method, const char *version, int over_limit,
                                  const char *upload, size_t *upload_size, size_t *body_kept)
{
  *body_kept = 0;
  if (!x->head_done)
    return first_call(x, app, workers, method, version, over_limit);
  if (*upload_size) {
    size_t n = *upload_size;
    int was_decided = x->decided;
    *upload_size = 0;
    if (keep_body(x, upload, n) == 0 || x->discarding)
      *body_kept = n; /* (read past, a discarded body earns its time as a kept one does) */
    else if (!was_decided)
      answer_early(x); /* a chunked body past its limit (a declared one was judged at the head) */
    return MHD_YES;
  }
  if (x->sent_early)
    return MHD_NO; /* answered already: libmicrohttpd closes the connection */
  x->discarding = 0;
  if (x->next == STEP_BODY)
    x->next = STEP_FINISH; /* the body is complete */
  if (x->next == STEP_FINISH && advance(x, workers))
    return MHD_YES;
  return queue_answer(x, workers);
}
