/* test_task_rules.c — the plan's tasks: Vietnam's date, the overdue rule, the assignment moves and
 * the checks of a task's due, levels and indicators. */
#include <check.h>
#include "src/rules/task_rules.h"
#include "src/rules/validate.h"

Suite *task_rules_suite(void);

static long long at(const char *t)
{
  return edx_rfc3339_epoch(t);
}

START_TEST(vietnam_date_turns_at_17_utc)
{
  char day[16];
  edx_vietnam_date(at("2024-06-15T16:59:59Z"), day, sizeof(day));
  ck_assert_str_eq(day, "2024-06-15");
  edx_vietnam_date(at("2024-06-15T17:00:00Z"), day, sizeof(day));
  ck_assert_str_eq(day, "2024-06-16");
  edx_vietnam_date(at("2024-12-31T17:00:00Z"), day, sizeof(day)); /* new year in Vietnam */
  ck_assert_str_eq(day, "2025-01-01");
}
END_TEST

START_TEST(overdue_after_the_last_day_in_vietnam)
{
  /* due 15 June: still on time through 15 June in Vietnam (16:59 UTC), late from 17:00 UTC */
  ck_assert_int_eq(edx_assignment_overdue("in_progress", "date", "2024-06-15", 2024,
                                          at("2024-06-15T16:59:00Z")), 0);
  ck_assert_int_eq(edx_assignment_overdue("in_progress", "date", "2024-06-15", 2024,
                                          at("2024-06-15T17:00:00Z")), 1);
  ck_assert_int_eq(edx_assignment_overdue("not_started", "date", "2024-06-15", 2024,
                                          at("2024-06-15T17:00:00Z")), 1);
  ck_assert_int_eq(edx_assignment_overdue("blocked", "date", "2024-06-15", 2024,
                                          at("2024-07-01T00:00:00Z")), 1);
  /* finished or cancelled work is never late */
  ck_assert_int_eq(edx_assignment_overdue("done", "date", "2024-06-15", 2024,
                                          at("2024-07-01T00:00:00Z")), 0);
  ck_assert_int_eq(edx_assignment_overdue("accepted", "date", "2024-06-15", 2024,
                                          at("2024-07-01T00:00:00Z")), 0);
  ck_assert_int_eq(edx_assignment_overdue("cancelled", "date", "2024-06-15", 2024,
                                          at("2024-07-01T00:00:00Z")), 0);
  /* year_end: 31 December of the plan year, late from 1 January 00:00 in Vietnam */
  ck_assert_int_eq(edx_assignment_overdue("in_progress", "year_end", NULL, 2024,
                                          at("2024-12-31T16:59:00Z")), 0);
  ck_assert_int_eq(edx_assignment_overdue("in_progress", "year_end", NULL, 2024,
                                          at("2024-12-31T17:00:00Z")), 1);
  /* continuous, periodic and unspecified tasks are never late as a whole */
  ck_assert_int_eq(edx_assignment_overdue("in_progress", "continuous", NULL, 2024,
                                          at("2030-01-01T00:00:00Z")), 0);
  ck_assert_int_eq(edx_assignment_overdue("in_progress", "periodic", NULL, 2024,
                                          at("2030-01-01T00:00:00Z")), 0);
  ck_assert_int_eq(edx_assignment_overdue("in_progress", "unspecified", NULL, 2024,
                                          at("2030-01-01T00:00:00Z")), 0);
}
END_TEST

START_TEST(moves)
{
  /* open statuses move freely, for the school and the office */
  ck_assert_int_eq(edx_assignment_move("not_started", "in_progress", EDX_MOVER_SCHOOL, 0),
                   EDX_MOVE_OK);
  ck_assert_int_eq(edx_assignment_move("in_progress", "blocked", EDX_MOVER_SCHOOL, 0),
                   EDX_MOVE_OK);
  ck_assert_int_eq(edx_assignment_move("blocked", "done", EDX_MOVER_OFFICE, 0), EDX_MOVE_OK);
  ck_assert_int_eq(edx_assignment_move("in_progress", "in_progress", EDX_MOVER_SCHOOL, 0),
                   EDX_MOVE_OK);
  /* accepting: the office, from done only */
  ck_assert_int_eq(edx_assignment_move("done", "accepted", EDX_MOVER_OFFICE, 0), EDX_MOVE_OK);
  ck_assert_int_eq(edx_assignment_move("done", "accepted", EDX_MOVER_SCHOOL, 0),
                   EDX_MOVE_FORBIDDEN);
  ck_assert_int_eq(edx_assignment_move("in_progress", "accepted", EDX_MOVER_OFFICE, 0),
                   EDX_MOVE_ILLEGAL);
  ck_assert_int_eq(edx_assignment_move("in_progress", "accepted", EDX_MOVER_SCHOOL, 0),
                   EDX_MOVE_FORBIDDEN);
  /* done work goes back to in_progress by the office, with a note */
  ck_assert_int_eq(edx_assignment_move("done", "in_progress", EDX_MOVER_OFFICE, 1), EDX_MOVE_OK);
  ck_assert_int_eq(edx_assignment_move("done", "in_progress", EDX_MOVER_OFFICE, 0),
                   EDX_MOVE_NOTE);
  ck_assert_int_eq(edx_assignment_move("done", "in_progress", EDX_MOVER_SCHOOL, 1),
                   EDX_MOVE_FORBIDDEN);
  ck_assert_int_eq(edx_assignment_move("done", "not_started", EDX_MOVER_OFFICE, 1),
                   EDX_MOVE_ILLEGAL);
  ck_assert_int_eq(edx_assignment_move("done", "done", EDX_MOVER_SCHOOL, 0), EDX_MOVE_OK);
  /* accepted and cancelled are closed */
  ck_assert_int_eq(edx_assignment_move("accepted", "in_progress", EDX_MOVER_OFFICE, 1),
                   EDX_MOVE_ILLEGAL);
  ck_assert_int_eq(edx_assignment_move("accepted", "accepted", EDX_MOVER_OFFICE, 0),
                   EDX_MOVE_ILLEGAL);
  ck_assert_int_eq(edx_assignment_move("cancelled", "in_progress", EDX_MOVER_OFFICE, 0),
                   EDX_MOVE_ILLEGAL);
}
END_TEST

static json_t *errors_of(const char *task_json, const char *catalogue_json, int *n)
{
  json_t *task = json_loads(task_json, 0, NULL), *catalogue = NULL, *errors = json_array();
  if (catalogue_json)
    catalogue = json_loads(catalogue_json, 0, NULL);
  *n = edx_task_check(task, catalogue, errors);
  json_decref(task);
  json_decref(catalogue);
  return errors;
}

static const char *field_at(const json_t *errors, size_t i)
{
  return json_string_value(json_object_get(json_array_get(errors, i), "field"));
}

START_TEST(task_checks_name_their_fields)
{
  int n;
  json_t *e = errors_of("{\"year\":2024,\"lead\":\"office\",\"due\":{\"kind\":\"date\"}}", NULL,
                        &n);
  ck_assert_int_eq(n, 1);
  ck_assert_str_eq(field_at(e, 0), "due.date");
  json_decref(e);
  e = errors_of("{\"year\":2024,\"lead\":\"office\",\"due\":{\"kind\":\"weekly\"}}", NULL, &n);
  ck_assert_int_eq(n, 1);
  ck_assert_str_eq(field_at(e, 0), "due.kind");
  json_decref(e);
  e = errors_of("{\"year\":2024,\"lead\":\"office\",\"due\":{\"kind\":\"date\","
                "\"date\":\"2024-02-30\"}}", NULL, &n);
  ck_assert_int_eq(n, 1);
  ck_assert_str_eq(field_at(e, 0), "due.date");
  json_decref(e);
  e = errors_of("{\"year\":2024,\"lead\":\"office\",\"due\":{\"kind\":\"year_end\","
                "\"date\":\"2024-12-31\"}}", NULL, &n);
  ck_assert_int_eq(n, 0);
  json_decref(e);
  e = errors_of("{\"year\":2024,\"lead\":\"office\",\"due\":{\"kind\":\"year_end\","
                "\"date\":\"2025-12-31\"}}", NULL, &n);
  ck_assert_int_eq(n, 1);
  json_decref(e);
  e = errors_of("{\"year\":2024,\"lead\":\"office\",\"due\":{\"kind\":\"periodic\"}}", NULL, &n);
  ck_assert_int_eq(n, 1);
  ck_assert_str_eq(field_at(e, 0), "due.every");
  json_decref(e);
  e = errors_of("{\"year\":2024,\"lead\":\"office\",\"school_levels\":[\"primary\"]}", NULL, &n);
  ck_assert_int_eq(n, 1);
  ck_assert_str_eq(field_at(e, 0), "school_levels");
  json_decref(e);
  e = errors_of("{\"year\":2024,\"lead\":\"schools\",\"indicators\":[\"A\",\"NOPE\",\"B\"]}",
                "{\"A\":{},\"B\":{}}", &n);
  ck_assert_int_eq(n, 1);
  ck_assert_str_eq(field_at(e, 0), "indicators[1]");
  json_decref(e);
}
END_TEST

START_TEST(dates)
{
  ck_assert(edx_is_date("2024-02-29"));
  ck_assert(!edx_is_date("2023-02-29"));
  ck_assert(!edx_is_date("2024-13-01"));
  ck_assert(!edx_is_date("2024-6-15"));
  ck_assert(!edx_is_date("2024-06-15T00"));
}
END_TEST

START_TEST(rows_and_shown_dues)
{
  json_t *task = json_loads("{\"id\":\"x\",\"year\":2024,\"code\":\"A\",\"summary\":{},"
                            "\"due\":{\"kind\":\"periodic\",\"every\":\"month\","
                            "\"date\":null}}", 0, NULL);
  json_t *row = edx_task_row(task), *due;
  ck_assert_ptr_null(json_object_get(row, "id"));
  ck_assert_ptr_null(json_object_get(row, "summary"));
  ck_assert_ptr_null(json_object_get(row, "due"));
  ck_assert_str_eq(json_string_value(json_object_get(row, "due_kind")), "periodic");
  ck_assert_str_eq(json_string_value(json_object_get(row, "due_every")), "month");
  ck_assert(json_is_null(json_object_get(row, "due_date")));
  json_decref(row);
  json_decref(task);
  /* year_end shows 31 December of the year; a date kind's every is dropped */
  task = json_loads("{\"kind\":\"year_end\"}", 0, NULL);
  due = edx_task_due_shown(task, 2024);
  ck_assert_str_eq(json_string_value(json_object_get(due, "date")), "2024-12-31");
  ck_assert(json_is_null(json_object_get(due, "every")));
  json_decref(due);
  json_decref(task);
  task = json_loads("{\"kind\":\"unspecified\"}", 0, NULL);
  due = edx_task_due_shown(task, 2024);
  ck_assert(json_is_null(json_object_get(due, "date")));
  json_decref(due);
  json_decref(task);
}
END_TEST

Suite *task_rules_suite(void)
{
  Suite *s = suite_create("task_rules");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, vietnam_date_turns_at_17_utc);
  tcase_add_test(tc, overdue_after_the_last_day_in_vietnam);
  tcase_add_test(tc, moves);
  tcase_add_test(tc, task_checks_name_their_fields);
  tcase_add_test(tc, dates);
  tcase_add_test(tc, rows_and_shown_dues);
  suite_add_tcase(s, tc);
  return s;
}
