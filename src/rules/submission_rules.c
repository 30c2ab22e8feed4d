/* submission_rules.c — the states, moves, deadlines and lateness of period reports (see
 * submission_rules.h). */
#include <stdio.h>
#include <string.h>
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/i18n.h"
#include "src/rules/periods.h"
#include "src/rules/submission_rules.h"
#include "src/rules/task_rules.h"
#include "src/rules/validate.h"

const char *const edx_submission_states[] = {"draft", "submitted", "accepted", "returned",
                                             "superseded", NULL};

int edx_is_period_code(const char *s)
{
  edx_period p;
  return s && edx_parse_period(s, &p) == 0;
}

const edx_field edx_submission_fields[] = {
  {.name = "period", .kind = EDX_FIELD_STRING, .required = 1, .min = 4, .max = 9,
   .check = edx_is_period_code, .check_message = EDX_PERIOD_RULE},
  {.name = "title", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 300},
  {.name = "document_number", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 100},
  {.name = "signed_by", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 200},
  {.name = "note", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 2000},
  {.name = NULL},
};

const edx_field edx_submission_move_fields[] = {
  {.name = "note", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 2000},
  {.name = NULL},
};

const edx_field edx_submission_deadlines_fields[] = {
  {.name = "deadlines", .kind = EDX_FIELD_ARRAY, .required = 1, .max = 100},
  {.name = NULL},
};

const char *edx_submission_move_name(edx_submission_move move)
{
  switch (move) {
  case EDX_SUBMISSION_SUBMIT:
    return "submit";
  case EDX_SUBMISSION_ACCEPT:
    return "accept";
  case EDX_SUBMISSION_RETURN:
    return "return";
  }
  return NULL;
}

static int is(const char *state, const char *name)
{
  return state && strcmp(state, name) == 0;
}

const char *edx_submission_next_state(edx_submission_move move, const char *from)
{
  switch (move) {
  case EDX_SUBMISSION_SUBMIT:
    return is(from, "draft") ? "submitted" : NULL;
  case EDX_SUBMISSION_ACCEPT:
    return is(from, "submitted") ? "accepted" : NULL;
  case EDX_SUBMISSION_RETURN:
    return is(from, "submitted") ? "returned" : NULL;
  }
  return NULL;
}

int edx_submission_sent(const char *state)
{
  return is(state, "submitted") || is(state, "accepted") || is(state, "returned");
}

int edx_submission_late(const char *due, long long first_submitted, long long now)
{
  char day[16];
  if (!due || !edx_is_date(due))
    return 0;
  edx_vietnam_date(first_submitted >= 0 ? first_submitted : now, day, sizeof(day));
  return strcmp(day, due) > 0;
}

/* One item of the deadlines: an object of province_code (null or a code) and due (a date). */
static int check_deadline(const json_t *item, size_t i, json_t *errors)
{
  char field[64];
  const json_t *code = json_object_get(item, "province_code"), *due;
  const char *key;
  json_t *v;
  int problems = 0;
  if (!json_is_object(item)) {
    snprintf(field, sizeof(field), "deadlines[%zu]", i);
    edx_errors_add(errors, field, "must be an object {\"province_code\", \"due\"}");
    return 1;
  }
  json_object_foreach((json_t *)item, key, v) {
    if (strcmp(key, "province_code") != 0 && strcmp(key, "due") != 0) {
      snprintf(field, sizeof(field), "deadlines[%zu].%.16s", i, key);
      edx_errors_add(errors, field, "is not a field of a deadline");
      problems++;
    }
  }
  if (code && !json_is_null(code) &&
      (!json_is_string(code) || !edx_is_code(json_string_value(code)))) {
    snprintf(field, sizeof(field), "deadlines[%zu].province_code", i);
    edx_errors_add(errors, field, "must be null (every province) or a province's code");
    problems++;
  }
  due = json_object_get(item, "due");
  if (!json_is_string(due) || !edx_is_date(json_string_value(due))) {
    snprintf(field, sizeof(field), "deadlines[%zu].due", i);
    edx_errors_add_code(errors, due ? EDX_ERR_INVALID : EDX_ERR_REQUIRED, field,
                        "is required: a date YYYY-MM-DD");
    problems++;
  }
  return problems;
}

int edx_submission_deadlines_check(const json_t *body, json_t *errors)
{
  const json_t *list = json_object_get(body, "deadlines");
  size_t before = json_array_size(errors), i, k;
  json_t *item;
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)body, key, v) {
    if (strcmp(key, "deadlines") != 0)
      edx_errors_add(errors, key, "is not a field of a period's deadlines");
  }
  if (!json_is_array(list) || json_array_size(list) > 100) {
    edx_errors_add_code(errors, list ? EDX_ERR_INVALID : EDX_ERR_REQUIRED, "deadlines",
                        "is required: an array of at most 100 {\"province_code\", \"due\"}");
    return (int)(json_array_size(errors) - before);
  }
  json_array_foreach(list, i, item) {
    if (check_deadline(item, i, errors))
      continue;
    for (k = 0; k < i; k++) {
      const json_t *other = json_object_get(json_array_get(list, k), "province_code");
      const json_t *mine = json_object_get(item, "province_code");
      if (json_equal(other ? other : json_null(), mine ? mine : json_null())) {
        char field[64];
        snprintf(field, sizeof(field), "deadlines[%zu].province_code", i);
        edx_errors_add(errors, field, "is given twice");
        break;
      }
    }
  }
  return (int)(json_array_size(errors) - before);
}
