/* task_chase.h — what the district's task overview and reminders read (issue 16): assignments
 * counted, the overdue ones, the schools' done counts, and the things due or late of every kind.
 * Days late, the ranking and the order are src/rules/task_chase.c. */
#ifndef EDX_DB_TASK_CHASE_H
#define EDX_DB_TASK_CHASE_H
#include <jansson.h>
#include "db/pool.h"

/* {year, by_status, by_section: [...], by_lead: [...], overdue: [...], schools: [...]} of the
 * assignments of district's tasks of plan year year (see openapi.yaml); overdue by due date, task
 * code and unit code; schools unranked ({id, code, name, assignments, done}). */
int edx_db_task_overview(edx_conn *c, json_t **out, const char *district_id, int year);

/* {"items": [...]}: the district's reminder items of plan year year due by Vietnam's today plus
 * within days (unsorted, without days_late). */
int edx_db_reminders(edx_conn *c, json_t **out, const char *district_id, int year,
                     int within_days);
#endif
