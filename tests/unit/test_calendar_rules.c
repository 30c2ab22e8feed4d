/* test_calendar_rules.c — a year's calendar checked, and which due dates a change moves. */
#include <check.h>
#include <string.h>
#include "src/rules/calendar_rules.h"

Suite *calendar_rules_suite(void);

static int problems(const char *body, json_t **errors)
{
  json_t *b = json_loads(body, 0, NULL);
  int n;
  *errors = json_array();
  n = edx_calendar_check(b, 2025, *errors);
  json_decref(b);
  return n;
}

static int names(const json_t *errors, const char *field)
{
  size_t i;
  json_t *e;
  json_array_foreach(errors, i, e)
    if (strcmp(json_string_value(json_object_get(e, "field")), field) == 0)
      return 1;
  return 0;
}

START_TEST(a_year_is_checked_whole)
{
  json_t *errors;
  ck_assert_int_eq(problems("{\"days\":[{\"date\":\"2025-01-27\",\"kind\":\"day_off\",\"name\":"
                            "\"Tết\",\"status\":\"announced\"},{\"date\":\"2025-04-26\",\"kind\":"
                            "\"working_day\",\"name\":\"Làm bù\",\"status\":\"announced\"}]}",
                            &errors), 0);
  json_decref(errors);
  ck_assert_int_eq(problems("{\"days\":[]}", &errors), 0);
  json_decref(errors);
  /* another year's day, a 30 February, a repeated day, a bad kind, an empty name, a status */
  ck_assert_int_eq(problems("{\"days\":[{\"date\":\"2024-12-31\",\"kind\":\"day_off\",\"name\":\"x\","
                            "\"status\":\"official\"},{\"date\":\"2025-02-30\",\"kind\":\"day_off\","
                            "\"name\":\"x\",\"status\":\"official\"},{\"date\":\"2025-05-01\",\"kind\":"
                            "\"day_off\",\"name\":\"x\",\"status\":\"official\"},{\"date\":\"2025-05-01\","
                            "\"kind\":\"holiday\",\"name\":\"\",\"status\":\"maybe\"}]}", &errors), 6);
  ck_assert(names(errors, "days[0].date"));
  ck_assert(names(errors, "days[1].date"));
  ck_assert(names(errors, "days[3].date"));
  ck_assert(names(errors, "days[3].kind"));
  ck_assert(names(errors, "days[3].name"));
  ck_assert(names(errors, "days[3].status"));
  json_decref(errors);
  ck_assert_int_eq(problems("{\"days\":[{\"date\":\"2025-05-01\"}]}", &errors), 1);
  ck_assert(names(errors, "days[0]"));
  json_decref(errors);
  ck_assert_int_eq(problems("{\"days\":{},\"more\":1}", &errors), 1);
  ck_assert(names(errors, "days"));
  json_decref(errors);
}
END_TEST

START_TEST(only_counted_due_dates_move)
{
  /* received Friday 24 January 2025 at 09:00 in Vietnam, 5 working days. Before: no Tết in the
   * calendar → due Friday 31 January; after: 27-31 January off → Friday 7 February. The second
   * dossier's due date was set by hand (3 February): it stays. */
  json_t *before = json_object();
  json_t *after = json_pack("{s:s,s:s,s:s,s:s,s:s}", "2025-01-27", "day_off", "2025-01-28",
                            "day_off", "2025-01-29", "day_off", "2025-01-30", "day_off",
                            "2025-01-31", "day_off");
  json_t *dues = json_loads("[{\"id\":\"a\",\"received_at\":\"2025-01-24T02:00:00.000000Z\","
                            "\"due_at\":\"2025-01-31T02:00:00.000000Z\",\"days\":5},"
                            "{\"id\":\"b\",\"received_at\":\"2025-01-24T02:00:00.000000Z\","
                            "\"due_at\":\"2025-02-03T02:00:00.000000Z\",\"days\":5}]", 0, NULL);
  json_t *moved = edx_calendar_rescheduled(dues, before, after);
  ck_assert_uint_eq(json_array_size(moved), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(moved, 0), "id")), "a");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(moved, 0), "due_at")),
                   "2025-02-07T02:00:00Z");
  json_decref(moved);
  /* nothing changes when the calendar does not move it */
  moved = edx_calendar_rescheduled(dues, before, before);
  ck_assert_uint_eq(json_array_size(moved), 0);
  json_decref(moved);
  json_decref(before);
  json_decref(after);
  json_decref(dues);
}
END_TEST

Suite *calendar_rules_suite(void)
{
  Suite *s = suite_create("calendar_rules");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, a_year_is_checked_whole);
  tcase_add_test(tc, only_counted_due_dates_move);
  suite_add_tcase(s, tc);
  return s;
}
