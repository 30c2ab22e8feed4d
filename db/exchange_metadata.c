/* exchange_metadata.c — the indicators and org units of the receivers' metadata (see
 * exchange_metadata.h). */
#include "db/exchange_metadata.h"
#include "db/query.h"

int edx_db_exchange_metadata(edx_conn *c, json_t **out, const edx_exchange_scope *scope)
{
  const char *params[] = {scope->district_id, scope->province_code, scope->school_id};
  return edx_db_json(
    c, out,
    "WITH d AS (SELECT d.id, d.code, d.name, d.province_code FROM districts d"
    "  WHERE ($1::uuid IS NULL OR d.id = $1::uuid)"
    "    AND ($2::text IS NULL OR d.province_code = $2::text)),"
    " u AS (SELECT 0 AS rank, p.code, p.name, 'province' AS level, NULL::text AS parent_code,"
    "         NULL::text AS school_level, true AS active FROM org_units p"
    "       WHERE p.level = 'province' AND (($1::uuid IS NULL AND $2::text IS NULL)"
    "         OR p.code = $2::text OR p.code IN (SELECT d.province_code FROM d))"
    "       UNION ALL SELECT 1, d.code, d.name, 'district', d.province_code, NULL, true FROM d"
    "       UNION ALL SELECT 2, s.code, s.name, 'school', d.code, s.level, s.active"
    "       FROM schools s JOIN d ON d.id = s.district_id"
    "       WHERE $3::uuid IS NULL OR s.id = $3::uuid)"
    " SELECT json_build_object("
    "  'indicators', (SELECT coalesce(json_agg(edx_indicator_json(i) ORDER BY i.code), '[]')"
    "                 FROM indicators i),"
    "  'org_units', (SELECT coalesce(json_agg(json_build_object('code', u.code, 'name', u.name,"
    "                  'level', u.level, 'parent_code', u.parent_code,"
    "                  'school_level', u.school_level, 'active', u.active)"
    "                 ORDER BY u.rank, u.code), '[]') FROM u))",
    3, params);
}
