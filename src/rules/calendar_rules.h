/* calendar_rules.h — what a year's working calendar may say (the days off and the Saturdays
 * worked in exchange that due dates count against), and which open dossiers' due dates a change
 * of it moves. Pure functions. */
#ifndef EDX_CALENDAR_RULES_H
#define EDX_CALENDAR_RULES_H
#include <jansson.h>

/* Checks a PUT body {"days": [{"date": "YYYY-MM-DD" in year, "kind": "day_off" |
 * "working_day", "name": 1-200 characters, "status": "official" | "announced" | "assumed"}]}:
 * every problem goes to errors under its field (days[3].date, ...). Returns how many. */
int edx_calendar_check(const json_t *body, int year, json_t *errors);

/* The open dossiers whose due dates follow the calendar: each of dues ([{"id", "received_at",
 * "due_at", "days"}]) whose stored due date is the one before (the calendar before the change)
 * gives, i.e. was counted from its procedure's statutory days rather than set by hand, gets the
 * one after gives, when it differs. Returns [{"id", "due_at"}] (new). */
json_t *edx_calendar_rescheduled(const json_t *dues, const json_t *before, const json_t *after);
#endif
