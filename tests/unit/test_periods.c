/* test_periods.c — period codes parsed and written, and which indicators a period admits. */
#include <check.h>
#include "src/rules/periods.h"

Suite *periods_suite(void);

START_TEST(calendar_and_school_years_parse_to_the_plan_year)
{
  edx_period p;
  ck_assert_int_eq(edx_parse_period("2024", &p), 0);
  ck_assert_int_eq(p.year, 2024);
  ck_assert_int_eq(p.kind, EDX_PERIOD_CALENDAR_YEAR);
  ck_assert_int_eq(edx_parse_period("2023-2024", &p), 0);
  ck_assert_int_eq(p.year, 2024);
  ck_assert_int_eq(p.kind, EDX_PERIOD_SCHOOL_YEAR);
  ck_assert_int_eq(edx_parse_period("1999-2000", &p), 0);
  ck_assert_int_eq(p.year, 2000);
  ck_assert_int_eq(edx_parse_period("2099-2100", &p), 0);
  ck_assert_int_eq(p.year, 2100);
}
END_TEST

START_TEST(malformed_periods_are_refused)
{
  static const char *const bad[] = {"", "24", "02024", "2024 ", " 2024", "+2024", "1999",
                                    "2101", "2023-2025", "2024-2023", "2023-2023", "2023/2024",
                                    "2023-24", "2100-2101", "1998-1999", "2023-2024-2025",
                                    "abcd", "2023-abcd", NULL};
  edx_period p = {7, EDX_PERIOD_CALENDAR_YEAR};
  for (int i = 0; bad[i]; i++) {
    ck_assert_msg(edx_parse_period(bad[i], &p) == -1, "'%s' was accepted", bad[i]);
    ck_assert_int_eq(p.year, 7);
  }
  ck_assert_int_eq(edx_parse_period(NULL, &p), -1);
}
END_TEST

START_TEST(codes_and_kind_names_round_trip)
{
  char code[EDX_PERIOD_CODE_LEN];
  edx_period_kind k;
  edx_period_code(2024, EDX_PERIOD_SCHOOL_YEAR, code, sizeof(code));
  ck_assert_str_eq(code, "2023-2024");
  edx_period_code(2024, EDX_PERIOD_CALENDAR_YEAR, code, sizeof(code));
  ck_assert_str_eq(code, "2024");
  ck_assert_str_eq(edx_period_kind_name(EDX_PERIOD_SCHOOL_YEAR), "school_year");
  ck_assert_int_eq(edx_period_kind_parse("school_year", &k), 0);
  ck_assert_int_eq(k, EDX_PERIOD_SCHOOL_YEAR);
  ck_assert_int_eq(edx_period_kind_parse("calendar_year", &k), 0);
  ck_assert_int_eq(k, EDX_PERIOD_CALENDAR_YEAR);
  ck_assert_int_eq(edx_period_kind_parse("year", &k), -1);
  edx_period_code_of_kind("school_year", 2025, code, sizeof(code));
  ck_assert_str_eq(code, "2024-2025");
  edx_period_code_of_kind(NULL, 2025, code, sizeof(code)); /* no kind: the calendar year */
  ck_assert_str_eq(code, "2025");
}
END_TEST

START_TEST(a_school_year_admits_only_school_year_indicators)
{
  edx_period cal = {2024, EDX_PERIOD_CALENDAR_YEAR}, school = {2024, EDX_PERIOD_SCHOOL_YEAR};
  ck_assert(edx_period_admits(&cal, EDX_PERIOD_CALENDAR_YEAR));
  ck_assert(edx_period_admits(&cal, EDX_PERIOD_SCHOOL_YEAR));
  ck_assert(edx_period_admits(&school, EDX_PERIOD_SCHOOL_YEAR));
  ck_assert(!edx_period_admits(&school, EDX_PERIOD_CALENDAR_YEAR));
}
END_TEST

START_TEST(a_body_year_may_be_a_school_year)
{
  json_t *body = json_pack("{s:s,s:s,s:i,s:s}", "a", "2023-2024", "b", "2024", "c", 2024, "d",
                           "2023-2025");
  edx_period_member_to_year(body, "a");
  edx_period_member_to_year(body, "b");
  edx_period_member_to_year(body, "c");
  edx_period_member_to_year(body, "d");
  edx_period_member_to_year(body, "absent");
  ck_assert_int_eq(json_integer_value(json_object_get(body, "a")), 2024);
  ck_assert_int_eq(json_integer_value(json_object_get(body, "b")), 2024);
  ck_assert_int_eq(json_integer_value(json_object_get(body, "c")), 2024);
  ck_assert_str_eq(json_string_value(json_object_get(body, "d")), "2023-2025");
  ck_assert_ptr_null(json_object_get(body, "absent"));
  json_decref(body);
}
END_TEST

Suite *periods_suite(void)
{
  Suite *s = suite_create("periods");
  TCase *tc = tcase_create("periods");
  tcase_add_test(tc, calendar_and_school_years_parse_to_the_plan_year);
  tcase_add_test(tc, malformed_periods_are_refused);
  tcase_add_test(tc, codes_and_kind_names_round_trip);
  tcase_add_test(tc, a_school_year_admits_only_school_year_indicators);
  tcase_add_test(tc, a_body_year_may_be_a_school_year);
  suite_add_tcase(s, tc);
  return s;
}
