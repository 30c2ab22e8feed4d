/* test_progress.c — progress on a hand-made district whose every figure is computed by hand in
 * the comments: shares with missing schools, each-school targets, means, ratio of sums, the
 * office's value, `>` vs `>=` at the boundary, breakdowns by level and commune, inactive schools
 * left out, CSV equal to JSON, the ETag changing after a report, the scorecard and the total;
 * issue 15's figures (each_school as the share of schools meeting the target with its mean
 * beside it, a share at exactly 50 against `>` 50 with a gap of 0.01) and a year without a plan
 * answered alike by every endpoint. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *progress_suite(void);

static char *district_id, *plan_id, *reader_token;

static void put_values(const char *school_code, const char *values)
{
  char path[128], body[1024];
  snprintf(path, sizeof(path), "/v1/schools/code:%s/reports/2024", school_code);
  snprintf(body, sizeof(body), "{\"values\":%s}", values);
  http_resp *r = http("PUT", path, admin_token, body, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", school_code, r->status, r->body);
  http_free(r);
}

/* The district PR-D: five active schools and an inactive one, a 2024 plan and reports. */
static void make_district_once(void)
{
  char body[2048];
  district_id = make_district("PR-D", "Huyện Tiến Độ", "Tỉnh T");
  static const char *const schools[][4] = {
    {"PR-S1", "Trường Tiểu học Một", "primary", "Xã A"},
    {"PR-S2", "Trường Tiểu học Hai", "primary", "Xã A"},
    {"PR-S3", "Trường THCS Ba", "lower_secondary", "Xã B"},
    {"PR-S4", "Trường Mầm non Bốn", "preschool", "Xã B"},
    {"PR-S5", "Trường TH&THCS Năm", "primary_lower_secondary", "Xã B"},
    {"PR-S6", "Trường Tiểu học Sáu (đã đóng)", "primary", "Xã A"},
  };
  for (int i = 0; i < 6; i++) {
    snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"%s\",\"level\":\"%s\",\"commune\":"
             "\"%s\",\"district_id\":\"%s\",\"active\":%s}", schools[i][0], schools[i][1],
             schools[i][2], schools[i][3], district_id, i == 5 ? "false" : "true");
    http_resp *r = http("POST", "/v1/schools", admin_token, body, NULL);
    ck_assert_int_eq(r->status, 201);
    http_free(r);
  }
  snprintf(body, sizeof(body),
           "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch CĐS 2024\","
           "\"document_ref\":\"123/KH-PGDĐT\",\"targets\":["
           "{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":100},"
           "{\"indicator\":\"CASHLESS_FEES\",\"comparator\":\">\",\"target\":50},"
           "{\"indicator\":\"SCHOOL_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":90},"
           "{\"indicator\":\"ONLINE_CURRICULUM_SHARE_SECONDARY\",\"comparator\":\">=\",\"target\":7},"
           "{\"indicator\":\"SATELLITE_SITES_HIGH_SPEED\",\"comparator\":\">\",\"target\":70},"
           "{\"indicator\":\"OFFICE_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":98},"
           "{\"indicator\":\"DT_SELF_ASSESSED\",\"comparator\":\">=\",\"target\":100},"
           "{\"indicator\":\"QUESTION_BANK_USE\",\"comparator\":\">=\",\"target\":100}]}",
           district_id);
  http_resp *r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "plan: %s", r->body);
  plan_id = strdup(JSTR(r->json, "id"));
  http_free(r);
  put_values("PR-S1", "{\"BROADBAND_CONNECTED\":true,\"CASHLESS_FEES\":true,"
                      "\"SCHOOL_DOCS_ONLINE\":95,\"SATELLITE_SITES_HIGH_SPEED\":"
                      "{\"numerator\":7,\"denominator\":10}}");
  put_values("PR-S2", "{\"BROADBAND_CONNECTED\":true,\"CASHLESS_FEES\":true,"
                      "\"SCHOOL_DOCS_ONLINE\":90,\"SATELLITE_SITES_HIGH_SPEED\":"
                      "{\"numerator\":0,\"denominator\":0}}");
  put_values("PR-S3", "{\"BROADBAND_CONNECTED\":false,\"CASHLESS_FEES\":false,"
                      "\"SCHOOL_DOCS_ONLINE\":89.99,\"ONLINE_CURRICULUM_SHARE_SECONDARY\":7,"
                      "\"SATELLITE_SITES_HIGH_SPEED\":{\"numerator\":7,\"denominator\":10}}");
  put_values("PR-S4", "{\"BROADBAND_CONNECTED\":true,\"CASHLESS_FEES\":false,"
                      "\"SCHOOL_DOCS_ONLINE\":100}");
  put_values("PR-S5", "{\"CASHLESS_FEES\":true,\"ONLINE_CURRICULUM_SHARE_SECONDARY\":6.99,"
                      "\"SATELLITE_SITES_HIGH_SPEED\":{\"numerator\":0,\"denominator\":0}}");
  put_values("PR-S6", "{\"BROADBAND_CONNECTED\":false}"); /* inactive: must not count */
  r = http("PUT", "/v1/districts/code:PR-D/reports/2024", admin_token,
           "{\"values\":{\"OFFICE_DOCS_ONLINE\":{\"value\":98,\"note\":\"báo cáo quý IV\"}}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"district_id\":\"%s\"}", district_id);
  r = http("POST", "/v1/tokens", admin_token, body, NULL);
  reader_token = strdup(JSTR(r->json, "token"));
  http_free(r);
}

#define REAL(j, key) json_number_value(json_object_get((j), (key)))
#define ck_assert_real(j, key, v) ck_assert_double_eq_tol(REAL(j, key), (v), 0.0001)

/* A JSON number as the CSV writes it: integers plain, reals with 15 digits and a ".0" when
 * whole; null as empty. */
static void fmt_number(char *out, size_t len, const json_t *v)
{
  if (json_is_integer(v))
    snprintf(out, len, "%lld", (long long)json_integer_value(v));
  else if (json_is_real(v)) {
    snprintf(out, len, "%.15g", json_real_value(v));
    if (!strpbrk(out, ".e"))
      strncat(out, ".0", len - strlen(out) - 1);
  } else
    out[0] = '\0';
}

static http_resp *progress(void)
{
  http_resp *r = http("GET", "/v1/districts/code:PR-D/progress?year=2024", reader_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_progress_agrees("PR-D", 2024);
  return r;
}

START_TEST(share_with_missing_schools_and_breakdowns)
{
  http_resp *r = progress();
  json_t *e = answer_indicator(r, "BROADBAND_CONNECTED");
  /* active schools S1..S5 (S6 is inactive); true: S1 S2 S4 = 3 of 5 = 60.00 %; S5 missing */
  ck_assert_real(e, "actual", 60.0);
  ck_assert_int_eq(JINT(e, "numerator"), 3);
  ck_assert_int_eq(JINT(e, "denominator"), 5);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 40.0);
  ck_assert_int_eq(JINT(e, "expected"), 5);
  ck_assert_int_eq(JINT(e, "reported"), 4);
  json_t *missing = json_object_get(e, "missing"), *below = json_object_get(e, "below");
  ck_assert_uint_eq(json_array_size(missing), 1);
  ck_assert_str_eq(JSTR(json_array_get(missing, 0), "code"), "PR-S5");
  ck_assert_uint_eq(json_array_size(below), 1);
  ck_assert_str_eq(JSTR(json_array_get(below, 0), "code"), "PR-S3");
  ck_assert(json_is_false(json_object_get(json_array_get(below, 0), "value")));
  ck_assert_str_eq(JSTR(json_array_get(below, 0), "unit"), "school");
  ck_assert_str_eq(JSTR(json_array_get(below, 0), "display"), "no"); /* PR-S3 wrote false */
  /* by level: primary S1 S2 2/2; lower_secondary S3 0/1; preschool S4 1/1; TH&THCS S5 none */
  json_t *lv = json_object_get(e, "by_level");
  ck_assert_real(json_object_get(lv, "primary"), "actual", 100.0);
  ck_assert_str_eq(JSTR(json_object_get(lv, "primary"), "status"), "met");
  ck_assert_real(json_object_get(lv, "lower_secondary"), "actual", 0.0);
  ck_assert_str_eq(JSTR(json_object_get(lv, "lower_secondary"), "status"), "not_met");
  ck_assert_int_eq(JINT(json_object_get(lv, "preschool"), "denominator"), 1);
  ck_assert_str_eq(JSTR(json_object_get(lv, "primary_lower_secondary"), "status"), "no_data");
  /* by commune: Xã A = S1 S2 → 2/2; Xã B = S3 false, S4 true, S5 missing → 1/3 = 33.33 */
  json_t *cm = json_object_get(e, "by_commune");
  ck_assert_real(json_object_get(cm, "Xã A"), "actual", 100.0);
  ck_assert_real(json_object_get(cm, "Xã B"), "actual", 33.33);
  ck_assert_int_eq(JINT(json_object_get(cm, "Xã B"), "numerator"), 1);
  ck_assert_int_eq(JINT(json_object_get(cm, "Xã B"), "denominator"), 3);
  /* CASHLESS_FEES > 50: S1 S2 S5 true of 5 = 60.00 → met */
  e = answer_indicator(r, "CASHLESS_FEES");
  ck_assert_real(e, "actual", 60.0);
  ck_assert_str_eq(JSTR(e, "status"), "met");
  ck_assert(json_is_null(json_object_get(e, "gap")));
  http_free(r);
}
END_TEST

START_TEST(each_school_mean_and_ratio_of_sums)
{
  http_resp *r = progress();
  /* SCHOOL_DOCS_ONLINE >= 90 each school: 95, 90, 89.99, 100 reported (S5 missing):
   * meeting S1 S2 S4 = 3 of 5 → actual 60.00 % of schools, not met, gap 100 − 60 = 40.00;
   * mean 374.99 / 4 = 93.7475 → 93.75 beside it */
  json_t *e = answer_indicator(r, "SCHOOL_DOCS_ONLINE");
  ck_assert_real(e, "actual", 60.0);
  ck_assert_real(e, "mean", 93.75);
  ck_assert_int_eq(JINT(e, "numerator"), 3);
  ck_assert_int_eq(JINT(e, "denominator"), 5);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 40.0);
  ck_assert_uint_eq(json_array_size(json_object_get(e, "below")), 1);
  ck_assert_real(json_array_get(json_object_get(e, "below"), 0), "value", 89.99);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "display"), "89.99%");
  /* by level: primary S1 95, S2 90 → 2/2 = 100.0, mean 92.5, met; lower_secondary S3 89.99 →
   * 0/1, mean 89.99; TH&THCS S5 has not reported → no data, no mean */
  json_t *lv = json_object_get(e, "by_level");
  ck_assert_real(json_object_get(lv, "primary"), "actual", 100.0);
  ck_assert_real(json_object_get(lv, "primary"), "mean", 92.5);
  ck_assert_str_eq(JSTR(json_object_get(lv, "primary"), "status"), "met");
  ck_assert_real(json_object_get(lv, "lower_secondary"), "actual", 0.0);
  ck_assert_real(json_object_get(lv, "lower_secondary"), "mean", 89.99);
  ck_assert_str_eq(JSTR(json_object_get(lv, "primary_lower_secondary"), "status"), "no_data");
  ck_assert(json_is_null(json_object_get(json_object_get(lv, "primary_lower_secondary"), "mean")));
  /* by commune: Xã B = S3 89.99, S4 100, S5 missing → 1 of 3 meets = 33.33; mean 189.99 / 2 =
   * 94.995 → 95.0 (half up) */
  json_t *cm = json_object_get(json_object_get(e, "by_commune"), "Xã B");
  ck_assert_real(cm, "actual", 33.33);
  ck_assert_real(cm, "mean", 95.0);
  ck_assert_str_eq(JSTR(cm, "status"), "not_met");
  /* ONLINE_CURRICULUM_SHARE_SECONDARY >= 7, mean over S3 (7.00) and S5 (6.99): 6.995 is shown
   * rounded as 7.00 but is below 7 exactly → not met, gap 0.01 (never 0 when not met) */
  e = answer_indicator(r, "ONLINE_CURRICULUM_SHARE_SECONDARY");
  ck_assert_real(e, "actual", 7.0);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 0.01);
  ck_assert(json_is_null(json_object_get(e, "mean"))); /* the actual is the mean */
  ck_assert(json_is_null(json_object_get(e, "numerator")));
  ck_assert_int_eq(JINT(e, "expected"), 2);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "code"), "PR-S5");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "display"), "6.99%");
  /* SATELLITE_SITES_HIGH_SPEED > 70: Σ 7+0+7+0 / Σ 10+0+10+0 = 14/20 = 70.00, not > 70 */
  e = answer_indicator(r, "SATELLITE_SITES_HIGH_SPEED");
  ck_assert_real(e, "actual", 70.0);
  ck_assert_int_eq(JINT(e, "numerator"), 14);
  ck_assert_int_eq(JINT(e, "denominator"), 20);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 0.01);
  ck_assert_uint_eq(json_array_size(json_object_get(e, "below")), 2); /* S1, S3 at exactly 70 */
  /* each wrote 7 of 10: 7/10 = 70 % */
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "code"), "PR-S1");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "display"), "7/10 (70%)");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 1), "display"), "7/10 (70%)");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "missing"), 0), "code"), "PR-S4");
  http_free(r);
}
END_TEST

START_TEST(office_value_computed_and_unreported_indicators)
{
  http_resp *r = progress();
  json_t *e = answer_indicator(r, "OFFICE_DOCS_ONLINE");
  ck_assert_real(e, "actual", 98.0);
  ck_assert_str_eq(JSTR(e, "status"), "met"); /* >= 98 by 98.00 */
  ck_assert_int_eq(JINT(e, "expected"), 1);
  ck_assert_int_eq(JINT(e, "reported"), 1);
  e = answer_indicator(r, "DT_SELF_ASSESSED"); /* no school has started an assessment */
  ck_assert_str_eq(JSTR(e, "status"), "no_data");
  ck_assert_int_eq(JINT(e, "expected"), 4); /* S1 S2 S3 S5; the preschool S4 does not assess */
  ck_assert_int_eq(JINT(e, "reported"), 0);
  ck_assert_ptr_nonnull(JSTR(e, "reason"));
  e = answer_indicator(r, "QUESTION_BANK_USE"); /* S3 and S5 should report; neither did */
  ck_assert_str_eq(JSTR(e, "status"), "no_data");
  ck_assert_int_eq(JINT(e, "expected"), 2);
  ck_assert_uint_eq(json_array_size(json_object_get(e, "missing")), 2);
  /* met: CASHLESS, OFFICE; not met: BROADBAND, SCHOOL_DOCS, CURRICULUM, SATELLITE; no data: 2 */
  json_t *s = json_object_get(r->json, "summary");
  ck_assert_int_eq(JINT(s, "met"), 2);
  ck_assert_int_eq(JINT(s, "not_met"), 4);
  ck_assert_int_eq(JINT(s, "no_data"), 2);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "indicators")), 8); /* the plan's */
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "indicators"), 0), "code"),
                   "BROADBAND_CONNECTED"); /* in plan order */
  ck_assert_str_eq(JSTR(json_object_get(r->json, "plan"), "document_ref"), "123/KH-PGDĐT");
  http_free(r);
}
END_TEST

START_TEST(comparator_boundary_and_etag_follow_changes)
{
  http_resp *before = progress();
  char etag[40], inm[80], path[128];
  snprintf(etag, sizeof(etag), "%s", http_header(before, "ETag"));
  snprintf(inm, sizeof(inm), "If-None-Match: %s", etag);
  const char *h[] = {inm, NULL};
  http_resp *r = http("GET", "/v1/districts/code:PR-D/progress?year=2024", reader_token, NULL, h);
  ck_assert_int_eq(r->status, 304);
  http_free(r);
  /* S5 reports broadband: 4 of 5 = 80.00 */
  r = http("PATCH", "/v1/schools/code:PR-S5/reports/2024", admin_token,
           "{\"values\":{\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("GET", "/v1/districts/code:PR-D/progress?year=2024", reader_token, NULL, h);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_ne(http_header(r, "ETag"), etag);
  ck_assert_real(answer_indicator(r, "BROADBAND_CONNECTED"), "actual", 80.0);
  http_free(r);
  /* `>` 70 is not met by 70.00, `>=` 70 is */
  snprintf(path, sizeof(path), "/v1/plans/%s", plan_id);
  http_resp *plan = http("GET", path, admin_token, NULL, NULL);
  json_t *targets = json_deep_copy(json_object_get(plan->json, "targets"));
  json_object_set_new(json_array_get(targets, 4), "comparator", json_string(">="));
  json_t *patch = json_pack("{s:o}", "targets", targets);
  char *text = json_dumps(patch, 0);
  r = http("PATCH", path, admin_token, text, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = progress();
  ck_assert_str_eq(JSTR(answer_indicator(r, "SATELLITE_SITES_HIGH_SPEED"), "status"), "met");
  ck_assert_uint_eq(json_array_size(json_object_get(answer_indicator(r, "SATELLITE_SITES_HIGH_SPEED"),
                                                   "below")), 0);
  http_free(r);
  json_object_set_new(json_array_get(targets, 4), "comparator", json_string(">"));
  free(text);
  text = json_dumps(patch, 0);
  r = http("PATCH", path, admin_token, text, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("PATCH", "/v1/schools/code:PR-S5/reports/2024", admin_token,
           "{\"values\":{\"BROADBAND_CONNECTED\":null}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  free(text);
  json_decref(patch);
  http_free(plan);
  http_free(before);
}
END_TEST

/* The answer to path (recorded) and to older (the older way, not recorded) are the same bytes. */
static void ck_same_csv(const char *path, const char *older, const char *const *headers)
{
  http_resp *a = http("GET", path, reader_token, NULL, NULL);
  http_resp *b = http_unrecorded("GET", older, reader_token, headers);
  ck_assert_msg(a->status == 200, "%s: %ld %s", path, a->status, a->body);
  ck_assert_int_eq(b->status, 200);
  ck_assert_str_eq(http_header(a, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_str_eq(http_header(b, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_uint_eq(a->body_len, b->body_len);
  ck_assert_int_eq(memcmp(a->body, b->body, a->body_len), 0);
  ck_assert_int_eq(memcmp(a->body, "\xEF\xBB\xBF", 3), 0);
  http_free(a);
  http_free(b);
}

START_TEST(csv_operations_answer_what_format_csv_answered)
{
  static const char *const accept[] = {"Accept: text/csv", NULL};
  http_resp *r;
  /* a list: a page, every row (streamed), and with lang and sep */
  ck_same_csv("/v1/schools.csv?limit=3&sort=code", "/v1/schools?limit=3&sort=code&format=csv",
              NULL);
  ck_same_csv("/v1/schools.csv?sort=code", "/v1/schools?sort=code&format=csv", NULL);
  ck_same_csv("/v1/schools.csv?sort=code", "/v1/schools?sort=code", accept);
  ck_same_csv("/v1/schools.csv?lang=vi&sep=semicolon",
              "/v1/schools?format=csv&lang=vi&sep=semicolon", NULL);
  /* a progress answer, and a school's scorecard */
  ck_same_csv("/v1/districts/code:PR-D/progress.csv?year=2024",
              "/v1/districts/code:PR-D/progress?year=2024&format=csv", NULL);
  ck_same_csv("/v1/districts/code:PR-D/progress.csv?year=2024",
              "/v1/districts/code:PR-D/progress?year=2024", accept);
  ck_same_csv("/v1/schools/code:PR-S1/scorecard.csv?year=2024",
              "/v1/schools/code:PR-S1/scorecard?year=2024&format=csv", NULL);
  /* HEAD of a .csv path is its GET without a body */
  r = http("HEAD", "/v1/schools.csv?limit=2", reader_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  http_free(r);
  /* .csv on a route that has no CSV form, or on no route at all: 404 */
  r = http("GET", "/v1/me.csv", reader_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("GET", "/v1/districts/code:PR-D.csv", reader_token, NULL, NULL);
  ck_assert_int_eq(r->status, 404);
  http_free(r);
  r = http("GET", "/v1/districts/code:PR-D/overview.csv?year=2024", reader_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("GET", "/v1/nothing.csv", reader_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  /* a .csv path is read-only, and says CSV itself: format is not one of its parameters */
  r = http("POST", "/v1/schools.csv", admin_token, "{}", NULL);
  ck_assert_problem(r, 405, "method-not-allowed");
  ck_assert_str_eq(http_header(r, "Allow"), "GET, HEAD, OPTIONS");
  http_free(r);
  r = http("GET", "/v1/schools.csv?format=json", reader_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_ptr_nonnull(strstr(r->body, "\"format\""));
  http_free(r);
}
END_TEST

START_TEST(csv_carries_the_same_figures_as_json)
{
  http_resp *j = progress();
  http_resp *c = http("GET", "/v1/districts/code:PR-D/progress.csv?year=2024", reader_token,
                      NULL, NULL);
  ck_assert_int_eq(c->status, 200);
  ck_assert_str_eq(http_header(c, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_int_eq(memcmp(c->body, "\xEF\xBB\xBF" "code,name_vi,name_en,source,target,comparator,"
                          "actual,numerator,denominator,status,gap,expected,reported,missing,below,"
                          "period,mean\r\n", 3 + 131), 0);
  /* every JSON entry has its row: the same figures from `source` on (names may be quoted) */
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(j->json, "indicators"), i, e) {
    char tail[512], target[32], actual[32], mean[32], num[32], den[32], gap[32];
    fmt_number(target, sizeof(target), json_object_get(e, "target"));
    fmt_number(actual, sizeof(actual), json_object_get(e, "actual"));
    fmt_number(mean, sizeof(mean), json_object_get(e, "mean"));
    fmt_number(num, sizeof(num), json_object_get(e, "numerator"));
    fmt_number(den, sizeof(den), json_object_get(e, "denominator"));
    fmt_number(gap, sizeof(gap), json_object_get(e, "gap"));
    snprintf(tail, sizeof(tail), ",%s,%s,%s,%s,%s,%s,%s,%s,%lld,%lld,%zu,%zu,%s,%s\r\n",
             JSTR(e, "source"), target, JSTR(e, "comparator"), actual, num, den,
             JSTR(e, "status"), gap, (long long)JINT(e, "expected"), (long long)JINT(e, "reported"),
             json_array_size(json_object_get(e, "missing")),
             json_array_size(json_object_get(e, "below")), JSTR(e, "period"), mean);
    ck_assert_msg(strstr(c->body, tail) != NULL, "no CSV row ending %s", tail);
  }
  /* hand-checked rows: broadband 3 of 5, 60 %, gap 40, 5 expected, 4 reported, 1 missing, 1
   * below, a school-year indicator, no mean; school documents 3 of 5 schools = 60 %, gap 40,
   * mean 93.75; the office */
  ck_assert_ptr_nonnull(strstr(c->body, ",school_report,100.0,>=,60.0,3,5,not_met,40.0,5,4,1,1,"
                                        "2023-2024,\r\n"));
  ck_assert_ptr_nonnull(strstr(c->body, ",school_report,90.0,>=,60.0,3,5,not_met,40.0,5,4,1,1,"
                                        "2023-2024,93.75\r\n"));
  ck_assert_ptr_nonnull(strstr(c->body, ",office_report,98.0,>=,98.0,,,met,,1,1,0,0,2024,\r\n"));
  http_free(j);
  http_free(c);
}
END_TEST

START_TEST(scorecard_of_one_school)
{
  http_resp *r = http("GET", "/v1/schools/code:PR-S3/scorecard?year=2024", reader_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  /* lower_secondary: broadband false, cashless false, docs 89.99 < 90, curriculum 7 >= 7,
   * satellite 7/10 = 70 not > 70, question bank not reported */
  json_t *s = json_object_get(r->json, "summary");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "indicators")), 6);
  ck_assert_int_eq(JINT(s, "met"), 1);
  ck_assert_int_eq(JINT(s, "not_met"), 4);
  ck_assert_int_eq(JINT(s, "no_data"), 1);
  ck_assert_str_eq(JSTR(answer_indicator(r, "ONLINE_CURRICULUM_SHARE_SECONDARY"), "status"), "met");
  ck_assert_str_eq(JSTR(answer_indicator(r, "QUESTION_BANK_USE"), "status"), "no_data");
  http_free(r);
  r = http("GET", "/v1/schools/code:PR-S3/scorecard?year=2023", reader_token, NULL, NULL);
  ck_assert_problem(r, 404, "no-plan"); /* no plan for 2023 */
  http_free(r);
  r = http("GET", "/v1/schools/code:PR-S3/scorecard", reader_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
}
END_TEST

START_TEST(all_districts_view_for_a_scoped_reader)
{
  http_resp *r = http("GET", "/v1/progress?year=2024", reader_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  json_t *districts = json_object_get(r->json, "districts");
  ck_assert_uint_eq(json_array_size(districts), 1); /* a district reader sees its own only */
  ck_assert_str_eq(JSTR(json_object_get(json_array_get(districts, 0), "district"), "code"), "PR-D");
  json_t *total = json_object_get(json_object_get(r->json, "total"), "indicators");
  json_t *broadband = json_array_get(total, 0);
  ck_assert_str_eq(JSTR(broadband, "code"), "BROADBAND_CONNECTED");
  ck_assert_real(broadband, "actual", 60.0);
  ck_assert_int_eq(JINT(broadband, "denominator"), 5);
  ck_assert_str_eq(JSTR(broadband, "status"), "not_met");
  http_free(r);
  /* answers are reused only while the data is the same: a new report shows at once */
  r = http("PATCH", "/v1/schools/code:PR-S5/reports/2024", admin_token,
           "{\"values\":{\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("GET", "/v1/progress?year=2024", reader_token, NULL, NULL);
  broadband = json_array_get(json_object_get(json_object_get(r->json, "total"), "indicators"), 0);
  ck_assert_real(broadband, "actual", 80.0); /* 4 of 5 */
  http_free(r);
  r = http("PATCH", "/v1/schools/code:PR-S5/reports/2024", admin_token,
           "{\"values\":{\"BROADBAND_CONNECTED\":null}}", NULL);
  http_free(r);
  r = http("GET", "/v1/progress?year=2024", reader_token, NULL, NULL);
  broadband = json_array_get(json_object_get(json_object_get(r->json, "total"), "indicators"), 0);
  ck_assert_real(broadband, "actual", 60.0);
  http_free(r);
  r = http("GET", "/v1/progress?year=1999", reader_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("GET", "/v1/districts/code:453/progress?year=2024", reader_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/districts/code:PR-D/progress?year=2023", reader_token, NULL, NULL);
  ck_assert_problem(r, 404, "no-plan");
  http_free(r);
}
END_TEST

/* The district PR-H of issue 15's finding: ten primary schools, five in Xã Một (H01..H05), five
 * in Xã Hai (H06..H10), a 2024 plan SCHOOL_DOCS_ONLINE >= 90 (each school) and CASHLESS_FEES
 * > 50 (share), and no plan for 2023. Returns its id. */
static char *make_honest_district(void)
{
  char body[1024], code[16], *id = make_district("PR-H", "Huyện Thật Thà", "Tỉnh T");
  for (int i = 1; i <= 10; i++) {
    snprintf(code, sizeof(code), "PR-H%02d", i);
    snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"Trường Tiểu học %d\","
             "\"level\":\"primary\",\"commune\":\"%s\",\"district_id\":\"%s\"}", code, i,
             i <= 5 ? "Xã Một" : "Xã Hai", id);
    http_resp *r = http("POST", "/v1/schools", admin_token, body, NULL);
    ck_assert_msg(r->status == 201, "%s: %s", code, r->body);
    http_free(r);
    /* documents: H01..H06 at 100, H07..H10 at 85; fees cashless at the odd ones */
    snprintf(body, sizeof(body), "{\"SCHOOL_DOCS_ONLINE\":%d,\"CASHLESS_FEES\":%s}",
             i <= 6 ? 100 : 85, i % 2 ? "true" : "false");
    put_values(code, body);
  }
  snprintf(body, sizeof(body),
           "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch 2024\",\"targets\":["
           "{\"indicator\":\"SCHOOL_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":90},"
           "{\"indicator\":\"CASHLESS_FEES\",\"comparator\":\">\",\"target\":50}]}", id);
  http_resp *r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "plan: %s", r->body);
  http_free(r);
  return id;
}

START_TEST(honest_figures_for_each_school_and_a_share_at_the_boundary)
{
  char *id = make_honest_district(), path[160];
  http_resp *r = http("GET", "/v1/districts/code:PR-H/progress?year=2024", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  /* SCHOOL_DOCS_ONLINE: 6 of 10 schools at 90 or more → actual 60.00 % of schools, not met,
   * gap 100 − 60 = 40.00 (4 schools); mean (6 × 100 + 4 × 85) / 10 = 94.00, above the target,
   * given beside; by commune Xã Một 5/5 = 100.0 (mean 100.0) met, Xã Hai 1/5 = 20.0, mean
   * (100 + 4 × 85) / 5 = 88.0 */
  json_t *e = answer_indicator(r, "SCHOOL_DOCS_ONLINE"), *cm;
  ck_assert_real(e, "actual", 60.0);
  ck_assert_real(e, "mean", 94.0);
  ck_assert_int_eq(JINT(e, "numerator"), 6);
  ck_assert_int_eq(JINT(e, "denominator"), 10);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 40.0);
  ck_assert_uint_eq(json_array_size(json_object_get(e, "below")), 4);
  cm = json_object_get(e, "by_commune");
  ck_assert_real(json_object_get(cm, "Xã Một"), "actual", 100.0);
  ck_assert_real(json_object_get(cm, "Xã Một"), "mean", 100.0);
  ck_assert_str_eq(JSTR(json_object_get(cm, "Xã Một"), "status"), "met");
  ck_assert_real(json_object_get(cm, "Xã Hai"), "actual", 20.0);
  ck_assert_real(json_object_get(cm, "Xã Hai"), "mean", 88.0);
  ck_assert_str_eq(JSTR(json_object_get(cm, "Xã Hai"), "status"), "not_met");
  /* CASHLESS_FEES > 50: H01 H03 H05 H07 H09 = 5 of 10 = 50.00, not > 50: not met, gap 0.01 (the
   * smallest step, never 0); no mean for a share; Xã Một 3/5 = 60.0 met, Xã Hai 2/5 = 40.0 */
  e = answer_indicator(r, "CASHLESS_FEES");
  ck_assert_real(e, "actual", 50.0);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 0.01);
  ck_assert(json_is_null(json_object_get(e, "mean")));
  cm = json_object_get(e, "by_commune");
  ck_assert_real(json_object_get(cm, "Xã Một"), "actual", 60.0);
  ck_assert_str_eq(JSTR(json_object_get(cm, "Xã Một"), "status"), "met");
  ck_assert_real(json_object_get(cm, "Xã Hai"), "actual", 40.0);
  http_free(r);
  ck_progress_agrees("PR-H", 2024);
  /* the district's CSV rows: 0 missing, 4 and 5 below */
  r = http("GET", "/v1/districts/code:PR-H/progress.csv?year=2024", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, ",school_report,90.0,>=,60.0,6,10,not_met,40.0,10,10,0,4,"
                               "2023-2024,94.0\r\n"));
  ck_assert_ptr_nonnull(strstr(r->body, ",school_report,50.0,>,50.0,5,10,not_met,0.01,10,10,0,5,"
                               "2023-2024,\r\n"));
  http_free(r);
  /* the all-districts answer for PR-H alone: the same entry, and a total of the same figures */
  snprintf(path, sizeof(path), "/v1/progress?year=2024&district_id=%s", id);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_null(json_object_get(r->json, "no_plan")));
  e = progress_entry(json_object_get(json_object_get(r->json, "total"), "indicators"),
                     "SCHOOL_DOCS_ONLINE");
  ck_assert_real(e, "actual", 60.0);
  ck_assert_real(e, "mean", 94.0);
  ck_assert_int_eq(JINT(e, "numerator"), 6);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/progress.csv?year=2024&district_id=%s", id);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, "\xEF\xBB\xBF" "district_code,district_name,code,target,"
                               "comparator,actual,numerator,denominator,status,gap,expected,"
                               "reported,period,mean\r\n"));
  ck_assert_ptr_nonnull(strstr(r->body, "PR-H,Huyện Thật Thà,SCHOOL_DOCS_ONLINE,90.0,>=,60.0,"
                               "6,10,not_met,40.0,10,10,2023-2024,94.0\r\n"));
  http_free(r);
  free(id);
}
END_TEST

START_TEST(a_year_without_a_plan_answers_alike)
{
  char path[160], *id;
  http_resp *r = http("GET", "/v1/districts/code:PR-D", admin_token, NULL, NULL);
  id = strdup(JSTR(r->json, "id"));
  http_free(r);
  /* one district's progress, JSON or CSV, and a school's scorecard: 404 no-plan naming the
   * year as the field */
  static const char *const paths[] = {"/v1/districts/code:PR-D/progress?year=2023",
                                      "/v1/districts/code:PR-D/progress.csv?year=2023",
                                      "/v1/schools/code:PR-S1/scorecard?year=2023",
                                      "/v1/schools/code:PR-S1/scorecard.csv?year=2023"};
  for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
    r = http("GET", paths[i], reader_token, NULL, NULL);
    ck_assert_problem(r, 404, "no-plan");
    ck_assert_str_eq(JSTR(r->json, "title"), "No plan for this year");
    json_t *err = json_array_get(json_object_get(r->json, "errors"), 0);
    ck_assert_str_eq(JSTR(err, "field"), "year");
    ck_assert_str_eq(JSTR(err, "message"), "no plan for 2023");
    ck_assert_str_eq(JSTR(r->json, "detail"), i < 2 ? "district 'PR-D' has no plan for 2023"
                                                    : "the district of school 'PR-S1' has no plan "
                                                      "for 2023");
    http_free(r);
  }
  /* an unknown district stays not-found */
  r = http("GET", "/v1/districts/code:NO-SUCH/progress?year=2023", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  /* the all-districts list stays 200 with no district, and says why in the same words */
  r = http("GET", "/v1/progress?year=2023", reader_token, NULL, NULL); /* PR-D's reader */
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "districts")), 0);
  json_t *np = json_object_get(r->json, "no_plan");
  ck_assert_str_eq(JSTR(np, "type"), "urn:edudx:problem:no-plan");
  ck_assert_int_eq(JINT(np, "year"), 2023);
  ck_assert_str_eq(JSTR(np, "detail"), "no district this answer covers has a plan for 2023");
  ck_assert_uint_eq(json_array_size(json_object_get(json_object_get(r->json, "total"),
                                                    "indicators")), 0);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/progress?year=2023&district_id=%s", id);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(json_object_get(r->json, "no_plan"), "year"), 2023);
  http_free(r);
  /* and with the plan's year, no_plan is null */
  r = http("GET", "/v1/progress?year=2024", reader_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_null(json_object_get(r->json, "no_plan")));
  http_free(r);
  free(id);
}
END_TEST

Suite *progress_suite(void)
{
  Suite *s = suite_create("progress");
  TCase *tc = tcase_create("progress");
  tcase_set_timeout(tc, 30);
  /* unchecked: runs once in the runner's process, so every forked test sees the district */
  tcase_add_unchecked_fixture(tc, make_district_once, NULL);
  tcase_add_test(tc, share_with_missing_schools_and_breakdowns);
  tcase_add_test(tc, each_school_mean_and_ratio_of_sums);
  tcase_add_test(tc, office_value_computed_and_unreported_indicators);
  tcase_add_test(tc, comparator_boundary_and_etag_follow_changes);
  tcase_add_test(tc, csv_carries_the_same_figures_as_json);
  tcase_add_test(tc, csv_operations_answer_what_format_csv_answered);
  tcase_add_test(tc, scorecard_of_one_school);
  tcase_add_test(tc, all_districts_view_for_a_scoped_reader);
  tcase_add_test(tc, honest_figures_for_each_school_and_a_share_at_the_boundary);
  tcase_add_test(tc, a_year_without_a_plan_answers_alike);
  suite_add_tcase(s, tc);
  return s;
}
