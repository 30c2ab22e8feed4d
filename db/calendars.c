/* calendars.c — the working calendar and the due dates it moves (see calendars.h). */
#include <stdio.h>
#include <stdlib.h>
#include "db/audit.h"
#include "db/calendars.h"
#include "db/query.h"
#include "src/rules/errors.h"

int edx_db_calendar_map(edx_conn *c, json_t **out)
{
  return edx_db_json(c, out,
                     "SELECT coalesce(json_object_agg(day::text, kind), '{}') FROM calendar_days"
                     " WHERE country = 'vn'",
                     0, NULL);
}

/* Runs sql, whose one parameter is year. */
static int json_of_year(edx_conn *c, json_t **out, const char *sql, int year)
{
  char y[16];
  const char *params[] = {y};
  snprintf(y, sizeof(y), "%d", year);
  return edx_db_json(c, out, sql, 1, params);
}

int edx_db_calendar_year(edx_conn *c, json_t **out, int year)
{
  return json_of_year(
    c, out,
    "SELECT json_build_object('country', 'vn', 'year', $1::int, 'days',"
    " coalesce(json_agg(json_build_object('date', day::text, 'kind', kind, 'name', name,"
    " 'status', status) ORDER BY day), '[]')) FROM calendar_days"
    " WHERE country = 'vn' AND extract(year FROM day) = $1::int",
    year);
}

int edx_db_calendar_replace(edx_conn *c, const edx_caller *actor, int year, const json_t *days)
{
  char y[16], id[24];
  char *text = json_dumps(days, JSON_COMPACT);
  const char *params[] = {y, text};
  json_t *after = NULL;
  int rc;
  snprintf(y, sizeof(y), "%d", year);
  snprintf(id, sizeof(id), "vn-%d", year);
  rc = edx_db_run(c, NULL,
                  "DELETE FROM calendar_days WHERE country = 'vn'"
                  " AND extract(year FROM day) = $1::int",
                  1, params);
  if (rc == EDX_OK)
    rc = edx_db_run(c, NULL,
                    "INSERT INTO calendar_days (country, day, kind, name, status)"
                    " SELECT 'vn', (d->>'date')::date, d->>'kind', normalize(d->>'name', NFC),"
                    " d->>'status' FROM jsonb_array_elements($1::jsonb) d",
                    1, params + 1);
  if (rc == EDX_OK)
    rc = edx_db_calendar_year(c, &after, year);
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, "update", "calendar", id, NULL, NULL, after);
  json_decref(after);
  free(text);
  return rc;
}

int edx_db_open_dossier_dues(edx_conn *c, json_t **out, int year)
{
  return json_of_year(
    c, out,
    "SELECT coalesce(json_agg(json_build_object('id', d.id, 'received_at', edx_ts(d.received_at),"
    " 'due_at', edx_ts(d.due_at), 'days', p.statutory_days) ORDER BY d.id), '[]')"
    " FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    " WHERE d.status IN ('received', 'processing', 'supplement_requested')"
    " AND p.statutory_days IS NOT NULL"
    " AND d.received_at >= make_timestamptz($1::int - 1, 12, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')"
    " AND d.received_at < make_timestamptz($1::int + 1, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')",
    year);
}

int edx_db_dossier_dues_set(edx_conn *c, const json_t *changes, long *rows)
{
  char *text = json_dumps(changes, JSON_COMPACT);
  const char *params[] = {text};
  int rc = edx_db_run(c, rows,
                      "UPDATE dossiers d SET due_at = (x->>'due_at')::timestamptz,"
                      " updated_at = now() FROM jsonb_array_elements($1::jsonb) x"
                      " WHERE d.id = (x->>'id')::uuid",
                      1, params);
  free(text);
  return rc;
}
