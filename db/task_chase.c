/* task_chase.c — the task overview's counts and the reminders' items (see task_chase.h). Each
 * rule is the one its own routes use: edx_assignment_overdue (tasks), the dates of
 * edx_assessment_late (31 May, 15 June), the progress view progress_school_cells (its missing
 * lists) and edx_dossier_overdue. */
#include <stdio.h>
#include "db/query.h"
#include "db/task_chase.h"

#define STATUS_COUNTS                                                                          \
  "'not_started', count(*) FILTER (WHERE a.status = 'not_started'),"                           \
  " 'in_progress', count(*) FILTER (WHERE a.status = 'in_progress'),"                          \
  " 'done', count(*) FILTER (WHERE a.status = 'done'),"                                        \
  " 'accepted', count(*) FILTER (WHERE a.status = 'accepted'),"                                \
  " 'blocked', count(*) FILTER (WHERE a.status = 'blocked'),"                                  \
  " 'cancelled', count(*) FILTER (WHERE a.status = 'cancelled'),"                              \
  " 'assignments', count(*) FILTER (WHERE a.status <> 'cancelled')"

/* The unit of an assignment a (joined with its district d and school s). */
#define UNIT                                                                                   \
  "json_build_object('kind', CASE WHEN a.school_id IS NULL THEN 'office' ELSE 'school' END,"   \
  " 'id', coalesce(s.id, d.id), 'code', coalesce(s.code, d.code),"                             \
  " 'name', CASE WHEN a.school_id IS NULL THEN coalesce(d.office_name, d.name) ELSE s.name END)"

/* The counts of a by one grouping column (section_vi or lead), as [{key: value, counts...}]. */
#define GROUPED(col)                                                                           \
  "(SELECT coalesce(json_agg(g ORDER BY k NULLS LAST), '[]') FROM (SELECT a." col " AS k,"      \
  " json_build_object('" col "', a." col ", " STATUS_COUNTS ","                                 \
  " 'overdue', count(*) FILTER (WHERE a.overdue)) AS g FROM a GROUP BY a." col ") q)"

int edx_db_task_overview(edx_conn *c, json_t **out, const char *district_id, int year)
{
  return edx_db_json_year(
    c, out,
    "WITH a AS (SELECT a.*, t.code AS task_code, t.title_vi, t.section_vi, t.lead,"
    "   edx_task_last_day(t.due_kind, t.due_date, t.year) AS last_day,"
    "   edx_assignment_overdue(a.status, t.due_kind, t.due_date, t.year) AS overdue"
    "   FROM task_assignments a JOIN tasks t ON t.id = a.task_id"
    "   WHERE t.district_id = $1::uuid AND t.year = $2::int)"
    " SELECT json_build_object('year', $2::int,"
    " 'by_status', (SELECT json_build_object(" STATUS_COUNTS ","
    "   'overdue', count(*) FILTER (WHERE a.overdue)) FROM a),"
    " 'by_section', " GROUPED("section_vi") ","
    " 'by_lead', " GROUPED("lead") ","
    " 'overdue', (SELECT coalesce(json_agg(json_build_object('assignment_id', a.id,"
    "   'task', json_build_object('id', a.task_id, 'code', a.task_code, 'title_vi', a.title_vi),"
    "   'unit', " UNIT ", 'status', a.status, 'due', a.last_day,"
    "   'link', '/v1/tasks/' || a.task_id || '/assignments/' || a.id)"
    "   ORDER BY a.last_day, a.task_code, a.school_id IS NOT NULL, s.code), '[]')"
    "   FROM a JOIN districts d ON d.id = a.district_id LEFT JOIN schools s ON s.id = a.school_id"
    "   WHERE a.overdue),"
    " 'schools', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'code', s.code,"
    "   'name', s.name, 'assignments', n, 'done', done) ORDER BY s.code), '[]')"
    "   FROM (SELECT a.school_id, count(*) FILTER (WHERE a.status <> 'cancelled') AS n,"
    "     count(*) FILTER (WHERE a.status IN ('done', 'accepted')) AS done"
    "     FROM a WHERE a.school_id IS NOT NULL GROUP BY a.school_id) x"
    "   JOIN schools s ON s.id = x.school_id))",
    district_id, year);
}

int edx_db_reminders(edx_conn *c, json_t **out, const char *district_id, int year,
                     int within_days)
{
  char y[16], w[16];
  snprintf(y, sizeof(y), "%d", year);
  snprintf(w, sizeof(w), "%d", within_days);
  const char *params[] = {district_id, y, w};
  return edx_db_json(
    c, out,
    "WITH lim AS (SELECT edx_vn_today() + $3::int AS day),"
    " tasks_due AS (SELECT 'task' AS kind, " UNIT " AS unit,"
    "   edx_task_last_day(t.due_kind, t.due_date, t.year) AS due,"
    "   t.code || ': ' || t.title_vi AS title,"
    "   '/v1/tasks/' || t.id || '/assignments/' || a.id AS link, NULL::json AS indicators"
    "   FROM task_assignments a JOIN tasks t ON t.id = a.task_id"
    "   JOIN districts d ON d.id = a.district_id LEFT JOIN schools s ON s.id = a.school_id"
    "   WHERE t.district_id = $1::uuid AND t.year = $2::int"
    "   AND a.status IN ('not_started', 'in_progress', 'blocked')"
    "   AND edx_task_last_day(t.due_kind, t.due_date, t.year) <= (SELECT day FROM lim)),"
    " asm AS (SELECT s.id, s.code, s.name, a.id AS assessment_id,"
    "   coalesce(a.state, 'not_started') AS status FROM schools s"
    "   LEFT JOIN assessments a ON a.school_id = s.id AND a.year = $2::int"
    "   WHERE s.district_id = $1::uuid AND s.active"
    "   AND s.level IN ('primary', 'lower_secondary', 'primary_lower_secondary')),"
    " asm_items AS (SELECT k.kind, json_build_object('kind', 'school', 'id', asm.id, 'code',"
    "   asm.code, 'name', asm.name) AS unit, k.due,"
    "   'self-assessment ' || $2::int || ': ' || k.what || ' (status ' || asm.status || ')',"
    "   coalesce('/v1/assessments/' || asm.assessment_id,"
    "     '/v1/assessments?school_id=' || asm.id || '&year=' || $2::int), NULL::json"
    "   FROM asm CROSS JOIN (VALUES ('assessment_submission', make_date($2::int, 5, 31),"
    "     'not submitted'), ('assessment_recognition', make_date($2::int, 6, 15),"
    "     'not recognised')) k(kind, due, what)"
    "   WHERE k.due <= (SELECT day FROM lim) AND CASE k.kind"
    "     WHEN 'assessment_submission' THEN asm.status IN ('not_started', 'draft', 'returned')"
    "     ELSE asm.status <> 'recognized' END),"
    " report_items AS (SELECT 'report', json_build_object('kind',"
    "   CASE WHEN x.school_id IS NULL THEN 'office' ELSE 'school' END,"
    "   'id', coalesce(x.school_id, x.district_id), 'code', coalesce(x.school_code, d.code),"
    "   'name', x.school_name),"
    "   make_date($2::int, 12, 31),"
    "   'report ' || $2::int || ' missing: ' || string_agg(x.indicator_code, ', '"
    "     ORDER BY x.position, x.indicator_code),"
    "   CASE WHEN x.school_id IS NULL THEN '/v1/districts/' || x.district_id"
    "     ELSE '/v1/schools/' || x.school_id END || '/reports/' || $2::int,"
    "   json_agg(x.indicator_code ORDER BY x.position, x.indicator_code)"
    "   FROM progress_school_cells x JOIN districts d ON d.id = x.district_id"
    "   WHERE x.district_id = $1::uuid AND x.year = $2::int AND x.active AND NOT x.reported"
    "   AND x.source = 'school_report' AND make_date($2::int, 12, 31) <= (SELECT day FROM lim)"
    "   GROUP BY x.district_id, x.school_id, x.school_code, d.code, x.school_name),"
    " dossier_items AS (SELECT 'dossier', json_build_object('kind', 'procedure', 'id', p.id,"
    "   'code', p.code, 'name', p.name),"
    "   (x.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,"
    "   'dossier ' || x.reference || ' (' || x.status || ')', '/v1/dossiers/' || x.id,"
    "   NULL::json"
    "   FROM dossiers x JOIN procedures p ON p.id = x.procedure_id"
    "   WHERE x.district_id = $1::uuid AND edx_dossier_overdue(x.status, x.due_at))"
    " SELECT json_build_object('items', coalesce(json_agg(jsonb_build_object("
    "   'kind', i.kind, 'unit', i.unit, 'due', i.due, 'title', i.title, 'link', i.link)"
    "   || CASE WHEN i.indicators IS NULL THEN '{}'::jsonb"
    "      ELSE jsonb_build_object('indicators', i.indicators) END), '[]'))"
    " FROM (SELECT * FROM tasks_due UNION ALL SELECT * FROM asm_items"
    "   UNION ALL SELECT * FROM report_items UNION ALL SELECT * FROM dossier_items) i",
    3, params);
}
