/* test_dashboard.c — the dashboard endpoints on a hand-made district DB-D whose figures are
 * worked out in the comments: three active schools (S1, S2 primary, S3 lower secondary) and an
 * inactive one (S4), plans for 2022 and 2024 but none for 2023, reports, one assessment, one
 * procedure with an overdue and a not-yet-due dossier. The overview (its parts equal to the
 * endpoints it stands for), the series (a year without a plan) and the scorecards. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *dashboard_suite(void);

static char *district_id, *reader_token, *school_token, *other_reader, *school_ids[4];

#define REAL(j, key) json_number_value(json_object_get((j), (key)))
#define ck_assert_real(j, key, v) ck_assert_double_eq_tol(REAL(j, key), (v), 0.0001)

static void ok(http_resp *r, long status)
{
  ck_assert_msg(r->status == status, "%ld %s", r->status, r->body);
  http_free(r);
}

static void put_report(const char *school_code, int year, const char *values)
{
  char path[128], body[512];
  snprintf(path, sizeof(path), "/v1/schools/code:%s/reports/%d", school_code, year);
  snprintf(body, sizeof(body), "{\"values\":%s}", values);
  ok(http("PUT", path, admin_token, body, NULL), 200);
}

static void post_plan(int year, const char *targets)
{
  char body[1024];
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":%d,\"title\":\"Kế hoạch %d\","
           "\"targets\":%s}", district_id, year, year, targets);
  ok(http("POST", "/v1/plans", admin_token, body, NULL), 201);
}

static void make_district_once(void)
{
  static const char *const schools[][2] = {{"DB-S1", "primary"}, {"DB-S2", "primary"},
                                           {"DB-S3", "lower_secondary"}, {"DB-S4", "primary"}};
  char body[256];
  district_id = make_district("DB-D", "Huyện Bảng Tin", "Tỉnh T");
  free(make_district("DB-O", "Huyện Khác", "Tỉnh T"));
  for (int i = 0; i < 4; i++)
    school_ids[i] = new_school(district_id, schools[i][0], schools[i][1],
                               i == 3 ? ",\"active\":false" : "");
  post_plan(2022, "[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":50}]");
  post_plan(2024, "[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":100},"
                  "{\"indicator\":\"OFFICE_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":98},"
                  "{\"indicator\":\"SCHOOL_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":90}]");
  put_report("DB-S1", 2022, "{\"BROADBAND_CONNECTED\":true}");
  put_report("DB-S2", 2022, "{\"BROADBAND_CONNECTED\":false}");
  put_report("DB-S3", 2022, "{\"BROADBAND_CONNECTED\":false}");
  put_report("DB-S1", 2024, "{\"BROADBAND_CONNECTED\":true}");
  put_report("DB-S2", 2024, "{\"BROADBAND_CONNECTED\":true}");
  put_report("DB-S3", 2024, "{\"BROADBAND_CONNECTED\":false}");
  put_report("DB-S4", 2024, "{\"BROADBAND_CONNECTED\":false}"); /* inactive: not counted */
  ok(http("PUT", "/v1/districts/code:DB-D/reports/2024", admin_token,
          "{\"values\":{\"OFFICE_DOCS_ONLINE\":99}}", NULL), 200);
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":2024}", school_ids[0]);
  ok(http("POST", "/v1/assessments", admin_token, body, NULL), 201);
  char *p = new_procedure(district_id, "DB-P.1", "Thủ tục ba ngày", ",\"statutory_days\":3");
  /* received 2024-03-01, due 2024-03-06, still open: overdue now */
  free(new_dossier(district_id, p, "DB/001", "online", "2024-03-01T09:00:00Z", ""));
  /* due 2099: not overdue */
  free(new_dossier(district_id, p, "DB/002", "in_person", "2024-03-04T09:00:00Z",
                   ",\"due_at\":\"2099-03-20T17:00:00Z\""));
  free(p);
  reader_token = mint_scoped("reader", "district_id", district_id);
  school_token = mint_scoped("school", "school_id", school_ids[0]);
  other_reader = mint_token(admin_token, "{\"role\":\"reader\"}", NULL);
}

/* A reader of the other district (DB-O). */
static char *reader_of_other(void)
{
  http_resp *r = http("GET", "/v1/districts/code:DB-O", admin_token, NULL, NULL);
  char *t = mint_scoped("reader", "district_id", JSTR(r->json, "id"));
  http_free(r);
  return t;
}

static http_resp *get_ok(const char *path, const char *token)
{
  http_resp *r = http("GET", path, token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  return r;
}

static json_t *entry_of(const json_t *list, const char *code)
{
  return progress_entry(list, code);
}

START_TEST(overview_has_the_four_answers_and_the_late_counts)
{
  http_resp *r = get_ok("/v1/districts/code:DB-D/overview?year=2024", reader_token);
  json_t *me = json_object_get(r->json, "me"), *p = json_object_get(r->json, "progress");
  ck_assert_str_eq(JSTR(json_object_get(r->json, "district"), "code"), "DB-D");
  ck_assert_int_eq(JINT(r->json, "year"), 2024);
  ck_assert_str_eq(JSTR(me, "role"), "reader");
  ck_assert_str_eq(JSTR(me, "district_id"), district_id);
  /* progress: BROADBAND S1 S2 true, S3 false (S4 inactive) → 2/3 = 66.67 < 100 not_met;
   * OFFICE_DOCS_ONLINE 99 >= 98 met; SCHOOL_DOCS_ONLINE nobody reported → no_data */
  ck_assert_str_eq(JSTR(json_object_get(p, "plan"), "title"), "Kế hoạch 2024");
  json_t *s = json_object_get(p, "summary"), *ind = json_object_get(p, "indicators");
  ck_assert_int_eq(JINT(s, "met"), 1);
  ck_assert_int_eq(JINT(s, "not_met"), 1);
  ck_assert_int_eq(JINT(s, "no_data"), 1);
  ck_assert_uint_eq(json_array_size(ind), 3);
  json_t *bb = entry_of(ind, "BROADBAND_CONNECTED"), *od = entry_of(ind, "OFFICE_DOCS_ONLINE");
  ck_assert_real(bb, "actual", 66.67);
  ck_assert_real(bb, "target", 100.0);
  ck_assert_str_eq(JSTR(bb, "status"), "not_met");
  ck_assert_real(od, "actual", 99.0);
  ck_assert_str_eq(JSTR(od, "status"), "met");
  ck_assert_str_eq(JSTR(entry_of(ind, "SCHOOL_DOCS_ONLINE"), "status"), "no_data");
  ck_assert(json_is_null(json_object_get(entry_of(ind, "SCHOOL_DOCS_ONLINE"), "actual")));
  ck_assert_ptr_null(json_object_get(bb, "missing")); /* the brief leaves details out */
  /* assessments: S1 S2 S3 general-education and active; S1 draft, S2 S3 not started; 2024's
   * deadlines are past: late_submission S1 S2 S3, late_recognition S1 S2 S3 */
  json_t *a = json_object_get(r->json, "assessments");
  ck_assert_int_eq(JINT(a, "schools"), 3);
  ck_assert_int_eq(JINT(json_object_get(a, "by_state"), "draft"), 1);
  ck_assert_int_eq(JINT(json_object_get(a, "by_state"), "not_started"), 2);
  ck_assert_int_eq(JINT(json_object_get(a, "by_status"), "draft"), 1); /* issue 15's word */
  ck_assert_int_eq(JINT(json_object_get(a, "by_status"), "not_started"), 2);
  /* procedure metrics total: 2 dossiers received in 2024, 1 online (50 %), 1 overdue now */
  json_t *m = json_object_get(r->json, "procedure_metrics");
  ck_assert_int_eq(JINT(m, "dossiers"), 2);
  ck_assert_int_eq(JINT(json_object_get(m, "online"), "numerator"), 1);
  ck_assert_real(json_object_get(m, "online"), "rate", 50.0);
  ck_assert_int_eq(JINT(m, "overdue_now"), 1);
  json_t *late = json_object_get(r->json, "late");
  ck_assert_int_eq(JINT(late, "overdue_dossiers"), 1);
  ck_assert_int_eq(JINT(late, "late_submission"), 3);
  ck_assert_int_eq(JINT(late, "late_recognition"), 3);
  http_free(r);
}
END_TEST

/* Each part equals what its own endpoint answers. */
START_TEST(overview_parts_equal_their_endpoints)
{
  http_resp *r = get_ok("/v1/districts/code:DB-D/overview?year=2024", reader_token);
  http_resp *me = get_ok("/v1/me", reader_token);
  http_resp *a = get_ok("/v1/districts/code:DB-D/assessments/overview?year=2024", reader_token);
  http_resp *m = get_ok("/v1/districts/code:DB-D/procedure-metrics?year=2024", reader_token);
  http_resp *p = get_ok("/v1/districts/code:DB-D/progress?year=2024", reader_token);
  static const char *const keys[] = {"code", "actual", "target", "comparator", "status"};
  json_t *e;
  size_t i;
  ck_assert(json_equal(json_object_get(r->json, "me"), me->json));
  ck_assert(json_equal(json_object_get(r->json, "assessments"), a->json));
  ck_assert(json_equal(json_object_get(r->json, "procedure_metrics"),
                       json_object_get(m->json, "total")));
  ck_assert(json_equal(json_object_get(json_object_get(r->json, "progress"), "summary"),
                       json_object_get(p->json, "summary")));
  ck_assert(json_equal(json_object_get(json_object_get(r->json, "progress"), "plan"),
                       json_object_get(p->json, "plan")));
  json_array_foreach(json_object_get(p->json, "indicators"), i, e) {
    json_t *b = json_array_get(json_object_get(json_object_get(r->json, "progress"),
                                               "indicators"), i);
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
      ck_assert_msg(json_equal(json_object_get(b, keys[k]), json_object_get(e, keys[k])),
                    "%s.%s", JSTR(e, "code"), keys[k]);
  }
  http_free(r);
  http_free(me);
  http_free(a);
  http_free(m);
  http_free(p);
}
END_TEST

START_TEST(overview_school_year_etag_and_no_plan)
{
  http_resp *r = get_ok("/v1/districts/code:DB-D/overview?year=2024", reader_token);
  http_resp *sy = get_ok("/v1/districts/code:DB-D/overview?year=2023-2024", reader_token);
  char inm[160];
  ck_assert_str_eq(r->body, sy->body); /* the school year 2023-2024 is plan year 2024 */
  ck_assert_ptr_nonnull(http_header(r, "ETag"));
  snprintf(inm, sizeof(inm), "If-None-Match: %s", http_header(r, "ETag"));
  const char *headers[] = {inm, NULL};
  http_resp *nm = http("GET", "/v1/districts/code:DB-D/overview?year=2024", reader_token, NULL,
                       headers);
  ck_assert_int_eq(nm->status, 304);
  http_free(nm);
  http_free(r);
  http_free(sy);
  /* 2023 has no plan: the other parts still answer, progress says so with plan null */
  r = get_ok("/v1/districts/code:DB-D/overview?year=2023", reader_token);
  json_t *p = json_object_get(r->json, "progress");
  ck_assert(json_is_null(json_object_get(p, "plan")));
  ck_assert_int_eq(JINT(json_object_get(p, "summary"), "met"), 0);
  ck_assert_uint_eq(json_array_size(json_object_get(p, "indicators")), 0);
  /* no dossier received in 2023; the one overdue now is overdue whatever the year */
  ck_assert_int_eq(JINT(json_object_get(r->json, "procedure_metrics"), "dossiers"), 0);
  ck_assert_int_eq(JINT(json_object_get(r->json, "late"), "overdue_dossiers"), 1);
  http_free(r);
}
END_TEST

START_TEST(overview_refuses_bad_years_and_foreign_callers)
{
  static const char *const bad[] = {"", "?year=20x4", "?year=2023-2025", "?year=1999"};
  char path[128];
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    snprintf(path, sizeof(path), "/v1/districts/code:DB-D/overview%s", bad[i]);
    http_resp *r = http("GET", path, reader_token, NULL, NULL);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, "year"), "%s", path);
    http_free(r);
  }
  http_resp *r = http("GET", "/v1/districts/code:DB-D/overview?year=2024&format=csv",
                      reader_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "format"));
  http_free(r);
  r = http("GET", "/v1/districts/code:DB-D/overview?year=2024", school_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  char *foreign = reader_of_other();
  r = http("GET", "/v1/districts/code:DB-D/overview?year=2024", foreign, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(foreign);
  r = http("GET", "/v1/districts/code:NO-SUCH/overview?year=2024", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  /* an unscoped reader sees it */
  http_free(get_ok("/v1/districts/code:DB-D/overview?year=2024", other_reader));
}
END_TEST

/* The value of row code for year in a series answer. */
static json_t *series_value(const http_resp *r, const char *code, int year)
{
  json_t *row = progress_entry(json_object_get(r->json, "indicators"), code), *v;
  size_t i;
  json_array_foreach(json_object_get(row, "values"), i, v)
    if (JINT(v, "year") == year)
      return v;
  ck_abort_msg("no %d in %s", year, code);
  return NULL;
}

START_TEST(series_per_indicator_and_year)
{
  http_resp *r = get_ok("/v1/districts/code:DB-D/progress/series?from=2022&to=2024",
                        reader_token);
  json_t *years = json_object_get(r->json, "years"), *rows = json_object_get(r->json, "indicators");
  ck_assert_str_eq(JSTR(json_object_get(r->json, "district"), "code"), "DB-D");
  ck_assert_int_eq(JINT(r->json, "from"), 2022);
  ck_assert_int_eq(JINT(r->json, "to"), 2024);
  ck_assert_uint_eq(json_array_size(years), 3);
  /* 2022: BROADBAND S1 true, S2 S3 false → 1/3 = 33.33 < 50 not_met */
  ck_assert_str_eq(JSTR(json_object_get(json_array_get(years, 0), "plan"), "title"),
                   "Kế hoạch 2022");
  ck_assert_int_eq(JINT(json_object_get(json_array_get(years, 0), "summary"), "not_met"), 1);
  /* 2023 has no plan */
  ck_assert_int_eq(JINT(json_array_get(years, 1), "year"), 2023);
  ck_assert(json_is_null(json_object_get(json_array_get(years, 1), "plan")));
  ck_assert_int_eq(JINT(json_object_get(json_array_get(years, 2), "summary"), "no_data"), 1);
  /* rows in order of first appearance: BROADBAND (2022), then the 2024 plan's other two */
  ck_assert_uint_eq(json_array_size(rows), 3);
  ck_assert_str_eq(JSTR(json_array_get(rows, 0), "code"), "BROADBAND_CONNECTED");
  ck_assert_str_eq(JSTR(json_array_get(rows, 1), "code"), "OFFICE_DOCS_ONLINE");
  ck_assert_str_eq(JSTR(json_array_get(rows, 2), "code"), "SCHOOL_DOCS_ONLINE");
  json_t *v = series_value(r, "BROADBAND_CONNECTED", 2022);
  ck_assert(json_is_true(json_object_get(v, "in_plan")));
  ck_assert_real(v, "actual", 33.33);
  ck_assert_real(v, "target", 50.0);
  ck_assert_str_eq(JSTR(v, "status"), "not_met");
  v = series_value(r, "BROADBAND_CONNECTED", 2023);
  ck_assert(json_is_false(json_object_get(v, "in_plan")));
  ck_assert(json_is_null(json_object_get(v, "actual")));
  ck_assert(json_is_null(json_object_get(v, "status")));
  v = series_value(r, "BROADBAND_CONNECTED", 2024); /* 2/3 = 66.67 < 100 */
  ck_assert_real(v, "actual", 66.67);
  ck_assert_real(v, "target", 100.0);
  ck_assert_str_eq(JSTR(v, "status"), "not_met");
  v = series_value(r, "OFFICE_DOCS_ONLINE", 2022); /* not in the 2022 plan */
  ck_assert(json_is_false(json_object_get(v, "in_plan")));
  ck_assert(json_is_null(json_object_get(v, "target")));
  v = series_value(r, "OFFICE_DOCS_ONLINE", 2024); /* 99 >= 98 */
  ck_assert_real(v, "actual", 99.0);
  ck_assert_str_eq(JSTR(v, "status"), "met");
  ck_assert_str_eq(JSTR(series_value(r, "SCHOOL_DOCS_ONLINE", 2024), "status"), "no_data");
  http_free(r);
}
END_TEST

START_TEST(series_years_school_years_and_etag)
{
  /* one year; 2023-2024 is plan year 2024 */
  http_resp *r = get_ok("/v1/districts/code:DB-D/progress/series?from=2024&to=2023-2024",
                        reader_token);
  char inm[160];
  ck_assert_int_eq(JINT(r->json, "from"), 2024);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "years")), 1);
  ck_assert_uint_eq(json_array_size(json_object_get(
                      json_array_get(json_object_get(r->json, "indicators"), 0), "values")), 1);
  snprintf(inm, sizeof(inm), "If-None-Match: %s", http_header(r, "ETag"));
  const char *headers[] = {inm, NULL};
  http_resp *nm = http("GET", "/v1/districts/code:DB-D/progress/series?from=2024&to=2024",
                       reader_token, NULL, headers);
  ck_assert_int_eq(nm->status, 304);
  http_free(nm);
  http_free(r);
  /* 20 years, the most, none with a plan: every year's plan null and no rows */
  r = get_ok("/v1/districts/code:DB-D/progress/series?from=2001&to=2020", reader_token);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "years")), 20);
  ck_assert(json_is_null(json_object_get(json_array_get(json_object_get(r->json, "years"), 19),
                                         "plan")));
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "indicators")), 0);
  http_free(r);
}
END_TEST

START_TEST(series_refuses_bad_ranges_and_foreign_callers)
{
  static const char *const bad[][2] = {
    {"?to=2024", "from"}, {"?from=2022", "to"}, {"?from=2024&to=2022", "to"},
    {"?from=2000&to=2020", "to"} /* 21 years */, {"?from=20x2&to=2024", "from"},
    {"?from=2022&to=2101", "to"}, {"?from=2022&to=2024&year=2024", "year"}};
  char path[160];
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    snprintf(path, sizeof(path), "/v1/districts/code:DB-D/progress/series%s", bad[i][0]);
    http_resp *r = http("GET", path, reader_token, NULL, NULL);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, bad[i][1]), "%s: %s", path, r->body);
    http_free(r);
  }
  char *foreign = reader_of_other();
  http_resp *r = http("GET", "/v1/districts/code:DB-D/progress/series?from=2022&to=2024", foreign,
                      NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(foreign);
  r = http("GET", "/v1/districts/code:NO-SUCH/progress/series?from=2022&to=2024", admin_token,
           NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  /* a school token sees its district's progress, so its series too */
  http_free(get_ok("/v1/districts/code:DB-D/progress/series?from=2022&to=2024", school_token));
}
END_TEST

START_TEST(scorecards_of_every_active_school)
{
  http_resp *r = get_ok("/v1/districts/code:DB-D/scorecards?year=2024", reader_token);
  json_t *items = json_object_get(r->json, "items");
  ck_assert_str_eq(JSTR(json_object_get(r->json, "district"), "code"), "DB-D");
  ck_assert_int_eq(JINT(r->json, "year"), 2024);
  /* S1 S2 S3 by code; S4 is inactive */
  ck_assert_int_eq(JINT(r->json, "total"), 3);
  ck_assert_uint_eq(json_array_size(items), 3);
  static const char *const codes[] = {"DB-S1", "DB-S2", "DB-S3"};
  for (size_t i = 0; i < 3; i++) {
    json_t *card = json_array_get(items, i);
    char path[128];
    ck_assert_str_eq(JSTR(json_object_get(card, "school"), "code"), codes[i]);
    /* each one is what the school's own scorecard answers */
    snprintf(path, sizeof(path), "/v1/schools/code:%s/scorecard?year=2024", codes[i]);
    http_resp *one = get_ok(path, admin_token);
    ck_assert_msg(json_equal(card, one->json), "%s differs from its scorecard", codes[i]);
    http_free(one);
  }
  /* the school-reported targets only (not OFFICE_DOCS_ONLINE): S1 BROADBAND true → met,
   * SCHOOL_DOCS_ONLINE unreported → no_data; S3 BROADBAND false → not_met */
  json_t *s1 = json_array_get(items, 0), *s3 = json_array_get(items, 2);
  ck_assert_uint_eq(json_array_size(json_object_get(s1, "indicators")), 2);
  json_t *bb1 = progress_entry(json_object_get(s1, "indicators"), "BROADBAND_CONNECTED");
  ck_assert(json_is_true(json_object_get(bb1, "value")));
  ck_assert_str_eq(JSTR(bb1, "status"), "met");
  ck_assert_int_eq(JINT(json_object_get(s1, "summary"), "met"), 1);
  ck_assert_int_eq(JINT(json_object_get(s1, "summary"), "no_data"), 1);
  ck_assert_str_eq(JSTR(progress_entry(json_object_get(s3, "indicators"), "BROADBAND_CONNECTED"),
                        "status"), "not_met");
  ck_assert_int_eq(JINT(json_object_get(s3, "summary"), "not_met"), 1);
  ck_assert_str_eq(JSTR(json_object_get(s3, "plan"), "title"), "Kế hoạch 2024");
  http_free(r);
}
END_TEST

START_TEST(scorecards_csv_etag_and_refusals)
{
  http_resp *r = get_ok("/v1/districts/code:DB-D/scorecards.csv?year=2023-2024",
                        reader_token);
  char inm[160];
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  /* BOM, header, 3 schools × 2 school-reported targets = 6 rows */
  ck_assert(strncmp(r->body, "\xEF\xBB\xBFschool_code,school_name,code,target,comparator,value,"
                             "status\r\n", 64) == 0);
  size_t lines = 0;
  for (const char *c = r->body; *c; c++)
    lines += *c == '\n';
  ck_assert_uint_eq(lines, 7);
  ck_assert_ptr_nonnull(strstr(r->body, "\r\nDB-S3,Trường DB-S3,BROADBAND_CONNECTED,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",false,not_met\r\n"));
  http_free(r);
  /* sep=semicolon: the same 7 lines, the header's names and the fields separated by ';' */
  r = get_ok("/v1/districts/code:DB-D/scorecards.csv?year=2024&sep=semicolon", reader_token);
  ck_assert(strncmp(r->body, "\xEF\xBB\xBFschool_code;school_name;code;target;comparator;value;"
                             "status\r\n", 64) == 0);
  ck_assert_ptr_nonnull(strstr(r->body, "\r\nDB-S3;Trường DB-S3;BROADBAND_CONNECTED;"));
  ck_assert_ptr_nonnull(strstr(r->body, ";false;not_met\r\n"));
  http_free(r);
  /* on the .csv path: a separator other than comma or semicolon is a 400 naming sep, as on
   * every CSV operation, and format is an unknown parameter (the path says CSV) */
  static const char *const bad_csv[][2] = {{"?year=2024&sep=tab", "sep"},
                                           {"?year=2024&format=csv", "format"}};
  for (size_t i = 0; i < sizeof(bad_csv) / sizeof(bad_csv[0]); i++) {
    char csv_path[128];
    snprintf(csv_path, sizeof(csv_path), "/v1/districts/code:DB-D/scorecards.csv%s",
             bad_csv[i][0]);
    r = http("GET", csv_path, reader_token, NULL, NULL);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, bad_csv[i][1]), "%s: %s", csv_path, r->body);
    http_free(r);
  }
  r = get_ok("/v1/districts/code:DB-D/scorecards?year=2024", reader_token);
  snprintf(inm, sizeof(inm), "If-None-Match: %s", http_header(r, "ETag"));
  const char *headers[] = {inm, NULL};
  http_resp *nm = http("GET", "/v1/districts/code:DB-D/scorecards?year=2024", reader_token, NULL,
                       headers);
  ck_assert_int_eq(nm->status, 304);
  http_free(nm);
  http_free(r);
  /* 2023 has no plan: 404, as the school's own scorecard */
  r = http("GET", "/v1/districts/code:DB-D/scorecards?year=2023", reader_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  static const char *const bad[][2] = {{"", "year"}, {"?year=abc", "year"},
                                       {"?year=2024&format=xml", "format"},
                                       {"?year=2024&sep=tab", "sep"},
                                       {"?year=2024&limit=10", "limit"}};
  char path[128];
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    snprintf(path, sizeof(path), "/v1/districts/code:DB-D/scorecards%s", bad[i][0]);
    r = http("GET", path, reader_token, NULL, NULL);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, bad[i][1]), "%s: %s", path, r->body);
    http_free(r);
  }
  /* a school token sees its own scorecard, not every school's */
  r = http("GET", "/v1/districts/code:DB-D/scorecards?year=2024", school_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  char *foreign = reader_of_other();
  r = http("GET", "/v1/districts/code:DB-D/scorecards?year=2024", foreign, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(foreign);
}
END_TEST

Suite *dashboard_suite(void)
{
  Suite *s = suite_create("dashboard");
  TCase *tc = tcase_create("dashboard");
  tcase_set_timeout(tc, 30);
  tcase_add_unchecked_fixture(tc, make_district_once, NULL);
  tcase_add_test(tc, overview_has_the_four_answers_and_the_late_counts);
  tcase_add_test(tc, overview_parts_equal_their_endpoints);
  tcase_add_test(tc, overview_school_year_etag_and_no_plan);
  tcase_add_test(tc, overview_refuses_bad_years_and_foreign_callers);
  tcase_add_test(tc, series_per_indicator_and_year);
  tcase_add_test(tc, series_years_school_years_and_etag);
  tcase_add_test(tc, series_refuses_bad_ranges_and_foreign_callers);
  tcase_add_test(tc, scorecards_of_every_active_school);
  tcase_add_test(tc, scorecards_csv_etag_and_refusals);
  suite_add_tcase(s, tc);
  return s;
}
