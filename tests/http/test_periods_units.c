/* test_periods_units.c — issue 14 on hand-made districts: school years beside calendar years
 * (plans, reports, progress, assessments, filters), the district office as one more reporting
 * unit, and values far from the previous period accepted with warnings and listed as suspect.
 * The tests share one district and run in order (each sets the values it asserts on). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

Suite *periods_units_suite(void);

static char *district, *school_a, *office_token, *school_token;

/* District PU-D with two primary schools (PU-A, PU-B) and a plan for 2024 with four targets. */
static void setup(void)
{
  char body[1024];
  http_resp *r;
  district = make_district("PU-D", "Huyện Kỳ Học", "Tỉnh T");
  school_a = make_school(district, "PU-A", "Trường Tiểu học A");
  free(make_school(district, "PU-B", "Trường Tiểu học B"));
  office_token = mint_scoped("district", "district_id", district);
  school_token = mint_scoped("school", "school_id", school_a);
  snprintf(body, sizeof(body),
           "{\"district_id\":\"%s\",\"year\":\"2023-2024\",\"title\":\"Kế hoạch 2024\","
           "\"targets\":[{\"indicator\":\"PORTAL_COMPLIANT\",\"comparator\":\">=\",\"target\":100},"
           "{\"indicator\":\"DIGITAL_INSPECTION_RATE\",\"comparator\":\">=\",\"target\":50},"
           "{\"indicator\":\"SCHOOL_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":90},"
           "{\"indicator\":\"OFFICE_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":90}]}",
           district);
  r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "plan: %s", r->body);
  ck_assert_int_eq(JINT(r->json, "year"), 2024); /* the school year names plan year 2024 */
  ck_assert_str_eq(JSTR(json_object_get(r->json, "periods"), "calendar_year"), "2024");
  ck_assert_str_eq(JSTR(json_object_get(r->json, "periods"), "school_year"), "2023-2024");
  http_free(r);
}

static void put_ok(const char *path, const char *token, const char *values)
{
  char body[512];
  http_resp *r;
  snprintf(body, sizeof(body), "{\"values\":%s}", values);
  r = http("PATCH", path, token, body, NULL);
  ck_assert_msg(r->status == 200, "%s: %s", path, r->body);
  http_free(r);
}

START_TEST(a_school_year_and_its_calendar_year_name_one_plan_year)
{
  http_resp *a = http("GET", "/v1/districts/code:PU-D/progress?year=2024", office_token, NULL,
                      NULL);
  http_resp *b = http("GET", "/v1/districts/code:PU-D/progress?year=2023-2024", office_token,
                      NULL, NULL);
  ck_assert_int_eq(a->status, 200);
  ck_assert_int_eq(b->status, 200);
  ck_assert_str_eq(a->body, b->body);
  ck_assert_str_eq(JSTR(json_object_get(a->json, "periods"), "school_year"), "2023-2024");
  /* each entry says the period it is read in: school practice per school year, the office's
   * own documents per calendar year */
  ck_assert_str_eq(JSTR(answer_indicator(a, "SCHOOL_DOCS_ONLINE"), "period"), "2023-2024");
  ck_assert_str_eq(JSTR(answer_indicator(a, "OFFICE_DOCS_ONLINE"), "period"), "2024");
  ck_assert_str_eq(JSTR(answer_indicator(a, "DIGITAL_INSPECTION_RATE"), "period"), "2024");
  http_free(a);
  http_free(b);
  char path[160];
  snprintf(path, sizeof(path), "/v1/plans?year=2023-2024&district_id=%s", district);
  a = http("GET", path, office_token, NULL, NULL);
  ck_assert_int_eq(a->status, 200);
  ck_assert_int_eq(JINT(a->json, "total"), 1);
  http_free(a);
  /* malformed periods are 400s naming year; dossiers are counted per calendar year */
  static const char *const bad[] = {"/v1/districts/code:PU-D/progress?year=2023-2025",
                                    "/v1/districts/code:PU-D/progress?year=2024-2023",
                                    "/v1/plans?year=23-24", "/v1/assessments?year=2023/2024",
                                    "/v1/schools/code:PU-A/reports/2023-2025",
                                    "/v1/dossiers?year=2023-2024", NULL};
  for (int i = 0; bad[i]; i++) {
    a = http("GET", bad[i], admin_token, NULL, NULL);
    ck_assert_msg(a->status == 400, "%s: %ld", bad[i], a->status);
    ck_assert_msg(problem_names_field(a, "year"), "%s names no year", bad[i]);
    http_free(a);
  }
  a = http("GET", "/v1/dossiers?year=2023-2024", admin_token, NULL, NULL);
  ck_assert_ptr_nonnull(strstr(a->body, "is a school year, but this is counted per calendar "
                                        "year: give one, such as 2024"));
  http_free(a);
}
END_TEST

START_TEST(a_school_year_report_holds_school_year_indicators_only)
{
  http_resp *r;
  put_ok("/v1/districts/code:PU-D/reports/2024", office_token,
         "{\"OFFICE_DOCS_ONLINE\":91,\"PORTAL_COMPLIANT\":true}");
  /* the office's calendar-year figure cannot be written under a school year */
  r = http("PATCH", "/v1/districts/code:PU-D/reports/2023-2024", office_token,
           "{\"values\":{\"OFFICE_DOCS_ONLINE\":95,\"PORTAL_COMPLIANT\":false}}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 1);
  ck_assert(problem_names_field(r, "values.OFFICE_DOCS_ONLINE"));
  http_free(r);
  /* read under the school year: the school-year values only */
  r = http("GET", "/v1/districts/code:PU-D/reports/2023-2024", office_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "period"), "2023-2024");
  ck_assert_int_eq(JINT(r->json, "year"), 2024);
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "values")), 1);
  ck_assert_ptr_nonnull(json_object_get(json_object_get(r->json, "values"), "PORTAL_COMPLIANT"));
  http_free(r);
  /* PUT under the school year replaces the school-year values and keeps the calendar ones */
  r = http("PUT", "/v1/districts/code:PU-D/reports/2023-2024", office_token,
           "{\"values\":{}}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "values")), 0);
  http_free(r);
  r = http("GET", "/v1/districts/code:PU-D/reports/2024", office_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "period"), "2024");
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "values")), 1);
  ck_assert_ptr_nonnull(json_object_get(json_object_get(r->json, "values"),
                                        "OFFICE_DOCS_ONLINE"));
  http_free(r);
  /* GET /v1/reports?year=2023-2024 lists the school-year values only */
  put_ok("/v1/schools/code:PU-A/reports/2023-2024", school_token, "{\"PORTAL_COMPLIANT\":true}");
  char path[160];
  snprintf(path, sizeof(path), "/v1/reports?year=2023-2024&district_id=%s", district);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 1); /* PU-A's PORTAL_COMPLIANT, not the office's docs */
  http_free(r);
  snprintf(path, sizeof(path), "/v1/reports?year=2024&district_id=%s", district);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  http_free(r);
}
END_TEST

START_TEST(the_office_counts_as_one_more_unit)
{
  http_resp *r;
  json_t *e;
  /* PORTAL_COMPLIANT (share, >= 100): office false, A true, B silent -> 1 of 3 units */
  put_ok("/v1/districts/code:PU-D/reports/2024", office_token,
         "{\"PORTAL_COMPLIANT\":false,\"DIGITAL_INSPECTION_RATE\":80}");
  put_ok("/v1/schools/code:PU-A/reports/2024", school_token,
         "{\"PORTAL_COMPLIANT\":true,\"DIGITAL_INSPECTION_RATE\":60}");
  r = http("GET", "/v1/districts/code:PU-D/progress?year=2024", office_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  e = answer_indicator(r, "PORTAL_COMPLIANT");
  ck_assert_int_eq(JINT(e, "expected"), 3);
  ck_assert_int_eq(JINT(e, "reported"), 2);
  ck_assert_int_eq(JINT(e, "numerator"), 1);
  ck_assert_int_eq(JINT(e, "denominator"), 3);
  ck_assert_double_eq_tol(json_number_value(json_object_get(e, "actual")), 33.33, 0.001);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_uint_eq(json_array_size(json_object_get(e, "missing")), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "missing"), 0), "code"), "PU-B");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "missing"), 0), "unit"), "school");
  ck_assert_uint_eq(json_array_size(json_object_get(e, "below")), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "unit"), "office");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "code"), "PU-D");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "id"), district);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "display"), "no");
  /* the breakdowns count schools only: primary has A (true) and B (silent) */
  ck_assert_int_eq(JINT(json_object_get(json_object_get(e, "by_level"), "primary"),
                        "denominator"), 2);
  ck_assert_int_eq(JINT(json_object_get(json_object_get(e, "by_level"), "primary"),
                        "numerator"), 1);
  /* DIGITAL_INSPECTION_RATE (mean, >= 50): office 80 and A 60 -> (80 + 60) / 2 = 70, met */
  e = answer_indicator(r, "DIGITAL_INSPECTION_RATE");
  ck_assert_int_eq(JINT(e, "expected"), 3);
  ck_assert_int_eq(JINT(e, "reported"), 2);
  ck_assert_double_eq_tol(json_number_value(json_object_get(e, "actual")), 70.0, 0.001);
  ck_assert_str_eq(JSTR(e, "status"), "met");
  http_free(r);
  ck_progress_agrees("PU-D", 2024);
  /* an office_report indicator stays the office's; a school cannot report it */
  r = http("PATCH", "/v1/schools/code:PU-A/reports/2024", school_token,
           "{\"values\":{\"OFFICE_DOCS_ONLINE\":90}}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  http_free(r);
}
END_TEST

START_TEST(a_figure_far_from_the_previous_period_warns_and_is_suspect)
{
  http_resp *r;
  json_t *w, *e;
  /* school year 2022-2023: 40 %; 2023-2024: 95 % -> 55 points, more than the seeded 30 */
  put_ok("/v1/schools/code:PU-A/reports/2022-2023", school_token, "{\"SCHOOL_DOCS_ONLINE\":40}");
  put_ok("/v1/schools/code:PU-A/reports/2023", school_token, "{\"DIGITAL_INSPECTION_RATE\":50}");
  r = http("PATCH", "/v1/schools/code:PU-A/reports/2024", school_token,
           "{\"values\":{\"SCHOOL_DOCS_ONLINE\":95,\"DIGITAL_INSPECTION_RATE\":79.5}}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "warnings")), 1); /* 29.5: none */
  w = json_array_get(json_object_get(r->json, "warnings"), 0);
  ck_assert_str_eq(JSTR(w, "field"), "values.SCHOOL_DOCS_ONLINE");
  ck_assert_str_eq(JSTR(w, "previous_period"), "2022-2023");
  ck_assert_double_eq_tol(json_number_value(json_object_get(w, "change_points")), 55.0, 0.001);
  ck_assert_double_eq_tol(json_number_value(json_object_get(w, "previous")), 40.0, 0.001);
  ck_assert_ptr_nonnull(strstr(JSTR(w, "message"), "55.00 percentage points from the 40.00 "
                                                   "reported for 2022-2023"));
  /* the value was saved, and the answer's ETag is the report's own */
  http_resp *g = http("GET", "/v1/schools/code:PU-A/reports/2024", school_token, NULL, NULL);
  ck_assert_str_eq(http_header(g, "ETag"), http_header(r, "ETag"));
  ck_assert_ptr_null(json_object_get(g->json, "warnings"));
  http_free(g);
  http_free(r);
  r = http("GET", "/v1/districts/code:PU-D/progress?year=2024", office_token, NULL, NULL);
  e = answer_indicator(r, "SCHOOL_DOCS_ONLINE");
  ck_assert_uint_eq(json_array_size(json_object_get(e, "suspect")), 1);
  w = json_array_get(json_object_get(e, "suspect"), 0);
  ck_assert_str_eq(JSTR(w, "code"), "PU-A");
  ck_assert_double_eq_tol(json_number_value(json_object_get(w, "previous")), 40.0, 0.001);
  ck_assert_uint_eq(json_array_size(json_object_get(answer_indicator(r, "DIGITAL_INSPECTION_RATE"),
                                                    "suspect")), 0);
  http_free(r);
  /* a fraction: 1/4 the year before, 4/4 now -> 75 points */
  put_ok("/v1/schools/code:PU-A/reports/2023", school_token,
         "{\"TEACHER_TRAINING_ACCOUNTS\":{\"numerator\":1,\"denominator\":4}}");
  r = http("PATCH", "/v1/schools/code:PU-A/reports/2024", school_token,
           "{\"values\":{\"TEACHER_TRAINING_ACCOUNTS\":{\"numerator\":4,\"denominator\":4}}}", NULL);
  ck_assert_int_eq(r->status, 200);
  w = json_array_get(json_object_get(r->json, "warnings"), 0);
  ck_assert_str_eq(JSTR(w, "field"), "values.TEACHER_TRAINING_ACCOUNTS");
  ck_assert_double_eq_tol(json_number_value(json_object_get(w, "change_points")), 75.0, 0.001);
  http_free(r);
  /* the threshold is data: at 80 points neither warns */
  r = http("PATCH", "/v1/indicators/SCHOOL_DOCS_ONLINE", admin_token,
           "{\"jump_warning_points\":80}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("PATCH", "/v1/schools/code:PU-A/reports/2024", school_token,
           "{\"values\":{\"SCHOOL_DOCS_ONLINE\":96}}", NULL);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "warnings")), 0);
  http_free(r);
  r = http("PATCH", "/v1/indicators/SCHOOL_DOCS_ONLINE", admin_token,
           "{\"jump_warning_points\":30}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("PATCH", "/v1/indicators/BROADBAND_CONNECTED", admin_token,
           "{\"jump_warning_points\":30}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "jump_warning_points"));
  http_free(r);
}
END_TEST

START_TEST(assessments_take_a_school_year)
{
  char body[256];
  http_resp *r;
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":\"2024-2025\"}", school_a);
  r = http("POST", "/v1/assessments", school_token, body, NULL);
  ck_assert_msg(r->status == 201, "%s", r->body);
  ck_assert_int_eq(JINT(r->json, "year"), 2025);
  ck_assert_str_eq(JSTR(r->json, "school_year"), "2024-2025");
  http_free(r);
  snprintf(body, sizeof(body), "/v1/assessments?year=2024-2025&school_id=%s", school_a);
  r = http("GET", body, school_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  http_free(r);
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":\"2024-2026\"}", school_a);
  r = http("POST", "/v1/assessments", school_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "year"));
  http_free(r);
}
END_TEST

/* The new indicator fields and a plan's school year are checked like every field: a 422 naming
 * it, nothing changed. */
START_TEST(bad_periods_and_units_are_refused_by_name)
{
  char body[256];
  http_resp *r = http("PATCH", "/v1/indicators/BROADBAND_CONNECTED", admin_token,
                      "{\"units\":\"office\"}", NULL); /* a school_report is the schools' */
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "units"));
  http_free(r);
  r = http("PATCH", "/v1/indicators/BROADBAND_CONNECTED", admin_token,
           "{\"period_kind\":\"semester\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "period_kind"));
  http_free(r);
  r = http("GET", "/v1/indicators/BROADBAND_CONNECTED", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "units"), "schools");
  ck_assert_str_eq(JSTR(r->json, "period_kind"), "school_year");
  http_free(r);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":\"2024-2026\","
                               "\"title\":\"Sai năm học\"}", district);
  r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "year"));
  http_free(r);
}
END_TEST

Suite *periods_units_suite(void)
{
  Suite *s = suite_create("periods_units");
  TCase *tc = tcase_create("periods_units");
  tcase_add_unchecked_fixture(tc, setup, NULL);
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, a_school_year_and_its_calendar_year_name_one_plan_year);
  tcase_add_test(tc, a_school_year_report_holds_school_year_indicators_only);
  tcase_add_test(tc, the_office_counts_as_one_more_unit);
  tcase_add_test(tc, a_figure_far_from_the_previous_period_warns_and_is_suspect);
  tcase_add_test(tc, assessments_take_a_school_year);
  tcase_add_test(tc, bad_periods_and_units_are_refused_by_name);
  suite_add_tcase(s, tc);
  return s;
}
