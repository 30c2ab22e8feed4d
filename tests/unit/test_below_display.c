/* test_below_display.c — the display of each shape a below item's value takes, and the items of a
 * below list getting theirs. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/below_display.h"
#include "src/rules/jsonx.h"

Suite *below_display_suite(void);

/* The display of the JSON text value. */
static void ck_display(const char *value, const char *expected)
{
  char out[EDX_BELOW_DISPLAY_LEN];
  json_t *v = json_loads(value, JSON_DECODE_ANY, NULL);
  ck_assert_ptr_nonnull(v);
  ck_assert_str_eq(edx_below_display(v, out), expected);
  json_decref(v);
}

START_TEST(report_values)
{
  ck_display("false", "no");
  ck_display("true", "yes");
  /* percents: at most 2 decimals, trailing zeros dropped, none when whole */
  ck_display("85.5", "85.5%");
  ck_display("89.99", "89.99%");
  ck_display("6.99", "6.99%");
  ck_display("90", "90%");
  ck_display("90.0", "90%");
  ck_display("0", "0%");
  ck_display("0.05", "0.05%");
  ck_display("100", "100%");
  /* fractions: 3/4 = 75 %; 7/10 = 70 %; 2/3 = 66.666… → 66.67 (half up); 1/8 = 12.5 % */
  ck_display("{\"numerator\": 3, \"denominator\": 4}", "3/4 (75%)");
  ck_display("{\"numerator\": 7, \"denominator\": 10}", "7/10 (70%)");
  ck_display("{\"numerator\": 2, \"denominator\": 3}", "2/3 (66.67%)");
  ck_display("{\"numerator\": 1, \"denominator\": 8}", "1/8 (12.5%)");
  ck_display("{\"numerator\": 0, \"denominator\": 0}", "0/0");
}
END_TEST

START_TEST(assessments_and_procedures)
{
  ck_display("{\"state\": \"submitted\", \"recognized_level\": null}", "submitted, not recognised");
  ck_display("{\"state\": \"draft\", \"recognized_level\": null}", "draft, not recognised");
  ck_display("{\"state\": \"externally_assessed\", \"recognized_level\": null}",
             "externally assessed, not recognised");
  ck_display("{\"state\": \"recognized\", \"recognized_level\": 1}", "recognised at level 1");
  /* as progress answers give it: status, and state under its deprecated name; status decides */
  ck_display("{\"status\": \"returned\", \"state\": \"returned\", \"recognized_level\": null}",
             "returned, not recognised");
  ck_display("{\"status\": \"approved\", \"state\": \"draft\", \"recognized_level\": null}",
             "approved, not recognised");
  ck_display("\"none\"", "not offered online");
  ck_display("\"partial\"", "partly online");
  ck_display("\"full\"", "fully online");
  ck_display("null", "");
  ck_display("\"other\"", "");
  char out[EDX_BELOW_DISPLAY_LEN];
  /* a procedure's rate in hundredths: 1 of 2 = 50 %; 2 of 3 = 66.67 %; 45.5 % */
  ck_assert_str_eq(edx_below_display_h(5000, out), "50%");
  ck_assert_str_eq(edx_below_display_h(6667, out), "66.67%");
  ck_assert_str_eq(edx_below_display_h(4550, out), "45.5%");
}
END_TEST

START_TEST(list_items_get_their_display)
{
  json_t *below = json_loads("[{\"unit\": \"office\", \"id\": \"d\", \"code\": \"D\", \"name\": \"O\","
                             " \"value\": false}, {\"unit\": \"school\", \"id\": \"s\", \"code\":"
                             " \"S\", \"name\": \"T\", \"value\": 89.99}]", 0, NULL);
  json_t *shown = edx_below_with_display(below), *none = edx_below_with_display(NULL);
  char *text = json_dumps(json_array_get(shown, 1), EDX_JSON_OUT);
  ck_assert_uint_eq(json_array_size(shown), 2);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(shown, 0), "display")), "no");
  ck_assert_str_eq(text, "{\"unit\":\"school\",\"id\":\"s\",\"code\":\"S\",\"name\":\"T\","
                         "\"value\":89.99,\"display\":\"89.99%\"}");
  ck_assert_ptr_null(json_object_get(json_array_get(below, 0), "display")); /* a copy */
  ck_assert(json_is_array(none) && json_array_size(none) == 0);
  free(text);
  json_decref(below);
  json_decref(shown);
  json_decref(none);
}
END_TEST

Suite *below_display_suite(void)
{
  Suite *s = suite_create("below_display");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, report_values);
  tcase_add_test(tc, assessments_and_procedures);
  tcase_add_test(tc, list_items_get_their_display);
  suite_add_tcase(s, tc);
  return s;
}
