/* calendar_rules.c — a year's working calendar checked, and the due dates it moves (see
 * calendar_rules.h). */
#include <stdio.h>
#include <string.h>
#include "src/rules/calendar_rules.h"
#include "src/rules/dossier_rules.h"
#include "src/rules/errors.h"
#include "src/rules/validate.h"

static int one_of(const char *v, const char *const *choices)
{
  for (int i = 0; v && choices[i]; i++)
    if (strcmp(v, choices[i]) == 0)
      return 1;
  return 0;
}

/* "YYYY-MM-DD", a real day of year. */
static int is_day_of(const char *s, int year)
{
  char stamp[32];
  int y, m, d;
  if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || y != year)
    return 0;
  snprintf(stamp, sizeof(stamp), "%sT00:00:00Z", s);
  return edx_is_rfc3339(stamp);
}

/* Checks days[i]; returns problems added. */
static int check_day(const json_t *day, size_t i, int year, json_t *seen, json_t *errors)
{
  static const char *const kinds[] = {"day_off", "working_day", NULL};
  static const char *const statuses[] = {"official", "announced", "assumed", NULL};
  const char *date = json_string_value(json_object_get(day, "date"));
  const char *name = json_string_value(json_object_get(day, "name"));
  char field[48];
  int problems = 0;
  if (!json_is_object(day) || json_object_size(day) != 4) {
    snprintf(field, sizeof(field), "days[%zu]", i);
    edx_errors_add(errors, field, "must be {\"date\", \"kind\", \"name\", \"status\"}");
    return 1;
  }
  snprintf(field, sizeof(field), "days[%zu].date", i);
  if (!is_day_of(date, year))
    problems++, edx_errors_add(errors, field, "must be a date (YYYY-MM-DD) of %d", year);
  else if (json_object_get(seen, date))
    problems++, edx_errors_add_code(errors, EDX_ERR_CONFLICT, field, "names a day already listed");
  else
    json_object_set_new(seen, date, json_true());
  snprintf(field, sizeof(field), "days[%zu].kind", i);
  if (!one_of(json_string_value(json_object_get(day, "kind")), kinds))
    problems++, edx_errors_add(errors, field, "must be day_off or working_day");
  snprintf(field, sizeof(field), "days[%zu].name", i);
  if (!name || edx_utf8_length(name) < 1 || edx_utf8_length(name) > 200)
    problems++, edx_errors_add(errors, field, "must be text of 1 to 200 characters");
  snprintf(field, sizeof(field), "days[%zu].status", i);
  if (!one_of(json_string_value(json_object_get(day, "status")), statuses))
    problems++, edx_errors_add(errors, field, "must be official, announced or assumed");
  return problems;
}

int edx_calendar_check(const json_t *body, int year, json_t *errors)
{
  const json_t *days = json_object_get(body, "days"), *day;
  json_t *seen;
  int problems = 0;
  size_t i;
  if (!json_is_object(body) || json_object_size(body) != 1 || !json_is_array(days) ||
      json_array_size(days) > 366) {
    edx_errors_add(errors, "days", "the body must be {\"days\": [...]}, at most 366 days");
    return 1;
  }
  seen = json_object();
  json_array_foreach(days, i, day)
    problems += check_day(day, i, year, seen, errors);
  json_decref(seen);
  return problems;
}

json_t *edx_calendar_rescheduled(const json_t *dues, const json_t *before, const json_t *after)
{
  json_t *changes = json_array(), *d;
  size_t i;
  json_array_foreach(dues, i, d) {
    const char *received = json_string_value(json_object_get(d, "received_at"));
    const char *stored = json_string_value(json_object_get(d, "due_at"));
    int days = (int)json_integer_value(json_object_get(d, "days"));
    char was[32], now[32];
    if (!received || !stored ||
        edx_due_after_working_days(was, sizeof(was), received, days, before) != 0 ||
        edx_rfc3339_epoch(was) != edx_rfc3339_epoch(stored) ||
        edx_due_after_working_days(now, sizeof(now), received, days, after) != 0 ||
        edx_rfc3339_epoch(now) == edx_rfc3339_epoch(stored))
      continue;
    json_array_append_new(changes, json_pack("{s:O,s:s}", "id", json_object_get(d, "id"),
                                             "due_at", now));
  }
  return changes;
}
