/* test_indicators_plans.c — the indicator catalogue (seeded, coherent, admin-edited) and plans
 * (targets checked, one per district and year, targets replaced by PATCH). */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *indicators_plans_suite(void);

START_TEST(catalogue_is_seeded_from_the_plan)
{
  http_resp *r = http("GET", "/v1/indicators?limit=500", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_ge(JINT(r->json, "total"), 23);
  http_free(r);
  r = http("GET", "/v1/indicators?source=office_report", admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 1); /* OFFICE_DOCS_ONLINE (0020 moved the other) */
  http_free(r);
  /* who reports, and in which period (migrations 0019 to 0021) */
  r = http("GET", "/v1/indicators/DIGITAL_INSPECTION_RATE", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "units"), "office_and_schools");
  ck_assert_str_eq(JSTR(r->json, "source"), "school_report");
  ck_assert_str_eq(JSTR(r->json, "aggregation"), "mean");
  ck_assert_str_eq(JSTR(r->json, "period_kind"), "calendar_year");
  ck_assert_int_eq(JINT(r->json, "jump_warning_points"), 30);
  http_free(r);
  r = http("GET", "/v1/indicators/PORTAL_COMPLIANT", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "units"), "office_and_schools");
  ck_assert_str_eq(JSTR(r->json, "period_kind"), "school_year");
  ck_assert(json_is_null(json_object_get(r->json, "jump_warning_points"))); /* a boolean */
  http_free(r);
  r = http("GET", "/v1/indicators/DOSSIER_ONLINE_RATE", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "units"), "office");
  ck_assert_str_eq(JSTR(r->json, "period_kind"), "calendar_year");
  http_free(r);
  r = http("GET", "/v1/indicators/ONLINE_CURRICULUM_SHARE_PRIMARY", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "units"), "schools");
  ck_assert_str_eq(JSTR(r->json, "period_kind"), "school_year");
  ck_assert_int_eq(JINT(r->json, "jump_warning_points"), 30);
  http_free(r);
  r = http("GET", "/v1/indicators/SATELLITE_SITES_HIGH_SPEED", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "value_type"), "fraction");
  ck_assert_str_eq(JSTR(r->json, "aggregation"), "ratio_of_sums");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "levels")), 4);
  http_free(r);
  r = http("GET", "/v1/indicators?level=preschool&source=school_report&limit=500", admin_token,
           NULL, NULL);
  size_t i;
  json_t *it;
  json_array_foreach(json_object_get(r->json, "items"), i, it)
    ck_assert_str_ne(JSTR(it, "code"), "QUESTION_BANK_USE"); /* secondary only */
  http_free(r);
}
END_TEST

START_TEST(indicators_are_coherent_and_admin_edited)
{
  http_resp *r = http("POST", "/v1/indicators", admin_token,
                      "{\"code\":\"WIFI_CLASSROOMS\",\"name_vi\":\"Tỷ lệ phòng học có Wi-Fi\","
                      "\"name_en\":\"Classrooms with Wi-Fi\",\"source\":\"school_report\","
                      "\"value_type\":\"percent\",\"aggregation\":\"share\","
                      "\"levels\":[\"primary\"]}", NULL);
  ck_assert_problem(r, 422, "validation-failed"); /* share needs booleans */
  ck_assert(problem_names_field(r, "aggregation"));
  http_free(r);
  r = http("POST", "/v1/indicators", admin_token,
           "{\"code\":\"WIFI_CLASSROOMS\",\"name_vi\":\"Tỷ lệ phòng học có Wi-Fi\","
           "\"name_en\":\"Classrooms with Wi-Fi\",\"source\":\"school_report\","
           "\"value_type\":\"percent\",\"aggregation\":\"mean\",\"levels\":[\"primary\"]}", NULL);
  ck_assert_int_eq(r->status, 201);
  ck_assert_str_eq(http_header(r, "Location"), "/v1/indicators/WIFI_CLASSROOMS");
  http_free(r);
  r = http("PATCH", "/v1/indicators/WIFI_CLASSROOMS", admin_token,
           "{\"levels\":[\"primary\",\"primary\"]}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  http_free(r);
  r = http("PATCH", "/v1/indicators/WIFI_CLASSROOMS", admin_token, "{\"code\":\"X\"}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  /* once a value is reported, its kind is fixed */
  char *d = make_district("IP-D", "Huyện Chỉ Số", "Tỉnh T");
  free(make_school(d, "IP-S1", "Trường Wi-Fi"));
  r = http("PUT", "/v1/schools/code:IP-S1/reports/2024", admin_token,
           "{\"values\":{\"WIFI_CLASSROOMS\":75}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("PATCH", "/v1/indicators/WIFI_CLASSROOMS", admin_token,
           "{\"value_type\":\"boolean\",\"aggregation\":\"share\"}", NULL);
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  r = http("PATCH", "/v1/indicators/WIFI_CLASSROOMS", admin_token,
           "{\"name_en\":\"Classrooms covered by Wi-Fi\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "name_en"), "Classrooms covered by Wi-Fi");
  http_free(r);
  char body[200];
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", d);
  http_resp *m = http("POST", "/v1/tokens", admin_token, body, NULL);
  r = http("PATCH", "/v1/indicators/WIFI_CLASSROOMS", JSTR(m->json, "token"),
           "{\"name_en\":\"x\"}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  http_free(m);
  free(d);
}
END_TEST

START_TEST(plans_check_targets_and_stay_one_per_year)
{
  char *d = make_district("PL-D", "Huyện Kế Hoạch", "Tỉnh T"), body[1024];
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2025,\"title\":\"Kế hoạch 2025\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":100},"
           "{\"indicator\":\"NOPE\",\"comparator\":\"=\",\"target\":101},"
           "{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">\",\"target\":99.999}]}", d);
  http_resp *r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 5);
  ck_assert(problem_names_field(r, "targets[1].indicator"));
  ck_assert(problem_names_field(r, "targets[1].comparator"));
  ck_assert(problem_names_field(r, "targets[1].target"));
  ck_assert(problem_names_field(r, "targets[2].indicator"));
  ck_assert(problem_names_field(r, "targets[2].target"));
  http_free(r);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2025,\"title\":\"Kế hoạch 2025\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":100}]}", d);
  r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  char path[80];
  snprintf(path, sizeof(path), "/v1/plans/%s", JSTR(r->json, "id"));
  http_free(r);
  r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  r = http("PATCH", path, admin_token, "{\"targets\":[{\"indicator\":\"CASHLESS_FEES\","
           "\"comparator\":\">\",\"target\":50},{\"indicator\":\"BROADBAND_CONNECTED\","
           "\"comparator\":\">=\",\"target\":95.5}],\"document_ref\":\"45/KH-PGDĐT\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  json_t *targets = json_object_get(r->json, "targets");
  ck_assert_uint_eq(json_array_size(targets), 2);
  ck_assert_str_eq(JSTR(json_array_get(targets, 0), "indicator"), "CASHLESS_FEES");
  ck_assert_double_eq_tol(json_number_value(json_object_get(json_array_get(targets, 1),
                                                            "target")), 95.5, 0.0001);
  ck_assert_str_eq(JSTR(r->json, "document_ref"), "45/KH-PGDĐT");
  http_free(r);
  r = http("PATCH", path, admin_token, "{\"year\":2026}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"district_id\":\"%s\"}", d);
  http_resp *m = http("POST", "/v1/tokens", admin_token, body, NULL);
  r = http("PATCH", path, JSTR(m->json, "token"), "{\"title\":\"x\"}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/plans?year=2025", JSTR(m->json, "token"), NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  http_free(r);
  http_free(m);
  free(d);
}
END_TEST

Suite *indicators_plans_suite(void)
{
  Suite *s = suite_create("indicators_plans");
  TCase *tc = tcase_create("catalogue");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, catalogue_is_seeded_from_the_plan);
  tcase_add_test(tc, indicators_are_coherent_and_admin_edited);
  tcase_add_test(tc, plans_check_targets_and_stay_one_per_year);
  suite_add_tcase(s, tc);
  return s;
}
