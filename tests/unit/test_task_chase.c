/* test_task_chase.c — days late in Vietnam's date, the schools' ranking by share done and the
 * reminders' order and counts (values worked out by hand). */
#include <check.h>
#include "src/rules/task_chase.h"
#include "src/rules/validate.h"

Suite *task_chase_suite(void);

static long long at(const char *t)
{
  return edx_rfc3339_epoch(t);
}

START_TEST(days_late_in_vietnam)
{
  long long late = 99;
  /* 2024-06-15 16:59 UTC is still the 15th in Vietnam, 17:00 UTC the 16th */
  ck_assert_int_eq(edx_days_late("2024-06-15", at("2024-06-15T16:59:59Z"), &late), 0);
  ck_assert_int_eq(late, 0);
  ck_assert_int_eq(edx_days_late("2024-06-15", at("2024-06-15T17:00:00Z"), &late), 0);
  ck_assert_int_eq(late, 1);
  /* 31 May to 15 June: 15 days left */
  ck_assert_int_eq(edx_days_late("2024-06-15", at("2024-05-31T05:00:00Z"), &late), 0);
  ck_assert_int_eq(late, -15);
  /* across a leap day and a year: 2024-02-28 to 2025-03-01 is 367 days */
  ck_assert_int_eq(edx_days_late("2024-02-28", at("2025-03-01T00:00:00Z"), &late), 0);
  ck_assert_int_eq(late, 367);
  ck_assert_int_eq(edx_days_late("2024-02-30", at("2025-03-01T00:00:00Z"), &late), -1);
  ck_assert_int_eq(edx_days_late(NULL, 0, &late), -1);
}
END_TEST

static json_t *school(const char *code, int assignments, int done)
{
  return json_pack("{s:s,s:i,s:i}", "code", code, "assignments", assignments, "done", done);
}

START_TEST(schools_ranked_by_share_done)
{
  json_t *s = json_array();
  json_array_append_new(s, school("C", 3, 1)); /* 33.33 */
  json_array_append_new(s, school("B", 0, 0)); /* none: last */
  json_array_append_new(s, school("D", 2, 1)); /* 50 */
  json_array_append_new(s, school("A", 4, 2)); /* 50, ties with D, code first */
  json_array_append_new(s, school("E", 3, 2)); /* 66.67 */
  edx_rank_schools_done(s);
  const char *order[] = {"E", "A", "D", "C", "B"};
  const double shares[] = {66.67, 50.0, 50.0, 33.33, -1};
  for (size_t i = 0; i < 5; i++) {
    json_t *x = json_array_get(s, i);
    ck_assert_str_eq(json_string_value(json_object_get(x, "code")), order[i]);
    ck_assert_int_eq(json_integer_value(json_object_get(x, "rank")), (json_int_t)(i + 1));
    if (shares[i] < 0)
      ck_assert(json_is_null(json_object_get(x, "share_done")));
    else
      ck_assert_double_eq_tol(json_real_value(json_object_get(x, "share_done")), shares[i],
                              0.001);
  }
  json_decref(s);
}
END_TEST

static json_t *item(const char *kind, const char *code, const char *due)
{
  return json_pack("{s:s,s:{s:s},s:s}", "kind", kind, "unit", "code", code, "due", due);
}

START_TEST(reminders_sorted_and_counted)
{
  json_t *items = json_array(), *counts;
  json_array_append_new(items, item("report", "S1", "2024-12-31"));
  json_array_append_new(items, item("dossier", "P1", "2024-06-01"));
  json_array_append_new(items, item("task", "S2", "2024-06-01"));
  json_array_append_new(items, item("task", "S1", "2024-06-01"));
  json_array_append_new(items, item("assessment_submission", "S1", "2024-05-31"));
  counts = edx_reminders_finish(items, at("2024-06-10T03:00:00Z")); /* 10 June in Vietnam */
  const char *kinds[] = {"assessment_submission", "task", "task", "dossier", "report"};
  const char *codes[] = {"S1", "S1", "S2", "P1", "S1"};
  const int late[] = {10, 9, 9, 9, -204};
  for (size_t i = 0; i < 5; i++) {
    json_t *x = json_array_get(items, i);
    ck_assert_str_eq(json_string_value(json_object_get(x, "kind")), kinds[i]);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(x, "unit"), "code")),
                     codes[i]);
    ck_assert_int_eq(json_integer_value(json_object_get(x, "days_late")), late[i]);
  }
  ck_assert_int_eq(json_integer_value(json_object_get(counts, "task")), 2);
  ck_assert_int_eq(json_integer_value(json_object_get(counts, "assessment_recognition")), 0);
  ck_assert_int_eq(json_integer_value(json_object_get(counts, "total")), 5);
  json_decref(counts);
  json_decref(items);
}
END_TEST

Suite *task_chase_suite(void)
{
  Suite *s = suite_create("task_chase");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, days_late_in_vietnam);
  tcase_add_test(tc, schools_ranked_by_share_done);
  tcase_add_test(tc, reminders_sorted_and_counted);
  suite_add_tcase(s, tc);
  return s;
}
