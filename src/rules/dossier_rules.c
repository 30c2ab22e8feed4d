/* dossier_rules.c — procedure and dossier fields, status moves, working-day due dates
 * (see dossier_rules.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "src/rules/dossier_rules.h"
#include "src/rules/validate.h"

static const char *const online_modes[] = {"full", "partial", "none", NULL};
static const char *const channels[] = {"online", "in_person", "postal", NULL};
static const char *const statuses[] = {"received", "processing", "supplement_requested",
                                       "resolved", "rejected", "withdrawn", NULL};
static const char *const satisfactions[] = {"very_satisfied", "satisfied", "dissatisfied", NULL};

const edx_field edx_procedure_fields[] = {
  {"id", EDX_FIELD_UUID, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {"district_id", EDX_FIELD_UUID, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"code", EDX_FIELD_STRING, 0, 1, 1, 1, 32, edx_is_code,
   "must be 1 to 32 letters, digits, '-', '_' or '.'", NULL},
  {"name", EDX_FIELD_STRING, 1, 0, 1, 1, 500, NULL, NULL, NULL},
  {"field", EDX_FIELD_STRING, 0, 1, 1, 1, 200, NULL, NULL, NULL},
  {"fee", EDX_FIELD_BOOL, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"eligible_online", EDX_FIELD_BOOL, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"online_mode", EDX_FIELD_ENUM, 0, 0, 1, 0, 0, NULL, NULL, online_modes},
  {"statutory_days", EDX_FIELD_INT, 0, 1, 1, 1, 365, NULL, NULL, NULL},
  {"active", EDX_FIELD_BOOL, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"created_at", EDX_FIELD_DATETIME, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {"updated_at", EDX_FIELD_DATETIME, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL},
};

const edx_field edx_dossier_fields[] = {
  {"id", EDX_FIELD_UUID, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {"district_id", EDX_FIELD_UUID, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"procedure_id", EDX_FIELD_UUID, 1, 0, 1, 0, 0, NULL, NULL, NULL},
  {"reference", EDX_FIELD_STRING, 1, 0, 1, 1, 64, NULL, NULL, NULL},
  {"channel", EDX_FIELD_ENUM, 1, 0, 1, 0, 0, NULL, NULL, channels},
  {"received_at", EDX_FIELD_DATETIME, 1, 0, 1, 0, 0, NULL, NULL, NULL},
  {"due_at", EDX_FIELD_DATETIME, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"status", EDX_FIELD_ENUM, 0, 0, 1, 0, 0, NULL, NULL, statuses},
  {"processing_at", EDX_FIELD_DATETIME, 0, 1, 1, 0, 0, NULL, NULL, NULL},
  {"supplement_requested_at", EDX_FIELD_DATETIME, 0, 1, 1, 0, 0, NULL, NULL, NULL},
  {"resolved_at", EDX_FIELD_DATETIME, 0, 1, 1, 0, 0, NULL, NULL, NULL},
  {"rejected_at", EDX_FIELD_DATETIME, 0, 1, 1, 0, 0, NULL, NULL, NULL},
  {"withdrawn_at", EDX_FIELD_DATETIME, 0, 1, 1, 0, 0, NULL, NULL, NULL},
  {"fee", EDX_FIELD_BOOL, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {"paid_online", EDX_FIELD_BOOL, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"e_receipt", EDX_FIELD_BOOL, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"dossier_digitized", EDX_FIELD_BOOL, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"result_digitized", EDX_FIELD_BOOL, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"satisfaction", EDX_FIELD_ENUM, 0, 1, 1, 0, 0, NULL, NULL, satisfactions},
  {"overdue", EDX_FIELD_BOOL, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {"on_time", EDX_FIELD_BOOL, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {"created_at", EDX_FIELD_DATETIME, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {"updated_at", EDX_FIELD_DATETIME, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL},
};

int edx_dossier_move_ok(const char *from, const char *to)
{
  static const char *const open[] = {"received", "processing", "supplement_requested", NULL};
  int from_open = 0;
  for (int i = 0; open[i]; i++)
    from_open |= strcmp(from, open[i]) == 0;
  if (!from_open || strcmp(to, "received") == 0 || strcmp(from, to) == 0)
    return 0;
  /* processing cannot go back to received; supplement_requested may return to processing */
  return !(strcmp(from, "processing") == 0 && strcmp(to, "received") == 0);
}

int edx_due_after_working_days(char *out, size_t len, const char *received, int days)
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
    if (local.tm_wday != 0 && local.tm_wday != 6)
      counted++;
  }
  shifted = (time_t)t;
  gmtime_r(&shifted, &local);
  strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &local);
  return 0;
}

int edx_dossier_prepare(json_t *d, const json_t *procedure, json_t *errors)
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
        edx_due_after_working_days(due, sizeof(due), received, (int)json_integer_value(days)) == 0) {
      json_object_set_new(d, "due_at", json_string(due));
    } else {
      edx_errors_add(errors, "due_at", "is required: the procedure has no statutory time limit");
      problems++;
    }
  }
  for (int i = 0; status && stamped[i]; i++) {
    char key[40];
    snprintf(key, sizeof(key), "%s_at", stamped[i]);
    if (strcmp(status, stamped[i]) == 0 && !json_is_string(json_object_get(d, key))) {
      edx_errors_add(errors, key, "is required when status is %s", status);
      problems++;
    }
  }
  return problems;
}
