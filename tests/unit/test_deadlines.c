/* test_deadlines.c — how long a connection may take over its head and body. */
#include <check.h>
#include "src/rules/deadlines.h"

Suite *deadlines_suite(void);

static const edx_deadlines d = {.idle_s = 30, .head_s = 10, .body_s = 10, .body_rate = 16384,
                                .over_limit_s = 5};

START_TEST(idle_and_head)
{
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_IDLE, 0, 0, 0), 30);
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_HEAD, 0, 0, 0), 10);
  /* beyond the connection limit: 5 s to send the head that gets the 503 */
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_IDLE, 0, 1, 0), 5);
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_HEAD, 0, 1, 0), 5);
}
END_TEST

START_TEST(draining_closes_idle_only)
{
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_IDLE, 0, 0, 1), 0);
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_HEAD, 0, 0, 1), 10);
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_BODY, 0, 0, 1), 10);
}
END_TEST

START_TEST(body_earns_time_as_it_arrives)
{
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_BODY, 0, 0, 0), 10);
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_BODY, 16383, 0, 0), 10);
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_BODY, 16384, 0, 0), 11);
  /* 30 MiB: 10 s + 1,920 s, i.e. at least 16 KiB/s on average */
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_BODY, 30u << 20, 0, 0), 1930);
}
END_TEST

START_TEST(no_deadline_while_the_server_works)
{
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_WORK, 0, 0, 0), -1);
  ck_assert_double_eq(edx_deadline_seconds(&d, EDX_WAIT_WORK, 0, 1, 1), -1);
}
END_TEST

Suite *deadlines_suite(void)
{
  Suite *s = suite_create("deadlines");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, idle_and_head);
  tcase_add_test(tc, draining_closes_idle_only);
  tcase_add_test(tc, body_earns_time_as_it_arrives);
  tcase_add_test(tc, no_deadline_while_the_server_works);
  suite_add_tcase(s, tc);
  return s;
}
