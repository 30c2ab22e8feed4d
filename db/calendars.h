/* calendars.h — Vietnam's working calendar as data: the days off (public holidays, bridge days)
 * and the Saturdays worked in exchange, by year, which dossier due dates count against; and the
 * due dates of open dossiers, for rescheduling them when a year's calendar changes. */
#ifndef EDX_DB_CALENDARS_H
#define EDX_DB_CALENDARS_H
#include <jansson.h>
#include "db/pool.h"
#include "src/rules/roles.h"

/* Every day the calendar marks, as {"YYYY-MM-DD": "day_off" | "working_day"} (what
 * edx_due_after_working_days reads; a few dozen a year). */
int edx_db_calendar_map(edx_conn *c, json_t **out);
/* A year's calendar: {"country": "vn", "year", "days": [{"date", "kind", "name", "status"}]}
 * by date (days [] when none is marked). */
int edx_db_calendar_year(edx_conn *c, json_t **out, int year);
/* Inside a transaction: replaces the year's days by days (checked), with an audit row. */
int edx_db_calendar_replace(edx_conn *c, const edx_caller *actor, int year, const json_t *days);
/* The open dossiers (received, processing, supplement_requested) received from 1 December of
 * the year before to the end of year whose procedure has statutory days: [{"id", "received_at",
 * "due_at", "days"}]. */
int edx_db_open_dossier_dues(edx_conn *c, json_t **out, int year);
/* Inside a transaction: sets each [{"id", "due_at"}] dossier's due date; *rows how many. */
int edx_db_dossier_dues_set(edx_conn *c, const json_t *changes, long *rows);
#endif
