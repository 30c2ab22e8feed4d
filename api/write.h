/* write.h — the skeletons every write of a handler goes through: a change in one transaction
 * (rolled back, with its problem sent, on failure), a creating POST with its Idempotency-Key,
 * a JSON Merge Patch (load, permission, If-Match, merge, check, update), and the check of a body
 * against a field spec. */
#ifndef EDX_API_WRITE_H
#define EDX_API_WRITE_H
#include "api/http.h"
#include "src/rules/fields.h"

/* Runs change in one transaction; on failure rolls back and sends its problem. change may
 * have sent a response itself only when it returns EDX_OK. Returns the code. */
typedef int (*edx_change_fn)(edx_ctx *ctx, void *arg);
int edx_run_in_transaction(edx_ctx *ctx, edx_change_fn change, void *arg);

/* A creating POST: in one transaction claims the Idempotency-Key (when sent), runs
 * create(ctx, arg, &out), and stores the answer; then answers 201 with Location =
 * location_prefix + id, ETag and the body, or replays the first answer. create returns an edx
 * code (its problem is sent by this). */
typedef int (*edx_create_fn)(edx_ctx *ctx, void *arg, json_t **out);
void edx_run_create(edx_ctx *ctx, edx_create_fn create, void *arg, const char *location_prefix);
/* The same in one REPEATABLE READ transaction: every statement of create (and the key's) sees
 * one snapshot, so what it stores is what it read at one instant (a period report). */
void edx_run_create_repeatable(edx_ctx *ctx, edx_create_fn create, void *arg,
                               const char *location_prefix);
/* The same, for resources named by another field than "id" (e.g. an indicator's "code"). */
void edx_run_create_at(edx_ctx *ctx, edx_create_fn create, void *arg,
                       const char *location_prefix, const char *id_field);

/* What a PATCH of one kind of resource does at each step. */
typedef struct {
  /* the resource the path names, locked (for_update 1); sends 404/403 and returns NULL */
  json_t *(*load)(edx_ctx *ctx, int for_update);
  /* NULL, or whether the caller may change it: EDX_OK, or a code after sending the problem */
  int (*allowed)(edx_ctx *ctx, const json_t *before);
  /* with allowed NULL: NULL, or what the resource is of its district ("tasks"), so that only a
   * caller managing the district it names (district_id) may change it (edx_may_change_of) */
  const char *district_data;
  /* NULL, or the body's own checks (400, 422), made only once the caller may change the
   * resource, so that a caller out of scope learns nothing from them: 0, or -1 after answering */
  int (*check_body)(edx_ctx *ctx);
  /* NULL, or the checks and completions of the merged resource: as allowed */
  int (*prepare)(edx_ctx *ctx, const json_t *before, json_t *merged);
  /* writes merged (and its audit row) and gives the stored representation */
  int (*update)(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *before,
                const json_t *merged);
  int skip_unchanged; /* a patch that changes nothing answers the resource as it is, unwritten */
} edx_patch_ops;
/* Whether the caller manages the district resource names (its district_id): EDX_OK, or 403
 * "this token may not change that district's <what>" sent. */
int edx_may_change_of(edx_ctx *ctx, const json_t *resource, const char *what);
/* Applies the request's JSON Merge Patch in one transaction: load (404), allowed (403),
 * check_body (400, 422), If-Match (412), merge, prepare, update; answers 200 with the resource
 * after. */
void edx_run_patch(edx_ctx *ctx, const edx_patch_ops *ops);

/* Checks the JSON body against a field spec: 400 naming unknown or read-only fields, then 422
 * naming every invalid value (create: required fields too; patch: the fields present). what
 * names the resource in the messages ("district"). Returns 0, or -1 after answering. */
int edx_validate_body(edx_ctx *ctx, const edx_field *spec, int patch, const char *what);
#endif
