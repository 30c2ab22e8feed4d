/* test_indicator_rules.c — coherent indicator definitions and reported values by value type,
 * source and level. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "src/rules/indicator_rules.h"

Suite *indicator_rules_suite(void);

static json_t *ind(const char *source, const char *type, const char *agg, const char *levels)
{
  json_t *i = json_pack("{s:s,s:s,s:s,s:s,s:o}", "code", "X", "source", source, "value_type",
                        type, "aggregation", agg, "levels", json_loads(levels, 0, NULL));
  edx_indicator_defaults(i);
  return i;
}

START_TEST(defaults_follow_the_source)
{
  json_t *i = ind("school_report", "boolean", "share", "[\"primary\"]");
  ck_assert_str_eq(json_string_value(json_object_get(i, "period_kind")), "school_year");
  ck_assert_str_eq(json_string_value(json_object_get(i, "units")), "schools");
  json_decref(i);
  i = ind("dossiers", "percent", "computed", "[]");
  ck_assert_str_eq(json_string_value(json_object_get(i, "period_kind")), "calendar_year");
  ck_assert_str_eq(json_string_value(json_object_get(i, "units")), "office");
  json_decref(i);
  i = ind("assessments", "percent", "computed", "[\"primary\"]");
  json_object_set_new(i, "period_kind", json_string("calendar_year")); /* given: kept */
  edx_indicator_defaults(i);
  ck_assert_str_eq(json_string_value(json_object_get(i, "period_kind")), "calendar_year");
  ck_assert_str_eq(json_string_value(json_object_get(i, "units")), "schools");
  json_decref(i);
}
END_TEST

START_TEST(units_and_jumps_fit_the_source)
{
  json_t *errors = json_array(), *i;
  i = ind("school_report", "boolean", "share", "[\"primary\"]");
  json_object_set_new(i, "units", json_string("office_and_schools"));
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 0);
  json_object_set_new(i, "units", json_string("office"));
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 1);
  json_object_set_new(i, "units", json_string("schools"));
  json_object_set_new(i, "jump_warning_points", json_integer(30)); /* a boolean: never */
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 1);
  json_decref(i);
  i = ind("school_report", "percent", "mean", "[\"primary\"]");
  json_object_set_new(i, "jump_warning_points", json_integer(30));
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 0);
  json_decref(i);
  i = ind("office_report", "percent", "office_value", "[]");
  json_object_set_new(i, "units", json_string("office_and_schools"));
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 1);
  json_decref(i);
  i = ind("assessments", "percent", "computed", "[\"primary\"]");
  json_object_set_new(i, "units", json_string("office"));
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 1);
  json_decref(i);
  ck_assert_uint_eq(json_array_size(errors), 4);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")),
                   "units");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "field")),
                   "jump_warning_points");
  json_decref(errors);
}
END_TEST

START_TEST(a_school_year_holds_school_year_indicators_only)
{
  json_t *errors = json_array();
  json_t *cal = ind("dossiers", "percent", "computed", "[]");
  json_t *school = ind("school_report", "boolean", "share", "[\"primary\"]");
  edx_period sy = {2024, EDX_PERIOD_SCHOOL_YEAR}, cy = {2024, EDX_PERIOD_CALENDAR_YEAR};
  ck_assert_int_eq(edx_report_period_check(school, &sy, "values.S", errors), 0);
  ck_assert_int_eq(edx_report_period_check(cal, &cy, "values.C", errors), 0);
  ck_assert_int_eq(edx_report_period_check(school, &cy, "values.S", errors), 0);
  ck_assert_int_eq(edx_report_period_check(cal, &sy, "values.C", errors), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "message")),
                   "is reported per calendar year: report it under 2024 (the period 2023-2024 "
                   "holds the indicators reported per school year)");
  json_decref(cal);
  json_decref(school);
  json_decref(errors);
}
END_TEST

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

START_TEST(registry_count_belongs_to_school_fractions)
{
  json_t *errors = json_array(), *i;
  i = ind("school_report", "fraction", "ratio_of_sums", "[\"primary\"]");
  json_object_set_new(i, "registry_count", json_string("teachers"));
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 0);
  json_decref(i);
  i = ind("school_report", "boolean", "share", "[\"primary\"]");
  json_object_set_new(i, "registry_count", json_string("teachers"));
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 1);
  json_decref(i);
  i = ind("office_report", "percent", "office_value", "[]");
  json_object_set_new(i, "registry_count", json_string("students"));
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 1);
  json_decref(i);
  i = ind("school_report", "fraction", "ratio_of_sums", "[\"primary\"]");
  json_object_set_new(i, "registry_count", json_null()); /* none: nothing to cohere with */
  ck_assert_int_eq(edx_indicator_coherence(i, errors), 0);
  json_decref(i);
  ck_assert_uint_eq(json_array_size(errors), 2);
  json_decref(errors);
}
END_TEST

/* The registry check of a {numerator, denominator} row against a school (JSON text) for an
 * indicator counting `count`; the problem's field and message in out (or ""). */
static int registry(const char *count, const char *school, long long num, long long den,
                    char *field, char *message)
{
  json_t *i = json_pack("{s:s}", "code", "X"), *errors = json_array();
  json_t *s = json_loads(school, 0, NULL);
  json_t *row = json_pack("{s:I,s:I}", "numerator", (json_int_t)num, "denominator",
                          (json_int_t)den);
  int n;
  json_object_set_new(i, "registry_count", count ? json_string(count) : json_null());
  n = edx_report_registry_check(i, s, row, "values.X", errors);
  field[0] = message[0] = '\0';
  if (json_array_size(errors) == 1) {
    strcpy(field, json_string_value(json_object_get(json_array_get(errors, 0), "field")));
    strcpy(message, json_string_value(json_object_get(json_array_get(errors, 0), "message")));
  }
  ck_assert_uint_eq((size_t)n, json_array_size(errors));
  json_decref(i);
  json_decref(s);
  json_decref(row);
  json_decref(errors);
  return n;
}

START_TEST(reports_cannot_exceed_the_registry)
{
  char field[128], message[256];
  /* the school: 1 satellite site and 28 teachers registered */
  const char *school = "{\"satellite_sites\": 1, \"teachers\": 28, \"students\": null}";
  ck_assert_int_eq(registry("satellite_sites", school, 9, 9, field, message), 1);
  ck_assert_str_eq(field, "values.X.denominator");
  ck_assert_str_eq(message, "is 9, more than the 1 satellite site(s) the school has registered "
                            "(satellite_sites); correct the report or the school's registry "
                            "first");
  ck_assert_int_eq(registry("teachers", school, 500, 500, field, message), 1);
  ck_assert_ptr_nonnull(strstr(message, "is 500, more than the 28 teacher(s)"));
  ck_assert_int_eq(registry("teachers", school, 28, 28, field, message), 0); /* all of them */
  ck_assert_int_eq(registry("teachers", school, 20, 25, field, message), 0);
  ck_assert_int_eq(registry("satellite_sites", school, 1, 1, field, message), 0);
  /* nothing to compare with: students not registered, or no count named */
  ck_assert_int_eq(registry("students", school, 900, 900, field, message), 0);
  ck_assert_int_eq(registry(NULL, school, 900, 900, field, message), 0);
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
  /* evidence files: an array of distinct file ids, [] when left out */
  ck_assert_uint_eq(json_array_size(json_object_get(row, "evidence_files")), 0);
  ck_assert(json_is_array(json_object_get(row, "evidence_files")));
  ck_assert_int_eq(check(yes, "primary", "{\"value\":true,\"evidence_files\":["
                                         "\"5b1c7e2a-9d3f-4e8a-b6c1-2f4d8e9a0b7c\","
                                         "\"0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b\"]}", row), 0);
  ck_assert_uint_eq(json_array_size(json_object_get(row, "evidence_files")), 2);
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(row, "evidence_files"), 1)),
                   "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b");
  ck_assert_int_eq(check(yes, "primary", "{\"value\":true,\"evidence_files\":null}", NULL), 0);
  ck_assert_int_eq(check(yes, "primary", "{\"value\":true,\"evidence_files\":[]}", NULL), 0);
  ck_assert_int_eq(check(yes, "primary", "{\"value\":true,\"evidence_files\":[\"x\"]}", NULL), 1);
  ck_assert_int_eq(check(yes, "primary", "{\"value\":true,\"evidence_files\":\"5b1c7e2a-9d3f-"
                                         "4e8a-b6c1-2f4d8e9a0b7c\"}", NULL), 1);
  ck_assert_int_eq(check(yes, "primary", "{\"value\":true,\"evidence_files\":["
                                         "\"5b1c7e2a-9d3f-4e8a-b6c1-2f4d8e9a0b7c\","
                                         "\"5b1c7e2a-9d3f-4e8a-b6c1-2f4d8e9a0b7c\"]}", NULL), 1);
  char many[1024] = "{\"value\":true,\"evidence_files\":[";
  for (int i = 0; i < 21; i++) /* 21 ids: one past the 20 allowed */
    snprintf(many + strlen(many), sizeof(many) - strlen(many), "%s\"5b1c7e2a-9d3f-4e8a-b6c1-%012d\"",
             i ? "," : "", i);
  strcat(many, "]}");
  ck_assert_int_eq(check(yes, "primary", many, NULL), 1);
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
  tcase_add_test(tc, defaults_follow_the_source);
  tcase_add_test(tc, units_and_jumps_fit_the_source);
  tcase_add_test(tc, a_school_year_holds_school_year_indicators_only);
  tcase_add_test(tc, registry_count_belongs_to_school_fractions);
  tcase_add_test(tc, reports_cannot_exceed_the_registry);
  tcase_add_test(tc, values_by_type);
  tcase_add_test(tc, wrapped_values_carry_note_and_evidence);
  tcase_add_test(tc, plan_targets);
  suite_add_tcase(s, tc);
  return s;
}
