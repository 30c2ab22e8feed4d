/* test_listq.c — limit/offset defaults and bounds, sort parsing against allowed fields. */
#include <check.h>
#include <string.h>
#include "src/rules/listq.h"

Suite *listq_suite(void);

static const char *const allowed[] = {"code", "name", "updated_at", NULL};

START_TEST(defaults)
{
  edx_list_params lp;
  json_t *errors = json_array();
  ck_assert_int_eq(edx_list_params_parse(&lp, NULL, NULL, NULL, allowed, "-updated_at", errors), 0);
  ck_assert_int_eq(lp.limit, 50);
  ck_assert_int_eq(lp.offset, 0);
  ck_assert_int_eq(lp.nsort, 1);
  ck_assert_int_eq(lp.sort[0].field, 2);
  ck_assert_int_eq(lp.sort[0].desc, 1);
  json_decref(errors);
}
END_TEST

START_TEST(several_sort_keys)
{
  edx_list_params lp;
  json_t *errors = json_array();
  ck_assert_int_eq(edx_list_params_parse(&lp, "500", "1000", "name,-code", allowed, "code", errors),
                   0);
  ck_assert_int_eq(lp.limit, 500);
  ck_assert_int_eq(lp.offset, 1000);
  ck_assert_int_eq(lp.nsort, 2);
  ck_assert_int_eq(lp.sort[0].field, 1);
  ck_assert_int_eq(lp.sort[0].desc, 0);
  ck_assert_int_eq(lp.sort[1].field, 0);
  ck_assert_int_eq(lp.sort[1].desc, 1);
  json_decref(errors);
}
END_TEST

START_TEST(bad_values_are_reported_each)
{
  edx_list_params lp;
  json_t *errors = json_array();
  ck_assert_int_eq(edx_list_params_parse(&lp, "0", "-1", "colour", allowed, "code", errors), 3);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")), "limit");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "field")), "offset");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 2), "message")),
                   "unknown sort field 'colour'; allowed: code, name, updated_at");
  json_array_clear(errors);
  ck_assert_int_eq(edx_list_params_parse(&lp, "501", NULL, "code,-code", allowed, "code", errors), 2);
  json_array_clear(errors);
  ck_assert_int_eq(edx_list_params_parse(&lp, NULL, NULL, ",", allowed, "code", errors), 1);
  json_array_clear(errors);
  ck_assert_int_eq(edx_list_params_parse(&lp, NULL, NULL, "", allowed, "code", errors), 1);
  json_decref(errors);
}
END_TEST

Suite *listq_suite(void)
{
  Suite *s = suite_create("listq");
  TCase *tc = tcase_create("params");
  tcase_add_test(tc, defaults);
  tcase_add_test(tc, several_sort_keys);
  tcase_add_test(tc, bad_values_are_reported_each);
  suite_add_tcase(s, tc);
  return s;
}
