/* procedures.c — procedures, their metrics and the dossier-based progress counts
 * (see procedures.h). */
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
static const char *const procedure_sort_sql[] = {"p.name", "p.code", "p.updated_at"};

int edx_db_procedure_get(edx_conn *c, json_t **out, const char *id, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_procedure_json(p) FROM procedures p"
                                  " WHERE p.id = $1::uuid",
                           for_update, id);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no procedure with this id");
  return rc;
}

int edx_db_procedure_list(edx_conn *c, json_t **out, const edx_procedure_filter *f,
                          const edx_list_params *lp)
{
  const char *params[] = {f->district_id, f->online_mode, f->active, f->q, f->updated_since};
  return edx_db_list(c, out,
                     "procedures p WHERE ($1::uuid IS NULL OR p.district_id = $1::uuid)"
                     " AND ($2::text IS NULL OR p.online_mode = $2)"
                     " AND ($3::boolean IS NULL OR p.active = $3::boolean)"
                     " AND ($4::text IS NULL OR strpos(edx_fold(p.name), edx_fold($4)) > 0"
                     "      OR strpos(edx_fold(coalesce(p.code, '')), edx_fold($4)) > 0)"
                     " AND ($5::timestamptz IS NULL OR p.updated_at >= $5::timestamptz)",
                     "edx_procedure_json(p)", procedure_sort_sql, "p.id", lp, 5, params);
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
  int rc = edx_db_insert(c, out, &procedures_table, p);
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, "create", "procedure", edx_json_str(*out, "id"),
                            edx_json_str(p, "district_id"), NULL, *out);
  return rc;
}

int edx_db_procedure_update(edx_conn *c, json_t **out, const edx_caller *actor,
                            const json_t *before, const json_t *merged)
{
  const char *id = edx_json_str(before, "id");
  int rc = edx_db_update(c, out, &procedures_table, "id", id, merged);
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, "update", "procedure", id,
                            edx_json_str(before, "district_id"), before, *out);
  return rc;
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
  "   coalesce(o.overdue, 0) AS overdue FROM scope p LEFT JOIN c ON c.procedure_id = p.id"       \
  "   LEFT JOIN o ON o.procedure_id = p.id)"

#define METRIC_RATES(n, online, fee_n, paid, digitized, satisfied, rated, resolved, on_time,       \
                     overdue, has_fee)                                                           \
  " 'dossiers', " n ", 'online', edx_rate(" online ", " n "),"                                   \
  " 'online_payment', CASE WHEN " has_fee " THEN edx_rate(" paid ", " fee_n ") END,"             \
  " 'digitization', edx_rate(" digitized ", " n "),"                                             \
  " 'satisfaction', edx_rate(" satisfied ", " rated "),"                                         \
  " 'on_time', edx_rate(" on_time ", " resolved "), 'overdue_now', " overdue

#define PROCEDURE_METRICS                                                                        \
  "json_build_object('procedure', json_build_object('id', m.id, 'code', m.code, 'name', m.name," \
  " 'online_mode', m.online_mode, 'fee', m.fee), 'year', $3::int,"                               \
  METRIC_RATES("m.n", "m.online", "m.n", "m.paid", "m.digitized", "m.satisfied", "m.rated",      \
               "m.resolved", "m.on_time", "m.overdue", "m.fee") ")"

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
                                    "sum(m.rated)::bigint", "sum(m.resolved)::bigint",
                                    "sum(m.on_time)::bigint", "sum(m.overdue)::bigint",
                                    "bool_or(m.fee)") ") FROM m))",
    3, params);
}

int edx_db_progress_dossier_stats(edx_conn *c, json_t **out, const char *district_id, int year)
{
  char y[16];
  const char *params[] = {district_id, y};
  snprintf(y, sizeof(y), "%d", year);
  return edx_db_json(
    c, out,
    "WITH t AS (SELECT p.district_id, pt.indicator_code AS code, pt.comparator, pt.target"
    "   FROM plans p JOIN plan_targets pt ON pt.plan_id = p.id JOIN indicators i"
    "   ON i.code = pt.indicator_code WHERE p.year = $2::int"
    "   AND ($1::uuid IS NULL OR p.district_id = $1::uuid)"
    "   AND i.source IN ('procedures', 'dossiers')),"
    " d AS (SELECT c.*, p.district_id, p.fee, p.online_mode, p.code AS pcode, p.name AS pname"
    "   FROM dossier_counts c JOIN procedures p ON p.id = c.procedure_id WHERE c.year = $2::int"
    "   AND ($1::uuid IS NULL OR p.district_id = $1::uuid)"
    "   AND p.district_id IN (SELECT district_id FROM t)),"
    " sums AS (SELECT district_id, sum(n) AS total, sum(online) AS online,"
    "   sum(n) FILTER (WHERE fee) AS fee_total, sum(paid) FILTER (WHERE fee) AS fee_paid,"
    "   sum(digitized) AS digitized, sum(rated) FILTER (WHERE online_mode <> 'none') AS rated,"
    "   sum(satisfied) FILTER (WHERE online_mode <> 'none') AS satisfied FROM d"
    "   GROUP BY district_id),"
    " per AS (SELECT district_id, json_agg(json_build_object('procedure_id', procedure_id,"
    "   'code', pcode, 'name', pname, 'numerator', online, 'denominator', n) ORDER BY pname)"
    "   AS list FROM d WHERE online_mode <> 'none' AND n > 0 GROUP BY district_id),"
    " provision AS (SELECT p.district_id, count(*) AS eligible,"
    "   count(*) FILTER (WHERE p.online_mode <> 'none') AS offered,"
    "   coalesce(json_agg(json_build_object('id', p.id, 'code', p.code, 'name', p.name,"
    "   'value', p.online_mode) ORDER BY p.name) FILTER (WHERE p.online_mode = 'none'), '[]')"
    "   AS below FROM procedures p WHERE p.active AND p.eligible_online"
    "   AND p.district_id IN (SELECT district_id FROM t) GROUP BY p.district_id)"
    " SELECT coalesce(json_agg(json_build_object('district_id', t.district_id, 'code', t.code,"
    "   'g', 3, 'expected', x.den, 'reported', x.den, 'true_count', x.num, 'meeting', x.num,"
    "   'sum_value', '0', 'sum_num', 0, 'sum_den', 0, 'missing', '[]'::json,"
    "   'below', x.below, 'per_procedure', x.per)), '[]')"
    " FROM t LEFT JOIN sums s ON s.district_id = t.district_id"
    " LEFT JOIN provision v ON v.district_id = t.district_id"
    " LEFT JOIN per ON per.district_id = t.district_id,"
    " LATERAL (SELECT CASE t.code"
    "     WHEN 'PROC_ONLINE_PROVISION' THEN coalesce(v.offered, 0)"
    "     WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(s.online, 0)"
    "     WHEN 'ONLINE_PAYMENT_RATE' THEN coalesce(s.fee_paid, 0)"
    "     WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(s.digitized, 0)"
    "     WHEN 'DVCTT_SATISFACTION' THEN coalesce(s.satisfied, 0) ELSE 0 END AS num,"
    "   CASE t.code"
    "     WHEN 'PROC_ONLINE_PROVISION' THEN coalesce(v.eligible, 0)"
    "     WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(s.total, 0)"
    "     WHEN 'ONLINE_PAYMENT_RATE' THEN coalesce(s.fee_total, 0)"
    "     WHEN 'DOSSIER_DIGITIZATION_RATE' THEN coalesce(s.total, 0)"
    "     WHEN 'DVCTT_SATISFACTION' THEN coalesce(s.rated, 0) ELSE 0 END AS den,"
    "   CASE t.code WHEN 'PROC_ONLINE_PROVISION' THEN coalesce(v.below, '[]') ELSE '[]' END"
    "     AS below,"
    "   CASE t.code WHEN 'DOSSIER_ONLINE_RATE' THEN coalesce(per.list, '[]') END AS per) x"
    /* a district without procedures or dossiers counts zero: no row needed */
    " WHERE s.district_id IS NOT NULL OR v.district_id IS NOT NULL",
    2, params);
}
