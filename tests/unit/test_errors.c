/* test_errors.c — the thread-local message behind result codes: formatted, cut to one buffer,
 * cleared, and private to each thread. */
#include <check.h>
#include <pthread.h>
#include <string.h>
#include "src/rules/errors.h"

Suite *errors_suite(void);

START_TEST(formats_and_clears)
{
  edx_error_clear();
  ck_assert_str_eq(edx_error_last(), "");
  edx_error_set("no school with code '%s' (%d)", "MAU-01", 7);
  ck_assert_str_eq(edx_error_last(), "no school with code 'MAU-01' (7)");
  edx_error_set("%s", "replaced");
  ck_assert_str_eq(edx_error_last(), "replaced");
  edx_error_clear();
  ck_assert_str_eq(edx_error_last(), "");
}
END_TEST

START_TEST(long_messages_are_cut)
{
  char long_text[2000];
  memset(long_text, 'x', sizeof(long_text) - 1);
  long_text[sizeof(long_text) - 1] = '\0';
  edx_error_set("%s", long_text);
  ck_assert_uint_eq(strlen(edx_error_last()), 511); /* a 512-byte buffer with its NUL */
}
END_TEST

static void *set_in_thread(void *arg)
{
  edx_error_set("%s", (const char *)arg);
  return (void *)(strcmp(edx_error_last(), arg) == 0 ? arg : NULL);
}

START_TEST(each_thread_has_its_own)
{
  pthread_t t;
  void *seen = NULL;
  edx_error_set("main thread");
  ck_assert_int_eq(pthread_create(&t, NULL, set_in_thread, "other thread"), 0);
  ck_assert_int_eq(pthread_join(t, &seen), 0);
  ck_assert_ptr_nonnull(seen);
  ck_assert_str_eq(edx_error_last(), "main thread");
}
END_TEST

Suite *errors_suite(void)
{
  Suite *s = suite_create("errors");
  TCase *tc = tcase_create("message");
  tcase_add_test(tc, formats_and_clears);
  tcase_add_test(tc, long_messages_are_cut);
  tcase_add_test(tc, each_thread_has_its_own);
  suite_add_tcase(s, tc);
  return s;
}
