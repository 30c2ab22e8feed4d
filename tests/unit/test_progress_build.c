/* test_progress_build.c — one district's progress answer written as text from hand-made counts:
 * a share with its level and commune breakdowns and its missing and below-target schools, an
 * each-school percent whose mean passes the target while one school misses it (its actual the
 * share of schools meeting it, the mean beside it), the office's own value at a `>` target, the online-dossier rate met district-wide but not by one procedure, an
 * assessment indicator without data, and the CSV rows; and a school's scorecard from its cells.
 * Every figure is worked out in the comments. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/progress_build.h"

Suite *progress_build_suite(void);

#define STR(j, k) json_string_value(json_object_get((j), (k)))
#define INT(j, k) json_integer_value(json_object_get((j), (k)))
#define REAL(j, k) json_real_value(json_object_get((j), (k)))
#define IS_NULL(j, k) json_is_null(json_object_get((j), (k)))

static json_t *load(const char *text)
{
  json_error_t err;
  json_t *j = json_loads(text, 0, &err);
  ck_assert_msg(j != NULL, "test data: %s at %d", err.text, err.column);
  return j;
}

static json_t *find(const json_t *list, const char *key, const char *value)
{
  size_t i;
  json_t *e;
  json_array_foreach(list, i, e)
    if (STR(e, key) && strcmp(STR(e, key), value) == 0)
      return e;
  ck_abort_msg("no %s = %s", key, value);
  return NULL;
}

static const char *catalogue =
  "{\"BB\": {\"code\": \"BB\", \"name_vi\": \"Băng rộng\", \"name_en\": \"Broadband\","
  "  \"source\": \"school_report\", \"aggregation\": \"share\","
  "  \"levels\": [\"primary\", \"lower_secondary\"]},"
  " \"DOCS\": {\"code\": \"DOCS\", \"name_vi\": \"Văn bản\", \"name_en\": \"Documents\","
  "  \"source\": \"school_report\", \"aggregation\": \"each_school\","
  "  \"levels\": [\"preschool\", \"primary\", \"lower_secondary\"]},"
  " \"OFFICE\": {\"code\": \"OFFICE\", \"name_vi\": \"Phòng\", \"name_en\": \"Office\","
  "  \"source\": \"office_report\", \"aggregation\": \"office_value\", \"levels\": []},"
  " \"DOSSIER_ONLINE_RATE\": {\"code\": \"DOSSIER_ONLINE_RATE\", \"name_vi\": \"Hồ sơ\","
  "  \"name_en\": \"Online\", \"source\": \"dossiers\", \"aggregation\": \"computed\","
  "  \"levels\": []},"
  " \"DT_SELF_ASSESSED\": {\"code\": \"DT_SELF_ASSESSED\", \"name_vi\": \"Tự đánh giá\","
  "  \"name_en\": \"Self-assessed\", \"source\": \"assessments\", \"aggregation\": \"computed\","
  "  \"levels\": [\"primary\"]}}";

static const char *plan =
  "{\"id\": \"P1\", \"title\": \"Kế hoạch\", \"document_ref\": null,"
  " \"district\": {\"id\": \"D1\", \"code\": \"001\", \"name\": \"Huyện A\"},"
  " \"targets\": [{\"indicator\": \"BB\", \"comparator\": \">=\", \"target\": 60.0},"
  "  {\"indicator\": \"DOCS\", \"comparator\": \">=\", \"target\": 90.0},"
  "  {\"indicator\": \"OFFICE\", \"comparator\": \">\", \"target\": 50.0},"
  "  {\"indicator\": \"DOSSIER_ONLINE_RATE\", \"comparator\": \">=\", \"target\": 70.0},"
  "  {\"indicator\": \"DT_SELF_ASSESSED\", \"comparator\": \">=\", \"target\": 100.0}]}";

/* BB over 5 schools: 3 true, 1 false (S4, below), 1 not reported (S5, missing); primary 3 of 3
 * true, lower-secondary 0 of 2; commune X 2 of 4, no commune 1 of 1. DOCS over 3 schools that
 * all reported 275.50 in all, 2 of them at 90 or more: the 2 primary schools (190.00 in all),
 * not the lower-secondary one (85.50). The online-dossier rate: 8 of 10 dossiers
 * online, procedure Alpha 7 of 8, Beta 1 of 2 (below the target of 70 %, as the database judges
 * each procedure: below_target). */
static const char *stats =
  "[{\"district_id\": \"D1\", \"code\": \"BB\", \"g\": 3, \"expected\": 5, \"reported\": 4,"
  "  \"true_count\": 3, \"meeting\": 3, \"sum_value\": \"0\", \"sum_num\": 0, \"sum_den\": 0,"
  "  \"missing\": [{\"id\": \"s5\", \"code\": \"S5\", \"name\": \"E\"}],"
  "  \"below\": [{\"id\": \"s4\", \"code\": \"S4\", \"name\": \"D\", \"value\": false}]},"
  " {\"district_id\": \"D1\", \"code\": \"BB\", \"g\": 1, \"level\": \"primary\","
  "  \"expected\": 3, \"reported\": 3, \"true_count\": 3, \"meeting\": 3, \"sum_value\": \"0\","
  "  \"sum_num\": 0, \"sum_den\": 0},"
  " {\"district_id\": \"D1\", \"code\": \"BB\", \"g\": 1, \"level\": \"lower_secondary\","
  "  \"expected\": 2, \"reported\": 1, \"true_count\": 0, \"meeting\": 0, \"sum_value\": \"0\","
  "  \"sum_num\": 0, \"sum_den\": 0},"
  " {\"district_id\": \"D1\", \"code\": \"BB\", \"g\": 2, \"commune\": \"X\","
  "  \"expected\": 4, \"reported\": 3, \"true_count\": 2, \"meeting\": 2, \"sum_value\": \"0\","
  "  \"sum_num\": 0, \"sum_den\": 0},"
  " {\"district_id\": \"D1\", \"code\": \"BB\", \"g\": 2, \"commune\": \"\","
  "  \"expected\": 1, \"reported\": 1, \"true_count\": 1, \"meeting\": 1, \"sum_value\": \"0\","
  "  \"sum_num\": 0, \"sum_den\": 0},"
  " {\"district_id\": \"D1\", \"code\": \"DOCS\", \"g\": 3, \"expected\": 3, \"reported\": 3,"
  "  \"true_count\": 0, \"meeting\": 2, \"sum_value\": \"275.50\", \"sum_num\": 0,"
  "  \"sum_den\": 0, \"missing\": [], \"below\": [{\"id\": \"s9\", \"code\": \"S9\","
  "  \"name\": \"I\", \"value\": 85.5}]},"
  " {\"district_id\": \"D1\", \"code\": \"DOCS\", \"g\": 1, \"level\": \"primary\","
  "  \"expected\": 2, \"reported\": 2, \"true_count\": 0, \"meeting\": 2,"
  "  \"sum_value\": \"190.00\", \"sum_num\": 0, \"sum_den\": 0},"
  " {\"district_id\": \"D1\", \"code\": \"DOCS\", \"g\": 1, \"level\": \"lower_secondary\","
  "  \"expected\": 1, \"reported\": 1, \"true_count\": 0, \"meeting\": 0,"
  "  \"sum_value\": \"85.50\", \"sum_num\": 0, \"sum_den\": 0},"
  " {\"district_id\": \"D1\", \"code\": \"DOSSIER_ONLINE_RATE\", \"g\": 3, \"expected\": 10,"
  "  \"reported\": 10, \"true_count\": 8, \"meeting\": 8, \"sum_value\": \"0\", \"sum_num\": 0,"
  "  \"sum_den\": 0, \"missing\": [], \"below\": [], \"procedures_below\": 1,"
  "  \"per_procedure\": [{\"procedure_id\": \"p1\", \"code\": \"1.1\", \"name\": \"Alpha\","
  "   \"numerator\": 7, \"denominator\": 8, \"below_target\": false},"
  "   {\"procedure_id\": \"p2\", \"code\": null, \"name\": \"Beta\", \"numerator\": 1,"
  "   \"denominator\": 2, \"below_target\": true}]}]";

START_TEST(one_district)
{
  json_t *ind = load(catalogue), *p = load(plan), *s = load(stats);
  json_t *office = load("{\"D1/OFFICE\": \"50.00\"}");
  json_t *district = load("{\"id\": \"D1\", \"code\": \"001\", \"name\": \"Huyện A\"}");
  json_t *index = edx_progress_index(s), *csv = json_array();
  edx_district_inputs in = {district, 2024, p, "2024-06-01T00:00:00.000000Z", ind, index, office};
  size_t len = 0;
  char *text = edx_progress_district_text(&in, csv, &len);
  json_t *answer = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
  json_t *entries = json_object_get(answer, "indicators");
  json_t *summary = json_object_get(answer, "summary"), *e, *x;
  ck_assert_ptr_nonnull(answer);
  ck_assert_uint_eq(len, strlen(text));
  ck_assert_str_eq(STR(json_object_get(answer, "district"), "code"), "001");
  ck_assert_int_eq(INT(answer, "year"), 2024);
  ck_assert_str_eq(STR(json_object_get(answer, "plan"), "title"), "Kế hoạch");
  ck_assert(IS_NULL(json_object_get(answer, "plan"), "document_ref"));
  ck_assert_str_eq(STR(answer, "as_of"), "2024-06-01T00:00:00.000000Z");
  ck_assert_uint_eq(json_array_size(entries), 5);
  ck_assert_str_eq(STR(json_array_get(entries, 0), "code"), "BB"); /* the plan's order */
  ck_assert_str_eq(STR(json_array_get(entries, 4), "code"), "DT_SELF_ASSESSED");

  /* BB: 3 true of 5 expected = 60.00 % >= 60: met; the unreported school counts */
  e = find(entries, "code", "BB");
  ck_assert_str_eq(STR(e, "name_vi"), "Băng rộng");
  ck_assert_str_eq(STR(e, "source"), "school_report");
  ck_assert_str_eq(STR(e, "comparator"), ">=");
  ck_assert_double_eq(REAL(e, "target"), 60.0);
  ck_assert_double_eq(REAL(e, "actual"), 60.0);
  ck_assert_int_eq(INT(e, "numerator"), 3);
  ck_assert_int_eq(INT(e, "denominator"), 5);
  ck_assert_str_eq(STR(e, "status"), "met");
  ck_assert(IS_NULL(e, "gap") && IS_NULL(e, "reason"));
  ck_assert_int_eq(INT(e, "expected"), 5);
  ck_assert_int_eq(INT(e, "reported"), 4);
  ck_assert_str_eq(STR(json_array_get(json_object_get(e, "missing"), 0), "code"), "S5");
  ck_assert_str_eq(STR(json_array_get(json_object_get(e, "below"), 0), "code"), "S4");
  ck_assert_str_eq(STR(json_array_get(json_object_get(e, "below"), 0), "display"), "no");
  /* by level: primary 3/3 = 100.0 met; lower-secondary 0/2 = 0.0 not met */
  x = json_object_get(json_object_get(e, "by_level"), "primary");
  ck_assert_double_eq(REAL(x, "actual"), 100.0);
  ck_assert_str_eq(STR(x, "status"), "met");
  ck_assert_ptr_null(json_object_get(x, "gap")); /* breakdowns carry no gap */
  x = json_object_get(json_object_get(e, "by_level"), "lower_secondary");
  ck_assert_double_eq(REAL(x, "actual"), 0.0);
  ck_assert_int_eq(INT(x, "denominator"), 2);
  ck_assert_str_eq(STR(x, "status"), "not_met");
  /* by commune: X 2/4 = 50.0 not met; the school without a commune 1/1 met */
  x = json_object_get(json_object_get(e, "by_commune"), "X");
  ck_assert_double_eq(REAL(x, "actual"), 50.0);
  ck_assert_str_eq(STR(x, "status"), "not_met");
  x = json_object_get(json_object_get(e, "by_commune"), "(no commune)");
  ck_assert_str_eq(STR(x, "status"), "met");

  /* DOCS: 2 of 3 schools reach 90: actual 2/3 = 66.666… → 66.67 % of schools, not met, gap
   * 100 − 66.67 = 33.33; the mean 275.50 / 3 = 91.8333 → 91.83 passes 90 and is given beside */
  e = find(entries, "code", "DOCS");
  ck_assert_double_eq(REAL(e, "actual"), 66.67);
  ck_assert_double_eq(REAL(e, "mean"), 91.83);
  ck_assert_int_eq(INT(e, "numerator"), 2);
  ck_assert_int_eq(INT(e, "denominator"), 3);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  ck_assert_double_eq(REAL(e, "gap"), 33.33);
  ck_assert_uint_eq(json_array_size(json_object_get(e, "below")), 1);
  ck_assert_str_eq(STR(json_array_get(json_object_get(e, "below"), 0), "display"), "85.5%");
  ck_assert(IS_NULL(find(entries, "code", "BB"), "mean")); /* a share has no mean */
  /* by level: primary 2 of 2 meet = 100.0, mean 190 / 2 = 95.0, met; lower-secondary 0 of 1
   * = 0.0, mean 85.5, not met */
  ck_assert_uint_eq(json_object_size(json_object_get(e, "by_level")), 2);
  x = json_object_get(json_object_get(e, "by_level"), "primary");
  ck_assert_double_eq(REAL(x, "actual"), 100.0);
  ck_assert_double_eq(REAL(x, "mean"), 95.0);
  ck_assert_str_eq(STR(x, "status"), "met");
  x = json_object_get(json_object_get(e, "by_level"), "lower_secondary");
  ck_assert_double_eq(REAL(x, "actual"), 0.0);
  ck_assert_double_eq(REAL(x, "mean"), 85.5);
  ck_assert_int_eq(INT(x, "numerator"), 0);
  ck_assert_int_eq(INT(x, "denominator"), 1);
  ck_assert_str_eq(STR(x, "status"), "not_met");

  /* OFFICE: 50.00 is not > 50: not met, gap 0.01 (the smallest, never 0); expected 1
   * reported 1, no ratio */
  e = find(entries, "code", "OFFICE");
  ck_assert_double_eq(REAL(e, "actual"), 50.0);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  ck_assert_double_eq(REAL(e, "gap"), 0.01);
  ck_assert(IS_NULL(e, "numerator") && IS_NULL(e, "denominator"));
  ck_assert_int_eq(INT(e, "expected"), 1);
  ck_assert_int_eq(INT(e, "reported"), 1);

  /* DOSSIER_ONLINE_RATE: 8/10 = 80.0 % passes 70, but Beta's 1/2 = 50.0 does not: not met,
   * gap 0.01 (the smallest: the headline reaches the target); Alpha 7/8 = 87.5 met */
  e = find(entries, "code", "DOSSIER_ONLINE_RATE");
  ck_assert_double_eq(REAL(e, "actual"), 80.0);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  ck_assert_double_eq(REAL(e, "gap"), 0.01);
  x = find(json_object_get(e, "per_procedure"), "name", "Alpha");
  ck_assert_double_eq(REAL(x, "actual"), 87.5);
  ck_assert_str_eq(STR(x, "status"), "met");
  x = find(json_object_get(e, "per_procedure"), "name", "Beta");
  ck_assert_double_eq(REAL(x, "actual"), 50.0);
  ck_assert_int_eq(INT(x, "numerator"), 1);
  ck_assert_str_eq(STR(x, "status"), "not_met");
  ck_assert_uint_eq(json_array_size(json_object_get(e, "below")), 1);
  x = json_array_get(json_object_get(e, "below"), 0);
  ck_assert_str_eq(STR(x, "id"), "p2");
  ck_assert_double_eq(REAL(x, "value"), 50.0);
  ck_assert_str_eq(STR(x, "display"), "50%");

  /* DT_SELF_ASSESSED: no counts at all: no data, with the assessments' reason */
  e = find(entries, "code", "DT_SELF_ASSESSED");
  ck_assert_str_eq(STR(e, "status"), "no_data");
  ck_assert(IS_NULL(e, "actual") && IS_NULL(e, "gap"));
  ck_assert_str_eq(STR(e, "reason"), "no school of these levels has an assessment for the year");
  ck_assert_int_eq(INT(e, "expected"), 0);

  ck_assert_int_eq(INT(summary, "met"), 1);
  ck_assert_int_eq(INT(summary, "not_met"), 3);
  ck_assert_int_eq(INT(summary, "no_data"), 1);

  /* one CSV row per entry, with the numbers of missing and below-target units */
  ck_assert_uint_eq(json_array_size(csv), 5);
  x = find(csv, "code", "BB");
  ck_assert_int_eq(INT(x, "missing"), 1);
  ck_assert_int_eq(INT(x, "below"), 1);
  ck_assert_double_eq(REAL(x, "actual"), 60.0);
  ck_assert_str_eq(STR(x, "status"), "met");
  ck_assert_int_eq(INT(find(csv, "code", "DOSSIER_ONLINE_RATE"), "below"), 1); /* Beta */
  x = find(csv, "code", "DOCS"); /* the CSV row as the entry: 66.67 % of schools, mean 91.83 */
  ck_assert_double_eq(REAL(x, "actual"), 66.67);
  ck_assert_double_eq(REAL(x, "mean"), 91.83);
  ck_assert_double_eq(REAL(x, "gap"), 33.33);
  ck_assert(IS_NULL(find(csv, "code", "BB"), "mean"));
  free(text);
  json_decref(csv);
  json_decref(answer);
  json_decref(district);
  json_decref(index);
  json_decref(ind);
  json_decref(p);
  json_decref(s);
  json_decref(office);
}
END_TEST

START_TEST(a_school_scorecard)
{
  json_t *ind = load(catalogue), *p = load(plan), *summary = NULL, *entries, *e;
  /* the database's cells of a primary school, in the plan's order: BB true meets its target,
   * DOCS 89.99 misses 90, and a value it cannot judge has no status */
  json_t *cells = load("[{\"indicator\": \"BB\", \"value\": true, \"meets\": true},"
                       " {\"indicator\": \"DOCS\", \"value\": 89.99, \"meets\": false},"
                       " {\"indicator\": \"DOCS\", \"value\": null, \"meets\": null}]");
  entries = edx_scorecard_entries(p, ind, cells, &summary);
  ck_assert_uint_eq(json_array_size(entries), 3);
  e = json_array_get(entries, 0);
  ck_assert_str_eq(STR(e, "code"), "BB");
  ck_assert_str_eq(STR(e, "name_en"), "Broadband");
  ck_assert_double_eq(REAL(e, "target"), 60.0); /* the plan's target and comparator */
  ck_assert_str_eq(STR(e, "comparator"), ">=");
  ck_assert(json_is_true(json_object_get(e, "value")));
  ck_assert_str_eq(STR(e, "status"), "met");
  e = json_array_get(entries, 1);
  ck_assert_double_eq(REAL(e, "value"), 89.99);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  e = json_array_get(entries, 2);
  ck_assert(IS_NULL(e, "value"));
  ck_assert_str_eq(STR(e, "status"), "no_data");
  ck_assert_int_eq(INT(summary, "met"), 1);
  ck_assert_int_eq(INT(summary, "not_met"), 1);
  ck_assert_int_eq(INT(summary, "no_data"), 1);
  json_decref(entries);
  json_decref(summary);
  json_decref(cells);
  json_decref(ind);
  json_decref(p);
}
END_TEST

Suite *progress_build_suite(void)
{
  Suite *s = suite_create("progress_build");
  TCase *tc = tcase_create("answers");
  tcase_add_test(tc, one_district);
  tcase_add_test(tc, a_school_scorecard);
  suite_add_tcase(s, tc);
  return s;
}
