/* http.h — what every resource handler works with: the request context (route, path parameters,
 * caller, pooled connection, parsed body) and the only ways to answer — JSON with ETag, CSV,
 * empty, or an RFC 9457 problem document built from an edx code (the dispatcher gzip-encodes
 * any of them afterwards: encoding.h). Beside it: query.h (query parameters), load.h (resources
 * the path names), write.h (transactions, creation, patches), import.h (bulk imports). */
#ifndef EDX_API_HTTP_H
#define EDX_API_HTTP_H
#include <jansson.h>
#include <stdatomic.h>
#include <time.h>
#include <ulfius.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/runtime/config.h"
#include "src/runtime/token_cache.h"
#include "src/rules/roles.h"
#include "src/rules/i18n.h"
#include "src/rules/router.h"

typedef struct {
  edx_config *cfg;
  edx_pool *pool;
  char **cors_origins;      /* allowed Origin values, NULL-terminated */
  edx_token_cache *tokens;  /* callers of recently checked tokens */
  const unsigned char *link_secret; /* keys download links with each token's digest (never
                                     * logged): configured, or random for this process */
  size_t link_secret_len;
  atomic_int in_flight;     /* requests between URI log and completion */
  atomic_int draining;      /* set on SIGTERM: /readyz 503, every answer closes its connection */
} edx_app;

struct edx_ctx;
typedef void (*edx_handler)(struct edx_ctx *ctx);

enum {
  EDX_ROUTE_PUBLIC = 1,     /* no token needed */
  EDX_ROUTE_JSON_BODY = 2,  /* requires a JSON object body */
  EDX_ROUTE_IMPORT = 4,     /* bulk import: the larger body limit */
  EDX_ROUTE_NO_DB = 8,      /* answers without the database: run where nothing may wait */
  EDX_ROUTE_READS = 32,     /* a POST that writes nothing (reader tokens may send it) */
  EDX_ROUTE_SCOPES = 16,    /* may change what a token is (its revocation, a district's
                             * province, a token's district or school): the token cache is
                             * cleared after it succeeds */
  EDX_ROUTE_CSV = 64,       /* a GET that can answer CSV: its path with ".csv" added is the same
                             * route with CSV forced (GET /v1/schools.csv) */
  EDX_ROUTE_UPLOAD = 128,   /* the body is a file: the file limit (EDX_FILE_MAX_BYTES, 20 MiB) */
  EDX_ROUTE_REVIEW = 256,   /* a province's review of a period report: the one write reader
                             * tokens may send (roles.c decides which reader may) */
};

typedef struct {
  const char *method;
  const char *pattern;
  edx_handler handler;
  unsigned flags;
  const char *const *query; /* allowed query parameters (NULL-terminated), NULL = none */
} edx_route;

typedef struct edx_ctx {
  edx_app *app;
  const struct _u_request *req;
  struct _u_response *res;
  const edx_route *route;
  edx_path_params params;
  edx_caller caller;
  edx_conn *conn;
  json_t *body;
  json_t *query_errors;     /* unknown query parameters, reported with the handler's own */
  char request_hash[65];
  struct timespec started;  /* when the request's head was in */
  const char *route_name;   /* the route's pattern for metrics ("unmatched", "preflight") */
  int client_fd;            /* the client's socket (to see whether it left), or -1 */
  int via_link;             /* authenticated by a signed download link (?dl=), not a header */
  int stream_waits;         /* the streamed answer's blocks may wait (on the database): each is
                             * made on a worker, never on a thread that moves bytes */
  int csv_path;             /* asked for as <route>.csv: the answer is CSV, `format` is unknown */
} edx_ctx;

/* The pooled connection for this request (acquired on first use). On failure the 503 problem
 * has been sent and NULL is returned. */
edx_conn *edx_ctx_conn(edx_ctx *ctx);
/* 1 when the client has closed its connection (so nothing will read the answer). A client that
 * half-closes after sending its request counts as gone. */
int edx_client_gone(const edx_ctx *ctx);
/* A query parameter (NULL when absent), and a request header (case-insensitive). */
const char *edx_query(const edx_ctx *ctx, const char *name);
/* Replaces a query parameter's value (a normalised form of what the client sent); pointers
 * edx_query returned for it before are no longer valid. */
void edx_query_set(edx_ctx *ctx, const char *name, const char *value);
const char *edx_header(const edx_ctx *ctx, const char *name);

/* Answers with a problem document for code (status, type and title follow from it). detail is
 * the human message (NULL: the thread's last error message); errors (stolen, may be NULL) lists
 * {"field", "message"} items. */
void edx_problem(edx_ctx *ctx, int code, const char *detail, json_t *errors);
/* Says the answer is in lang (Content-Language) and varies with Accept-Language (Vary). */
void edx_say_language(edx_ctx *ctx, edx_lang lang);
/* Answers status with body (len bytes, borrowed) of content_type and the representation's
 * identity ETag etag; a 200 to a GET or HEAD whose If-None-Match names etag or its gzip variant
 * gets 304 instead, with the ETag of the variant this request would get. Returns 1 when it
 * answered 304. */
int edx_respond_tagged(edx_ctx *ctx, int status, const char *content_type, const char *body,
                       size_t len, const char *etag);
/* Answers status with value as JSON and a strong ETag (edx_respond_tagged). value is borrowed. */
void edx_respond_json(edx_ctx *ctx, int status, const json_t *value);
/* The same for JSON text already written (len bytes, borrowed). */
void edx_respond_json_text(edx_ctx *ctx, int status, const char *text, size_t len);
/* The answer is wanted as CSV: the path ended in ".csv", or else (the older way, on the JSON
 * path) ?format=csv, or else an Accept header naming text/csv. */
int edx_wants_csv(const edx_ctx *ctx);
/* The CSV's separator: ';' for ?sep=semicolon, ',' otherwise (query.h checks the value). */
char edx_csv_sep_of(const edx_ctx *ctx);
/* The header line's names for columns: Vietnamese with ?lang=vi (or vi-*), the columns' own
 * names otherwise (labels.h); malloc'ed (free it), NULL when out of memory. */
const char **edx_csv_header_names(const edx_ctx *ctx, const char *const *columns);
/* The language of a CSV's header line (lang=): "vi" or "en". */
const char *edx_csv_lang_tag(const edx_ctx *ctx);
/* Answers a list {"items", ...}: CSV (with BOM) when edx_wants_csv and the list has CSV columns
 * (csv_columns not NULL), JSON otherwise. */
extern const char *const edx_list_formats[]; /* "json", "csv" */
void edx_respond_list(edx_ctx *ctx, const json_t *list, const char *const *csv_columns,
                      const char *csv_name);
void edx_respond_empty(edx_ctx *ctx, int status);
void edx_respond_bytes(edx_ctx *ctx, int status, const char *content_type, const char *bytes,
                       size_t len);
void edx_add_header(edx_ctx *ctx, const char *name, const char *value);

/* Answers the outcome of a read: value (released here, may be NULL) with 200 when rc is EDX_OK,
 * rc's problem otherwise. */
void edx_answer(edx_ctx *ctx, int rc, json_t *value);
/* Checks If-Match (either variant's ETag, identity or gzip) against the current representation
 * of a resource; answers 412 and returns EDX_EPRECOND when it no longer matches, EDX_OK
 * otherwise. */
int edx_check_if_match(edx_ctx *ctx, const json_t *current);
/* Answers status with body as JSON under the ETag of `tagged` (the resource's representation,
 * when body adds to it what only this answer carries, such as a write's warnings). */
void edx_respond_json_tagged_as(edx_ctx *ctx, int status, const json_t *body,
                                const json_t *tagged);
#endif
