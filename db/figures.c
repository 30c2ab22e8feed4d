/* figures.c — the org unit of a code, the districts in scope and the schools' own values, for
 * the exchange formats (see figures.h). */
#include "db/figures.h"
#include "db/query.h"

int edx_db_figures_org_unit(edx_conn *c, json_t **out, const char *code)
{
  const char *params[] = {code};
  return edx_db_json(
    c, out,
    "SELECT json_build_object('kind', kind, 'district_id', district_id, 'school_id', school_id)"
    " FROM (SELECT 1 AS o, 'district' AS kind, d.id AS district_id, NULL::uuid AS school_id"
    "       FROM districts d WHERE d.code = $1"
    "       UNION ALL SELECT 2, 'school', s.district_id, s.id FROM schools s WHERE s.code = $1"
    "       UNION ALL SELECT 3, 'province', NULL, NULL FROM org_units u"
    "       WHERE u.code = $1 AND u.level = 'province') x ORDER BY o LIMIT 1",
    1, params);
}

int edx_db_figures_districts(edx_conn *c, json_t **out, const char *district_id,
                             const char *province, const char *code)
{
  const char *params[] = {district_id, province, code};
  return edx_db_json(c, out,
                     "SELECT coalesce(json_agg(edx_district_json(d) ORDER BY d.code), '[]')"
                     " FROM districts d WHERE ($1::uuid IS NULL OR d.id = $1::uuid)"
                     " AND ($2::text IS NULL OR d.province_code = $2)"
                     " AND ($3::text IS NULL OR d.code = $3)",
                     3, params);
}

int edx_db_figures_school_values(edx_conn *c, json_t **out, const char *district_id, int year)
{
  return edx_db_json_year(
    c, out,
    "SELECT coalesce(json_agg(json_build_object('indicator', indicator_code, 'school',"
    " school_code, 'level', level, 'is_true', is_true, 'value_num', value_num, 'numerator',"
    " numerator, 'denominator', denominator, 'meets', meets) ORDER BY school_code, position),"
    " '[]') FROM progress_school_cells WHERE district_id = $1::uuid AND year = $2::int"
    " AND source = 'school_report' AND school_id IS NOT NULL AND active AND reported",
    district_id, year);
}
