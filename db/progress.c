/* progress.c — progress inputs (see progress.h). Per-school "meets the target" flags are
 * computed here in exact numeric arithmetic, because the lists of schools below target need
 * them; the aggregate status rules live in src/progress_rules.c. */
#include <stdio.h>
#include "db/progress.h"
#include "db/query.h"

int edx_db_progress_plans(edx_conn *c, json_t **out, const char *district_id, int year)
{
  char y[16];
  const char *params[] = {district_id, y};
  snprintf(y, sizeof(y), "%d", year);
  return edx_db_json(
    c, out,
    "SELECT coalesce(json_agg(json_build_object('id', p.id, 'title', p.title, 'document_ref',"
    " p.document_ref, 'district', json_build_object('id', d.id, 'code', d.code, 'name', d.name),"
    " 'targets', (SELECT coalesce(json_agg(json_build_object('indicator', t.indicator_code,"
    "   'comparator', t.comparator, 'target', t.target) ORDER BY t.position), '[]')"
    "   FROM plan_targets t WHERE t.plan_id = p.id)) ORDER BY d.code), '[]')"
    " FROM plans p JOIN districts d ON d.id = p.district_id"
    " WHERE p.year = $2::int AND ($1::uuid IS NULL OR p.district_id = $1::uuid)",
    2, params);
}

#define PROGRESS_CELLS                                                                           \
  "WITH t AS (SELECT p.district_id, pt.indicator_code AS code, i.aggregation, i.levels,"         \
  "   pt.comparator, pt.target, i.source FROM plans p JOIN plan_targets pt ON pt.plan_id = p.id"  \
  "   JOIN indicators i ON i.code = pt.indicator_code WHERE p.year = $2::int"                    \
  "   AND ($1::uuid IS NULL OR p.district_id = $1::uuid)"                                        \
  "   AND i.source IN ('school_report', 'assessments')),"                                        \
  " cells AS (SELECT t.district_id, t.code, s.id, s.code AS school_code, s.name, s.level,"       \
  "   coalesce(s.commune, '') AS commune, v.id IS NOT NULL AS reported, v.value_bool,"           \
  "   v.value_num, v.numerator, v.denominator,"                                                  \
  "   CASE WHEN v.id IS NULL THEN NULL WHEN t.aggregation = 'share' THEN v.value_bool"           \
  "     WHEN t.aggregation = 'ratio_of_sums' THEN CASE WHEN v.denominator = 0 THEN NULL"         \
  "       WHEN t.comparator = '>=' THEN 100 * v.numerator >= t.target * v.denominator"           \
  "       ELSE 100 * v.numerator > t.target * v.denominator END"                                 \
  "     WHEN t.comparator = '>=' THEN v.value_num >= t.target ELSE v.value_num > t.target"      \
  "   END AS meets, CASE WHEN v.id IS NOT NULL THEN edx_report_value(v) END AS value"            \
  "   FROM t JOIN schools s ON s.district_id = t.district_id AND s.active"                       \
  "     AND s.level = ANY(t.levels)"                                                             \
  "   LEFT JOIN report_values v ON v.school_id = s.id AND v.year = $2::int"                      \
  "     AND v.indicator_code = t.code WHERE t.source = 'school_report'"                          \
  "   UNION ALL SELECT t.district_id, t.code, s.id, s.code, s.name, s.level,"                    \
  "   coalesce(s.commune, ''), a.id IS NOT NULL,"                                                \
  "   edx_assessment_counts(t.code, a.state, a.recognized_level), NULL, NULL, NULL,"             \
  "   CASE WHEN a.id IS NOT NULL THEN edx_assessment_counts(t.code, a.state,"                    \
  "     a.recognized_level) END,"                                                                \
  "   CASE WHEN a.id IS NOT NULL THEN json_build_object('state', a.state, 'recognized_level',"   \
  "     a.recognized_level) END"                                                                 \
  "   FROM t JOIN schools s ON s.district_id = t.district_id AND s.active"                       \
  "     AND s.level = ANY(t.levels)"                                                             \
  "   LEFT JOIN assessments a ON a.school_id = s.id AND a.year = $2::int"                        \
  "   WHERE t.source = 'assessments')"

#define PROGRESS_SUMS                                                                            \
  " count(*) AS expected, count(*) FILTER (WHERE reported) AS reported,"                         \
  " count(*) FILTER (WHERE value_bool) AS true_count, count(*) FILTER (WHERE meets) AS meeting," \
  " coalesce(sum(value_num), 0)::text AS sum_value, coalesce(sum(numerator), 0) AS sum_num,"     \
  " coalesce(sum(denominator), 0) AS sum_den"

/* Totals per district and indicator without pairing every school with every target: expected
 * counts come from active schools counted per (district, level), reported figures from the
 * values joined to their school, plan target and indicator (small tables PostgreSQL hashes),
 * grouped in one pass. */
#define PROGRESS_TOTALS                                                                          \
  "WITH t AS (SELECT p.district_id, pt.indicator_code AS code, i.aggregation, i.levels,"         \
  "   pt.comparator, pt.target, i.source FROM plans p JOIN plan_targets pt ON pt.plan_id = p.id"  \
  "   JOIN indicators i ON i.code = pt.indicator_code WHERE p.year = $2::int"                    \
  "   AND ($1::uuid IS NULL OR p.district_id = $1::uuid)"                                        \
  "   AND i.source IN ('school_report', 'assessments')),"                                        \
  " per_level AS (SELECT district_id, level, count(*) AS n FROM schools"                         \
  "   WHERE active AND ($1::uuid IS NULL OR district_id = $1::uuid) GROUP BY 1, 2),"             \
  " expected AS (SELECT t.district_id, t.code, sum(l.n) AS expected FROM t JOIN per_level l"     \
  "   ON l.district_id = t.district_id AND l.level = ANY(t.levels) GROUP BY 1, 2),"              \
  " reported AS (SELECT s.district_id, v.indicator_code AS code, count(*) AS reported,"          \
  "   count(*) FILTER (WHERE v.value_bool) AS true_count,"                                       \
  "   count(*) FILTER (WHERE CASE WHEN i.aggregation = 'share' THEN v.value_bool"                \
  "     WHEN i.aggregation = 'ratio_of_sums' THEN CASE WHEN v.denominator = 0 THEN NULL"         \
  "       WHEN pt.comparator = '>=' THEN 100 * v.numerator >= pt.target * v.denominator"         \
  "       ELSE 100 * v.numerator > pt.target * v.denominator END"                                \
  "     WHEN pt.comparator = '>=' THEN v.value_num >= pt.target ELSE v.value_num > pt.target"   \
  "     END) AS meeting,"                                                                         \
  "   coalesce(sum(v.value_num), 0) AS sum_value, coalesce(sum(v.numerator), 0) AS sum_num,"     \
  "   coalesce(sum(v.denominator), 0) AS sum_den"                                                \
  "   FROM report_values v JOIN schools s ON s.id = v.school_id AND s.active"                    \
  "   JOIN plans p ON p.district_id = s.district_id AND p.year = $2::int"                        \
  "   JOIN plan_targets pt ON pt.plan_id = p.id AND pt.indicator_code = v.indicator_code"        \
  "   JOIN indicators i ON i.code = v.indicator_code AND i.source = 'school_report'"             \
  "     AND s.level = ANY(i.levels)"                                                             \
  "   WHERE v.year = $2::int AND v.school_id IS NOT NULL"                                        \
  "   AND ($1::uuid IS NULL OR v.district_id = $1::uuid) GROUP BY 1, 2"                          \
  "   UNION ALL SELECT t.district_id, t.code, count(*),"                                         \
  "   count(*) FILTER (WHERE edx_assessment_counts(t.code, a.state, a.recognized_level)),"       \
  "   count(*) FILTER (WHERE edx_assessment_counts(t.code, a.state, a.recognized_level)),"       \
  "   0, 0, 0 FROM t JOIN schools s ON s.district_id = t.district_id AND s.active"               \
  "     AND s.level = ANY(t.levels) JOIN assessments a ON a.school_id = s.id AND a.year = $2::int" \
  "   WHERE t.source = 'assessments' GROUP BY 1, 2)"                                             \
  " SELECT coalesce(json_agg(json_build_object('district_id', e.district_id, 'code', e.code,"    \
  "   'g', 3, 'expected', e.expected, 'reported', coalesce(r.reported, 0), 'true_count',"        \
  "   coalesce(r.true_count, 0), 'meeting', coalesce(r.meeting, 0), 'sum_value',"                \
  "   coalesce(r.sum_value, 0)::text, 'sum_num', coalesce(r.sum_num, 0), 'sum_den',"             \
  "   coalesce(r.sum_den, 0))), '[]') FROM expected e LEFT JOIN reported r USING (district_id,"  \
  "   code)"

int edx_db_progress_stats(edx_conn *c, json_t **out, const char *district_id, int year,
                          int details)
{
  char y[16];
  const char *params[] = {district_id, y};
  snprintf(y, sizeof(y), "%d", year);
  if (!details)
    return edx_db_json(c, out, PROGRESS_TOTALS, 2, params);
  return edx_db_json(
    c, out,
    PROGRESS_CELLS " SELECT coalesce(json_agg(x), '[]') FROM (SELECT district_id, code, level,"
    " commune, GROUPING(level, commune) AS g," PROGRESS_SUMS ","
    " CASE WHEN GROUPING(level, commune) = 3 THEN coalesce(json_agg(json_build_object('id', id,"
    "   'code', school_code, 'name', name) ORDER BY school_code) FILTER (WHERE NOT reported),"
    "   '[]') END AS missing,"
    " CASE WHEN GROUPING(level, commune) = 3 THEN coalesce(json_agg(json_build_object('id', id,"
    "   'code', school_code, 'name', name, 'value', value) ORDER BY school_code)"
    "   FILTER (WHERE meets IS FALSE), '[]') END AS below"
    " FROM cells GROUP BY GROUPING SETS ((district_id, code), (district_id, code, level),"
    "   (district_id, code, commune))) x",
    2, params);
}

int edx_db_progress_office(edx_conn *c, json_t **out, const char *district_id, int year)
{
  char y[16];
  const char *params[] = {district_id, y};
  snprintf(y, sizeof(y), "%d", year);
  return edx_db_json(
    c, out,
    "SELECT json_build_object('values', (SELECT coalesce(json_object_agg(v.district_id || '/' ||"
    "   v.indicator_code, v.value_num::text), '{}') FROM report_values v"
    "   WHERE v.school_id IS NULL AND v.year = $2::int"
    "   AND ($1::uuid IS NULL OR v.district_id = $1::uuid) AND v.value_num IS NOT NULL),"
    " 'as_of', edx_ts(greatest("
    "   (SELECT max(updated_at) FROM plans WHERE year = $2::int"
    "     AND ($1::uuid IS NULL OR district_id = $1::uuid)),"
    "   (SELECT max(updated_at) FROM districts WHERE $1::uuid IS NULL OR id = $1::uuid),"
    "   (SELECT max(updated_at) FROM schools WHERE $1::uuid IS NULL OR district_id = $1::uuid),"
    "   (SELECT max(set_at) FROM report_value_history WHERE year = $2::int"
    "     AND ($1::uuid IS NULL OR district_id = $1::uuid)),"
    "   (SELECT max(updated_at) FROM indicators))),"
    " 'fingerprint', pg_current_snapshot()::text)",
    2, params);
}
