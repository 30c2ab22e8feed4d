/* test_list_etags.c — list items given the ETag of their own GET: the tag is that of the item as
 * a GET writes it (jansson's form, written out by hand below), not of PostgreSQL's text; the
 * items' bytes are kept; anything but an array of objects is refused. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/etag.h"
#include "src/rules/list_etags.h"

Suite *list_etags_suite(void);

static char *tagged(const char *items, size_t *len)
{
  return edx_list_items_with_etags(items, strlen(items), len);
}

START_TEST(each_item_gets_the_etag_of_its_get_answer)
{
  /* PostgreSQL writes 1.50 and \u001f; a GET of the first item sends {"a":1.5,"s":"x\u001Fy"} */
  const char *items = "[{\"a\" : 1.50, \"s\" : \"x\\u001fy\"}, {\"b\":[1,{\"c\":\"}\\\"]\"}]}]";
  char e1[EDX_ETAG_LEN], e2[EDX_ETAG_LEN], want[256];
  const char *get1 = "{\"a\":1.5,\"s\":\"x\\u001Fy\"}", *get2 = "{\"b\":[1,{\"c\":\"}\\\"]\"}]}";
  size_t len = 0;
  char *out = tagged(items, &len);
  edx_etag_of_bytes(e1, get1, strlen(get1));
  edx_etag_of_bytes(e2, get2, strlen(get2));
  /* e1 is "0123…": in JSON its quotes are escaped */
  snprintf(want, sizeof(want),
           "[{\"a\" : 1.50, \"s\" : \"x\\u001fy\",\"etag\":\"\\\"%.16s\\\"\"},"
           "{\"b\":[1,{\"c\":\"}\\\"]\"}],\"etag\":\"\\\"%.16s\\\"\"}]", e1 + 1, e2 + 1);
  ck_assert_ptr_nonnull(out);
  ck_assert_str_eq(out, want);
  ck_assert_uint_eq(len, strlen(want));
  ck_assert_str_ne(e1, e2);
  free(out);
}
END_TEST

START_TEST(empty_lists_and_empty_objects)
{
  char e[EDX_ETAG_LEN], want[64];
  size_t len = 0;
  char *out = tagged("[]", &len);
  ck_assert_str_eq(out, "[]");
  ck_assert_uint_eq(len, 2);
  free(out);
  out = tagged(" [ ] ", &len);
  ck_assert_str_eq(out, "[]");
  free(out);
  edx_etag_of_bytes(e, "{}", 2);
  snprintf(want, sizeof(want), "[{\"etag\":\"\\\"%.16s\\\"\"}]", e + 1);
  out = tagged("[{}]", &len);
  ck_assert_str_eq(out, want);
  free(out);
}
END_TEST

START_TEST(anything_but_an_array_of_objects_is_refused)
{
  static const char *const bad[] = {
    "", "{\"a\":1}", "[1]", "[{\"a\":1},2]", "[{\"a\":1}{\"b\":2}]", "[{\"a\":1},]", "[,]",
    "[{\"a\":1}", "[{\"a\":1}] x", "[{\"a\":}]", "[{\"a\":\"}]", "[[{\"a\":1}]]", "[{\"a\":1}]]",
  };
  size_t len = 7;
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    ck_assert_msg(tagged(bad[i], &len) == NULL, "accepted: %s", bad[i]);
}
END_TEST

Suite *list_etags_suite(void)
{
  Suite *s = suite_create("list_etags");
  TCase *tc = tcase_create("items");
  tcase_add_test(tc, each_item_gets_the_etag_of_its_get_answer);
  tcase_add_test(tc, empty_lists_and_empty_objects);
  tcase_add_test(tc, anything_but_an_array_of_objects_is_refused);
  suite_add_tcase(s, tc);
  return s;
}
