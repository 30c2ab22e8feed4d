/* audit.c — writing and listing audit rows (see audit.h). */
#include <stdlib.h>
#include "db/audit.h"
#include "db/list.h"
#include "db/query.h"
#include "src/rules/errors.h"

const char *const edx_audit_sort_fields[] = {"at", NULL};
static const edx_sort_column audit_sort_sql[] = {{"a.at", EDX_NOT_NULL}};

static const char *opt(const char *s)
{
  return s && *s ? s : NULL;
}

void edx_db_actor_params(const edx_caller *actor, const char *out[3])
{
  out[0] = actor ? opt(actor->token_id) : NULL;
  out[1] = actor ? edx_role_name(actor->role) : NULL;
  out[2] = actor ? opt(actor->label) : NULL;
}

int edx_db_audit_write(edx_conn *c, const edx_caller *actor, const char *action,
                       const char *entity, const char *entity_id, const char *district_id,
                       const json_t *before, const json_t *after)
{
  char *before_text = before ? json_dumps(before, JSON_COMPACT) : NULL;
  char *after_text = after ? json_dumps(after, JSON_COMPACT) : NULL;
  const char *params[] = {NULL, NULL, NULL, action, entity, entity_id, opt(district_id),
                          before_text, after_text};
  int rc;
  edx_db_actor_params(actor, params);
  rc = edx_db_run(c, NULL,
                      "INSERT INTO audit (actor_token_id, actor_role, actor_label, action, entity,"
                      " entity_id, district_id, before, after)"
                      " VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::uuid, $8::jsonb, $9::jsonb)",
                      9, params);
  free(before_text);
  free(after_text);
  return rc;
}

int edx_db_audit_end(edx_conn *c, int rc, json_t *row, json_t **out, const edx_caller *actor,
                     const edx_audit_entry *e)
{
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, e->action, e->entity, e->entity_id, e->district_id,
                            e->before, row);
  if (rc == EDX_OK)
    *out = row;
  else
    json_decref(row);
  return rc;
}

int edx_db_audit_list(edx_conn *c, edx_list_page *out, const edx_audit_filter *f,
                      const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"a.entity = $", f->entity},
    {"a.entity_id = $", f->entity_id},
    {"a.actor_token_id = $::uuid", f->actor_token_id},
    {"a.action = $", f->action},
    {"a.district_id = $::uuid", f->district_id},
    {"a.at >= $::timestamptz", f->since},
    {"a.at <= $::timestamptz", f->until},
  };
  return edx_db_list_filtered(c, out, "audit a WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_audit_json(a)", audit_sort_sql, "a.id", lp);
}
