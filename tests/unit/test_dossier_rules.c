/* test_dossier_rules.c — working-day due dates (in Vietnam's time) and the legal dossier moves. */
#include <check.h>
#include "src/rules/dossier_rules.h"

Suite *dossier_rules_suite(void);

START_TEST(due_dates_skip_weekends)
{
  char due[32];
  /* Friday + 3 working days: Monday, Tuesday, Wednesday */
  ck_assert_int_eq(edx_due_after_working_days(due, sizeof(due), "2024-03-01T09:00:00Z", 3, NULL), 0);
  ck_assert_str_eq(due, "2024-03-06T09:00:00Z");
  /* Saturday + 1: Sunday does not count, Monday does */
  edx_due_after_working_days(due, sizeof(due), "2024-03-02T10:00:00Z", 1, NULL);
  ck_assert_str_eq(due, "2024-03-04T10:00:00Z");
  /* Friday 20:00 UTC is already Saturday 03:00 in Vietnam: + 1 is Monday 03:00 there,
   * Sunday 20:00 UTC */
  edx_due_after_working_days(due, sizeof(due), "2024-03-01T20:00:00Z", 1, NULL);
  ck_assert_str_eq(due, "2024-03-03T20:00:00Z");
  /* 10 working days from a Monday: two weeks later */
  edx_due_after_working_days(due, sizeof(due), "2024-03-04T02:00:00+07:00", 10, NULL);
  ck_assert_str_eq(due, "2024-03-17T19:00:00Z");
  ck_assert_int_eq(edx_due_after_working_days(due, sizeof(due), "yesterday", 1, NULL), -1);
}
END_TEST

START_TEST(due_dates_follow_the_calendar)
{
  char due[32];
  /* Tết 2025 (announced): 27-31 January off. A dossier received Friday 24 January at 09:00 in
   * Vietnam with 5 working days: 3, 4, 5, 6, 7 February → Friday 7 February (weekends only
   * gave Friday 31 January); and 30 April - 2 May off, Saturday 26 April worked in exchange */
  json_t *cal = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "2025-01-27", "day_off",
                          "2025-01-28", "day_off", "2025-01-29", "day_off", "2025-01-30",
                          "day_off", "2025-01-31", "day_off", "2025-04-30", "day_off",
                          "2025-05-01", "day_off", "2025-05-02", "day_off", "2025-04-26",
                          "working_day");
  ck_assert_int_eq(edx_due_after_working_days(due, sizeof(due), "2025-01-24T09:00:00+07:00", 5,
                                              cal), 0);
  ck_assert_str_eq(due, "2025-02-07T02:00:00Z");
  edx_due_after_working_days(due, sizeof(due), "2025-01-24T09:00:00+07:00", 5, NULL);
  ck_assert_str_eq(due, "2025-01-31T02:00:00Z");
  /* Thursday 24 April + 2: Friday 25, Saturday 26 (worked) → Saturday 26 April */
  edx_due_after_working_days(due, sizeof(due), "2025-04-24T08:00:00+07:00", 2, cal);
  ck_assert_str_eq(due, "2025-04-26T01:00:00Z");
  /* Tuesday 29 April + 1: 30 April, 1 and 2 May off, then the weekend → Monday 5 May */
  edx_due_after_working_days(due, sizeof(due), "2025-04-29T08:00:00+07:00", 1, cal);
  ck_assert_str_eq(due, "2025-05-05T01:00:00Z");
  json_decref(cal);
}
END_TEST

START_TEST(status_moves)
{
  ck_assert(edx_dossier_move_ok("received", "processing"));
  ck_assert(edx_dossier_move_ok("received", "resolved"));
  ck_assert(edx_dossier_move_ok("processing", "supplement_requested"));
  ck_assert(edx_dossier_move_ok("supplement_requested", "processing"));
  ck_assert(edx_dossier_move_ok("supplement_requested", "withdrawn"));
  ck_assert(!edx_dossier_move_ok("processing", "received"));
  ck_assert(!edx_dossier_move_ok("resolved", "processing"));
  ck_assert(!edx_dossier_move_ok("withdrawn", "resolved"));
  ck_assert(!edx_dossier_move_ok("rejected", "received"));
  ck_assert(!edx_dossier_move_ok("received", "received"));
}
END_TEST

Suite *dossier_rules_suite(void)
{
  Suite *s = suite_create("dossier_rules");
  TCase *tc = tcase_create("rules");
  tcase_add_test(tc, due_dates_skip_weekends);
  tcase_add_test(tc, due_dates_follow_the_calendar);
  tcase_add_test(tc, status_moves);
  suite_add_tcase(s, tc);
  return s;
}
