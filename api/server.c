/* server.c — starting and stopping the HTTP server (see server.h). libmicrohttpd runs a pool of
 * poll() threads and calls edudx's callbacks directly (ulfius's dispatcher, which read a whole
 * body before any of our code ran, is no longer in the way; ulfius remains for its request and
 * response structures). Not epoll: libmicrohttpd 0.9.75's MHD_quiesce_daemon races with an
 * epoll worker that removes the listening socket from its set at the same moment, and then
 * aborts the process ("Failed to remove listen FD from epoll set", seen in 2 of 16 runs of the
 * lifecycle suite); with poll() it only wakes the workers. libmicrohttpd has no listening
 * socket: edudx accepts each connection and screens its first head itself (admission.h), then
 * hands it over with MHD_add_connection (its thread pool takes such connections, one thread
 * chosen by the descriptor; libmicrohttpd's header says the pool is ignored without a
 * listening socket, but 0.9.75 runs it and shares the connections out). */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <yder.h>
#include "api/admission.h"
#include "api/connections.h"
#include "api/exchange.h"
#include "api/server.h"
#include "api/workers.h"

struct edx_server {
  struct MHD_Daemon *daemon;
  edx_admission *admission;
  edx_workers *workers;
  struct sockaddr_in addr;
  edx_connections *connections;
  edx_app *app;
  edx_head_limits head_limits; /* of every head: the admission's of a first one, exchange.h's of later ones */
};

static edx_connection *connection_of(struct MHD_Connection *connection)
{
  const union MHD_ConnectionInfo *info =
    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return info ? info->socket_context : NULL;
}

/* In-flight requests are counted per connection: a request counts from its request line until
 * libmicrohttpd says it completed or, when libmicrohttpd gave up on it without saying so (a
 * request line whose parameters overflow the connection's memory), until its connection closes;
 * counted only on completion, such a request stayed in flight for ever and made every later
 * SIGTERM wait out the whole drain. Its exchange is freed then too. */
static void request_finished(edx_server *s, edx_connection *c)
{
  if (c && c->request_open) {
    c->request_open = 0;
    edx_exchange_free(c->exchange);
    c->exchange = NULL;
    atomic_fetch_sub(&s->app->in_flight, 1);
  }
}

static void on_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
  edx_server *s = cls;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *fd =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    *socket_context = fd ? edx_connection_started(s->connections, fd->connect_fd) : NULL;
    return;
  }
  request_finished(s, *socket_context);
  edx_connection_closed(s->connections, *socket_context);
  *socket_context = NULL;
}

static void *on_request_line(void *cls, const char *uri, struct MHD_Connection *connection)
{
  edx_server *s = cls;
  edx_connection *c = connection_of(connection);
  edx_exchange *x = edx_exchange_new(uri, connection,
                                     c && c->requests++ > 0 ? &s->head_limits : NULL);
  if (c) {
    request_finished(s, c); /* a request libmicrohttpd gave up on, on this connection */
    c->request_open = 1;
    c->exchange = x;
    atomic_fetch_add(&s->app->in_flight, 1);
    edx_connection_waits(s->connections, c, EDX_WAIT_HEAD);
  }
  return x;
}

static void on_request_done(void *cls, struct MHD_Connection *connection, void **con_cls,
                            enum MHD_RequestTerminationCode toe)
{
  edx_server *s = cls;
  edx_connection *c = connection_of(connection);
  (void)toe;
  if (c && c->request_open) {
    request_finished(s, c);
    edx_connection_waits(s->connections, c, EDX_WAIT_IDLE);
  } else {
    edx_exchange_free(*con_cls);
  }
  *con_cls = NULL;
}

/* libmicrohttpd's access handler: called once the head is in, then with each piece of the body,
 * then once more when the request is complete (and again after each resume: exchange.h). */
static enum MHD_Result on_access(void *cls, struct MHD_Connection *connection, const char *url,
                                 const char *method, const char *version,
                                 const char *upload_data, size_t *upload_size, void **con_cls)
{
  edx_server *s = cls;
  edx_exchange *x = *con_cls;
  edx_connection *c = connection_of(connection);
  size_t kept;
  enum MHD_Result rc;
  (void)url;
  if (!x)
    return MHD_NO; /* out of memory at the request line */
  rc = edx_exchange_step(x, s->app, s->workers, method, version, c && c->over_limit,
                         upload_data, upload_size, &kept);
  /* past the limit the body is only read past (libmicrohttpd 0.9.75 answers nothing before a
   * body ends), and earns no more time: a client streaming on is cut at its deadline */
  if (kept)
    edx_connection_body_read(s->connections, c, kept);
  else if (c && (edx_exchange_in_body(x) ? c->wait != EDX_WAIT_BODY : c->wait != EDX_WAIT_WORK))
    edx_connection_waits(s->connections, c,
                         edx_exchange_in_body(x) ? EDX_WAIT_BODY : EDX_WAIT_WORK);
  return rc;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
  char line[512];
  (void)cls;
  vsnprintf(line, sizeof(line), fmt, ap);
  line[strcspn(line, "\n")] = '\0';
  y_log_message(Y_LOG_LEVEL_WARNING, "http: %s", line);
}

/* Lets the process open as many descriptors as the system allows it: the connections accepted,
 * the database pool and the log need more than the usual soft limit of 1,024. */
static void raise_descriptor_limit(void)
{
  struct rlimit r;
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

/* Connections open at most: beyond max_connections, a tenth more are accepted, to be answered
 * 503; beyond these, new ones wait in the listen queue until one closes. */
static int connection_cap(const edx_config *cfg)
{
  return cfg->max_connections + cfg->max_connections / 10 + 16;
}

static int start_daemon(edx_server *s, const edx_config *cfg)
{
  struct MHD_OptionItem ops[] = {
    {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)mhd_log, NULL},
    {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_request_done, s},
    {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_request_line, s},
    {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, s},
    /* these threads only move bytes and answer what never waits (workers.h does the rest) */
    {MHD_OPTION_THREAD_POOL_SIZE, EDX_IO_THREADS, NULL},
    {MHD_OPTION_CONNECTION_TIMEOUT, cfg->connection_timeout_s, NULL},
    /* the admission counts the connections (per address too); libmicrohttpd divides its limit
     * between its threads and picks one by descriptor, so each may take all of them */
    {MHD_OPTION_CONNECTION_LIMIT, connection_cap(cfg) * EDX_IO_THREADS, NULL},
    /* libmicrohttpd zeroes a connection's memory between requests: 256 KiB (room for ~2,000
     * query parameters) cost 11 % of the CPU of serving one school, measured; the first head
     * is screened to fit in 64 KiB (EDX_HEAD_MAX), a later one is judged by the same limits
     * once read (exchange.h), and one past 64 KiB gets libmicrohttpd's own HTML refusal */
    {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, NULL},
    {MHD_OPTION_END, 0, NULL},
  };
  s->daemon = MHD_start_daemon(MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
                                 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_NO_LISTEN_SOCKET,
                               0, NULL, NULL, on_access, s, MHD_OPTION_ARRAY, ops,
                               MHD_OPTION_END);
  return s->daemon ? 0 : -1;
}

/* The listening socket on s->addr, or -1 with errno. */
static int listen_on(const edx_server *s)
{
  int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
      bind(fd, (const struct sockaddr *)&s->addr, sizeof(s->addr)) != 0 ||
      listen(fd, SOMAXCONN) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

int edx_server_start(edx_server **out, edx_app *app, char *err, size_t errlen)
{
  const edx_config *cfg = app->cfg;
  const edx_deadlines deadlines = {.idle_s = cfg->connection_timeout_s,
                                   .head_s = EDX_HEAD_DEADLINE_S,
                                   .body_s = EDX_BODY_DEADLINE_S,
                                   .body_rate = EDX_BODY_BYTES_PER_SECOND,
                                   .over_limit_s = EDX_OVER_LIMIT_DEADLINE_S};
  edx_server *s = calloc(1, sizeof(*s));
  ulfius_global_init();
  raise_descriptor_limit();
  if (!s || !(s->connections = edx_connections_new(&deadlines, cfg->max_connections)) ||
      !(s->workers = edx_workers_new(cfg->threads))) {
    snprintf(err, errlen, "could not initialise the HTTP server");
    goto fail;
  }
  s->app = app;
  s->addr.sin_family = AF_INET;
  s->addr.sin_port = htons((uint16_t)cfg->port);
  if (inet_pton(AF_INET, cfg->bind, &s->addr.sin_addr) != 1) {
    snprintf(err, errlen, "bind address '%s' is not an IPv4 address", cfg->bind);
    goto fail;
  }
  s->head_limits = (edx_head_limits){.line_max = EDX_LINE_MAX, .head_max = EDX_HEAD_MAX,
                                     .fields_max = EDX_FIELDS_MAX};
  int listener = listen_on(s);
  if (listener < 0) {
    snprintf(err, errlen, "could not listen on %s:%d (%s)", cfg->bind, cfg->port,
             strerror(errno));
    goto fail;
  }
  if (start_daemon(s, cfg) != 0 ||
      !(s->admission = edx_admission_start(listener, s->daemon, s->connections, &s->head_limits,
                                           connection_cap(cfg)))) {
    if (!s->daemon)
      close(listener);
    snprintf(err, errlen, "could not start the HTTP server");
    goto fail;
  }
  *out = s;
  return 0;
fail:
  if (s) {
    if (s->daemon)
      MHD_stop_daemon(s->daemon);
    edx_workers_free(s->workers);
    edx_connections_free(s->connections);
  }
  free(s);
  ulfius_global_close();
  return -1;
}

void edx_server_shutdown(edx_server *s, int drain_s)
{
  struct timespec pause = {0, 20 * 1000 * 1000};
  int waited_ms = 0;
  if (!s)
    return;
  /* from now on every answer says Connection: close, so that keep-alive clients go elsewhere
   * after their next answer instead of keeping this process busy until the drain times out */
  atomic_store(&s->app->draining, 1);
  edx_admission_stop_listening(s->admission); /* refuse new connections now, not after */
  edx_connections_drain(s->connections); /* and close the idle ones */
  /* a head whose request line is in is a request under way, wherever it is */
  while ((atomic_load(&s->app->in_flight) > 0 || edx_admission_heads(s->admission) > 0) &&
         waited_ms < drain_s * 1000) {
    nanosleep(&pause, NULL);
    waited_ms += 20;
  }
  if (atomic_load(&s->app->in_flight) > 0 || edx_admission_heads(s->admission) > 0)
    y_log_message(Y_LOG_LEVEL_WARNING, "stopping with %d request(s) still running",
                  atomic_load(&s->app->in_flight) + edx_admission_heads(s->admission));
  edx_admission_stop(s->admission); /* heads still coming in are closed */
  /* the workers finish (and resume) what they hold before libmicrohttpd lets connections go;
   * work that arrives meanwhile runs on libmicrohttpd's threads */
  edx_workers_stop(s->workers);
  MHD_stop_daemon(s->daemon);
  edx_workers_free(s->workers);
  edx_connections_free(s->connections);
  free(s);
  ulfius_global_close();
}
