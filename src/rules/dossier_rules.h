/* dossier_rules.h — what valid procedures and dossiers are, the legal moves between dossier
 * statuses, and due dates counted in working days. Pure functions. */
#ifndef EDX_DOSSIER_RULES_H
#define EDX_DOSSIER_RULES_H
#include <stddef.h>
#include "src/rules/fields.h"

extern const edx_field edx_procedure_fields[];
extern const edx_field edx_dossier_fields[];
/* A procedure's online modes, a dossier's channels and statuses, each NULL-terminated. */
extern const char *const edx_online_modes[];
extern const char *const edx_dossier_channels[];
extern const char *const edx_dossier_statuses[];

/* 1 when a dossier may move from status `from` to `to`. */
int edx_dossier_move_ok(const char *from, const char *to);
/* The due time of a dossier received at `received` (RFC 3339) after `days` working days, same
 * time of day, as RFC 3339 UTC in out. Working days are counted in Vietnam's time (UTC+7):
 * Monday to Friday, except the days calendar marks "day_off" (public holidays, bridge days), and
 * the days it marks "working_day" (a Saturday worked in exchange); calendar is an object
 * {"YYYY-MM-DD": "day_off" | "working_day"}, or NULL for weekends only. Returns 0, or -1 when
 * received is not a valid date-time. */
#include <jansson.h>
int edx_due_after_working_days(char *out, size_t len, const char *received, int days,
                               const json_t *calendar);
/* Completes a dossier about to be stored, for its procedure: due_at from received_at and the
 * procedure's statutory days, in working days of calendar (as above), when absent (a problem on
 * due_at when it cannot be), and checks that a status has its timestamp (resolved needs
 * resolved_at, ...). Problems are appended to errors as {"field", "message"}. Returns how many. */
int edx_dossier_prepare(json_t *dossier, const json_t *procedure, const json_t *calendar,
                        json_t *errors);
/* The columns of the procedure list's CSV (and of its export), in representation order. */
extern const char *const edx_procedure_csv_columns[];
/* The columns of the dossier list's CSV (and of its export), in representation order. */
extern const char *const edx_dossier_csv_columns[];
#endif
