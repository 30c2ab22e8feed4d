/* procedures.c — procedures and their metrics (see procedures.h). */
#include <stdio.h>
#include <string.h>
#include "db/audit.h"
#include "db/columns.h"
#include "db/list.h"
#include "db/procedures.h"
#include "db/query.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

const char *const edx_procedure_sort_fields[] = {"name", "code", "updated_at", NULL};
static const edx_sort_column procedure_sort_sql[] = {{"p.name", EDX_NOT_NULL},
  {"p.code", EDX_NULLABLE}, {"p.updated_at", EDX_NOT_NULL}};

int edx_db_procedure_get(edx_conn *c, json_t **out, const char *id, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_procedure_json(p) FROM procedures p"
                                  " WHERE p.id = $1::uuid",
                           for_update, id);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no procedure with this id");
  return rc;
}

int edx_db_procedure_list(edx_conn *c, edx_list_page *out, const edx_procedure_filter *f,
                          const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"p.district_id = $::uuid", f->district_id},
    {"p.online_mode = $", f->online_mode},
    {"p.active = $::boolean", f->active},
    {"p.search_folded LIKE edx_contains_folded($)", f->q}, /* name or code */
    {"p.updated_at >= $::timestamptz", f->updated_since},
    {EDX_IN_PROVINCE("p.district_id"), f->province},
  };
  return edx_db_list_filtered(c, out, "procedures p WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_procedure_json(p)", procedure_sort_sql, "p.id", lp);
}

static const edx_column procedure_columns[] = {
  {"district_id", EDX_COL_UUID, NULL},     {"code", EDX_COL_TEXT, NULL},
  {"name", EDX_COL_NFC, NULL},             {"field", EDX_COL_NFC, NULL},
  {"fee", EDX_COL_BOOL, "false"},          {"eligible_online", EDX_COL_BOOL, "true"},
  {"online_mode", EDX_COL_TEXT, "'none'"}, {"statutory_days", EDX_COL_INT, NULL},
  {"active", EDX_COL_BOOL, "true"},        {NULL, 0, NULL},
};
static const edx_table procedures_table = {"procedures", "p", "edx_procedure_json",
                                           procedure_columns, 1};

int edx_db_procedure_create(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *p)
{
  json_t *procedure = NULL;
  int rc = edx_db_insert(c, &procedure, &procedures_table, p);
  return edx_db_audit_end(c, rc, procedure, out, actor,
                          &(edx_audit_entry){"create", "procedure", edx_json_str(procedure, "id"),
                                             edx_json_str(p, "district_id"), NULL});
}

int edx_db_procedure_update(edx_conn *c, json_t **out, const edx_caller *actor,
                            const json_t *before, const json_t *merged)
{
  const char *id = edx_json_str(before, "id");
  json_t *procedure = NULL;
  int rc = edx_db_update(c, &procedure, &procedures_table, "id", id, merged);
  return edx_db_audit_end(c, rc, procedure, out, actor,
                          &(edx_audit_entry){"update", "procedure", id,
                                             edx_json_str(before, "district_id"), before});
}

/* Metrics from the per-procedure yearly counts (dossier_counts, kept by triggers), dossiers now
 * overdue per procedure (the partial index of open dossiers), then rates per procedure and for
 * the total (sums of the counts). See openapi.yaml for each formula. */
#define METRIC_COUNTS                                                                            \
  " c AS (SELECT * FROM dossier_counts WHERE year = $3::int"                                     \
  "   AND procedure_id IN (SELECT id FROM scope)),"                                              \
  " o AS (SELECT procedure_id, count(*) AS overdue FROM dossiers"                                \
  "   WHERE status IN ('received', 'processing', 'supplement_requested') AND due_at < now()"     \
  "   AND procedure_id IN (SELECT id FROM scope) GROUP BY procedure_id),"                        \
  " m AS (SELECT p.*, coalesce(c.n, 0) AS n, coalesce(c.online, 0) AS online,"                  \
  "   coalesce(c.paid, 0) AS paid, coalesce(c.digitized, 0) AS digitized,"                       \
  "   coalesce(c.satisfied, 0) AS satisfied, coalesce(c.rated, 0) AS rated,"                     \
  "   coalesce(c.resolved, 0) AS resolved, coalesce(c.on_time, 0) AS on_time,"                   \
  "   coalesce(c.handled, 0) AS handled, coalesce(c.handled_ok, 0) AS handled_ok,"               \
  "   coalesce(o.overdue, 0) AS overdue FROM scope p LEFT JOIN c ON c.procedure_id = p.id"       \
  "   LEFT JOIN o ON o.procedure_id = p.id)"

/* satisfaction is Decision 766's figure (handled in the year and not dissatisfied, complained
 * of or late / handled in the year), satisfaction_ratings the share of ratings that are
 * satisfied (dossiers received in the year). */
#define METRIC_RATES(n, online, fee_n, paid, digitized, satisfied, rated, handled, handled_ok,    \
                     resolved, on_time, overdue, has_fee)                                        \
  " 'dossiers', " n ", 'online', edx_rate(" online ", " n "),"                                   \
  " 'online_payment', CASE WHEN " has_fee " THEN edx_rate(" paid ", " fee_n ") END,"             \
  " 'digitization', edx_rate(" digitized ", " n "),"                                             \
  " 'satisfaction', edx_rate(" handled_ok ", " handled "),"                                      \
  " 'satisfaction_ratings', edx_rate(" satisfied ", " rated "),"                                 \
  " 'on_time', edx_rate(" on_time ", " resolved "), 'overdue_now', " overdue

#define PROCEDURE_METRICS                                                                        \
  "json_build_object('procedure', json_build_object('id', m.id, 'code', m.code, 'name', m.name," \
  " 'online_mode', m.online_mode, 'fee', m.fee), 'year', $3::int,"                               \
  METRIC_RATES("m.n", "m.online", "m.n", "m.paid", "m.digitized", "m.satisfied", "m.rated",      \
               "m.handled", "m.handled_ok", "m.resolved", "m.on_time", "m.overdue", "m.fee") ")"

int edx_db_procedure_metrics(edx_conn *c, json_t **out, const char *procedure_id,
                             const char *district_id, int year)
{
  char y[16];
  const char *params[] = {procedure_id, district_id, y};
  snprintf(y, sizeof(y), "%d", year);
  if (procedure_id)
    return edx_db_json(c, out,
                       "WITH scope AS (SELECT * FROM procedures WHERE id = $1::uuid"
                       " AND ($2::uuid IS NULL OR true)), " METRIC_COUNTS
                       " SELECT " PROCEDURE_METRICS " FROM m",
                       3, params);
  return edx_db_json(
    c, out,
    "WITH scope AS (SELECT * FROM procedures WHERE district_id = $2::uuid"
    " AND ($1::uuid IS NULL OR true)), " METRIC_COUNTS
    " SELECT json_build_object('year', $3::int, 'procedures', (SELECT coalesce(json_agg("
    PROCEDURE_METRICS " ORDER BY m.name), '[]') FROM m), 'total', (SELECT json_build_object("
    "'year', $3::int," METRIC_RATES("sum(m.n)::bigint", "sum(m.online)::bigint",
                                    "(sum(m.n) FILTER (WHERE m.fee))::bigint",
                                    "(sum(m.paid) FILTER (WHERE m.fee))::bigint",
                                    "sum(m.digitized)::bigint", "sum(m.satisfied)::bigint",
                                    "sum(m.rated)::bigint", "sum(m.handled)::bigint",
                                    "sum(m.handled_ok)::bigint", "sum(m.resolved)::bigint",
                                    "sum(m.on_time)::bigint", "sum(m.overdue)::bigint",
                                    "bool_or(m.fee)") ") FROM m))",
    3, params);
}
