/* test_progress_all.c — the all-districts answer written as text: strings and numbers exactly as
 * jansson writes them, and two hand-made districts whose entries, summaries and total are
 * computed by hand in the comments (a share, a mean just under its target, the office's value,
 * an assessment indicator without schools, the online-dossier rate with a procedure below
 * target, and targets that differ between the plans). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/json_text.h"
#include "src/rules/jsonx.h"
#include "src/rules/progress_all.h"

Suite *progress_all_suite(void);

START_TEST(strings_and_numbers_as_jansson_writes_them)
{
  static const char *const strings[] = {"", "plain", "Trường Tiểu học \"Một\"", "a\\b",
                                        "tab\tnew\nline\r", "\x01\x1f bell\b feed\f", "a/b"};
  for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
    edx_text t;
    json_t *s = json_string(strings[i]);
    char *want = json_dumps(s, EDX_JSON_OUT | JSON_ENCODE_ANY);
    edx_text_init(&t, 0);
    edx_text_str(&t, strings[i]);
    ck_assert_str_eq(t.data, want);
    free(want);
    json_decref(s);
    edx_text_free(&t);
  }
  /* hundredths: at most two decimals, at least one, as jansson writes 85.37, 85.3, 100.0 */
  static const long long h[] = {8537, 8530, 10000, 0, 5, 1234567, 1};
  static const char *const text[] = {"85.37", "85.3", "100.0", "0.0", "0.05", "12345.67", "0.01"};
  for (size_t i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
    edx_text t;
    json_t *r = json_real((double)h[i] / 100.0);
    char *jansson = json_dumps(r, EDX_JSON_OUT | JSON_ENCODE_ANY);
    edx_text_init(&t, 0);
    edx_text_hundredths(&t, h[i]);
    ck_assert_str_eq(t.data, text[i]);
    ck_assert_str_eq(t.data, jansson);
    free(jansson);
    json_decref(r);
    edx_text_free(&t);
  }
  edx_text t;
  size_t len;
  edx_text_init(&t, 1); /* grows past its hint */
  edx_text_str(&t, NULL);
  edx_text_raw(&t, ",");
  edx_text_int(&t, -42);
  edx_text_member(&t, ",\"a\":", "x\"y");
  edx_text_member(&t, ",\"b\":", NULL);
  char *out = edx_text_take(&t, &len);
  ck_assert_str_eq(out, "null,-42,\"a\":\"x\\\"y\",\"b\":null");
  ck_assert_uint_eq(len, 28);
  free(out);
}
END_TEST

static json_t *entry(json_t *list, const char *code)
{
  size_t i;
  json_t *e;
  json_array_foreach(list, i, e)
    if (strcmp(json_string_value(json_object_get(e, "code")), code) == 0)
      return e;
  ck_abort_msg("no %s", code);
  return NULL;
}

#define STR(j, k) json_string_value(json_object_get((j), (k)))
#define INT(j, k) json_integer_value(json_object_get((j), (k)))
#define REAL(j, k) json_real_value(json_object_get((j), (k)))
#define IS_NULL(j, k) json_is_null(json_object_get((j), (k)))

START_TEST(two_districts_and_their_total)
{
  json_t *indicators = json_loads(
    "{\"BB\": {\"name_vi\": \"Băng \\\"rộng\\\"\", \"name_en\": \"Broadband\","
    "  \"source\": \"school_report\", \"aggregation\": \"share\"},"
    " \"MEAN\": {\"name_vi\": \"Trung bình\", \"name_en\": null, \"source\": \"school_report\","
    "  \"aggregation\": \"mean\"},"
    " \"OFF\": {\"name_vi\": \"Văn phòng\", \"name_en\": \"Office\", \"source\": \"office_report\","
    "  \"aggregation\": \"office_value\"},"
    " \"DT\": {\"name_vi\": \"Tự đánh giá\", \"name_en\": \"Self-assessed\","
    "  \"source\": \"assessments\", \"aggregation\": \"computed\"},"
    " \"DOSSIER_ONLINE_RATE\": {\"name_vi\": \"Hồ sơ trực tuyến\", \"name_en\": \"Online\","
    "  \"source\": \"dossiers\", \"aggregation\": \"computed\"},"
    " \"DOCS\": {\"name_vi\": \"Văn bản\", \"name_en\": \"Documents\","
    "  \"source\": \"school_report\", \"aggregation\": \"each_school\"}}", 0, NULL);
  json_t *office = json_pack("{s:s}", "a-id/OFF", "98");
  json_t *csv = json_array();
  /* A: BB >= 100 with 3 of 4 true; MEAN >= 7 with 13.99 over 2 reports (6.995); OFF >= 98;
   * DT >= 100 with no applicable school; DOCS (each school) >= 90 over 4 schools, 3 reported
   * 90 + 95 + 85 = 270.00, 2 of them at 90 or more. B: BB > 50 with 1 of 2 true; OFF >= 98
   * unreported; DOSSIER_ONLINE_RATE >= 70 with 8 of 10 dossiers online but one procedure below
   * 70; DOCS >= 90 over 2 schools that reported 95 + 95 = 190.00, both meeting it. */
  const edx_target_row rows[] = {
    {"a-id", "A", "Huyện A", "pa", "KH A", NULL, "2024-06-01T00:00:00Z", "BB", ">=", 10000, {4, 4, 3, 3, 0, 0, 0, 0}},
    {"a-id", "A", "Huyện A", "pa", "KH A", NULL, "2024-06-01T00:00:00Z", "MEAN", ">=", 700, {4, 2, 0, 1, 1399, 0, 0, 0}},
    {"a-id", "A", "Huyện A", "pa", "KH A", NULL, "2024-06-01T00:00:00Z", "OFF", ">=", 9800, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"a-id", "A", "Huyện A", "pa", "KH A", NULL, "2024-06-01T00:00:00Z", "DT", ">=", 10000, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"a-id", "A", "Huyện A", "pa", "KH A", NULL, "2024-06-01T00:00:00Z", "DOCS", ">=", 9000, {4, 3, 0, 2, 27000, 0, 0, 0}},
    {"b-id", "B", "Huyện B", "pb", "KH B", "12/KH", "2024-07-01T00:00:00Z", "BB", ">", 5000, {2, 1, 1, 1, 0, 0, 0, 0}},
    {"b-id", "B", "Huyện B", "pb", "KH B", "12/KH", "2024-07-01T00:00:00Z", "OFF", ">=", 9800, {0, 0, 0, 0, 0, 0, 0, 0}},
    {"b-id", "B", "Huyện B", "pb", "KH B", "12/KH", "2024-07-01T00:00:00Z", "DOSSIER_ONLINE_RATE", ">=", 7000,
     {10, 10, 8, 8, 0, 0, 0, 1}},
    {"b-id", "B", "Huyện B", "pb", "KH B", "12/KH", "2024-07-01T00:00:00Z", "DOCS", ">=", 9000, {2, 2, 0, 2, 19000, 0, 0, 0}},
  };
  edx_progress_inputs in = {indicators, office, 2024, "2024-12-31T00:00:00Z"};
  size_t len;
  char *text = edx_progress_all_text(rows, 9, &in, csv, &len);
  ck_assert_ptr_nonnull(text);
  ck_assert_uint_eq(strlen(text), len);
  ck_assert_ptr_nonnull(strstr(text, "\"name_vi\":\"Băng \\\"rộng\\\"\",\"name_en\":\"Broadband\""));
  ck_assert_ptr_nonnull(strstr(text, "\"target\":100.0,\"comparator\":\">=\""));
  json_t *doc = json_loads(text, 0, NULL);
  ck_assert_ptr_nonnull(doc);
  ck_assert_int_eq(INT(doc, "year"), 2024);
  ck_assert_str_eq(STR(doc, "as_of"), "2024-12-31T00:00:00Z");
  json_t *districts = json_object_get(doc, "districts");
  ck_assert_uint_eq(json_array_size(districts), 2);

  json_t *a = json_array_get(districts, 0), *e;
  ck_assert_str_eq(STR(json_object_get(a, "district"), "code"), "A");
  ck_assert_str_eq(STR(a, "as_of"), "2024-06-01T00:00:00Z"); /* each district's own */
  ck_assert_str_eq(STR(json_array_get(districts, 1), "as_of"), "2024-07-01T00:00:00Z");
  ck_assert(IS_NULL(json_object_get(a, "plan"), "document_ref"));
  json_t *ea = json_object_get(a, "indicators");
  ck_assert_uint_eq(json_array_size(ea), 5);
  e = entry(ea, "BB"); /* 3/4 = 75.00 < 100: gap 25 */
  ck_assert_double_eq(REAL(e, "actual"), 75.0);
  ck_assert_int_eq(INT(e, "numerator"), 3);
  ck_assert_int_eq(INT(e, "denominator"), 4);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  ck_assert_double_eq(REAL(e, "gap"), 25.0);
  ck_assert_str_eq(STR(e, "source"), "school_report");
  ck_assert(IS_NULL(e, "mean"));
  e = entry(ea, "MEAN"); /* 13.99 / 2 = 6.995: shown 7.00, yet under 7: not met, and 0.01
                            missing (never a gap of 0 when not met) */
  ck_assert_double_eq(REAL(e, "actual"), 7.0);
  ck_assert(IS_NULL(e, "numerator"));
  ck_assert(IS_NULL(e, "mean")); /* the mean is the actual itself */
  ck_assert_str_eq(STR(e, "status"), "not_met");
  ck_assert_double_eq(REAL(e, "gap"), 0.01);
  ck_assert(IS_NULL(e, "name_en"));
  e = entry(ea, "OFF"); /* the office's 98 >= 98 */
  ck_assert_double_eq(REAL(e, "actual"), 98.0);
  ck_assert_str_eq(STR(e, "status"), "met");
  ck_assert_int_eq(INT(e, "expected"), 1);
  ck_assert_int_eq(INT(e, "reported"), 1);
  e = entry(ea, "DT");
  ck_assert_str_eq(STR(e, "status"), "no_data");
  ck_assert_str_eq(STR(e, "reason"), "no school of these levels has an assessment for the year");
  e = entry(ea, "DOCS"); /* 2 of 4 schools meet 90: 50.00 % of them, gap 100 − 50 = 50; the
                            unreported school does not meet it; mean 270 / 3 = 90.00 */
  ck_assert_double_eq(REAL(e, "actual"), 50.0);
  ck_assert_double_eq(REAL(e, "mean"), 90.0);
  ck_assert_int_eq(INT(e, "numerator"), 2);
  ck_assert_int_eq(INT(e, "denominator"), 4);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  ck_assert_double_eq(REAL(e, "gap"), 50.0);
  json_t *sa = json_object_get(a, "summary");
  ck_assert_int_eq(INT(sa, "met"), 1);
  ck_assert_int_eq(INT(sa, "not_met"), 3);
  ck_assert_int_eq(INT(sa, "no_data"), 1);

  json_t *b = json_array_get(districts, 1);
  ck_assert_str_eq(STR(json_object_get(b, "plan"), "document_ref"), "12/KH");
  e = entry(json_object_get(b, "indicators"), "BB"); /* 1/2 = 50.00, not > 50: gap 0.01 */
  ck_assert_double_eq(REAL(e, "actual"), 50.0);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  ck_assert_double_eq(REAL(e, "gap"), 0.01);
  e = entry(json_object_get(b, "indicators"), "OFF");
  ck_assert_str_eq(STR(e, "status"), "no_data");
  ck_assert_int_eq(INT(e, "reported"), 0);
  e = entry(json_object_get(b, "indicators"), "DOSSIER_ONLINE_RATE"); /* 80.00 >= 70, but not
                                                      every procedure: gap 0.01, the smallest */
  ck_assert_double_eq(REAL(e, "actual"), 80.0);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  ck_assert_double_eq(REAL(e, "gap"), 0.01);
  e = entry(json_object_get(b, "indicators"), "DOCS"); /* 2 of 2 = 100.0, mean 95.0: met */
  ck_assert_double_eq(REAL(e, "actual"), 100.0);
  ck_assert_double_eq(REAL(e, "mean"), 95.0);
  ck_assert_str_eq(STR(e, "status"), "met");
  ck_assert(IS_NULL(e, "gap"));
  json_t *sb = json_object_get(b, "summary");
  ck_assert_int_eq(INT(sb, "met"), 1);
  ck_assert_int_eq(INT(sb, "not_met"), 2);
  ck_assert_int_eq(INT(sb, "no_data"), 1);

  /* total: BB adds to 4 of 6 = 66.67, but the plans disagree (>= 100, > 50): no target, no
   * status; MEAN as A's; OFF the mean of reported offices, 98 of 2 expected, met; DT no data;
   * DOSSIER_ONLINE_RATE the pooled rate, 80.00, met; DOCS pooled, each school against its own
   * district's target: 2 + 2 of 4 + 2 schools = 4/6 = 66.67 %, same target >= 90 in both
   * plans: not met; mean (270 + 190) / (3 + 2) = 92.00 */
  json_t *total = json_object_get(doc, "total"), *t = json_object_get(total, "indicators");
  ck_assert(IS_NULL(doc, "no_plan")); /* districts are listed */
  ck_assert_uint_eq(json_array_size(t), 6);
  ck_assert_str_eq(STR(json_array_get(t, 0), "code"), "BB"); /* first-seen order */
  e = entry(t, "BB");
  ck_assert_double_eq(REAL(e, "actual"), 66.67);
  ck_assert_int_eq(INT(e, "numerator"), 4);
  ck_assert_int_eq(INT(e, "denominator"), 6);
  ck_assert_int_eq(INT(e, "reported"), 5);
  ck_assert(IS_NULL(e, "target") && IS_NULL(e, "comparator") && IS_NULL(e, "status"));
  e = entry(t, "MEAN");
  ck_assert_double_eq(REAL(e, "target"), 7.0);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  e = entry(t, "OFF");
  ck_assert_double_eq(REAL(e, "actual"), 98.0);
  ck_assert_int_eq(INT(e, "expected"), 2);
  ck_assert_int_eq(INT(e, "reported"), 1);
  ck_assert_str_eq(STR(e, "status"), "met");
  e = entry(t, "DOSSIER_ONLINE_RATE");
  ck_assert_double_eq(REAL(e, "actual"), 80.0);
  ck_assert_str_eq(STR(e, "status"), "met");
  e = entry(t, "DOCS");
  ck_assert_double_eq(REAL(e, "actual"), 66.67);
  ck_assert_double_eq(REAL(e, "mean"), 92.0);
  ck_assert_int_eq(INT(e, "numerator"), 4);
  ck_assert_int_eq(INT(e, "denominator"), 6);
  ck_assert_int_eq(INT(e, "reported"), 5);
  ck_assert_double_eq(REAL(e, "target"), 90.0);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  json_t *st = json_object_get(total, "summary");
  ck_assert_int_eq(INT(st, "met"), 2);
  ck_assert_int_eq(INT(st, "not_met"), 2);
  ck_assert_int_eq(INT(st, "no_data"), 1);

  /* CSV: one row per district entry, with the district */
  ck_assert_uint_eq(json_array_size(csv), 9);
  json_t *row = json_array_get(csv, 4);
  ck_assert_str_eq(STR(row, "district_code"), "A");
  ck_assert_str_eq(STR(row, "code"), "DOCS");
  ck_assert_double_eq(REAL(row, "actual"), 50.0);
  ck_assert_double_eq(REAL(row, "mean"), 90.0);
  ck_assert_double_eq(REAL(row, "gap"), 50.0);
  row = json_array_get(csv, 5);
  ck_assert_str_eq(STR(row, "district_code"), "B");
  ck_assert_str_eq(STR(row, "code"), "BB");
  ck_assert_double_eq(REAL(row, "actual"), 50.0);
  ck_assert_str_eq(STR(row, "status"), "not_met");

  free(text);
  json_decref(doc);
  json_decref(indicators);
  json_decref(office);
  json_decref(csv);
}
END_TEST

/* DVCTT_SATISFACTION: the headline is Decision 766's figure (true_count / expected: handled and
 * not dissatisfied, complained of or late / handled), the ratings beside it come from sum_num /
 * sum_den. A: 7 of 10 handled, 5 of 8 ratings satisfied. B: nothing handled, 2 of 2 ratings. */
START_TEST(satisfaction_and_its_ratings)
{
  json_t *indicators = json_loads(
    "{\"DVCTT_SATISFACTION\": {\"name_vi\": \"Hài lòng\", \"name_en\": \"Satisfied\","
    "  \"source\": \"dossiers\", \"aggregation\": \"computed\"},"
    " \"DOSSIER_DIGITIZATION_RATE\": {\"name_vi\": \"Số hoá\", \"name_en\": \"Digitised\","
    "  \"source\": \"dossiers\", \"aggregation\": \"computed\"}}", 0, NULL);
  json_t *office = json_object();
  const edx_target_row rows[] = {
    {"a-id", "A", "Huyện A", "pa", "KH A", NULL, "2024-06-01T00:00:00Z", "DVCTT_SATISFACTION", ">", 9500, {10, 10, 7, 7, 0, 5, 8, 0}},
    {"a-id", "A", "Huyện A", "pa", "KH A", NULL, "2024-06-01T00:00:00Z", "DOSSIER_DIGITIZATION_RATE", ">=", 10000, {4, 4, 4, 4, 0, 0, 0, 0}},
    {"b-id", "B", "Huyện B", "pb", "KH B", NULL, "2024-06-01T00:00:00Z", "DVCTT_SATISFACTION", ">", 9500, {0, 0, 0, 0, 0, 2, 2, 0}},
  };
  edx_progress_inputs in = {indicators, office, 2024, "2024-12-31T00:00:00Z"};
  size_t len;
  char *text = edx_progress_all_text(rows, 3, &in, NULL, &len);
  json_t *doc = json_loads(text, 0, NULL), *districts = json_object_get(doc, "districts");
  ck_assert_ptr_nonnull(doc);
  /* A: 7/10 = 70.00, not > 95, gap 25; ratings 5/8 = 62.50 */
  json_t *e = entry(json_object_get(json_array_get(districts, 0), "indicators"),
                    "DVCTT_SATISFACTION");
  ck_assert_double_eq(REAL(e, "actual"), 70.0);
  ck_assert_str_eq(STR(e, "status"), "not_met");
  ck_assert_double_eq(REAL(e, "gap"), 25.0);
  json_t *ratings = json_object_get(e, "ratings");
  ck_assert_double_eq(REAL(ratings, "actual"), 62.5);
  ck_assert_int_eq(INT(ratings, "numerator"), 5);
  ck_assert_int_eq(INT(ratings, "denominator"), 8);
  ck_assert_ptr_null(json_object_get(e, "all_procedures"));
  /* another dossier indicator has neither second figure */
  e = entry(json_object_get(json_array_get(districts, 0), "indicators"),
            "DOSSIER_DIGITIZATION_RATE");
  ck_assert_ptr_null(json_object_get(e, "ratings"));
  ck_assert_ptr_null(json_object_get(e, "all_procedures"));
  /* B: nothing handled → no_data with its reason, whatever the ratings (2/2 = 100.00) */
  e = entry(json_object_get(json_array_get(districts, 1), "indicators"), "DVCTT_SATISFACTION");
  ck_assert_str_eq(STR(e, "status"), "no_data");
  ck_assert_str_eq(STR(e, "reason"), "no dossiers of online procedures were resolved in the year");
  ck_assert_double_eq(REAL(json_object_get(e, "ratings"), "actual"), 100.0);
  /* total: 7/10 = 70.00, ratings (5 + 2) / (8 + 2) = 70.00 */
  e = entry(json_object_get(json_object_get(doc, "total"), "indicators"), "DVCTT_SATISFACTION");
  ck_assert_double_eq(REAL(e, "actual"), 70.0);
  ck_assert_int_eq(INT(json_object_get(e, "ratings"), "numerator"), 7);
  ck_assert_int_eq(INT(json_object_get(e, "ratings"), "denominator"), 10);
  ck_assert_double_eq(REAL(json_object_get(e, "ratings"), "actual"), 70.0);
  free(text);
  json_decref(doc);
  json_decref(indicators);
  json_decref(office);
}
END_TEST

START_TEST(no_plans_at_all)
{
  json_t *indicators = json_object(), *office = json_object();
  edx_progress_inputs in = {indicators, office, 2030, "2030-01-01T00:00:00Z"};
  size_t len;
  char *text = edx_progress_all_text(NULL, 0, &in, NULL, &len);
  ck_assert_str_eq(text, "{\"year\":2030,\"periods\":{\"calendar_year\":\"2030\","
                         "\"school_year\":\"2029-2030\"},"
                         "\"as_of\":\"2030-01-01T00:00:00Z\",\"districts\":[],"
                         "\"no_plan\":{\"type\":\"urn:edudx:problem:no-plan\",\"year\":2030,"
                         "\"detail\":\"no district this answer covers has a plan for 2030\"},"
                         "\"total\":{\"indicators\":[],\"summary\":{\"met\":0,\"not_met\":0,"
                         "\"no_data\":0}}}");
  free(text);
  json_decref(indicators);
  json_decref(office);
}
END_TEST

START_TEST(json_squeeze_drops_whitespace_outside_strings)
{
  char text[] = "[{\"a\" : 1, \"b\" : \"x y\\\" z \\\\\"},\n {\"c\" : [1, 2]}\t]";
  size_t n = edx_json_squeeze(text, strlen(text));
  /* spaces, newline and tab outside strings go; "x y\" z \\" keeps its own */
  ck_assert_str_eq(text, "[{\"a\":1,\"b\":\"x y\\\" z \\\\\"},{\"c\":[1,2]}]");
  ck_assert_uint_eq(n, strlen(text));
  char empty[] = "";
  ck_assert_uint_eq(edx_json_squeeze(empty, 0), 0);
  /* strings that end in escapes, hold braces, spaces and Vietnamese, or are empty */
  char tricky[] = "{ \"k\\\\\" : \"} { \\\\\" , \"\" : [ \"Tuyên Hoá  \" , \"\\\"\" ] }";
  n = edx_json_squeeze(tricky, strlen(tricky));
  ck_assert_str_eq(tricky, "{\"k\\\\\":\"} { \\\\\",\"\":[\"Tuyên Hoá  \",\"\\\"\"]}");
  ck_assert_uint_eq(n, strlen(tricky));
  /* text cut inside a string keeps what it has */
  char cut[] = "[\"a b";
  ck_assert_uint_eq(edx_json_squeeze(cut, strlen(cut)), 5);
  ck_assert_str_eq(cut, "[\"a b");
}
END_TEST

Suite *progress_all_suite(void)
{
  Suite *s = suite_create("progress_all");
  TCase *tc = tcase_create("progress_all");
  tcase_add_test(tc, strings_and_numbers_as_jansson_writes_them);
  tcase_add_test(tc, two_districts_and_their_total);
  tcase_add_test(tc, satisfaction_and_its_ratings);
  tcase_add_test(tc, no_plans_at_all);
  tcase_add_test(tc, json_squeeze_drops_whitespace_outside_strings);
  suite_add_tcase(s, tc);
  return s;
}
