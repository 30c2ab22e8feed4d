/* test_list_etags.c — list items given the ETag of their own GET: the tag is that of the item as
 * a GET writes it (jansson's form, written out by hand below), not of PostgreSQL's text, both
 * where the rule rewrites the numbers itself and where it leaves the item to jansson; the items'
 * bytes are kept; anything but an array of objects is refused. */
#include <check.h>
#include <jansson.h>
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
    "[{\"a\":1}", "[{\"a\":1}] x", "[{\"a\":\"}]", "[[{\"a\":1}]]", "[{\"a\":1}]]",
    "[{\"a\":1]", "[{\"a\" : }]", /* left to jansson, which does not read it */
  };
  size_t len = 7;
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    ck_assert_msg(tagged(bad[i], &len) == NULL, "accepted: %s", bad[i]);
}
END_TEST

/* The etag the rule gives the single item text (squeezed, as the database's items are). */
static const char *etag_given(const char *item, char *out)
{
  char list[512];
  size_t len = 0;
  snprintf(list, sizeof(list), "[%s]", item);
  char *tagged_list = tagged(list, &len);
  json_t *items = tagged_list ? json_loads(tagged_list, 0, NULL) : NULL;
  ck_assert_msg(items != NULL, "refused: %s", item);
  snprintf(out, EDX_ETAG_LEN, "%s", json_string_value(json_object_get(json_array_get(items, 0),
                                                                        "etag")));
  json_decref(items);
  free(tagged_list);
  return out;
}

START_TEST(numbers_are_written_as_a_get_writes_them)
{
  /* by hand: 100.00 → 100.0, 89.30 → 89.3, 1E+20 → 1e20, 0.0000001 → 1e-7, -0.0 → -0.0,
   * 2.50e1 → 25.0, 1234567890123456.5 → 1.23456789012346e15 (15 digits), 0.1 → 0.1 */
  const char *pg = "{\"a\":100.00,\"b\":[89.30,1E+20,0.0000001],\"c\":{\"d\":-0.0,\"e\":2.50e1},"
                   "\"f\":1234567890123456.5,\"g\":0.1,\"h\":-12,\"s\":\"1.50 \\\"q\\\" \\n\",\"t\":true}";
  const char *get = "{\"a\":100.0,\"b\":[89.3,1e20,1e-7],\"c\":{\"d\":-0.0,\"e\":25.0},"
                    "\"f\":1.23456789012346e15,\"g\":0.1,\"h\":-12,\"s\":\"1.50 \\\"q\\\" \\n\",\"t\":true}";
  char want[EDX_ETAG_LEN], got[EDX_ETAG_LEN];
  edx_etag_of_bytes(want, get, strlen(get));
  ck_assert_str_eq(etag_given(pg, got), want);
  /* left to jansson: \/ (written /), the integer -0 (written 0), spaces */
  get = "{\"p\":\"a/b\",\"z\":0,\"y\":1.5}";
  edx_etag_of_bytes(want, get, strlen(get));
  ck_assert_str_eq(etag_given("{\"p\":\"a\\/b\",\"z\":-0,\"y\":1.50}", got), want);
  ck_assert_str_eq(etag_given("{\"p\" : \"a/b\", \"z\" : 0, \"y\" : 1.5}", got), want);
  /* and agrees with jansson on numbers near its limits */
  static const char *const numbers[] = {"5e-324", "1.7976931348623157e308", "33.333333333333336",
                                        "1e-5", "123456789012345678", "-1.0E-10", "999999999999999.9",
                                        "0.30000000000000004", "7e22", "1e+15", "1e14"};
  for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
    char item[96];
    snprintf(item, sizeof(item), "{\"n\":%s}", numbers[i]);
    json_t *v = json_loads(item, 0, NULL);
    ck_assert_ptr_nonnull(v);
    edx_etag_of_answer(want, v);
    json_decref(v);
    ck_assert_msg(strcmp(etag_given(item, got), want) == 0, "%s", numbers[i]);
  }
}
END_TEST

Suite *list_etags_suite(void)
{
  Suite *s = suite_create("list_etags");
  TCase *tc = tcase_create("items");
  tcase_add_test(tc, each_item_gets_the_etag_of_its_get_answer);
  tcase_add_test(tc, empty_lists_and_empty_objects);
  tcase_add_test(tc, numbers_are_written_as_a_get_writes_them);
  tcase_add_test(tc, anything_but_an_array_of_objects_is_refused);
  suite_add_tcase(s, tc);
  return s;
}
