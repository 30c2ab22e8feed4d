/* progress.c — progress inputs (see progress.h). What each school and each procedure
 * contributes, and whether a school's own value meets the target, are the views of migrations
 * 0007 and 0008 (the counts kept on write add up the same views); the aggregate status rules live in
 * src/rules/progress_rules.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/progress.h"
#include "db/query.h"
#include "src/rules/errors.h"

int edx_db_progress_plans(edx_conn *c, json_t **out, const char *district_id, int year)
{
  return edx_db_json_year(
    c, out,
    "SELECT coalesce(json_agg(json_build_object('id', p.id, 'title', p.title, 'document_ref',"
    " p.document_ref, 'district', json_build_object('id', d.id, 'code', d.code, 'name', d.name),"
    " 'targets', (SELECT coalesce(json_agg(json_build_object('indicator', t.indicator_code,"
    "   'comparator', t.comparator, 'target', t.target) ORDER BY t.position), '[]')"
    "   FROM plan_targets t WHERE t.plan_id = p.id)) ORDER BY d.code), '[]')"
    " FROM plans p JOIN districts d ON d.id = p.district_id"
    " WHERE p.year = $2::int AND ($1::uuid IS NULL OR p.district_id = $1::uuid)",
    district_id, year);
}

/* Each target's counts over the active schools' cells (and the office's, for an
 * office_and_schools indicator: one more unit, listed first in missing, below and suspect with
 * "unit": "office" and its district's id and code; suspect: the values far from the unit's
 * previous period, migration 0021); g 3 is the total, with its lists; the breakdowns by
 * level (g 1) and by commune (g 2) count schools only. */
#define STATS_COUNTS                                                                            \
  " count(*) AS expected, count(*) FILTER (WHERE reported) AS reported,"                        \
  " count(*) FILTER (WHERE is_true) AS true_count, count(*) FILTER (WHERE meets) AS meeting,"   \
  " coalesce(sum(value_num), 0)::text AS sum_value, coalesce(sum(numerator), 0) AS sum_num,"   \
  " coalesce(sum(denominator), 0) AS sum_den"
#define STATS_UNIT                                                                              \
  "'unit', CASE WHEN school_id IS NULL THEN 'office' ELSE 'school' END,"                        \
  " 'id', coalesce(school_id, district_id), 'code', coalesce(school_code, district_code),"      \
  " 'name', school_name"

int edx_db_progress_stats(edx_conn *c, json_t **out, const char *district_id, int year)
{
  return edx_db_json_year(
    c, out,
    "WITH jumps AS (SELECT * FROM report_value_jumps WHERE district_id = $1::uuid"
    "   AND year = $2::int),"
    " cells AS (SELECT x.*, d.code AS district_code, j.previous, j.change"
    "   FROM progress_school_cells x JOIN districts d ON d.id = x.district_id"
    "   LEFT JOIN jumps j ON j.indicator_code = x.indicator_code AND (j.school_id = x.school_id"
    "     OR (x.school_id IS NULL AND j.school_id IS NULL))"
    "   WHERE x.district_id = $1::uuid AND x.year = $2::int AND x.active)"
    " SELECT coalesce(json_agg(x), '[]') FROM ("
    " SELECT district_id, indicator_code AS code, NULL::text AS level, NULL::text AS commune,"
    " 3 AS g," STATS_COUNTS ","
    " coalesce(json_agg(json_build_object(" STATS_UNIT ")"
    "   ORDER BY school_id IS NOT NULL, school_code) FILTER (WHERE NOT reported), '[]')"
    "   AS missing,"
    " coalesce(json_agg(json_build_object(" STATS_UNIT ","
    "   'value', edx_cell_value(source, value))"
    "   ORDER BY school_id IS NOT NULL, school_code) FILTER (WHERE meets IS FALSE), '[]')"
    "   AS below,"
    " coalesce(json_agg(json_build_object(" STATS_UNIT ", 'value', value, 'previous', previous,"
    "   'change_points', change) ORDER BY school_id IS NOT NULL, school_code)"
    "   FILTER (WHERE change IS NOT NULL), '[]') AS suspect"
    " FROM cells GROUP BY district_id, indicator_code"
    " UNION ALL"
    " SELECT district_id, indicator_code, level, commune, GROUPING(level, commune),"
    STATS_COUNTS ", NULL::json, NULL::json, NULL::json"
    " FROM cells WHERE school_id IS NOT NULL"
    " GROUP BY GROUPING SETS ((district_id, indicator_code, level),"
    "   (district_id, indicator_code, commune))) x",
    district_id, year);
}

int edx_db_progress_procedure_stats(edx_conn *c, json_t **out, const char *district_id, int year)
{
  return edx_db_json_year(
    c, out,
    "SELECT coalesce(json_agg(json_build_object('district_id', district_id, 'code',"
    "   indicator_code, 'g', 3, 'expected', den, 'reported', den, 'true_count', num, 'meeting',"
    "   num, 'sum_value', '0', 'sum_num', num_all, 'sum_den', den_all,"
    "   'procedures_below', procedures_below,"
    "   'missing', '[]'::json, 'below', below, 'per_procedure', per)), '[]')"
    " FROM (SELECT district_id, indicator_code, sum(den) AS den, sum(num) AS num,"
    "   sum(num_all) AS num_all, sum(den_all) AS den_all,"
    "   count(*) FILTER (WHERE below_target) AS procedures_below,"
    "   coalesce(json_agg(json_build_object('unit', 'procedure', 'id', procedure_id, 'code',"
    "     procedure_code, 'name', procedure_name, 'value', online_mode)"
    "     ORDER BY procedure_name, procedure_id)"
    "     FILTER (WHERE indicator_code = 'PROC_ONLINE_PROVISION' AND den > 0 AND num = 0),"
    "     '[]') AS below,"
    "   CASE WHEN indicator_code = 'DOSSIER_ONLINE_RATE' THEN coalesce(json_agg("
    "     json_build_object('procedure_id', procedure_id, 'code', procedure_code, 'name',"
    "     procedure_name, 'numerator', num, 'denominator', den, 'below_target', below_target)"
    "     ORDER BY procedure_name, procedure_id) FILTER (WHERE online_mode <> 'none'"
    "     AND den > 0), '[]') END AS per"
    "   FROM progress_procedure_cells WHERE district_id = $1::uuid AND year = $2::int"
    "   AND procedure_id IS NOT NULL"
    "   GROUP BY district_id, indicator_code) x",
    district_id, year);
}

int edx_db_progress_scorecard(edx_conn *c, json_t **out, const char *school_id, int year)
{
  return edx_db_json_year(c, out,
                          "SELECT coalesce(json_agg(json_build_object('indicator', indicator_code,"
                          " 'value', value, 'meets', meets) ORDER BY position), '[]')"
                          " FROM progress_school_cells WHERE school_id = $1::uuid"
                          " AND year = $2::int AND source = 'school_report'",
                          school_id, year);
}

int edx_db_progress_scorecards(edx_conn *c, json_t **out, const char *district_id, int year)
{
  return edx_db_json_year(c, out,
                          "SELECT coalesce(json_agg(json_build_object('school', edx_school_json(s),"
                          " 'cells', (SELECT coalesce(json_agg(json_build_object('indicator',"
                          " p.indicator_code, 'value', p.value, 'meets', p.meets)"
                          " ORDER BY p.position), '[]') FROM progress_school_cells p"
                          " WHERE p.school_id = s.id AND p.year = $2::int"
                          " AND p.source = 'school_report')) ORDER BY s.code), '[]')"
                          " FROM schools s WHERE s.district_id = $1::uuid AND s.active",
                          district_id, year);
}

enum { P_DISTRICT_ID, P_DISTRICT_CODE, P_DISTRICT_NAME, P_PLAN_ID, P_TITLE, P_DOCUMENT_REF,
       P_AS_OF };
enum { T_PLAN_INDEX, T_POSITION, T_INDICATOR, T_COMPARATOR, T_TARGET, T_EXPECTED, T_REPORTED,
       T_TRUE_COUNT, T_MEETING, T_SUM_VALUE, T_SUM_NUM, T_SUM_DEN, T_PROCEDURES_BELOW };

/* The results behind edx_target_rows. */
typedef struct {
  PGresult *plans, *targets;
} target_results;

/* Where a target row goes: its plan's place in district order, then its position. */
typedef struct {
  int plan_index, position, row;
} target_place;

static int by_place(const void *a, const void *b)
{
  const target_place *x = a, *y = b;
  if (x->plan_index != y->plan_index)
    return x->plan_index < y->plan_index ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

static long long count_at(PGresult *res, int row, int col)
{
  return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

/* Fills r from plan row p and target row t. */
static void fill_row(edx_target_row *r, PGresult *plans, int p, PGresult *targets, int t)
{
  const char *sum_value = PQgetvalue(targets, t, T_SUM_VALUE);
  r->district_id = PQgetvalue(plans, p, P_DISTRICT_ID);
  r->district_code = PQgetvalue(plans, p, P_DISTRICT_CODE);
  r->district_name = PQgetvalue(plans, p, P_DISTRICT_NAME);
  r->plan_id = PQgetvalue(plans, p, P_PLAN_ID);
  r->plan_title = PQgetvalue(plans, p, P_TITLE);
  r->plan_document_ref = PQgetisnull(plans, p, P_DOCUMENT_REF) ? NULL
                                                               : PQgetvalue(plans, p, P_DOCUMENT_REF);
  r->as_of = PQgetvalue(plans, p, P_AS_OF);
  r->indicator = PQgetvalue(targets, t, T_INDICATOR);
  r->comparator = PQgetvalue(targets, t, T_COMPARATOR);
  r->target_h = edx_decimal_to_h(PQgetvalue(targets, t, T_TARGET));
  r->counts.expected = count_at(targets, t, T_EXPECTED);
  r->counts.reported = count_at(targets, t, T_REPORTED);
  r->counts.true_count = count_at(targets, t, T_TRUE_COUNT);
  r->counts.meeting = count_at(targets, t, T_MEETING);
  r->counts.sum_value_h = *sum_value ? edx_decimal_to_h(sum_value) : 0;
  r->counts.sum_num = count_at(targets, t, T_SUM_NUM);
  r->counts.sum_den = count_at(targets, t, T_SUM_DEN);
  r->counts.procedures_below = count_at(targets, t, T_PROCEDURES_BELOW);
}

/* The plans come ordered by district code (a small sort); their targets, the large part, come
 * unordered with the plan's place in that order, and are put in order here: sorting 16,000
 * wide rows in PostgreSQL took longer than fetching them. */
/* The plans of the year in the scope: $1 district ids, $2 the year, $3 a province. */
#define SCOPED_PLANS                                                                            \
  " FROM plans p JOIN districts d ON d.id = p.district_id WHERE p.year = $2::int"             \
  " AND ($1::uuid[] IS NULL OR p.district_id = ANY ($1::uuid[]))"                              \
  " AND ($3::text IS NULL OR d.province_code = $3)"

int edx_db_progress_targets(edx_conn *c, edx_target_rows *out, const edx_progress_scope *scope,
                            int year)
{
  char y[16];
  const char *params[] = {scope->district_ids, y, scope->province};
  target_results *res = calloc(1, sizeof(*res));
  target_place *places = NULL;
  int rc = res ? EDX_OK : EDX_EINTERNAL, n = 0;
  memset(out, 0, sizeof(*out));
  snprintf(y, sizeof(y), "%d", year);
  if (rc == EDX_OK)
    rc = edx_db_exec(c, &res->plans,
                     "SELECT d.id, d.code, d.name, p.id, p.title, p.document_ref,"
                     " edx_ts(greatest(p.updated_at, d.updated_at,"
                     "   (SELECT max(k.changed_at) FROM progress_counts k WHERE k.plan_id = p.id),"
                     "   (SELECT max(h.set_at) FROM report_value_history h"
                     "     WHERE h.district_id = d.id AND h.year = p.year),"
                     "   (SELECT max(i.updated_at) FROM indicators i)))"
                     SCOPED_PLANS " ORDER BY d.code, p.id",
                     3, params);
  if (rc == EDX_OK)
    rc = edx_db_exec(
      c, &res->targets,
      "WITH pl AS (SELECT p.id, row_number() OVER (ORDER BY d.code, p.id) - 1 AS place"
      SCOPED_PLANS ")"
      " SELECT pl.place, pt.position, pt.indicator_code, pt.comparator, pt.target, k.expected,"
      " k.reported, k.true_count, k.meeting, k.sum_value, k.sum_num, k.sum_den,"
      " k.procedures_below"
      " FROM pl JOIN plan_targets pt ON pt.plan_id = pl.id"
      " LEFT JOIN progress_counts k ON k.plan_id = pt.plan_id"
      "   AND k.indicator_code = pt.indicator_code",
      3, params);
  if (rc == EDX_OK) {
    n = PQntuples(res->targets);
    places = calloc((size_t)(n ? n : 1), sizeof(*places));
    out->rows = calloc((size_t)(n ? n : 1), sizeof(*out->rows));
    if (!places || !out->rows)
      rc = EDX_EINTERNAL;
  }
  if (rc == EDX_OK) {
    for (int i = 0; i < n; i++) {
      places[i] = (target_place){(int)count_at(res->targets, i, T_PLAN_INDEX),
                                 (int)count_at(res->targets, i, T_POSITION), i};
      if (places[i].plan_index < 0 || places[i].plan_index >= PQntuples(res->plans))
        rc = EDX_EINTERNAL; /* both queries read one snapshot: cannot happen */
    }
  }
  if (rc == EDX_OK) {
    qsort(places, (size_t)n, sizeof(*places), by_place);
    for (int i = 0; i < n; i++)
      fill_row(&out->rows[i], res->plans, places[i].plan_index, res->targets, places[i].row);
    out->n = (size_t)n;
  }
  out->result = res;
  free(places);
  if (rc != EDX_OK)
    edx_db_progress_targets_free(out);
  return rc;
}

void edx_db_progress_targets_free(edx_target_rows *rows)
{
  target_results *res = rows->result;
  if (res) {
    PQclear(res->plans);
    PQclear(res->targets);
    free(res);
  }
  free(rows->rows);
  memset(rows, 0, sizeof(*rows));
}

/* The offices' values and the latest change of the year over the districts $1 (uuid[]) and of
 * province $3, each when not NULL (when both are, the conditions fold away and every lookup
 * keeps its index). */
#define IN_SCOPE(column)                                                                        \
  " AND (($1::uuid[] IS NULL AND $3::text IS NULL) OR " column " IN (SELECT d.id FROM scope d))"
static const char office_sql[] =
  "SELECT json_build_object('values', (SELECT coalesce(json_object_agg(v.district_id || '/' ||"
  "   v.indicator_code, v.value_num::text), '{}') FROM report_values v"
  "   WHERE v.school_id IS NULL AND v.year = $2::int AND v.value_num IS NOT NULL"
  IN_SCOPE("v.district_id") "),"
  " 'as_of', edx_ts(greatest("
  "   (SELECT max(updated_at) FROM plans WHERE year = $2::int" IN_SCOPE("district_id") "),"
  "   (SELECT max(updated_at) FROM scope),"
  "   (SELECT max(updated_at) FROM schools WHERE true" IN_SCOPE("district_id") "),"
  "   (SELECT max(set_at) FROM report_value_history WHERE year = $2::int"
  IN_SCOPE("district_id") "),"
  "   (SELECT max(changed_at) FROM progress_counts WHERE year = $2::int"
  IN_SCOPE("district_id") "),"
  "   (SELECT max(updated_at) FROM indicators))),"
  " 'fingerprint', pg_current_snapshot()::text)";

int edx_db_progress_office_scoped(edx_conn *c, json_t **out, const edx_progress_scope *scope,
                                  int year)
{
  char y[16], *sql = NULL;
  const char *params[] = {scope->district_ids, y, scope->province};
  int rc;
  snprintf(y, sizeof(y), "%d", year);
  if (asprintf(&sql, "WITH scope AS (SELECT d.id, d.updated_at FROM districts d"
                     " WHERE ($1::uuid[] IS NULL OR d.id = ANY ($1::uuid[]))"
                     " AND ($3::text IS NULL OR d.province_code = $3)) %s", office_sql) < 0) {
    edx_error_set("internal error");
    return EDX_EINTERNAL;
  }
  rc = edx_db_json(c, out, sql, 3, params);
  free(sql);
  return rc;
}

int edx_db_progress_office(edx_conn *c, json_t **out, const char *district_id, int year)
{
  char ids[40];
  edx_progress_scope scope = {NULL, NULL};
  if (district_id) {
    snprintf(ids, sizeof(ids), "{%s}", district_id);
    scope.district_ids = ids;
  }
  return edx_db_progress_office_scoped(c, out, &scope, year);
}

int edx_db_snapshot_fingerprint(edx_conn *c, char **out)
{
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res, "SELECT pg_current_snapshot()::text", 0, NULL);
  if (rc == EDX_OK && !(*out = strdup(PQgetvalue(res, 0, 0)))) {
    edx_error_set("internal error");
    rc = EDX_EINTERNAL;
  }
  PQclear(res);
  return rc;
}
