/* test_indicator_rules.c — coherent indicator definitions and reported values by value type,
 * source and level. */
#include <check.h>
#include <string.h>
#include "src/rules/indicator_rules.h"

Suite *indicator_rules_suite(void);

static json_t *ind(const char *source, const char *type, const char *agg, const char *levels)
{
  return json_pack("{s:s,s:s,s:s,s:s,s:o}", "code", "X", "source", source, "value_type", type,
                   "aggregation", agg, "levels", json_loads(levels, 0, NULL));
}

START_TEST(coherence)
{
  json_t *errors = json_array(), *i;
  i = ind("school_report", "boolean", "share", "[\"primary\"]");
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 0);
  json_decref(i);
  i = ind("school_report", "percent", "share", "[\"primary\"]");
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 1);
  json_decref(i);
  i = ind("school_report", "fraction", "ratio_of_sums", "[]");
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 1); /* no levels */
  json_decref(i);
  i = ind("office_report", "percent", "office_value", "[\"primary\"]");
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 1);
  json_decref(i);
  i = ind("dossiers", "boolean", "share", "[]");
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 2);
  json_decref(i);
  json_decref(errors);
}
END_TEST

/* Checks entry (JSON text) for indicator i reported by a school of level (NULL = office). */
static int check(json_t *i, const char *level, const char *entry, json_t *row)
{
  json_t *errors = json_array(), *e = json_loads(entry, JSON_DECODE_ANY, NULL);
  int n = edx_report_entry_check(i, level, e, "values.X", row, errors);
  json_decref(errors);
  json_decref(e);
  return n;
}

START_TEST(values_by_type)
{
  json_t *pct = ind("school_report", "percent", "each_school", "[\"primary\"]");
  json_t *yes = ind("school_report", "boolean", "share", "[\"primary\",\"preschool\"]");
  json_t *frac = ind("school_report", "fraction", "ratio_of_sums", "[\"primary\"]");
  json_t *office = ind("office_report", "percent", "office_value", "[]");
  json_t *row = json_object();
  ck_assert_int_eq(check(pct, "primary", "92.5", row), 0);
  ck_assert_str_eq(json_string_value(json_object_get(row, "value_num")), "92.50");
  ck_assert_int_eq(check(pct, "primary", "100", NULL), 0);
  ck_assert_int_eq(check(pct, "primary", "100.01", NULL), 1);
  ck_assert_int_eq(check(pct, "primary", "-0.01", NULL), 1);
  ck_assert_int_eq(check(pct, "primary", "33.333", NULL), 1);
  ck_assert_int_eq(check(pct, "primary", "\"90\"", NULL), 1);
  ck_assert_int_eq(check(yes, "preschool", "true", NULL), 0);
  ck_assert_int_eq(check(yes, "preschool", "\"true\"", NULL), 1);
  ck_assert_int_eq(check(yes, "preschool", "1", NULL), 1);
  ck_assert_int_eq(check(yes, "lower_secondary", "true", NULL), 1); /* not its level */
  ck_assert_int_eq(check(frac, "primary", "{\"numerator\":0,\"denominator\":0}", NULL), 0);
  ck_assert_int_eq(check(frac, "primary", "{\"numerator\":3,\"denominator\":2}", NULL), 1);
  ck_assert_int_eq(check(frac, "primary", "{\"numerator\":-1,\"denominator\":2}", NULL), 1);
  ck_assert_int_eq(check(frac, "primary", "{\"numerator\":1.5,\"denominator\":2}", NULL), 1);
  ck_assert_int_eq(check(frac, "primary", "{\"numerator\":1}", NULL), 1);
  ck_assert_int_eq(check(office, NULL, "98.6", NULL), 0);
  ck_assert_int_eq(check(office, "primary", "98.6", NULL), 1); /* schools do not report it */
  ck_assert_int_eq(check(pct, NULL, "98.6", NULL), 1);         /* nor the office this */
  json_decref(pct);
  json_decref(yes);
  json_decref(frac);
  json_decref(office);
  json_decref(row);
}
END_TEST

START_TEST(wrapped_values_carry_note_and_evidence)
{
  json_t *yes = ind("school_report", "boolean", "share", "[\"primary\"]"), *row = json_object();
  ck_assert_int_eq(check(yes, "primary", "{\"value\":true,\"note\":\"VNPT 100 Mbps\","
                                         "\"evidence_url\":\"https://a.vn/x.pdf\"}", row), 0);
  ck_assert_str_eq(json_string_value(json_object_get(row, "note")), "VNPT 100 Mbps");
  ck_assert_int_eq(check(yes, "primary", "{\"value\":true,\"evidence_url\":\"ftp://a\"}", NULL), 1);
  ck_assert_int_eq(check(yes, "primary", "{\"value\":true,\"source\":\"x\"}", NULL), 1);
  ck_assert_int_eq(check(yes, "primary", "{\"value\":\"yes\"}", NULL), 1);
  json_decref(yes);
  json_decref(row);
}
END_TEST

START_TEST(plan_targets)
{
  json_t *cat = json_pack("{s:{},s:{}}", "BROADBAND_CONNECTED", "CASHLESS_FEES");
  json_t *errors = json_array();
  json_t *t = json_loads("[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":100},"
                         "{\"indicator\":\"CASHLESS_FEES\",\"comparator\":\">\",\"target\":50.5}]",
                         0, NULL);
  ck_assert_int_eq(edx_plan_targets_check(t, cat, errors), 0);
  json_decref(t);
  t = json_loads("[{\"indicator\":\"CASHLESS_FEES\",\"comparator\":\">\",\"target\":50},"
                 "{\"indicator\":\"CASHLESS_FEES\",\"comparator\":\"<\",\"target\":100.5},"
                 "{\"indicator\":\"X\",\"comparator\":\">=\"}, 7]", 0, NULL);
  ck_assert_int_eq(edx_plan_targets_check(t, cat, errors), 5);
  json_decref(t);
  json_decref(cat);
  json_decref(errors);
}
END_TEST

Suite *indicator_rules_suite(void)
{
  Suite *s = suite_create("indicator_rules");
  TCase *tc = tcase_create("rules");
  tcase_add_test(tc, coherence);
  tcase_add_test(tc, values_by_type);
  tcase_add_test(tc, wrapped_values_carry_note_and_evidence);
  tcase_add_test(tc, plan_targets);
  suite_add_tcase(s, tc);
  return s;
}
