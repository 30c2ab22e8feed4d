/* test_labels.c — the labels of enum values: every value the API validates against has a label
 * in both languages, nothing more, and the answer's shape per language. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/district_rules.h"
#include "src/rules/dossier_rules.h"
#include "src/rules/task_rules.h"
#include "src/rules/submission_rules.h"
#include "src/rules/dt_scoring.h"
#include "src/rules/figure_csv.h"
#include "src/rules/indicator_rules.h"
#include "src/rules/labels.h"
#include "src/rules/roles.h"
#include "src/rules/school_rules.h"

Suite *labels_suite(void);

/* Asserts that the labels of enum name are exactly the values of choices, each with an English
 * and a different Vietnamese label. */
static void ck_labels_cover(const char *name, const char *const *choices)
{
  json_t *en = edx_labels(EDX_LANG_EN), *vi = edx_labels(EDX_LANG_VI);
  size_t n = 0;
  for (; choices[n]; n++) {
    const char *e = edx_label_of(name, choices[n], EDX_LANG_EN);
    const char *v = edx_label_of(name, choices[n], EDX_LANG_VI);
    ck_assert_msg(e && v, "%s.%s has no label", name, choices[n]);
    ck_assert_str_ne(e, v);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(vi, name), choices[n])), v);
  }
  ck_assert_uint_eq(json_object_size(json_object_get(en, name)), n);
  ck_assert_uint_eq(json_object_size(json_object_get(vi, name)), n);
  json_decref(en);
  json_decref(vi);
}

START_TEST(every_validated_value_has_both_labels)
{
  ck_labels_cover("school_level", edx_school_levels);
  ck_labels_cover("assessment_status", edx_assessment_states);
  ck_labels_cover("assessment_state", edx_assessment_states); /* its deprecated name */
  ck_labels_cover("dossier_status", edx_dossier_statuses);
  ck_labels_cover("dossier_channel", edx_dossier_channels);
  ck_labels_cover("online_mode", edx_online_modes);
  ck_labels_cover("indicator_source", edx_indicator_sources);
  ck_labels_cover("role", edx_role_names);
  ck_labels_cover("org_unit_level", edx_org_unit_levels);
  ck_labels_cover("task_lead", edx_task_leads);
  ck_labels_cover("task_due_kind", edx_task_due_kinds);
  ck_labels_cover("task_due_every", edx_task_periods);
  ck_labels_cover("assignment_status", edx_assignment_statuses);
  ck_labels_cover("submission_state", edx_submission_states);
}
END_TEST

START_TEST(labels_in_each_language)
{
  json_t *vi = edx_labels(EDX_LANG_VI), *en = edx_labels(EDX_LANG_EN);
  ck_assert_uint_eq(json_object_size(vi), 20);
  ck_assert_uint_eq(json_object_size(en), 20);
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(vi, "school_level"),
                                                     "primary")), "Tiểu học");
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(en, "school_level"),
                                                     "primary")), "Primary");
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(vi, "progress_status"),
                                                     "not_met")), "Chưa đạt");
  ck_assert_str_eq(edx_label_of("indicator_aggregation", "ratio_of_sums", EDX_LANG_VI),
                   "Tỷ lệ trên tổng số");
  ck_assert_ptr_null(edx_label_of("school_level", "college", EDX_LANG_EN));
  ck_assert_ptr_null(edx_label_of("no_such_enum", "primary", EDX_LANG_EN));
  json_decref(vi);
  json_decref(en);
}
END_TEST

/* Asserts that every column has a Vietnamese header, different from the others'. */
static void ck_headers_distinct(const char *const *columns)
{
  const char **vi = edx_csv_headers(columns, EDX_LANG_VI);
  const char **en = edx_csv_headers(columns, EDX_LANG_EN);
  ck_assert_ptr_nonnull(vi);
  ck_assert_ptr_nonnull(en);
  for (size_t i = 0; columns[i]; i++) {
    ck_assert_str_eq(en[i], columns[i]);
    ck_assert_msg(strcmp(vi[i], columns[i]) != 0 || strcmp(columns[i], "email") == 0,
                  "column %s has no Vietnamese header", columns[i]);
    for (size_t k = 0; k < i; k++)
      ck_assert_str_ne(vi[k], vi[i]);
  }
  free(vi);
  free(en);
}

START_TEST(csv_headers_in_vietnamese)
{
  const char *const *lists[] = {edx_school_csv_columns, edx_district_csv_columns,
                                edx_org_unit_csv_columns, edx_procedure_csv_columns,
                                edx_dossier_csv_columns, edx_item_answer_csv_columns,
                                edx_assessment_csv_columns, edx_plan_csv_columns,
                                edx_indicator_csv_columns, edx_report_csv_columns,
                                edx_progress_district_csv_columns, edx_progress_all_csv_columns,
                                edx_scorecard_csv_columns, edx_scorecards_csv_columns,
                                edx_procedure_metrics_csv_columns, edx_task_csv_columns};
  for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
    ck_headers_distinct(lists[i]);
  ck_assert_str_eq(edx_column_label("students", EDX_LANG_VI), "Số học sinh");
  ck_assert_str_eq(edx_column_label("year", EDX_LANG_VI), "Năm"); /* the last entry */
  ck_assert_str_eq(edx_column_label("action", EDX_LANG_VI), "Hành động"); /* the first */
  ck_assert_str_eq(edx_column_label("gap", EDX_LANG_VI), "Còn thiếu");
  ck_assert_str_eq(edx_column_label("overdue_now", EDX_LANG_VI), "Đang quá hạn");
  ck_assert_str_eq(edx_column_label("students", EDX_LANG_EN), "students");
  ck_assert_str_eq(edx_column_label("no_such_column", EDX_LANG_VI), "no_such_column");
}
END_TEST

Suite *labels_suite(void)
{
  Suite *s = suite_create("labels");
  TCase *tc = tcase_create("enums");
  tcase_add_test(tc, every_validated_value_has_both_labels);
  tcase_add_test(tc, labels_in_each_language);
  tcase_add_test(tc, csv_headers_in_vietnamese);
  suite_add_tcase(s, tc);
  return s;
}
