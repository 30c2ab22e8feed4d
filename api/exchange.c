/* exchange.c — one HTTP request and its answer (see exchange.h). The request is built the way
 * ulfius built it for us before (query parameters and headers that are not UTF-8 are left out,
 * repeated ones joined with ','), so the handlers read it unchanged; what differs is that the
 * body is read only once the head has passed (dispatch.h), and never past the route's limit. */
#include <orcania.h>
#include <stdlib.h>
#include <string.h>
#include <ulfius.h>
#include "api/dispatch.h"
#include "api/exchange.h"
#include "src/rules/errors.h"

struct edx_exchange {
  struct _u_request req;
  struct _u_response res;
  edx_ctx ctx;
  size_t limit;     /* the route's body limit */
  size_t capacity;  /* of req.binary_body */
  int decided;      /* answered from the head or for the body's size */
  int begun;        /* ctx is set up */
};

edx_exchange *edx_exchange_new(const char *uri)
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
  query = strchr(uri, '?');
  x->req.http_url = o_strdup(uri);
  x->req.url_path = query ? o_strndup(uri, (size_t)(query - uri)) : o_strdup(uri);
  if (!x->req.http_url || !x->req.url_path) {
    edx_exchange_free(x);
    return NULL;
  }
  return x;
}

void edx_exchange_free(edx_exchange *x)
{
  if (!x)
    return;
  if (x->begun && x->ctx.conn) /* the client left while its request held a connection */
    edx_pool_release(x->ctx.app->pool, x->ctx.conn);
  json_decref(x->ctx.body);
  json_decref(x->ctx.query_errors);
  ulfius_clean_request(&x->req);
  ulfius_clean_response(&x->res);
  free(x);
}

static int utf8_text(const char *s)
{
  json_t *j = s ? json_string(s) : NULL;
  json_decref(j);
  return j != NULL;
}

/* Adds key=value to the map (cls), joining a repeated key's values with ','; pairs that are not
 * UTF-8 are left out. */
static enum MHD_Result fill_map(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
  struct _u_map *map = cls;
  const char *had;
  (void)kind;
  if (!utf8_text(key) || (value && !utf8_text(value)))
    return MHD_YES;
  had = u_map_get(map, key);
  if (had) {
    char *joined = msprintf("%s,%s", had, value ? value : "");
    int rc = joined ? u_map_put(map, key, joined) : U_ERROR_MEMORY;
    o_free(joined);
    return rc == U_OK ? MHD_YES : MHD_NO;
  }
  return u_map_put(map, key, value ? value : "") == U_OK ? MHD_YES : MHD_NO;
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

static int read_head(edx_exchange *x, struct MHD_Connection *connection, const char *method,
                     const char *version)
{
  const union MHD_ConnectionInfo *client =
    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  const union MHD_ConnectionInfo *fd =
    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  x->ctx.client_fd = fd ? fd->connect_fd : -1;
  x->req.http_verb = o_strdup(method);
  x->req.http_protocol = o_strdup(version);
  x->req.client_address = o_malloc(sizeof(struct sockaddr));
  if (!x->req.http_verb || !x->req.http_protocol || !x->req.client_address)
    return -1;
  memset(x->req.client_address, 0, sizeof(struct sockaddr));
  if (client && client->client_addr)
    memcpy(x->req.client_address, client->client_addr, sizeof(struct sockaddr));
  MHD_get_connection_values(connection, MHD_HEADER_KIND, fill_map, x->req.map_header);
  MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, fill_map, x->req.map_url);
  return 0;
}

int edx_exchange_head(edx_exchange *x, edx_app *app, struct MHD_Connection *connection,
                      const char *method, const char *version, int over_limit)
{
  edx_dispatch_begin(&x->ctx, app, &x->req, &x->res);
  x->begun = 1;
  if (read_head(x, connection, method, version) != 0) {
    edx_problem(&x->ctx, EDX_EINTERNAL, NULL, NULL);
    x->decided = 1;
  } else if (over_limit) {
    edx_problem(&x->ctx, EDX_EUNAVAIL, "the server has as many connections open as it serves; "
                                       "retry shortly", NULL);
    u_map_put(x->res.map_header, "Connection", "close");
    x->decided = 1;
  } else {
    x->decided = edx_dispatch_head(&x->ctx, declared_length(&x->req), &x->limit);
  }
  return x->decided;
}

int edx_exchange_body(edx_exchange *x, const char *data, size_t len)
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

int edx_exchange_has_head(const edx_exchange *x)
{
  return x->begun;
}

/* libmicrohttpd's form of res; the body is handed over, not copied. */
static struct MHD_Response *mhd_answer(struct _u_response *res)
{
  struct MHD_Response *r;
  const char **keys;
  if (res->stream_callback) {
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

enum MHD_Result edx_exchange_answer(edx_exchange *x, struct MHD_Connection *connection)
{
  struct MHD_Response *r;
  enum MHD_Result rc;
  if (!x->decided)
    edx_dispatch_body(&x->ctx);
  x->decided = 1;
  edx_dispatch_end(&x->ctx);
  if (!(r = mhd_answer(&x->res)))
    return MHD_NO;
  rc = MHD_queue_response(connection, (unsigned int)x->res.status, r);
  MHD_destroy_response(r);
  return rc;
}
