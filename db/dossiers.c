/* dossiers.c — dossier storage (see dossiers.h). One upsert statement serves single writes and
 * bulk imports, so both store a dossier the same way. */
#include <stdlib.h>
#include "db/audit.h"
#include "db/dossiers.h"
#include "db/list.h"
#include "db/query.h"
#include "src/rules/errors.h"

const char *const edx_dossier_sort_fields[] = {"received_at", "due_at", "updated_at", NULL};
static const char *const dossier_sort_sql[] = {"d.received_at", "d.due_at", "d.updated_at"};

int edx_db_dossier_get(edx_conn *c, json_t **out, const char *id, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_dossier_json(d) FROM dossiers d"
                                  " WHERE d.id = $1::uuid",
                           for_update, id);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no dossier with this id");
  return rc;
}

int edx_db_dossier_list(edx_conn *c, json_t **out, const edx_dossier_filter *f,
                        const edx_list_params *lp)
{
  const char *params[] = {f->district_id, f->procedure_id, f->channel, f->status, f->year,
                          f->overdue, f->updated_since};
  return edx_db_list(c, out,
                     "dossiers d WHERE ($1::uuid IS NULL OR d.district_id = $1::uuid)"
                     " AND ($2::uuid IS NULL OR d.procedure_id = $2::uuid)"
                     " AND ($3::text IS NULL OR d.channel = $3)"
                     " AND ($4::text IS NULL OR d.status = $4)"
                     " AND ($5::int IS NULL OR (d.received_at >= edx_year_start($5::int)"
                     "      AND d.received_at < edx_year_start($5::int + 1)))"
                     " AND ($6::boolean IS NULL OR edx_dossier_overdue(d.status, d.due_at)"
                     "      = $6::boolean)"
                     " AND ($7::timestamptz IS NULL OR d.updated_at >= $7::timestamptz)",
                     "edx_dossier_json(d)", dossier_sort_sql, "d.id", lp, 7, params);
}

/* The upsert of complete dossiers given as a JSON array in $1; audited with $2..$4. The earlier
 * state of each row is looked up by its unique (district, reference), one index probe per row
 * (LATERAL … LIMIT 1, which PostgreSQL cannot flatten: as a plain join it may hash the whole
 * table with every dossier's JSON first — 12 ms for 160 dossiers, growing with the table). */
#define DOSSIER_UPSERT                                                                           \
  "WITH input AS (SELECT r FROM jsonb_array_elements($1::jsonb) r),"                             \
  " old AS (SELECT o.* FROM input, LATERAL (SELECT d.district_id, d.reference,"                \
  "     edx_dossier_json(d)::jsonb AS j FROM dossiers d"                                         \
  "     WHERE d.district_id = (r->>'district_id')::uuid AND d.reference = r->>'reference'"       \
  "     LIMIT 1) o),"                                                                            \
  " up AS (INSERT INTO dossiers AS d (district_id, procedure_id, reference, channel,"            \
  "   received_at, due_at, status, processing_at, supplement_requested_at, resolved_at,"         \
  "   rejected_at, withdrawn_at, paid_online, e_receipt, dossier_digitized, result_digitized,"   \
  "   satisfaction) SELECT (r->>'district_id')::uuid, (r->>'procedure_id')::uuid,"               \
  "   normalize(r->>'reference', NFC), r->>'channel', (r->>'received_at')::timestamptz,"         \
  "   (r->>'due_at')::timestamptz, coalesce(r->>'status', 'received'),"                          \
  "   (r->>'processing_at')::timestamptz, (r->>'supplement_requested_at')::timestamptz,"         \
  "   (r->>'resolved_at')::timestamptz, (r->>'rejected_at')::timestamptz,"                       \
  "   (r->>'withdrawn_at')::timestamptz, coalesce((r->>'paid_online')::boolean, false),"         \
  "   coalesce((r->>'e_receipt')::boolean, false),"                                              \
  "   coalesce((r->>'dossier_digitized')::boolean, false),"                                      \
  "   coalesce((r->>'result_digitized')::boolean, false), r->>'satisfaction' FROM input"         \
  "   ON CONFLICT (district_id, reference) DO UPDATE SET procedure_id = excluded.procedure_id,"  \
  "   channel = excluded.channel, received_at = excluded.received_at, due_at = excluded.due_at," \
  "   status = excluded.status, processing_at = excluded.processing_at,"                         \
  "   supplement_requested_at = excluded.supplement_requested_at,"                               \
  "   resolved_at = excluded.resolved_at, rejected_at = excluded.rejected_at,"                   \
  "   withdrawn_at = excluded.withdrawn_at, paid_online = excluded.paid_online,"                 \
  "   e_receipt = excluded.e_receipt, dossier_digitized = excluded.dossier_digitized,"           \
  "   result_digitized = excluded.result_digitized, satisfaction = excluded.satisfaction,"       \
  "   updated_at = now() RETURNING d.id, d.district_id, d.reference,"                            \
  "   edx_dossier_json(d)::jsonb AS j),"                                                         \
  " audited AS (INSERT INTO audit (actor_token_id, actor_role, actor_label, action, entity,"     \
  "   entity_id, district_id, before, after) SELECT $2::uuid, $3, $4, CASE WHEN o.j IS NULL"     \
  "   THEN 'create' ELSE 'update' END, 'dossier', u.id, u.district_id, o.j, u.j FROM up u"       \
  "   LEFT JOIN old o USING (district_id, reference))"

int edx_db_dossier_save(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *d)
{
  json_t *rows = json_pack("[O]", d);
  char *text = json_dumps(rows, JSON_COMPACT);
  const char *params[] = {text, actor && actor->token_id[0] ? actor->token_id : NULL,
                          actor ? edx_role_name(actor->role) : NULL,
                          actor && actor->label[0] ? actor->label : NULL};
  int rc = edx_db_json(c, out, DOSSIER_UPSERT " SELECT j FROM up", 4, params);
  if (rc == EDX_ECONFLICT)
    edx_error_set("the dossier conflicts with another one");
  free(text);
  json_decref(rows);
  return rc;
}

int edx_db_dossiers_upsert(edx_conn *c, const edx_caller *actor, const json_t *rows,
                           long *created, long *updated)
{
  char *text = json_dumps(rows, JSON_COMPACT);
  const char *params[] = {text, actor && actor->token_id[0] ? actor->token_id : NULL,
                          actor ? edx_role_name(actor->role) : NULL,
                          actor && actor->label[0] ? actor->label : NULL};
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res,
                       DOSSIER_UPSERT " SELECT count(*) FILTER (WHERE o.j IS NULL),"
                       " count(*) FILTER (WHERE o.j IS NOT NULL) FROM up u LEFT JOIN old o"
                       " USING (district_id, reference)",
                       4, params);
  if (rc == EDX_OK) {
    *created = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    *updated = strtol(PQgetvalue(res, 0, 1), NULL, 10);
  }
  PQclear(res);
  free(text);
  return rc;
}

int edx_db_dossiers_by_reference(edx_conn *c, json_t **out, const char *district_id,
                                 const json_t *references)
{
  char *text = json_dumps(references, JSON_COMPACT);
  const char *params[] = {district_id, text};
  int rc = edx_db_json(c, out,
                       "SELECT coalesce(json_object_agg(d.reference, edx_dossier_json(d)), '{}')"
                       " FROM dossiers d WHERE d.district_id = $1::uuid AND d.reference IN"
                       " (SELECT jsonb_array_elements_text($2::jsonb))",
                       2, params);
  free(text);
  return rc;
}

int edx_db_procedure_maps(edx_conn *c, json_t **out, const char *district_id)
{
  const char *params[] = {district_id};
  return edx_db_json(c, out,
                     "SELECT json_build_object('by_id', coalesce(json_object_agg(p.id,"
                     " edx_procedure_json(p)), '{}'), 'by_code', coalesce((SELECT"
                     " json_object_agg(code, ids) FROM (SELECT code, json_agg(id) AS ids FROM"
                     " procedures WHERE district_id = $1::uuid AND code IS NOT NULL GROUP BY code)"
                     " x), '{}')) FROM procedures p WHERE p.district_id = $1::uuid",
                     1, params);
}
