/* audit.c — GET /v1/audit: who changed what and when. Admins see everything, district tokens the
 * entries of their own district. */
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/audit.h"
#include "src/rules/errors.h"

static const char *const entities[] = {"district", "token", "school", "indicator", "plan",
                                       "framework", "assessment", "procedure", "dossier",
                                       "task", "task_assignment", "file", "submission",
                                       "submission_deadline", NULL};
static const char *const actions[] = {"create", "update", "delete", "revoke", NULL};
static const char *const csv_columns[] = {"id", "at", "actor_token_id", "actor_role", "actor_label",
                                          "action", "entity", "entity_id", "district_id", "before",
                                          "after", NULL};

void edx_audit_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_audit_filter f;
  edx_conn *c;
  int rc;
  if (!edx_may_administer(&ctx->caller)) {
    json_decref(errors);
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin and district tokens may read the audit log", NULL);
    return;
  }
  edx_query_list(ctx, &lp, edx_audit_sort_fields, "-at", errors);
  f.entity = edx_query_enum(ctx, "entity", entities, errors);
  f.entity_id = edx_query_text(ctx, "entity_id", 64, errors);
  f.actor_token_id = edx_query_uuid(ctx, "actor_token_id", errors);
  f.action = edx_query_enum(ctx, "action", actions, errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.since = edx_query_timestamp(ctx, "since", errors);
  f.until = edx_query_timestamp(ctx, "until", errors);
  /* a district token reads its own district's; naming another is 403, as on every list */
  if (edx_query_list_end(ctx, errors) != 0 || edx_scope_district(ctx, &f.district_id) != 0 ||
      !(c = edx_ctx_conn(ctx)))
    return;
  rc = edx_db_audit_list(c, &list, &f, &lp);
  edx_answer_list(ctx, rc, &list, csv_columns, "audit");
}
