/* test_reports.c — school and office reports: every kind of bad value refused whole, PUT
 * replaces and PATCH merges, who set what and when, history, GET /v1/reports, and roles. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *reports_suite(void);

static char *district, *school_token, *office_token, *reader_token;

static void setup(void)
{
  char body[256];
  district = make_district("RP-D", "Huyện Báo Cáo", "Tỉnh T");
  char *primary = make_school(district, "RP-S1", "Trường Tiểu học Báo Cáo");
  free(make_school(district, "RP-S2", "Trường Tiểu học Khác"));
  snprintf(body, sizeof(body), "{\"role\":\"school\",\"school_id\":\"%s\"}", primary);
  school_token = mint_token(admin_token, body, NULL);
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", district);
  office_token = mint_token(admin_token, body, NULL);
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"district_id\":\"%s\"}", district);
  reader_token = mint_token(admin_token, body, NULL);
  free(primary);
}

START_TEST(every_bad_value_is_refused_and_nothing_saved)
{
  http_resp *ok = http("PUT", "/v1/schools/code:RP-S1/reports/2024", school_token,
                       "{\"values\":{\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_int_eq(ok->status, 200);
  http_free(ok);
  http_resp *r = http("PATCH", "/v1/schools/code:RP-S1/reports/2024", school_token,
                      "{\"values\":{"
                      "\"BROADBAND_CONNECTED\":false,"                         /* fine alone */
                      "\"SCHOOL_DOCS_ONLINE\":101,"                             /* over 100 */
                      "\"ONLINE_CURRICULUM_SHARE_PRIMARY\":4.125,"              /* 3 decimals */
                      "\"SECTOR_DB_USE\":\"true\","                             /* a string */
                      "\"SATELLITE_SITES_HIGH_SPEED\":{\"numerator\":3,\"denominator\":2},"
                      "\"QUESTION_BANK_USE\":true,"                             /* not primary */
                      "\"OFFICE_DOCS_ONLINE\":99,"                              /* office's */
                      "\"DT_SELF_ASSESSED\":100,"                               /* computed */
                      "\"NO_SUCH_THING\":1}}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 8);
  static const char *const fields[] = {
    "values.SCHOOL_DOCS_ONLINE", "values.ONLINE_CURRICULUM_SHARE_PRIMARY", "values.SECTOR_DB_USE",
    "values.SATELLITE_SITES_HIGH_SPEED", "values.QUESTION_BANK_USE", "values.OFFICE_DOCS_ONLINE",
    "values.DT_SELF_ASSESSED", "values.NO_SUCH_THING"};
  for (int i = 0; i < 8; i++)
    ck_assert_msg(problem_names_field(r, fields[i]), "no error for %s", fields[i]);
  http_free(r);
  r = http("GET", "/v1/schools/code:RP-S1/reports/2024", school_token, NULL, NULL);
  ck_assert(json_is_true(json_object_get(json_object_get(json_object_get(r->json, "values"),
                                                         "BROADBAND_CONNECTED"), "value")));
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "values")), 1);
  http_free(r);
  r = http("PUT", "/v1/districts/code:RP-D/reports/2024", office_token,
           "{\"values\":{\"BROADBAND_CONNECTED\":true,\"OFFICE_DOCS_ONLINE\":-1}}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 2);
  http_free(r);
  r = http("PUT", "/v1/schools/code:RP-S1/reports/2024", school_token, "{\"vals\":{}}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("PUT", "/v1/schools/code:RP-S1/reports/1999", school_token, "{\"values\":{}}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
}
END_TEST

START_TEST(put_replaces_patch_merges_and_who_set_it_is_kept)
{
  http_resp *r = http("PUT", "/v1/schools/code:RP-S2/reports/2024", office_token,
                      "{\"values\":{\"BROADBAND_CONNECTED\":{\"value\":true,\"note\":\"cáp quang"
                      " VNPT\",\"evidence_url\":\"https://example.edu.vn/bien-ban.pdf\"},"
                      "\"SCHOOL_DOCS_ONLINE\":92.5,\"SATELLITE_SITES_HIGH_SPEED\":"
                      "{\"numerator\":2,\"denominator\":3}}}", NULL);
  ck_assert_int_eq(r->status, 200);
  json_t *v = json_object_get(r->json, "values");
  json_t *bb = json_object_get(v, "BROADBAND_CONNECTED");
  ck_assert_str_eq(JSTR(bb, "note"), "cáp quang VNPT");
  ck_assert_str_eq(JSTR(bb, "evidence_url"), "https://example.edu.vn/bien-ban.pdf");
  ck_assert_str_eq(JSTR(json_object_get(bb, "set_by"), "role"), "district");
  ck_assert_ptr_nonnull(JSTR(bb, "set_at"));
  ck_assert_double_eq_tol(json_number_value(json_object_get(json_object_get(v,
                          "SCHOOL_DOCS_ONLINE"), "value")), 92.5, 0.0001);
  ck_assert_int_eq(JINT(json_object_get(json_object_get(v, "SATELLITE_SITES_HIGH_SPEED"), "value"),
                        "denominator"), 3);
  http_free(r);
  r = http("PATCH", "/v1/schools/code:RP-S2/reports/2024", office_token,
           "{\"values\":{\"SCHOOL_DOCS_ONLINE\":null,\"CASHLESS_FEES\":false}}", NULL);
  v = json_object_get(r->json, "values");
  ck_assert_uint_eq(json_object_size(v), 3); /* broadband, satellite, cashless */
  ck_assert_ptr_null(json_object_get(v, "SCHOOL_DOCS_ONLINE"));
  http_free(r);
  r = http("PUT", "/v1/schools/code:RP-S2/reports/2024", office_token,
           "{\"values\":{\"CASHLESS_FEES\":true}}", NULL);
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "values")), 1);
  http_free(r);
  /* history: 3 set, 1 removed + 1 set, 2 removed + 1 changed = 8 rows, oldest first */
  r = http("GET", "/v1/schools/code:RP-S2/reports/2024/history?limit=500", reader_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 8);
  http_free(r);
  r = http("GET", "/v1/schools/code:RP-S2/reports/2024/history?indicator=SCHOOL_DOCS_ONLINE",
           reader_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  json_t *first = json_array_get(json_object_get(r->json, "items"), 0);
  json_t *second = json_array_get(json_object_get(r->json, "items"), 1);
  ck_assert(json_is_false(json_object_get(first, "removed")));
  ck_assert(json_is_true(json_object_get(second, "removed")));
  ck_assert(json_is_null(json_object_get(second, "value")));
  http_free(r);
}
END_TEST

START_TEST(stale_if_match_on_a_report_is_412)
{
  http_resp *a = http("GET", "/v1/districts/code:RP-D/reports/2024", office_token, NULL, NULL);
  char im[80];
  snprintf(im, sizeof(im), "If-Match: %s", http_header(a, "ETag"));
  const char *h[] = {im, NULL};
  http_resp *r = http("PATCH", "/v1/districts/code:RP-D/reports/2024", office_token,
                      "{\"values\":{\"OFFICE_DOCS_ONLINE\":97.5}}", h);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("PATCH", "/v1/districts/code:RP-D/reports/2024", office_token,
           "{\"values\":{\"OFFICE_DOCS_ONLINE\":99}}", h);
  ck_assert_problem(r, 412, "precondition-failed");
  http_free(r);
  http_free(a);
}
END_TEST

/* The school: 1 satellite site and 28 teachers registered. */
START_TEST(a_report_above_the_registry_is_422_naming_it)
{
  free(new_school(district, "RP-S3", "primary", ",\"satellite_sites\":1,\"teachers\":28"));
  http_resp *r = http("PUT", "/v1/schools/code:RP-S3/reports/2024", office_token,
                      "{\"values\":{\"SATELLITE_SITES_HIGH_SPEED\":{\"numerator\":9,"
                      "\"denominator\":9},\"TEACHER_TRAINING_ACCOUNTS\":{\"numerator\":500,"
                      "\"denominator\":500},\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 2);
  ck_assert(problem_names_field(r, "values.SATELLITE_SITES_HIGH_SPEED.denominator"));
  ck_assert(problem_names_field(r, "values.TEACHER_TRAINING_ACCOUNTS.denominator"));
  ck_assert_ptr_nonnull(strstr(r->body, "more than the 1 satellite site(s) the school has "
                                        "registered (satellite_sites)"));
  ck_assert_ptr_nonnull(strstr(r->body, "more than the 28 teacher(s)"));
  http_free(r);
  r = http("GET", "/v1/schools/code:RP-S3/reports/2024", office_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "values")), 0); /* nothing saved */
  http_free(r);
  /* within the registry: saved */
  r = http("PUT", "/v1/schools/code:RP-S3/reports/2024", office_token,
           "{\"values\":{\"SATELLITE_SITES_HIGH_SPEED\":{\"numerator\":1,\"denominator\":1},"
           "\"TEACHER_TRAINING_ACCOUNTS\":{\"numerator\":25,\"denominator\":28}}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* the indicator's registry_count is data: cleared, the check goes with it */
  r = http("PATCH", "/v1/indicators/TEACHER_TRAINING_ACCOUNTS", admin_token,
           "{\"registry_count\":null}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_null(json_object_get(r->json, "registry_count")));
  http_free(r);
  r = http("PATCH", "/v1/schools/code:RP-S3/reports/2024", office_token,
           "{\"values\":{\"TEACHER_TRAINING_ACCOUNTS\":{\"numerator\":30,\"denominator\":30}}}",
           NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("PATCH", "/v1/indicators/TEACHER_TRAINING_ACCOUNTS", admin_token,
           "{\"registry_count\":\"teachers\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "registry_count"), "teachers");
  http_free(r);
  /* and it belongs to school-reported fractions only */
  r = http("PATCH", "/v1/indicators/BROADBAND_CONNECTED", admin_token,
           "{\"registry_count\":\"students\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "registry_count"));
  http_free(r);
}
END_TEST

START_TEST(who_may_write_which_report)
{
  http_resp *r = http("PATCH", "/v1/schools/code:RP-S2/reports/2024", school_token,
                      "{\"values\":{\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_problem(r, 403, "forbidden"); /* another school */
  http_free(r);
  r = http("PATCH", "/v1/districts/code:RP-D/reports/2024", school_token,
           "{\"values\":{\"OFFICE_DOCS_ONLINE\":90}}", NULL);
  ck_assert_problem(r, 403, "forbidden"); /* the office's figures */
  http_free(r);
  r = http("PATCH", "/v1/schools/code:RP-S1/reports/2024", reader_token,
           "{\"values\":{\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/schools/code:453-TH-01/reports/2024", office_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden"); /* a demo school of another district */
  http_free(r);
  r = http("GET", "/v1/schools/code:RP-S2/reports/2024", school_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
}
END_TEST

START_TEST(flat_list_for_pulls)
{
  char path[200];
  snprintf(path, sizeof(path), "/v1/reports?year=2024&district_id=%s&indicator=CASHLESS_FEES",
           district);
  http_resp *r = http("GET", path, reader_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  json_t *item = json_array_get(json_object_get(r->json, "items"), 0);
  ck_assert_str_eq(JSTR(item, "school_code"), "RP-S2");
  ck_assert(json_is_true(json_object_get(item, "value")));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/reports.csv?year=2024&district_id=%s&indicator=CASHLESS_FEES",
           district);
  r = http("GET", path, reader_token, NULL, NULL);
  ck_assert_ptr_nonnull(strstr(r->body, "school_id,school_code,district_id,year,indicator,value,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",RP-S2,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",2024,CASHLESS_FEES,true,"));
  http_free(r);
  r = http("GET", "/v1/reports?year=20x4", reader_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/reports?district_id=%s", district);
  r = http("GET", path, school_token, NULL, NULL); /* its own district: allowed, filtered */
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("GET", "/v1/reports?district_id=00000000-0000-4000-8000-000000000000", school_token,
           NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/schools/code:RP-S2/reports/2024/history.csv", reader_token, NULL,
           NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, "indicator,value,note,evidence_url,removed,set_by,set_at\r\n"));
  http_free(r);
  r = http("GET", "/v1/reports?limit=500", school_token, NULL, NULL);
  size_t i;
  json_t *it;
  json_array_foreach(json_object_get(r->json, "items"), i, it) /* only its own school's */
    ck_assert_str_eq(JSTR(it, "school_code"), "RP-S1");
  http_free(r);
}
END_TEST

Suite *reports_suite(void)
{
  Suite *s = suite_create("reports");
  TCase *tc = tcase_create("reports");
  tcase_set_timeout(tc, 30);
  tcase_add_unchecked_fixture(tc, setup, NULL);
  tcase_add_test(tc, every_bad_value_is_refused_and_nothing_saved);
  tcase_add_test(tc, put_replaces_patch_merges_and_who_set_it_is_kept);
  tcase_add_test(tc, stale_if_match_on_a_report_is_412);
  tcase_add_test(tc, a_report_above_the_registry_is_422_naming_it);
  tcase_add_test(tc, who_may_write_which_report);
  tcase_add_test(tc, flat_list_for_pulls);
  suite_add_tcase(s, tc);
  return s;
}
