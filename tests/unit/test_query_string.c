/* test_query_string.c — query strings split and decoded as libmicrohttpd did. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "src/rules/query_string.h"

Suite *query_string_suite(void);

/* Collects "key=value;" (or "key;" for no value) into the buffer. */
static int collect(void *cls, const char *key, const char *value)
{
  char *out = cls;
  size_t used = strlen(out);
  snprintf(out + used, 256 - used, value ? "%s=%s;" : "%s;", key, value);
  return 0;
}

static void ck_query(const char *query, const char *expected)
{
  char out[256] = "";
  ck_assert_int_eq(edx_query_string_each(query, collect, out), 0);
  ck_assert_str_eq(out, expected);
}

START_TEST(pairs_flags_and_empty_values)
{
  ck_query("a=1&b=2", "a=1;b=2;");
  ck_query("flag&x=", "flag;x=;");
  ck_query("a=1&&b=2&", "a=1;b=2;");
  ck_query("a=1&a=2", "a=1;a=2;");
  ck_query("a==b", "a==b;"); /* the first '=' splits */
  ck_query("", "");
  ck_query(NULL, "");
}
END_TEST

START_TEST(decoding)
{
  ck_query("q=Nguy%E1%BB%85n+V%C4%83n", "q=Nguyễn Văn;");
  ck_query("a%2Bb=c%26d", "a+b=c&d;");
  ck_query("bad=%zz%4", "bad=%zz%4;"); /* not an escape: kept */
  ck_query("cut=ab%00cd", "cut=ab;");   /* a NUL ends the text */
}
END_TEST

static int stop_at_second(void *cls, const char *key, const char *value)
{
  int *seen = cls;
  (void)key;
  (void)value;
  return ++*seen == 2;
}

START_TEST(the_callback_can_stop_the_walk)
{
  int seen = 0;
  ck_assert_int_eq(edx_query_string_each("a=1&b=2&c=3", stop_at_second, &seen), -1);
  ck_assert_int_eq(seen, 2);
}
END_TEST

Suite *query_string_suite(void)
{
  Suite *s = suite_create("query_string");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, pairs_flags_and_empty_values);
  tcase_add_test(tc, decoding);
  tcase_add_test(tc, the_callback_can_stop_the_walk);
  suite_add_tcase(s, tc);
  return s;
}
