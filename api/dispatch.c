/* dispatch.c — the request pipeline (see dispatch.h). The route table is ours rather than
 * ulfius's, because ulfius cannot answer 405 with Allow or a JSON 404 once any wildcard endpoint
 * exists, and one pipeline keeps every cross-cutting rule in one readable place. */
#include <arpa/inet.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <yder.h>
#include "api/auth.h"
#include "api/cors.h"
#include "api/dispatch.h"
#include "api/encoding.h"
#include "api/query.h"
#include "api/routes.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/file_rules.h"
#include "src/rules/jsonx.h"
#include "src/rules/log_redact.h"
#include "src/runtime/metrics.h"
#include "src/runtime/secret.h"

/* Finds the route for this method and path among the routes with every flag in need, the first
 * in the table when several match (a fixed path such as /v1/exports/figures before the pattern
 * /v1/exports/{entity}, as edx_route_get finds it too); fills allow with the methods the path
 * has ("" when the path is unknown). */
static const edx_route *match_routes(edx_ctx *ctx, const char *path, unsigned need, char *allow,
                                     size_t len)
{
  const char *method = strcmp(ctx->req->http_verb, "HEAD") == 0 ? "GET" : ctx->req->http_verb;
  const edx_route *found = NULL;
  edx_path_params params;
  char named[16];
  allow[0] = '\0';
  for (const edx_route *r = edx_routes; r->method; r++) {
    if ((r->flags & need) != need || !edx_route_match(r->pattern, path, &params))
      continue;
    snprintf(named, sizeof(named), "%s, ", r->method);
    if (!strstr(allow, named)) /* each method once, though two routes of it match */
      snprintf(allow + strlen(allow), len - strlen(allow), "%s%s", r->method,
               strcmp(r->method, "GET") == 0 ? ", HEAD, " : ", ");
    if (!found && strcmp(r->method, method) == 0) { /* the first route of the method answers */
      found = r;
      ctx->params = params;
    }
  }
  if (allow[0])
    snprintf(allow + strlen(allow), len - strlen(allow), "OPTIONS");
  return found;
}

/* The route for this method and path: when it ends in ".csv" and the path without it is a
 * CSV-capable GET route, that route (ctx->csv_path set: the answer is CSV; first, so that
 * /v1/exports/school.csv is the school export's CSV, not an export named "school.csv"); else
 * the path as it is. A ".csv" path whose route cannot answer CSV is unknown (404). */
static const edx_route *find_route(edx_ctx *ctx, char *allow, size_t len)
{
  char stem[2049];
  const edx_route *found = NULL;
  allow[0] = '\0';
  if (edx_route_csv_stem(ctx->req->url_path, stem, sizeof(stem)))
    found = match_routes(ctx, stem, EDX_ROUTE_CSV, allow, len);
  ctx->csv_path = allow[0] != '\0';
  return ctx->csv_path ? found : match_routes(ctx, ctx->req->url_path, 0, allow, len);
}

static int check_query(edx_ctx *ctx)
{
  const char **keys = u_map_enum_keys(ctx->req->map_url);
  json_t *errors = json_array();
  for (int i = 0; keys && keys[i]; i++) {
    int known = 0;
    for (int k = 0; ctx->route->query && ctx->route->query[k]; k++)
      known |= strcmp(ctx->route->query[k], keys[i]) == 0;
    known |= ctx->via_link && strcmp(keys[i], "dl") == 0; /* the link that authenticated */
    known &= !(ctx->csv_path && strcmp(keys[i], "format") == 0); /* the path says CSV */
    if (!known)
      edx_errors_say(errors, keys[i], &EDX_MSG_Q_UNKNOWN);
    else if (!u_map_get(ctx->req->map_url, keys[i]))
      edx_errors_say(errors, keys[i], &EDX_MSG_Q_UTF8);
  }
  if (ctx->route->query && json_array_size(errors) > 0) {
    ctx->query_errors = errors; /* the handler reports them with its own */
    return 0;
  }
  return edx_query_errors(ctx, errors);
}

static int is_json_type(const char *type)
{
  size_t n;
  if (!type)
    return 0;
  n = strcspn(type, "; ");
  return (n == 16 && strncasecmp(type, "application/json", n) == 0) ||
         (n == 28 && strncasecmp(type, "application/merge-patch+json", n) == 0);
}

static int read_json_body(edx_ctx *ctx)
{
  char why[256];
  char *canonical;
  if (!is_json_type(edx_header(ctx, "Content-Type"))) {
    edx_problem(ctx, EDX_EMEDIA, "the request body must be JSON: send Content-Type: "
                                 "application/json", NULL);
    return -1;
  }
  ctx->body = edx_json_parse_object(ctx->req->binary_body, ctx->req->binary_body_length, why,
                                     sizeof(why));
  if (!ctx->body) {
    edx_problem(ctx, EDX_EBADREQ, why, NULL);
    return -1;
  }
  canonical = edx_json_canonical(ctx->body);
  edx_sha256_hex(ctx->request_hash, canonical, strlen(canonical));
  free(canonical);
  return 0;
}

/* Imports are checked one at a time: a 30 MiB CSV of 288,258 schools holds 942 MB while it is
 * read and checked (measured, dry run), so two at once could take what the machine has. A second
 * import meanwhile is a 503 with Retry-After rather than a worker thread waiting. */
static pthread_mutex_t import_gate = PTHREAD_MUTEX_INITIALIZER;

/* Runs route's handler (an import only when no other import runs). */
static void run_handler(edx_ctx *ctx, const edx_route *route)
{
  if (!(route->flags & EDX_ROUTE_IMPORT)) {
    route->handler(ctx);
    return;
  }
  if (pthread_mutex_trylock(&import_gate) != 0) {
    edx_problem(ctx, EDX_EUNAVAIL, "another import is being processed: imports run one at a "
                                   "time; retry shortly", NULL);
    return;
  }
  route->handler(ctx);
  pthread_mutex_unlock(&import_gate);
}

/* The body limit of route: imports take the larger one, uploads a file's. */
static size_t body_limit(const edx_ctx *ctx, const edx_route *route)
{
  if (route->flags & EDX_ROUTE_UPLOAD)
    return EDX_FILE_MAX_BYTES;
  return route->flags & EDX_ROUTE_IMPORT ? ctx->app->cfg->import_body_limit
                                         : ctx->app->cfg->body_limit;
}

void edx_dispatch_too_large(edx_ctx *ctx, size_t limit)
{
  char detail[96];
  snprintf(detail, sizeof(detail), "the request body is larger than %zu bytes", limit);
  edx_problem(ctx, EDX_ETOOLARGE, detail, NULL);
}

/* A method that carries a body to write with (a reader token writes nothing). */
static int is_write_with_body(const char *method)
{
  return strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
         strcmp(method, "PATCH") == 0;
}

void edx_dispatch_begin(edx_ctx *ctx, edx_app *app, const struct _u_request *req,
                        struct _u_response *res)
{
  memset(ctx, 0, sizeof(*ctx));
  clock_gettime(CLOCK_MONOTONIC, &ctx->started);
  ctx->app = app;
  ctx->req = req;
  ctx->res = res;
  ctx->route_name = "unmatched";
  ctx->client_fd = -1;
}

/* What the head alone decides for a matched route: the token (401), a reader writing (403), a
 * declared body over the limit (413). Returns 1 when it answered. */
static int refuse_from_head(edx_ctx *ctx, long long declared_length, size_t limit)
{
  if (ctx->route->flags & EDX_ROUTE_PUBLIC) {
    /* no token to check */
  } else if (edx_auth_authenticate(ctx) != 0) {
    return 1;
  } else if (edx_caller_read_only(&ctx->caller) && is_write_with_body(ctx->req->http_verb) &&
             !(ctx->route->flags & (EDX_ROUTE_READS | EDX_ROUTE_REVIEW))) {
    edx_problem(ctx, EDX_EFORBIDDEN, "reader tokens are read-only", NULL);
    return 1;
  }
  if (declared_length > 0 && (unsigned long long)declared_length > limit) {
    edx_dispatch_too_large(ctx, limit);
    return 1;
  }
  return 0;
}

int edx_dispatch_route(edx_ctx *ctx)
{
  char allow[160];
  const edx_route *route;
  edx_error_clear();
  edx_cors_headers(ctx);
  route = find_route(ctx, allow, sizeof(allow));
  if (!allow[0]) {
    edx_problem(ctx, EDX_ENOTFOUND, "there is no resource at this path", NULL);
  } else if (strcmp(ctx->req->http_verb, "OPTIONS") == 0) {
    edx_cors_preflight(ctx, allow);
    ctx->route_name = "preflight";
  } else if (!route) {
    edx_add_header(ctx, "Allow", allow);
    edx_problem(ctx, EDX_EMETHOD, "this method is not allowed here; see the Allow header", NULL);
  } else {
    ctx->route = route;
    ctx->route_name = route->pattern;
    return 0;
  }
  return 1;
}

int edx_dispatch_waits(const edx_ctx *ctx)
{
  return ctx->route && !(ctx->route->flags & EDX_ROUTE_NO_DB);
}

int edx_dispatch_head(edx_ctx *ctx, long long declared_length, size_t *limit)
{
  int answered;
  edx_error_clear();
  *limit = body_limit(ctx, ctx->route);
  answered = refuse_from_head(ctx, declared_length, *limit);
  /* a slow upload holds no database connection: the token check's goes back now */
  edx_pool_release(ctx->app->pool, ctx->conn);
  ctx->conn = NULL;
  return answered;
}

void edx_dispatch_body(edx_ctx *ctx)
{
  const edx_route *route = ctx->route;
  edx_error_clear();
  if ((route->flags & EDX_ROUTE_JSON_BODY) && read_json_body(ctx) != 0)
    return;
  if (check_query(ctx) != 0)
    return;
  run_handler(ctx, route);
  if ((route->flags & EDX_ROUTE_SCOPES) && ctx->res->status < 400)
    edx_token_cache_clear(ctx->app->tokens);
}

/* The length of the answer's body, or 0 when it is streamed with no length known ahead. */
static size_t body_length(const struct _u_response *res)
{
  if (!res->stream_callback)
    return res->binary_body_length;
  return res->stream_size == U_STREAM_SIZE_UNKNOWN ? 0 : (size_t)res->stream_size;
}

static void access_log(const edx_ctx *ctx, int status, double seconds)
{
  char addr[INET_ADDRSTRLEN] = "-", target[512];
  const struct sockaddr_in *sin = (const struct sockaddr_in *)ctx->req->client_address;
  if (sin && sin->sin_family == AF_INET)
    inet_ntop(AF_INET, &sin->sin_addr, addr, sizeof(addr));
  edx_redact_target(target, sizeof(target), ctx->req->http_url);
  y_log_message(Y_LOG_LEVEL_INFO, "%s \"%s %s\" %d %zu %.1fms %s", addr, ctx->req->http_verb, target, status, body_length(ctx->res), seconds * 1000.0,
                ctx->caller.token_id[0] ? ctx->caller.token_id : "-");
}

/* Headers every answer carries: nosniff (a JSON or CSV answer is never run as a script or page),
 * and, for a request that carried credentials, Cache-Control: no-store (what one token may see
 * stays out of every cache, the browser's included; clients still revalidate with the ETag
 * they keep themselves). */
static void security_headers(const edx_ctx *ctx)
{
  u_map_put(ctx->res->map_header, "X-Content-Type-Options", "nosniff");
  if (edx_header(ctx, "Authorization") && !u_map_get_case(ctx->res->map_header, "Cache-Control"))
    u_map_put(ctx->res->map_header, "Cache-Control", "no-store");
}

/* Requests with a body larger than this are followed by malloc_trim. */
#define EDX_TRIM_AFTER_BYTES (1024 * 1024)

void edx_dispatch_end(edx_ctx *ctx)
{
  struct timespec end;
  double seconds;
  security_headers(ctx);
  if (atomic_load(&ctx->app->draining))
    u_map_put(ctx->res->map_header, "Connection", "close");
  edx_pool_release(ctx->app->pool, ctx->conn);
  ctx->conn = NULL;
  edx_encoding_finish(ctx->req, ctx->res);
  json_decref(ctx->body);
  json_decref(ctx->query_errors);
  ctx->body = ctx->query_errors = NULL;
  clock_gettime(CLOCK_MONOTONIC, &end);
  seconds = (double)(end.tv_sec - ctx->started.tv_sec) +
            (double)(end.tv_nsec - ctx->started.tv_nsec) / 1e9;
  edx_metrics_observe(ctx->req->http_verb, ctx->route_name, (int)ctx->res->status, seconds);
  access_log(ctx, (int)ctx->res->status, seconds);
  /* glibc keeps what a worker thread freed in that thread's arena: after a large request body
   * (an import) give it back, or each worker would hold its largest import's memory for good (a
   * 10,000-school import left ~90 MB per worker). Large answers are not followed by a trim: the
   * national progress answer is served again and again, and re-faulting its pages each time
   * cost 40 % of its throughput. */
  if (ctx->req->binary_body_length > EDX_TRIM_AFTER_BYTES)
    malloc_trim(0);
}
