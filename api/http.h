/* http.h — what every resource handler works with: the request context (route, path parameters,
 * caller, pooled connection, parsed body) and the only ways to answer — JSON with ETag, CSV,
 * empty, or an RFC 9457 problem document built from an edx code. */
#ifndef EDX_API_HTTP_H
#define EDX_API_HTTP_H
#include <jansson.h>
#include <stdatomic.h>
#include <ulfius.h>
#include "db/pool.h"
#include "src/runtime/config.h"
#include "src/rules/roles.h"
#include "src/rules/router.h"

typedef struct {
  edx_config *cfg;
  edx_pool *pool;
  char **cors_origins;      /* allowed Origin values, NULL-terminated */
  atomic_int in_flight;     /* requests between URI log and completion */
} edx_app;

struct edx_ctx;
typedef void (*edx_handler)(struct edx_ctx *ctx);

enum {
  EDX_ROUTE_PUBLIC = 1,     /* no token needed */
  EDX_ROUTE_JSON_BODY = 2,  /* requires a JSON object body */
  EDX_ROUTE_IMPORT = 4,     /* bulk import: the larger body limit */
  EDX_ROUTE_NO_DB = 8,      /* answers without a database connection */
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
  void *route_data;         /* what a handler hands to its own callbacks */
  char request_hash[65];
} edx_ctx;

/* The pooled connection for this request (acquired on first use). On failure the 503 problem
 * has been sent and NULL is returned. */
edx_conn *edx_ctx_conn(edx_ctx *ctx);
/* A query parameter (NULL when absent), and a request header (case-insensitive). */
const char *edx_query(const edx_ctx *ctx, const char *name);
const char *edx_header(const edx_ctx *ctx, const char *name);

/* Answers with a problem document for code (status, type and title follow from it). detail is
 * the human message (NULL: the thread's last error message); errors (stolen, may be NULL) lists
 * {"field", "message"} items. */
void edx_problem(edx_ctx *ctx, int code, const char *detail, json_t *errors);
/* Answers status with value as JSON and a strong ETag; a GET whose If-None-Match matches gets 304.
 * value is borrowed. */
void edx_respond_json(edx_ctx *ctx, int status, const json_t *value);
/* The same for JSON text already written (len bytes, borrowed). */
void edx_respond_json_text(edx_ctx *ctx, int status, const char *text, size_t len);
/* Answers a list {"items", ...}: CSV (with BOM) when ?format=csv or Accept: text/csv asks for it,
 * JSON otherwise. */
extern const char *const edx_list_formats[]; /* "json", "csv" */
void edx_respond_list(edx_ctx *ctx, const json_t *list, const char *const *csv_columns,
                      const char *csv_name);
void edx_respond_empty(edx_ctx *ctx, int status);
void edx_respond_bytes(edx_ctx *ctx, int status, const char *content_type, const char *bytes,
                       size_t len);
void edx_add_header(edx_ctx *ctx, const char *name, const char *value);

/* Checks If-Match against the current representation of a resource; answers 412 and returns
 * EDX_EPRECOND when it no longer matches, EDX_OK otherwise. */
int edx_check_if_match(edx_ctx *ctx, const json_t *current);

/* A creating POST: in one transaction claims the Idempotency-Key (when sent), runs create, and
 * stores the answer; then answers 201 with Location = location_prefix + id, ETag and the body,
 * or replays the first answer. create returns an edx code (its problem is sent by this). */
typedef int (*edx_create_fn)(edx_ctx *ctx, json_t **out);
void edx_run_create(edx_ctx *ctx, edx_create_fn create, const char *location_prefix);
/* The same, for resources named by another field than "id" (e.g. an indicator's "code"). */
void edx_run_create_at(edx_ctx *ctx, edx_create_fn create, const char *location_prefix,
                       const char *id_field);
/* Runs change in one transaction; on failure rolls back and sends its problem. change may
 * have sent a response itself only when it returns EDX_OK. Returns the code. */
typedef int (*edx_change_fn)(edx_ctx *ctx, void *arg);
int edx_run_in_transaction(edx_ctx *ctx, edx_change_fn change, void *arg);

/* What a checked import would do to its rows. */
typedef struct {
  long created, updated, unchanged;
} edx_import_counts;
/* Answers an import whose rows have been checked: 422 listing every row problem in
 * row_errors (nothing written); otherwise apply(ctx, run) in one transaction unless dry_run, and
 * 200 with the counts. */
void edx_finish_import(edx_ctx *ctx, json_t *row_errors, int dry_run, edx_change_fn apply,
                       void *run, size_t rows, const edx_import_counts *counts);

/* Checks the JSON body against a field spec: 400 naming unknown or read-only fields, then 422
 * naming every invalid value (create: required fields too; patch: the fields present). what
 * names the resource in the messages ("district"). Returns 0, or -1 after answering. */
int edx_validate_body(edx_ctx *ctx, const void *spec, int patch, const char *what);

/* Loads the resource whose UUID is the path parameter `param` with get, if the caller may see
 * its district ("district_id"); sends 404 ("no <what> with this id") or 403 and returns NULL
 * otherwise. */
typedef int (*edx_get_by_id_fn)(edx_conn *c, json_t **out, const char *id, int for_update);
json_t *edx_load_scoped(edx_ctx *ctx, const char *param, edx_get_by_id_fn get, int for_update,
                        const char *what);
/* Loads the district named by the path parameter "district" (an id or code:<code>; locked when
 * for_update) if the caller may see it; sends 404 or 403 and returns NULL otherwise. */
json_t *edx_load_district(edx_ctx *ctx, int for_update);
/* {id, code, name} of a district, for answers about one district. */
json_t *edx_district_brief(const json_t *district);
/* A list's district_id filter for a caller scoped to a district: another district is 403 (sent,
 * -1 returned), none becomes the caller's own. Unscoped callers keep their filter. */
int edx_scope_district(edx_ctx *ctx, const char **district_id);

/* A body that leaves district_id out gets the caller's own when it is a district token. */
void edx_default_district(edx_ctx *ctx);
/* The office's business (procedures, dossiers) is not for school tokens: sends 403 and returns -1
 * for them, 0 otherwise. */
int edx_office_only(edx_ctx *ctx);

/* Query-string filters: each returns the value (NULL when absent) and appends a problem to
 * errors when the value is malformed. */
const char *edx_query_uuid(const edx_ctx *ctx, const char *name, json_t *errors);
const char *edx_query_timestamp(const edx_ctx *ctx, const char *name, json_t *errors);
const char *edx_query_bool(const edx_ctx *ctx, const char *name, json_t *errors);
const char *edx_query_enum(const edx_ctx *ctx, const char *name, const char *const *choices,
                           json_t *errors);
const char *edx_query_text(const edx_ctx *ctx, const char *name, long max_chars, json_t *errors);
/* ?name= as a year (EDX_YEAR_MIN..EDX_YEAR_MAX): its text, NULL when absent; *year (may be NULL)
 * gets its value, 0 when absent or bad. A bad value, or an absent one when required, appends a
 * problem. */
const char *edx_query_year(const edx_ctx *ctx, const char *name, int required, int *year,
                           json_t *errors);
/* The query of an answer about one year: the required ?year= and the optional ?format= (json or
 * csv). Sends 400 and returns -1 when either is bad. */
int edx_query_year_format(edx_ctx *ctx, int *year);
/* Sends a 400 naming every bad query parameter and returns -1 when errors is not empty;
 * returns 0 otherwise. Steals errors either way. */
int edx_query_errors(edx_ctx *ctx, json_t *errors);
#endif
