/* task_rules.c — task fields, assignment moves and the overdue rule (see task_rules.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "src/rules/i18n.h"
#include "src/rules/school_rules.h"
#include "src/rules/task_rules.h"
#include "src/rules/validate.h"

const char *const edx_task_leads[] = {"office", "schools", "office_and_schools", NULL};
const char *const edx_task_due_kinds[] = {"date", "continuous", "year_end", "periodic",
                                          "unspecified", NULL};
const char *const edx_task_periods[] = {"week", "month", "quarter", "half_year", "year", NULL};
const char *const edx_assignment_statuses[] = {"not_started", "in_progress", "done", "accepted",
                                               "blocked", "cancelled", NULL};
const char *const edx_assignment_settable[] = {"not_started", "in_progress", "done", "accepted",
                                               "blocked", NULL};

const edx_field edx_task_fields[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "district_id", .kind = EDX_FIELD_UUID},
  {.name = "year", .kind = EDX_FIELD_INT, .required = 1, .min = 2000, .max = 2100},
  {.name = "code", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 32,
   .check = edx_is_code, .check_message = EDX_CODE_RULE},
  {.name = "section_vi", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 500},
  {.name = "title_vi", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 2000},
  {.name = "title_en", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 2000},
  {.name = "description", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 10000},
  {.name = "lead", .kind = EDX_FIELD_ENUM, .required = 1, .choices = edx_task_leads},
  {.name = "lead_detail_vi", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 500},
  {.name = "school_levels", .kind = EDX_FIELD_ENUM_ARRAY, .nullable = 1,
   .choices = edx_school_levels},
  {.name = "due", .kind = EDX_FIELD_OBJECT},
  {.name = "indicators", .kind = EDX_FIELD_ARRAY, .max = 50},
  {.name = "deliverable_vi", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 2000},
  {.name = "summary", .kind = EDX_FIELD_OBJECT, .read_only = 1},
  {.name = "created_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "updated_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {NULL},
};

const edx_field edx_assignment_fields[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "status", .kind = EDX_FIELD_ENUM, .choices = edx_assignment_settable},
  {.name = "progress_percent", .kind = EDX_FIELD_INT, .nullable = 1, .min = 0, .max = 100},
  {.name = "note", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 2000},
  {.name = "evidence", .kind = EDX_FIELD_ARRAY, .max = 50},
  {NULL},
};

const char *const edx_task_csv_columns[] = {"id", "district_id", "year", "code", "section_vi",
                                            "title_vi", "title_en", "description", "lead",
                                            "lead_detail_vi", "school_levels", "due",
                                            "indicators", "deliverable_vi", "summary", NULL};

static int days_in_month(int y, int m)
{
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

int edx_is_date(const char *s)
{
  int y, m, d, n = 0;
  if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
      s[4] != '-' || s[7] != '-')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return 0;
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

void edx_vietnam_date(long long epoch, char *out, size_t len)
{
  time_t shifted = (time_t)(epoch + 7 * 3600); /* Vietnam: UTC+7, no daylight saving */
  struct tm local;
  gmtime_r(&shifted, &local);
  strftime(out, len, "%Y-%m-%d", &local);
}

int edx_task_last_day(const char *kind, const char *date, int year, char *out, size_t len)
{
  if (kind && strcmp(kind, "date") == 0 && edx_is_date(date)) {
    snprintf(out, len, "%s", date);
    return 0;
  }
  if (kind && strcmp(kind, "year_end") == 0) {
    snprintf(out, len, "%04d-12-31", year);
    return 0;
  }
  return -1;
}

static int in_list(const char *s, const char *const *list)
{
  for (int i = 0; s && list[i]; i++)
    if (strcmp(s, list[i]) == 0)
      return 1;
  return 0;
}

static const char *const open_statuses[] = {"not_started", "in_progress", "blocked", NULL};

int edx_assignment_overdue(const char *status, const char *kind, const char *date, int year,
                           long long now)
{
  char last[16], today[16];
  if (!in_list(status, open_statuses) ||
      edx_task_last_day(kind, date, year, last, sizeof(last)) != 0)
    return 0;
  edx_vietnam_date(now, today, sizeof(today));
  return strcmp(last, today) < 0; /* YYYY-MM-DD compare as text */
}

edx_move edx_assignment_move(const char *from, const char *to, edx_mover mover, int has_note)
{
  if (strcmp(from, "accepted") == 0 || strcmp(from, "cancelled") == 0)
    return EDX_MOVE_ILLEGAL; /* closed: nothing changes any more */
  if (strcmp(to, "accepted") == 0) {
    if (mover != EDX_MOVER_OFFICE)
      return EDX_MOVE_FORBIDDEN;
    return strcmp(from, "done") == 0 ? EDX_MOVE_OK : EDX_MOVE_ILLEGAL;
  }
  if (strcmp(from, "done") == 0 && strcmp(to, "done") != 0) {
    if (mover != EDX_MOVER_OFFICE)
      return EDX_MOVE_FORBIDDEN; /* done work is the office's to review */
    if (strcmp(to, "in_progress") != 0)
      return EDX_MOVE_ILLEGAL;
    return has_note ? EDX_MOVE_OK : EDX_MOVE_NOTE;
  }
  return in_list(to, open_statuses) || strcmp(to, "done") == 0 ? EDX_MOVE_OK : EDX_MOVE_ILLEGAL;
}

/* due: {kind, date, every} as the kind wants them. */
static int check_due(const json_t *due, int year, json_t *errors)
{
  const char *kind = json_string_value(json_object_get(due, "kind"));
  const json_t *date = json_object_get(due, "date"), *every = json_object_get(due, "every");
  const char *key;
  json_t *v;
  char end[16];
  int problems = 0;
  json_object_foreach((json_t *)due, key, v) {
    if (strcmp(key, "kind") != 0 && strcmp(key, "date") != 0 && strcmp(key, "every") != 0) {
      char field[80];
      snprintf(field, sizeof(field), "due.%.60s", key);
      edx_errors_add_code(errors, EDX_ERR_UNKNOWN_FIELD, field,
                          "is not a member of due (kind, date, every)");
      problems++;
    }
  }
  if (!in_list(kind, edx_task_due_kinds)) {
    edx_errors_add_code(errors, json_object_get(due, "kind") ? EDX_ERR_NOT_ALLOWED_VALUE
                                                             : EDX_ERR_REQUIRED,
                        "due.kind", "must be one of date, continuous, year_end, periodic, "
                        "unspecified");
    return problems + 1;
  }
  snprintf(end, sizeof(end), "%04d-12-31", year);
  if (strcmp(kind, "date") == 0 && json_is_null(date ? date : json_null())) {
    edx_errors_add_code(errors, EDX_ERR_REQUIRED, "due.date", "is required when kind is date");
    problems++;
  } else if (date && !json_is_null(date) &&
             !(json_is_string(date) && edx_is_date(json_string_value(date)))) {
    edx_errors_add_code(errors, EDX_ERR_INVALID_FORMAT, "due.date",
                        "must be a date YYYY-MM-DD");
    problems++;
  } else if (date && !json_is_null(date) && strcmp(kind, "date") != 0 &&
             !(strcmp(kind, "year_end") == 0 && strcmp(json_string_value(date), end) == 0)) {
    edx_errors_add_code(errors, EDX_ERR_INVALID, "due.date",
                        strcmp(kind, "year_end") == 0 ? "must be 31 December of the task's year"
                                                      : "is only for kind date (or year_end)");
    problems++;
  }
  if (strcmp(kind, "periodic") == 0 && !in_list(json_string_value(every), edx_task_periods)) {
    edx_errors_add_code(errors, every && !json_is_null(every) ? EDX_ERR_NOT_ALLOWED_VALUE
                                                              : EDX_ERR_REQUIRED,
                        "due.every", "must be one of week, month, quarter, half_year, year "
                        "when kind is periodic");
    problems++;
  } else if (strcmp(kind, "periodic") != 0 && every && !json_is_null(every)) {
    edx_errors_add_code(errors, EDX_ERR_INVALID, "due.every", "is only for kind periodic");
    problems++;
  }
  return problems;
}

int edx_task_check(const json_t *task, const json_t *catalogue, json_t *errors)
{
  const json_t *due = json_object_get(task, "due");
  const json_t *levels = json_object_get(task, "school_levels");
  const json_t *indicators = json_object_get(task, "indicators"), *code;
  const char *lead = json_string_value(json_object_get(task, "lead"));
  int problems = 0;
  size_t i;
  if (json_is_object(due))
    problems += check_due(due, (int)json_integer_value(json_object_get(task, "year")), errors);
  if (json_is_array(levels) && json_array_size(levels) == 0) {
    edx_errors_add_code(errors, EDX_ERR_INVALID, "school_levels",
                        "must name at least one level (null: every level)");
    problems++;
  } else if (json_is_array(levels) && lead && strcmp(lead, "office") == 0) {
    edx_errors_add_code(errors, EDX_ERR_INVALID, "school_levels",
                        "is only for a task whose lead includes the schools");
    problems++;
  }
  json_array_foreach(json_is_array(indicators) ? indicators : NULL, i, code) {
    char field[32];
    snprintf(field, sizeof(field), "indicators[%zu]", i);
    if (!json_is_string(code)) {
      edx_errors_add_code(errors, EDX_ERR_WRONG_TYPE, field, "must be an indicator code");
      problems++;
    } else if (catalogue && !json_object_get(catalogue, json_string_value(code))) {
      edx_errors_add_code(errors, EDX_ERR_NOT_FOUND, field, "no indicator with this code");
      problems++;
    }
  }
  return problems;
}

json_t *edx_task_row(const json_t *task)
{
  static const char *const dropped[] = {"due", "summary", "id", "created_at", "updated_at", NULL};
  json_t *row = json_deep_copy(task);
  const json_t *due = json_object_get(task, "due");
  const char *kind = json_string_value(json_object_get(due, "kind"));
  for (int i = 0; dropped[i]; i++)
    json_object_del(row, dropped[i]);
  json_object_set_new(row, "due_kind", json_string(kind ? kind : "unspecified"));
  json_object_set(row, "due_date", kind && strcmp(kind, "date") == 0
                                     ? json_object_get(due, "date") : json_null());
  json_object_set(row, "due_every", kind && strcmp(kind, "periodic") == 0
                                      ? json_object_get(due, "every") : json_null());
  return row;
}

json_t *edx_task_due_shown(const json_t *due, int year)
{
  const char *kind = json_string_value(json_object_get(due, "kind"));
  const char *every = json_string_value(json_object_get(due, "every"));
  char last[16];
  int has_last = edx_task_last_day(kind, json_string_value(json_object_get(due, "date")), year,
                                   last, sizeof(last)) == 0;
  return json_pack("{s:s,s:o,s:o}", "kind", kind ? kind : "unspecified", "date",
                   has_last ? json_string(last) : json_null(), "every",
                   kind && strcmp(kind, "periodic") == 0 && every ? json_string(every)
                                                                  : json_null());
}
