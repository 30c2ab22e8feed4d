/* test_json.c — strict body parsing, JSON Merge Patch (RFC 7396 appendix A cases), canonical
 * form and ETags. */
#include <check.h>
#include <string.h>
#include <stdlib.h>
#include "src/rules/etag.h"
#include "src/rules/jsonx.h"

Suite *json_suite(void);

START_TEST(strict_parse_refuses_duplicates_and_non_objects)
{
  char why[256];
  json_t *v = edx_json_parse_object("{\"a\":1}", 7, why, sizeof(why));
  ck_assert_ptr_nonnull(v);
  json_decref(v);
  ck_assert_ptr_null(edx_json_parse_object("{\"a\":1,\"a\":2}", 13, why, sizeof(why)));
  ck_assert_ptr_nonnull(strstr(why, "duplicate"));
  ck_assert_ptr_null(edx_json_parse_object("[1]", 3, why, sizeof(why)));
  ck_assert_str_eq(why, "the request body must be a JSON object");
  ck_assert_ptr_null(edx_json_parse_object("", 0, why, sizeof(why)));
  ck_assert_ptr_null(edx_json_parse_object("{\"a\":1}x", 8, why, sizeof(why)));
  ck_assert_ptr_null(edx_json_parse_object("{\"a\":\"\\u0000\"}", 14, why, sizeof(why)));
  ck_assert_ptr_nonnull(strstr(why, "line 1"));
}
END_TEST

/* Applies patch to target (both JSON text) and compares with expected. */
static void check_merge(const char *target, const char *patch, const char *expected)
{
  json_t *t = json_loads(target, JSON_DECODE_ANY, NULL), *p = json_loads(patch, 0, NULL);
  json_t *e = json_loads(expected, 0, NULL);
  edx_json_merge_patch(t, p);
  ck_assert_msg(json_equal(t, e), "merge %s + %s", target, patch);
  json_decref(t);
  json_decref(p);
  json_decref(e);
}

START_TEST(merge_patch_follows_rfc_7396)
{
  check_merge("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
  check_merge("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}");
  check_merge("{\"a\":\"b\"}", "{\"a\":null}", "{}");
  check_merge("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}");
  check_merge("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
  check_merge("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}");
  check_merge("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}");
  check_merge("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}");
  check_merge("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}");
}
END_TEST

START_TEST(etag_ignores_key_order_and_changes_with_content)
{
  char a[EDX_ETAG_LEN], b[EDX_ETAG_LEN], c[EDX_ETAG_LEN];
  json_t *x = json_loads("{\"a\":1,\"b\":\"Hóa\"}", 0, NULL);
  json_t *y = json_loads("{\"b\":\"Hóa\",\"a\":1}", 0, NULL);
  json_t *z = json_loads("{\"b\":\"Hoá\",\"a\":1}", 0, NULL);
  edx_etag_of_json(a, x);
  edx_etag_of_json(b, y);
  edx_etag_of_json(c, z);
  ck_assert_str_eq(a, b);
  ck_assert_str_ne(a, c);
  ck_assert_uint_eq(strlen(a), 18);
  ck_assert_int_eq(a[0], '"');
  /* word-wise FNV-1a 64 with the final mix, as computed independently (a few lines of Python):
   * the empty string, one short of a word, and one word plus a tail */
  edx_etag_of_bytes(a, "", 0);
  ck_assert_str_eq(a, "\"ecba3df2c3383c52\"");
  edx_etag_of_bytes(a, "edudx", 5);
  ck_assert_str_eq(a, "\"9360bf73592a8ffc\"");
  edx_etag_of_bytes(a, "{\"year\":2024}", 13);
  ck_assert_str_eq(a, "\"b9dcff2065cb983a\"");
  edx_etag_of_bytes(b, "{\"year\":2025}", 13);
  ck_assert_str_ne(a, b);
  json_decref(x);
  json_decref(y);
  json_decref(z);
}
END_TEST

START_TEST(etag_header_matching)
{
  const char *tag = "\"abc\"";
  ck_assert(edx_etag_matches("\"abc\"", tag, 0));
  ck_assert(edx_etag_matches("\"x\", \"abc\"", tag, 0));
  ck_assert(edx_etag_matches("*", tag, 0));
  ck_assert(!edx_etag_matches("\"abcd\"", tag, 0));
  ck_assert(!edx_etag_matches("W/\"abc\"", tag, 0)); /* If-Match compares strongly */
  ck_assert(edx_etag_matches("W/\"abc\"", tag, 1));  /* If-None-Match weakly */
  ck_assert(!edx_etag_matches(NULL, tag, 1));
  ck_assert(!edx_etag_matches("", tag, 1));
}
END_TEST

START_TEST(etag_of_the_gzip_variant)
{
  char identity[EDX_ETAG_LEN], gzip[EDX_ETAG_GZIP_LEN];
  edx_etag_of_bytes(identity, "edudx", 5);
  edx_etag_gzip(gzip, identity);
  ck_assert_str_eq(gzip, "\"9360bf73592a8ffc-gzip\"");
  /* either variant's tag matches the representation, strongly and weakly */
  ck_assert(edx_etag_matches_variant("\"9360bf73592a8ffc\"", identity, 0));
  ck_assert(edx_etag_matches_variant("\"9360bf73592a8ffc-gzip\"", identity, 0));
  ck_assert(edx_etag_matches_variant("\"x\", W/\"9360bf73592a8ffc-gzip\"", identity, 1));
  ck_assert(!edx_etag_matches_variant("W/\"9360bf73592a8ffc-gzip\"", identity, 0));
  ck_assert(edx_etag_matches_variant("*", identity, 0));
  /* other suffixes, and a tag of other content, do not */
  ck_assert(!edx_etag_matches_variant("\"9360bf73592a8ffc-br\"", identity, 1));
  ck_assert(!edx_etag_matches_variant("\"9360bf73592a8ffc-gzip-gzip\"", identity, 1));
  ck_assert(!edx_etag_matches_variant("\"ecba3df2c3383c52-gzip\"", identity, 1));
  ck_assert(!edx_etag_matches_variant(NULL, identity, 1));
}
END_TEST

Suite *json_suite(void)
{
  Suite *s = suite_create("json");
  TCase *tc = tcase_create("json");
  tcase_add_test(tc, strict_parse_refuses_duplicates_and_non_objects);
  tcase_add_test(tc, merge_patch_follows_rfc_7396);
  tcase_add_test(tc, etag_ignores_key_order_and_changes_with_content);
  tcase_add_test(tc, etag_header_matching);
  tcase_add_test(tc, etag_of_the_gzip_variant);
  suite_add_tcase(s, tc);
  return s;
}
