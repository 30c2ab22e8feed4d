/* test_time_range.c — time-range bounds: dates as days in Vietnam's time (UTC+7), date-times as
 * instants, inclusive ends, bad values and a from after its to, each named. Instants by hand. */
#include <check.h>
#include <string.h>
#include "src/rules/time_range.h"

Suite *time_range_suite(void);

static const char *bound(const char *s, int is_to)
{
  static edx_time_bound b;
  ck_assert_msg(edx_time_bound_parse(s, is_to, &b) == 0, "%s refused", s);
  ck_assert_int_eq(b.given, 1);
  return b.text;
}

START_TEST(dates_are_vietnamese_days)
{
  /* 2024-03-01 00:00 in Vietnam is 2024-02-29 17:00 UTC (2024 is a leap year) */
  ck_assert_str_eq(bound("2024-03-01", 0), "2024-02-29T17:00:00.000000Z");
  /* its last microsecond: 2024-03-01 23:59:59.999999 +07 = 16:59:59.999999 UTC */
  ck_assert_str_eq(bound("2024-03-01", 1), "2024-03-01T16:59:59.999999Z");
  /* a year's last day ends in the same UTC year */
  ck_assert_str_eq(bound("2024-12-31", 1), "2024-12-31T16:59:59.999999Z");
  ck_assert_str_eq(bound("2025-01-01", 0), "2024-12-31T17:00:00.000000Z");
}
END_TEST

START_TEST(date_times_are_instants)
{
  ck_assert_str_eq(bound("2024-05-31T08:00:00Z", 0), "2024-05-31T08:00:00.000000Z");
  ck_assert_str_eq(bound("2024-05-31T08:00:00Z", 1), "2024-05-31T08:00:00.000000Z");
  ck_assert_str_eq(bound("2024-05-31T15:00:00+07:00", 0), "2024-05-31T08:00:00.000000Z");
  ck_assert_str_eq(bound("2024-05-31T01:30:00-06:30", 1), "2024-05-31T08:00:00.000000Z");
  /* six fraction digits kept, the seventh dropped */
  ck_assert_str_eq(bound("2024-05-31T08:00:00.1234567Z", 0), "2024-05-31T08:00:00.123456Z");
  ck_assert_str_eq(bound("2024-05-31T08:00:00.5Z", 0), "2024-05-31T08:00:00.500000Z");
}
END_TEST

START_TEST(bad_bounds)
{
  static const char *const bad[] = {"", "2024-02-30", "2023-02-29", "2024-2-01", "31/05/2024",
                                    "2024-05-31T08:00Z", "2024-05-31 ", "20240531",
                                    "2024-05-31T08:00:00", "1899-12-31T23:59:59Z",
                                    "+024-05-31", "2024-13-01", "yesterday", NULL};
  edx_time_bound b;
  for (int i = 0; bad[i]; i++) {
    ck_assert_msg(edx_time_bound_parse(bad[i], 0, &b) == -1, "'%s' accepted", bad[i]);
    ck_assert_int_eq(b.given, 0);
  }
  ck_assert_int_eq(edx_time_bound_parse(NULL, 0, &b), -1);
  ck_assert_str_eq(bound("2024-02-29", 0), "2024-02-28T17:00:00.000000Z");
}
END_TEST

START_TEST(ranges_name_their_parameters)
{
  edx_time_range r;
  json_t *errors = json_array();
  /* one day: from its first to its last instant */
  ck_assert_int_eq(edx_time_range_parse(&r, "received", "2024-03-01", "2024-03-01", errors), 0);
  ck_assert_str_eq(r.from.text, "2024-02-29T17:00:00.000000Z");
  ck_assert_str_eq(r.to.text, "2024-03-01T16:59:59.999999Z");
  /* the same instant both ends (a date's start written as a date-time) is not after it */
  ck_assert_int_eq(edx_time_range_parse(&r, "due", "2024-03-01", "2024-02-29T17:00:00Z", errors),
                   0);
  /* absent bounds are not given */
  ck_assert_int_eq(edx_time_range_parse(&r, "due", NULL, "2024-03-01", errors), 0);
  ck_assert_int_eq(r.from.given, 0);
  ck_assert_int_eq(r.to.given, 1);
  ck_assert_uint_eq(json_array_size(errors), 0);
  /* a microsecond before the from date starts */
  ck_assert_int_eq(edx_time_range_parse(&r, "due", "2024-03-01",
                                        "2024-02-29T16:59:59.999999Z", errors), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")),
                   "due_from");
  ck_assert_int_eq(edx_time_range_parse(&r, "resolved", "soon", "2024-13-01", errors), 2);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "field")),
                   "resolved_from");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 2), "field")),
                   "resolved_to");
  json_decref(errors);
}
END_TEST

Suite *time_range_suite(void)
{
  Suite *s = suite_create("time_range");
  TCase *tc = tcase_create("time_range");
  tcase_add_test(tc, dates_are_vietnamese_days);
  tcase_add_test(tc, date_times_are_instants);
  tcase_add_test(tc, bad_bounds);
  tcase_add_test(tc, ranges_name_their_parameters);
  suite_add_tcase(s, tc);
  return s;
}
