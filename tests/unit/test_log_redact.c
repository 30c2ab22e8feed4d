/* test_log_redact.c — the access log's request target: path kept, query values gone. */
#include <check.h>
#include "src/rules/log_redact.h"

Suite *log_redact_suite(void);

static void ck_redacted(const char *target, const char *expected)
{
  char out[128];
  edx_redact_target(out, sizeof(out), target);
  ck_assert_str_eq(out, expected);
}

START_TEST(values_go_names_stay)
{
  ck_redacted("/v1/schools", "/v1/schools");
  ck_redacted("/v1/me?access_token=edx_secret", "/v1/me?access_token=…");
  ck_redacted("/v1/schools?q=Nguy%E1%BB%85n&limit=5&after=abc", "/v1/schools?q=…&limit=…&after=…");
  ck_redacted("/v1/schools?flag&x=", "/v1/schools?flag&x=…");
  ck_redacted("/v1/schools?", "/v1/schools?");
  ck_redacted("/v1/x?a=1&&b=2", "/v1/x?a=…&&b=…");
}
END_TEST

START_TEST(a_small_buffer_cuts_short)
{
  char out[12];
  edx_redact_target(out, sizeof(out), "/v1/me?access_token=edx_secret");
  ck_assert_str_eq(out, "/v1/me?acce");
  edx_redact_target(out, 1, "/v1/me");
  ck_assert_str_eq(out, "");
}
END_TEST

Suite *log_redact_suite(void)
{
  Suite *s = suite_create("log_redact");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, values_go_names_stay);
  tcase_add_test(tc, a_small_buffer_cuts_short);
  suite_add_tcase(s, tc);
  return s;
}
