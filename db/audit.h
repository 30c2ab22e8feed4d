/* audit.h — the audit log: one row per change, written in the same transaction as the change,
 * and the filtered list behind GET /v1/audit. */
#ifndef EDX_DB_AUDIT_H
#define EDX_DB_AUDIT_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

/* The actor of a write as three text parameters: its token id, role and label (each NULL when
 * unknown; all NULL for the command line, actor NULL). */
void edx_db_actor_params(const edx_caller *actor, const char *out[3]);
/* Records a change. actor NULL = the command line. before/after may be NULL.
 * Must run inside the transaction that makes the change. */
int edx_db_audit_write(edx_conn *c, const edx_caller *actor, const char *action,
                       const char *entity, const char *entity_id, const char *district_id,
                       const json_t *before, const json_t *after);

/* What a change writes in the audit log beside its actor and its row after the change. */
typedef struct {
  const char *action, *entity, *entity_id, *district_id; /* district_id NULL: none */
  const json_t *before;                                 /* NULL for a creation */
} edx_audit_entry;
/* Ends a change that stored row (rc: its outcome so far): when rc is EDX_OK writes the audit row
 * e with row as after, then hands row to *out; otherwise, or when the audit fails, releases row.
 * Returns the final code. */
int edx_db_audit_end(edx_conn *c, int rc, json_t *row, json_t **out, const edx_caller *actor,
                     const edx_audit_entry *e);

typedef struct {
  const char *entity, *entity_id, *actor_token_id, *action, *district_id, *since, *until;
} edx_audit_filter;

extern const char *const edx_audit_sort_fields[];
int edx_db_audit_list(edx_conn *c, edx_list_page *out, const edx_audit_filter *f,
                      const edx_list_params *lp);
#endif
