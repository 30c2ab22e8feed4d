/* test_dossier_rules.c — working-day due dates (in Vietnam's time) and the legal dossier moves. */
#include <check.h>
#include "src/rules/dossier_rules.h"

Suite *dossier_rules_suite(void);

START_TEST(due_dates_skip_weekends)
{
  char due[32];
  /* Friday + 3 working days: Monday, Tuesday, Wednesday */
  ck_assert_int_eq(edx_due_after_working_days(due, sizeof(due), "2024-03-01T09:00:00Z", 3), 0);
  ck_assert_str_eq(due, "2024-03-06T09:00:00Z");
  /* Saturday + 1: Sunday does not count, Monday does */
  edx_due_after_working_days(due, sizeof(due), "2024-03-02T10:00:00Z", 1);
  ck_assert_str_eq(due, "2024-03-04T10:00:00Z");
  /* Friday 20:00 UTC is already Saturday 03:00 in Vietnam: + 1 is Monday 03:00 there,
   * Sunday 20:00 UTC */
  edx_due_after_working_days(due, sizeof(due), "2024-03-01T20:00:00Z", 1);
  ck_assert_str_eq(due, "2024-03-03T20:00:00Z");
  /* 10 working days from a Monday: two weeks later */
  edx_due_after_working_days(due, sizeof(due), "2024-03-04T02:00:00+07:00", 10);
  ck_assert_str_eq(due, "2024-03-17T19:00:00Z");
  ck_assert_int_eq(edx_due_after_working_days(due, sizeof(due), "yesterday", 1), -1);
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
  tcase_add_test(tc, status_moves);
  suite_add_tcase(s, tc);
  return s;
}
