/* server.c — starting and stopping the HTTP server (see server.h). ulfius's default start uses a
 * thread per connection; we start libmicrohttpd ourselves with a pool of poll() threads, as
 * ulfius's ulfius_start_framework_with_mhd_options allows, wrapping the two callbacks it requires
 * so we can count in-flight requests for a graceful stop. Not epoll: libmicrohttpd 0.9.75's
 * MHD_quiesce_daemon races with an epoll worker that removes the listening socket from its set
 * at the same moment, and then aborts the process ("Failed to remove listen FD from epoll set",
 * seen in 2 of 16 runs of the lifecycle suite); with poll() it only wakes the workers. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <yder.h>
#include "api/dispatch.h"
#include "api/server.h"

struct edx_server {
  struct _u_instance instance;
  struct sockaddr_in addr;
  edx_app *app;
};

/* In-flight requests are counted per connection: a request counts from its request line until
 * libmicrohttpd says it completed or, when libmicrohttpd gave up on it without saying so (a
 * request line whose parameters overflow the connection's memory), until its connection closes;
 * counted only on completion, such a request stayed in flight for ever and made every later
 * SIGTERM wait out the whole drain, and ulfius's record of it was never freed (a leak per such
 * request, found by AddressSanitizer): it is freed then too. */
typedef struct {
  int request_open;
  void *request; /* ulfius's record of the open request (what ulfius_uri_logger made) */
} connection_state;

static connection_state *state_of(struct MHD_Connection *connection)
{
  const union MHD_ConnectionInfo *info =
    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return info ? info->socket_context : NULL;
}

/* Marks connection's request finished (if one was open) and counts it out of in_flight. */
static void request_finished(edx_app *app, connection_state *state)
{
  if (state && state->request_open) {
    state->request_open = 0;
    state->request = NULL;
    atomic_fetch_sub(&app->in_flight, 1);
  }
}

static void on_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    *socket_context = calloc(1, sizeof(connection_state));
    return;
  }
  connection_state *state = *socket_context;
  if (state && state->request_open) /* libmicrohttpd gave up on it without saying so */
    mhd_request_completed(NULL, connection, &state->request, MHD_REQUEST_TERMINATED_WITH_ERROR);
  request_finished(cls, state);
  free(*socket_context);
  *socket_context = NULL;
}

static void *on_request_start(void *cls, const char *uri, struct MHD_Connection *connection)
{
  edx_app *app = cls;
  connection_state *state = state_of(connection);
  void *request = ulfius_uri_logger(NULL, uri);
  if (state && !state->request_open) {
    state->request_open = 1;
    atomic_fetch_add(&app->in_flight, 1);
  }
  if (state)
    state->request = request;
  return request;
}

static void on_request_done(void *cls, struct MHD_Connection *connection, void **con_cls,
                            enum MHD_RequestTerminationCode toe)
{
  mhd_request_completed(NULL, connection, con_cls, toe);
  request_finished(cls, state_of(connection));
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
  char line[512];
  vsnprintf(line, sizeof(line), fmt, ap);
  line[strcspn(line, "\n")] = '\0';
  y_log_message(Y_LOG_LEVEL_WARNING, "http: %s", line);
}

int edx_server_start(edx_server **out, edx_app *app, char *err, size_t errlen)
{
  edx_server *s = calloc(1, sizeof(*s));
  const edx_config *cfg = app->cfg;
  ulfius_global_init();
  if (!s || ulfius_init_instance(&s->instance, (unsigned int)cfg->port, NULL, NULL) != U_OK) {
    snprintf(err, errlen, "could not initialise the HTTP server");
    free(s);
    ulfius_global_close();
    return -1;
  }
  s->app = app;
  s->addr.sin_family = AF_INET;
  s->addr.sin_port = htons((uint16_t)cfg->port);
  if (inet_pton(AF_INET, cfg->bind, &s->addr.sin_addr) != 1) {
    snprintf(err, errlen, "bind address '%s' is not an IPv4 address", cfg->bind);
    goto fail;
  }
  s->instance.max_post_body_size = cfg->import_body_limit + 1;
  s->instance.allowed_post_processor = U_POST_PROCESS_NONE;
  ulfius_set_default_endpoint(&s->instance, edx_dispatch, app);
  struct MHD_OptionItem ops[] = {
    {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)mhd_log, NULL},
    {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_request_done, app},
    {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_request_start, app},
    {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, app},
    {MHD_OPTION_SOCK_ADDR, 0, &s->addr},
    {MHD_OPTION_THREAD_POOL_SIZE, cfg->threads, NULL},
    {MHD_OPTION_CONNECTION_TIMEOUT, cfg->connection_timeout_s, NULL},
    {MHD_OPTION_CONNECTION_LIMIT, 1000, NULL},
    {MHD_OPTION_PER_IP_CONNECTION_LIMIT, 200, NULL},
    /* libmicrohttpd zeroes a connection's memory between requests: 256 KiB (room for ~2,000
     * query parameters) cost 11 % of the CPU of serving one school, measured; 64 KiB holds
     * ~300, and a request beyond is closed by libmicrohttpd (counted out when it closes) */
    {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, NULL},
    {MHD_OPTION_END, 0, NULL},
  };
  if (ulfius_start_framework_with_mhd_options(
        &s->instance, MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, ops) !=
      U_OK) {
    snprintf(err, errlen, "could not listen on %s:%d (in use, or not allowed)", cfg->bind,
             cfg->port);
    goto fail;
  }
  *out = s;
  return 0;
fail:
  ulfius_clean_instance(&s->instance);
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
  MHD_socket listener = MHD_quiesce_daemon(s->instance.mhd_daemon);
  if (listener != MHD_INVALID_SOCKET)
    close(listener); /* refuse new connections now, not after the drain */
  while (atomic_load(&s->app->in_flight) > 0 && waited_ms < drain_s * 1000) {
    nanosleep(&pause, NULL);
    waited_ms += 20;
  }
  if (atomic_load(&s->app->in_flight) > 0)
    y_log_message(Y_LOG_LEVEL_WARNING, "stopping with %d request(s) still running",
                  atomic_load(&s->app->in_flight));
  ulfius_stop_framework(&s->instance);
  ulfius_clean_instance(&s->instance);
  free(s);
  ulfius_global_close();
}
