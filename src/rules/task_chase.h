/* task_chase.h — the arithmetic of the district's task overview and reminders (issue 16): days
 * late in Vietnam's date, schools ranked by share of work done, and the reminders list's order and
 * counts. Pure functions over the rows db/task_chase.c reads. */
#ifndef EDX_TASK_CHASE_H
#define EDX_TASK_CHASE_H
#include <jansson.h>

/* The reminder kinds, in the order items of the same due date are listed. */
extern const char *const edx_reminder_kinds[];

/* Days from due (YYYY-MM-DD) to Vietnam's date at the instant now (epoch seconds): positive when
 * due has passed, 0 on the day, negative for the days left. 0 and *late set, or -1 for a bad
 * date. */
int edx_days_late(const char *due, long long now, long long *late);

/* Sets "days_late" on every object of items from its "due" (null when due is not a date). */
void edx_set_days_late(json_t *items, long long now);

/* Ranks schools ({id, code, name, assignments, done}: assignments not cancelled, done the done or
 * accepted ones) in place: sets "share_done" (done / assignments in percent, 2 decimals; null
 * without assignments) and "rank" (1, 2, ...), highest share first, schools without assignments
 * last, ties by code. */
void edx_rank_schools_done(json_t *schools);

/* Sorts reminder items ({kind, unit: {code}, due, ...}) by due date, then kind (in
 * edx_reminder_kinds' order), then unit code, sets their days_late, and returns the counts by
 * kind (every kind, 0 included) with "total" (a new object). */
json_t *edx_reminders_finish(json_t *items, long long now);
#endif
