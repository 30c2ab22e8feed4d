/* test_dashboard.c — the dashboard pieces from hand-made answers: a progress answer cut down to
 * its brief (and the brief of a year without a plan), the late counts, and a three-year series
 * where the middle year has no plan and the last plan drops one indicator and adds another. */
#include <check.h>
#include <string.h>
#include "src/rules/dashboard.h"

Suite *dashboard_suite(void);

#define STR(j, k) json_string_value(json_object_get((j), (k)))
#define INT(j, k) json_integer_value(json_object_get((j), (k)))
#define IS_NULL(j, k) json_is_null(json_object_get((j), (k)))

static json_t *load(const char *text)
{
  json_error_t err;
  json_t *j = json_loads(text, 0, &err);
  ck_assert_msg(j != NULL, "test data: %s at %d", err.text, err.column);
  return j;
}

/* A district answer as src/rules/progress_build.c writes it, details included. */
static const char *answer_2022 =
  "{\"district\": {\"id\": \"D1\"}, \"year\": 2022,"
  " \"plan\": {\"id\": \"P22\", \"title\": \"KH 2022\", \"document_ref\": null},"
  " \"as_of\": \"2022-12-01T00:00:00Z\","
  " \"indicators\": [{\"code\": \"BB\", \"name_vi\": \"Băng rộng\", \"name_en\": \"Broadband\","
  "   \"target\": 60.0, \"comparator\": \">=\", \"actual\": 75.0, \"numerator\": 3,"
  "   \"denominator\": 4, \"status\": \"met\", \"gap\": 0.0, \"missing\": [], \"below\": []},"
  "  {\"code\": \"DOCS\", \"name_vi\": \"Văn bản\", \"name_en\": \"Documents\","
  "   \"target\": 90.0, \"comparator\": \">=\", \"actual\": null, \"status\": \"no_data\"}],"
  " \"summary\": {\"met\": 1, \"not_met\": 0, \"no_data\": 1}}";
static const char *answer_2024 =
  "{\"year\": 2024, \"plan\": {\"id\": \"P24\", \"title\": \"KH 2024\", \"document_ref\": \"1/KH\"},"
  " \"as_of\": null,"
  " \"indicators\": [{\"code\": \"OFFICE\", \"name_vi\": \"Phòng\", \"name_en\": \"Office\","
  "   \"target\": 50.0, \"comparator\": \">\", \"actual\": 50.0, \"status\": \"not_met\"},"
  "  {\"code\": \"BB\", \"name_vi\": \"Băng rộng\", \"name_en\": \"Broadband\","
  "   \"target\": 80.0, \"comparator\": \">=\", \"actual\": 40.0, \"status\": \"not_met\"}],"
  " \"summary\": {\"met\": 0, \"not_met\": 2, \"no_data\": 0}}";

START_TEST(brief_keeps_figures_and_drops_details)
{
  json_t *a = load(answer_2022), *b = edx_dashboard_progress_brief(a);
  json_t *bb = json_array_get(json_object_get(b, "indicators"), 0);
  ck_assert_str_eq(STR(json_object_get(b, "plan"), "id"), "P22");
  ck_assert_str_eq(STR(b, "as_of"), "2022-12-01T00:00:00Z");
  ck_assert_int_eq(INT(json_object_get(b, "summary"), "no_data"), 1);
  ck_assert_uint_eq(json_array_size(json_object_get(b, "indicators")), 2);
  ck_assert_uint_eq(json_object_size(bb), 7); /* code names×2 actual target comparator status */
  ck_assert_str_eq(STR(bb, "code"), "BB");
  ck_assert_double_eq(json_real_value(json_object_get(bb, "actual")), 75.0);
  ck_assert_double_eq(json_real_value(json_object_get(bb, "target")), 60.0);
  ck_assert_str_eq(STR(bb, "status"), "met");
  ck_assert_ptr_null(json_object_get(bb, "missing"));
  ck_assert(IS_NULL(json_array_get(json_object_get(b, "indicators"), 1), "actual"));
  json_decref(a);
  json_decref(b);
}
END_TEST

START_TEST(brief_without_plan)
{
  json_t *b = edx_dashboard_progress_brief(NULL), *s = json_object_get(b, "summary");
  ck_assert(IS_NULL(b, "plan"));
  ck_assert(IS_NULL(b, "as_of"));
  ck_assert_int_eq(INT(s, "met") + INT(s, "not_met") + INT(s, "no_data"), 0);
  ck_assert_uint_eq(json_object_size(s), 3);
  ck_assert_uint_eq(json_array_size(json_object_get(b, "indicators")), 0);
  json_decref(b);
}
END_TEST

START_TEST(late_counts)
{
  json_t *ov = load("{\"late_submission\": [{\"code\": \"S1\"}, {\"code\": \"S2\"}],"
                    " \"late_recognition\": [{\"code\": \"S1\"}, {\"code\": \"S2\"},"
                    " {\"code\": \"S3\"}]}");
  json_t *total = load("{\"dossiers\": 9, \"overdue_now\": 4}");
  json_t *late = edx_dashboard_late(ov, total);
  ck_assert_int_eq(INT(late, "overdue_dossiers"), 4);
  ck_assert_int_eq(INT(late, "late_submission"), 2);
  ck_assert_int_eq(INT(late, "late_recognition"), 3);
  json_decref(late);
  json_decref(ov);
  json_decref(total);
}
END_TEST

START_TEST(series_pivots_years_into_rows)
{
  json_t *a22 = load(answer_2022), *a24 = load(answer_2024), *briefs = json_array(), *s;
  json_t *rows, *bb, *docs, *office, *v;
  json_array_append_new(briefs, json_pack("{s:i,s:o}", "year", 2022, "brief",
                                          edx_dashboard_progress_brief(a22)));
  json_array_append_new(briefs, json_pack("{s:i,s:o}", "year", 2023, "brief",
                                          edx_dashboard_progress_brief(NULL)));
  json_array_append_new(briefs, json_pack("{s:i,s:o}", "year", 2024, "brief",
                                          edx_dashboard_progress_brief(a24)));
  s = edx_dashboard_series(briefs);
  ck_assert_uint_eq(json_array_size(json_object_get(s, "years")), 3);
  ck_assert(IS_NULL(json_array_get(json_object_get(s, "years"), 1), "plan"));
  ck_assert_int_eq(INT(json_array_get(json_object_get(s, "years"), 1), "year"), 2023);
  ck_assert_str_eq(STR(json_object_get(json_array_get(json_object_get(s, "years"), 2), "plan"),
                       "id"), "P24");
  rows = json_object_get(s, "indicators");
  /* first appearance: BB, DOCS (2022), then OFFICE (2024) */
  ck_assert_uint_eq(json_array_size(rows), 3);
  bb = json_array_get(rows, 0);
  docs = json_array_get(rows, 1);
  office = json_array_get(rows, 2);
  ck_assert_str_eq(STR(bb, "code"), "BB");
  ck_assert_str_eq(STR(docs, "code"), "DOCS");
  ck_assert_str_eq(STR(office, "code"), "OFFICE");
  ck_assert_str_eq(STR(office, "name_en"), "Office");
  ck_assert_uint_eq(json_array_size(json_object_get(bb, "values")), 3);
  v = json_array_get(json_object_get(bb, "values"), 0);
  ck_assert_int_eq(INT(v, "year"), 2022);
  ck_assert(json_is_true(json_object_get(v, "in_plan")));
  ck_assert_double_eq(json_real_value(json_object_get(v, "actual")), 75.0);
  v = json_array_get(json_object_get(bb, "values"), 1); /* 2023: no plan */
  ck_assert_int_eq(INT(v, "year"), 2023);
  ck_assert(json_is_false(json_object_get(v, "in_plan")));
  ck_assert(IS_NULL(v, "actual") && IS_NULL(v, "target") && IS_NULL(v, "status"));
  v = json_array_get(json_object_get(bb, "values"), 2);
  ck_assert_double_eq(json_real_value(json_object_get(v, "target")), 80.0);
  ck_assert_str_eq(STR(v, "status"), "not_met");
  v = json_array_get(json_object_get(docs, "values"), 2); /* the 2024 plan dropped DOCS */
  ck_assert(json_is_false(json_object_get(v, "in_plan")));
  v = json_array_get(json_object_get(office, "values"), 0); /* not in the 2022 plan */
  ck_assert(json_is_false(json_object_get(v, "in_plan")));
  ck_assert_str_eq(STR(json_array_get(json_object_get(office, "values"), 2), "comparator"), ">");
  json_decref(s);
  json_decref(briefs);
  json_decref(a22);
  json_decref(a24);
}
END_TEST

Suite *dashboard_suite(void)
{
  Suite *s = suite_create("dashboard");
  TCase *tc = tcase_create("dashboard");
  tcase_add_test(tc, brief_keeps_figures_and_drops_details);
  tcase_add_test(tc, brief_without_plan);
  tcase_add_test(tc, late_counts);
  tcase_add_test(tc, series_pivots_years_into_rows);
  suite_add_tcase(s, tc);
  return s;
}
