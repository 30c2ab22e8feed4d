/* dossier_rules.c — procedure and dossier fields, status moves, working-day due dates
 * (see dossier_rules.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "src/rules/dossier_rules.h"
#include "src/rules/validate.h"

const char *const edx_online_modes[] = {"full", "partial", "none", NULL};
const char *const edx_dossier_channels[] = {"online", "in_person", "postal", NULL};
const char *const edx_dossier_statuses[] = {"received", "processing", "supplement_requested",
                                            "resolved", "rejected", "withdrawn", NULL};
static const char *const satisfactions[] = {"very_satisfied", "satisfied", "dissatisfied", NULL};

const edx_field edx_procedure_fields[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "district_id", .kind = EDX_FIELD_UUID},
  {.name = "code", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 32,
   .check = edx_is_code, .check_message = EDX_CODE_RULE},
  {.name = "name", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 500},
  {.name = "field", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 200},
  {.name = "fee", .kind = EDX_FIELD_BOOL},
  {.name = "eligible_online", .kind = EDX_FIELD_BOOL},
  {.name = "online_mode", .kind = EDX_FIELD_ENUM, .choices = edx_online_modes},
  {.name = "statutory_days", .kind = EDX_FIELD_INT, .nullable = 1, .min = 1, .max = 365},
  {.name = "active", .kind = EDX_FIELD_BOOL},
  {.name = "created_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "updated_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {NULL},
};

const edx_field edx_dossier_fields[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "district_id", .kind = EDX_FIELD_UUID},
  {.name = "procedure_id", .kind = EDX_FIELD_UUID, .required = 1},
  {.name = "reference", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 64},
  {.name = "channel", .kind = EDX_FIELD_ENUM, .required = 1, .choices = edx_dossier_channels},
  {.name = "received_at", .kind = EDX_FIELD_DATETIME, .required = 1},
  {.name = "due_at", .kind = EDX_FIELD_DATETIME},
  {.name = "status", .kind = EDX_FIELD_ENUM, .choices = edx_dossier_statuses},
  {.name = "processing_at", .kind = EDX_FIELD_DATETIME, .nullable = 1},
  {.name = "supplement_requested_at", .kind = EDX_FIELD_DATETIME, .nullable = 1},
  {.name = "resolved_at", .kind = EDX_FIELD_DATETIME, .nullable = 1},
  {.name = "rejected_at", .kind = EDX_FIELD_DATETIME, .nullable = 1},
  {.name = "withdrawn_at", .kind = EDX_FIELD_DATETIME, .nullable = 1},
  {.name = "fee", .kind = EDX_FIELD_BOOL, .read_only = 1},
  {.name = "paid_online", .kind = EDX_FIELD_BOOL},
  {.name = "e_receipt", .kind = EDX_FIELD_BOOL},
  {.name = "dossier_digitized", .kind = EDX_FIELD_BOOL},
  {.name = "result_digitized", .kind = EDX_FIELD_BOOL},
  {.name = "satisfaction", .kind = EDX_FIELD_ENUM, .nullable = 1, .choices = satisfactions},
  {.name = "complaint", .kind = EDX_FIELD_BOOL},
  {.name = "on_time", .kind = EDX_FIELD_BOOL, .read_only = 1},
  {.name = "created_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "updated_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {NULL},
};

int edx_dossier_move_ok(const char *from, const char *to)
{
  static const char *const open[] = {"received", "processing", "supplement_requested", NULL};
  int from_open = 0;
  for (int i = 0; open[i]; i++)
    from_open |= strcmp(from, open[i]) == 0;
  /* nothing goes back to received; supplement_requested may return to processing */
  return from_open && strcmp(to, "received") != 0 && strcmp(from, to) != 0;
}

/* Whether the Vietnamese day local (a broken-down UTC+7 time) is a working day. */
static int is_working_day(const struct tm *local, const json_t *calendar)
{
  char day[16];
  const char *kind;
  strftime(day, sizeof(day), "%Y-%m-%d", local);
  kind = json_string_value(json_object_get(calendar, day));
  if (kind)
    return strcmp(kind, "working_day") == 0;
  return local->tm_wday != 0 && local->tm_wday != 6;
}

int edx_due_after_working_days(char *out, size_t len, const char *received, int days,
                               const json_t *calendar)
{
  const long long offset = 7 * 3600; /* Vietnam, UTC+7, no daylight saving */
  long long t;
  struct tm local;
  time_t shifted;
  int counted = 0;
  if (!edx_is_rfc3339(received))
    return -1;
  t = edx_rfc3339_epoch(received);
  while (counted < days) {
    t += 86400;
    shifted = (time_t)(t + offset);
    gmtime_r(&shifted, &local);
    if (is_working_day(&local, calendar))
      counted++;
  }
  shifted = (time_t)t;
  gmtime_r(&shifted, &local);
  strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &local);
  return 0;
}

int edx_dossier_prepare(json_t *d, const json_t *procedure, const json_t *calendar,
                        json_t *errors)
{
  static const char *const stamped[] = {"processing", "supplement_requested", "resolved",
                                        "rejected", "withdrawn", NULL};
  const char *received = json_string_value(json_object_get(d, "received_at"));
  const char *status = json_string_value(json_object_get(d, "status"));
  const json_t *days = json_object_get(procedure, "statutory_days");
  int problems = 0;
  if (!json_object_get(d, "due_at") || json_is_null(json_object_get(d, "due_at"))) {
    char due[32];
    if (received && json_is_integer(days) &&
        edx_due_after_working_days(due, sizeof(due), received, (int)json_integer_value(days),
                                   calendar) == 0) {
      json_object_set_new(d, "due_at", json_string(due));
    } else {
      edx_errors_add_code(errors, EDX_ERR_REQUIRED,
                          "due_at", "is required: the procedure has no statutory time limit");
      problems++;
    }
  }
  for (int i = 0; status && stamped[i]; i++) {
    char key[40];
    snprintf(key, sizeof(key), "%s_at", stamped[i]);
    if (strcmp(status, stamped[i]) == 0 && !json_is_string(json_object_get(d, key))) {
      edx_errors_add_code(errors, EDX_ERR_REQUIRED, key, "is required when status is %s", status);
      problems++;
    }
  }
  return problems;
}

const char *const edx_procedure_csv_columns[] = {"id", "district_id", "code", "name", "field",
                                                 "fee", "eligible_online", "online_mode",
                                                 "statutory_days", "active", "created_at",
                                                 "updated_at", NULL};

const char *const edx_dossier_csv_columns[] = {"id", "district_id", "procedure_id", "reference",
                                               "channel", "received_at", "due_at", "status",
                                               "resolved_at", "fee", "paid_online", "e_receipt",
                                               "dossier_digitized", "result_digitized",
                                               "satisfaction", "complaint", "on_time", NULL};
