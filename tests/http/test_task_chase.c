/* test_task_chase.c — the district's task overview and reminders (issue 16) on a hand-made
 * district of plan year 2024 (every date of it past) with every kind of reminder:
 * schools S1, S2 (primary, active) and S3 (primary, deactivated after the tasks were made);
 * tasks T1 (III, office_and_schools, due 2024-06-15), T2 (III, schools, year_end), T3 (V, office,
 * continuous) and T4 (V, office, due 10 days after today in Vietnam); a 2024 plan with one
 * school-reported target that S1 reported and S2 did not; S1's self-assessment left in draft, S2
 * with none; one open dossier received 2024-03-01 (overdue). Counts worked out by hand below. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "testutil.h"

Suite *task_chase_http_suite(void);

static char *post_task(const char *body)
{
  http_resp *r = http("POST", "/v1/tasks", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "POST /v1/tasks: %ld %s", r->status, r->body);
  char *id = strdup(JSTR(r->json, "id"));
  http_free(r);
  return id;
}

/* Sets the status of school's (NULL: the office's) assignment in task, as admin. */
static void set_status(const char *task, const char *school, const char *status)
{
  char path[300], im[160], body[80];
  http_resp *r;
  snprintf(path, sizeof(path), "/v1/tasks/%s/assignments", task);
  r = http("GET", path, admin_token, NULL, NULL);
  json_t *a, *found = NULL;
  size_t i;
  json_array_foreach(json_object_get(r->json, "items"), i, a) {
    const char *s = JSTR(a, "school_id");
    if ((!school && !s) || (school && s && strcmp(s, school) == 0))
      found = a;
  }
  ck_assert_ptr_nonnull(found);
  snprintf(path, sizeof(path), "/v1/tasks/%s/assignments/%s", task, JSTR(found, "id"));
  http_free(r);
  r = http("GET", path, admin_token, NULL, NULL);
  snprintf(im, sizeof(im), "If-Match: %s", http_header(r, "ETag"));
  http_free(r);
  const char *h[] = {im, NULL};
  snprintf(body, sizeof(body), "{\"status\":\"%s\"}", status);
  r = http("PATCH", path, admin_token, body, h);
  ck_assert_msg(r->status == 200, "PATCH %s: %ld %s", path, r->status, r->body);
  http_free(r);
}

/* Days from Vietnam's today to day (YYYY-MM-DD): what days_late must be, negated. */
static long long days_from_today(const char *day)
{
  struct tm tm = {0};
  ck_assert_int_eq(sscanf(day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday), 3);
  tm.tm_year -= 1900, tm.tm_mon -= 1;
  long long due = (long long)timegm(&tm) / 86400;
  long long today = ((long long)time(NULL) + 7 * 3600) / 86400;
  return due - today;
}

static char *d, *s1, *s2, *s3, *t1, *t2, *t3, *assessment, *dossier;
static char in10[16]; /* Vietnam's today + 10 days */

static void make_the_district(void)
{
  char body[1024], path[200];
  time_t later = time(NULL) + 7 * 3600 + 10 * 86400;
  struct tm tm;
  gmtime_r(&later, &tm);
  strftime(in10, sizeof(in10), "%Y-%m-%d", &tm);
  d = make_district("TC-R", "Huyện Nhắc Việc", "Tỉnh T");
  s1 = new_school(d, "TC-R-S1", "primary", "");
  s2 = new_school(d, "TC-R-S2", "primary", "");
  s3 = new_school(d, "TC-R-S3", "primary", "");
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"code\":\"III.1\","
           "\"section_vi\":\"III\",\"title_vi\":\"Việc một\",\"lead\":\"office_and_schools\","
           "\"due\":{\"kind\":\"date\",\"date\":\"2024-06-15\"}}", d);
  t1 = post_task(body);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"code\":\"III.2\","
           "\"section_vi\":\"III\",\"title_vi\":\"Việc hai\",\"lead\":\"schools\","
           "\"due\":{\"kind\":\"year_end\"}}", d);
  t2 = post_task(body);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"code\":\"V.1\","
           "\"section_vi\":\"V\",\"title_vi\":\"Việc ba\",\"lead\":\"office\","
           "\"due\":{\"kind\":\"continuous\"}}", d);
  t3 = post_task(body);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"code\":\"V.2\","
           "\"section_vi\":\"V\",\"title_vi\":\"Việc bốn\",\"lead\":\"office\","
           "\"due\":{\"kind\":\"date\",\"date\":\"%s\"}}", d, in10);
  free(post_task(body)); /* the fourth task: only counted */
  set_status(t1, s1, "done");
  set_status(t2, s1, "done");
  set_status(t2, s1, "accepted");
  set_status(t2, s2, "in_progress");
  set_status(t3, NULL, "blocked");
  snprintf(path, sizeof(path), "/v1/schools/%s", s3); /* cancels S3's two open assignments */
  http_resp *r = http("PATCH", path, admin_token, "{\"active\":false}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":100}]}", d);
  free(create_as_admin("/v1/plans", body));
  r = http("PUT", "/v1/schools/code:TC-R-S1/reports/2024", admin_token,
           "{\"values\":{\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":2024}", s1);
  assessment = create_as_admin("/v1/assessments", body);
  char *procedure = new_procedure(d, "TC-R-P", "Thủ tục nhắc", ",\"statutory_days\":5");
  dossier = new_dossier(d, procedure, "TC-R/1", "online", "2024-03-01T09:00:00Z", "");
  free(procedure);
}

static http_resp *get(const char *token, const char *what, const char *query)
{
  char path[300];
  snprintf(path, sizeof(path), "/v1/districts/%s/%s%s", d, what, query);
  return http("GET", path, token, NULL, NULL);
}

static json_t *group(const http_resp *r, const char *list, const char *key, const char *value)
{
  json_t *g;
  size_t i;
  json_array_foreach(json_object_get(r->json, list), i, g)
    if (strcmp(JSTR(g, key), value) == 0)
      return g;
  ck_abort_msg("no %s %s in %s", key, value, list);
  return NULL;
}

START_TEST(overview_counted_by_hand)
{
  http_resp *r = get(admin_token, "tasks/overview", "?year=2024");
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  /* T1: office not_started, S1 done, S2 not_started, S3 cancelled; T2: S1 accepted,
   * S2 in_progress, S3 cancelled; T3: office blocked; T4: office not_started.
   * Overdue: T1 office, T1 S2 (15 June passed), T2 S2 (31 December passed) = 3. */
  json_t *st = json_object_get(r->json, "by_status");
  ck_assert_int_eq(JINT(st, "not_started"), 3);
  ck_assert_int_eq(JINT(st, "in_progress"), 1);
  ck_assert_int_eq(JINT(st, "done"), 1);
  ck_assert_int_eq(JINT(st, "accepted"), 1);
  ck_assert_int_eq(JINT(st, "blocked"), 1);
  ck_assert_int_eq(JINT(st, "cancelled"), 2);
  ck_assert_int_eq(JINT(st, "assignments"), 7);
  ck_assert_int_eq(JINT(st, "overdue"), 3);
  /* III: T1 + T2 = 5 not cancelled, 2 cancelled, 3 overdue; V: T3 + T4 = 2 */
  json_t *g = group(r, "by_section", "section_vi", "III");
  ck_assert_int_eq(JINT(g, "assignments"), 5);
  ck_assert_int_eq(JINT(g, "cancelled"), 2);
  ck_assert_int_eq(JINT(g, "overdue"), 3);
  g = group(r, "by_section", "section_vi", "V");
  ck_assert_int_eq(JINT(g, "assignments"), 2);
  ck_assert_int_eq(JINT(g, "blocked"), 1);
  ck_assert_int_eq(JINT(g, "overdue"), 0);
  g = group(r, "by_lead", "lead", "office_and_schools");
  ck_assert_int_eq(JINT(g, "assignments"), 3);
  ck_assert_int_eq(JINT(g, "done"), 1);
  g = group(r, "by_lead", "lead", "schools");
  ck_assert_int_eq(JINT(g, "assignments"), 2);
  ck_assert_int_eq(JINT(g, "accepted"), 1);
  g = group(r, "by_lead", "lead", "office");
  ck_assert_int_eq(JINT(g, "assignments"), 2);
  /* overdue: by due date, the office before the schools */
  json_t *od = json_object_get(r->json, "overdue");
  ck_assert_uint_eq(json_array_size(od), 3);
  const char *codes[] = {"TC-R", "TC-R-S2", "TC-R-S2"}, *kinds[] = {"office", "school", "school"};
  const char *tasks[] = {"III.1", "III.1", "III.2"}, *dues[] = {"2024-06-15", "2024-06-15",
                                                                "2024-12-31"};
  for (size_t i = 0; i < 3; i++) {
    json_t *x = json_array_get(od, i);
    ck_assert_str_eq(JSTR(json_object_get(x, "unit"), "code"), codes[i]);
    ck_assert_str_eq(JSTR(json_object_get(x, "unit"), "kind"), kinds[i]);
    ck_assert_str_eq(JSTR(json_object_get(x, "task"), "code"), tasks[i]);
    ck_assert_str_eq(JSTR(x, "due"), dues[i]);
    ck_assert_int_eq(JINT(x, "days_late"), -days_from_today(dues[i]));
  }
  /* 15 June to 31 December 2024: 15 + 31 + 31 + 30 + 31 + 30 + 31 = 199 days */
  ck_assert_int_eq(JINT(json_array_get(od, 0), "days_late") -
                   JINT(json_array_get(od, 2), "days_late"), 199);
  ck_assert_str_eq(JSTR(json_object_get(json_array_get(od, 0), "unit"), "id"), d);
  /* schools: S1 2 of 2 done (100), S2 0 of 2 (0), S3 no assignment left (null, last) */
  json_t *sc = json_object_get(r->json, "schools");
  ck_assert_uint_eq(json_array_size(sc), 3);
  ck_assert_str_eq(JSTR(json_array_get(sc, 0), "code"), "TC-R-S1");
  ck_assert_int_eq((int)json_number_value(json_object_get(json_array_get(sc, 0), "share_done")),
                   100);
  ck_assert_str_eq(JSTR(json_array_get(sc, 1), "code"), "TC-R-S2");
  ck_assert_int_eq(JINT(json_array_get(sc, 1), "done"), 0);
  ck_assert_str_eq(JSTR(json_array_get(sc, 2), "code"), "TC-R-S3");
  ck_assert_int_eq(JINT(json_array_get(sc, 2), "assignments"), 0);
  ck_assert(json_is_null(json_object_get(json_array_get(sc, 2), "share_done")));
  ck_assert_int_eq(JINT(json_array_get(sc, 2), "rank"), 3);
  /* a conditional GET */
  char inm[200];
  snprintf(inm, sizeof(inm), "If-None-Match: %s", http_header(r, "ETag"));
  http_free(r);
  char path[300];
  snprintf(path, sizeof(path), "/v1/districts/%s/tasks/overview?year=2023-2024", d);
  const char *h[] = {inm, NULL};
  r = http("GET", path, admin_token, NULL, h); /* the school-year form names the same year */
  ck_assert_int_eq(r->status, 304);
  http_free(r);
}
END_TEST

START_TEST(reminders_of_every_kind)
{
  http_resp *r = get(admin_token, "reminders", "?year=2024");
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  /* dossier TC-R/1 (due in March 2024); S1 and S2 not submitted by 31 May; by 15 June: T1's
   * office and S2 assignments, S1 and S2 not recognised; by 31 December: T2's S2, S2's missing
   * report; T4's office in 10 days. S3 (inactive) and T3 (continuous) give none. */
  json_t *items = json_object_get(r->json, "items");
  const char *kinds[] = {"dossier", "assessment_submission", "assessment_submission", "task",
                         "task", "assessment_recognition", "assessment_recognition", "task",
                         "report", "task"};
  const char *codes[] = {"TC-R-P", "TC-R-S1", "TC-R-S2", "TC-R", "TC-R-S2", "TC-R-S1",
                         "TC-R-S2", "TC-R-S2", "TC-R-S2", "TC-R"};
  ck_assert_uint_eq(json_array_size(items), 10);
  for (size_t i = 0; i < 10; i++) {
    json_t *x = json_array_get(items, i);
    ck_assert_msg(strcmp(JSTR(x, "kind"), kinds[i]) == 0, "item %zu: %s", i, JSTR(x, "kind"));
    ck_assert_str_eq(JSTR(json_object_get(x, "unit"), "code"), codes[i]);
    ck_assert_int_eq(JINT(x, "days_late"), -days_from_today(JSTR(x, "due")));
  }
  json_t *x = json_array_get(items, 0);
  char link[200];
  snprintf(link, sizeof(link), "/v1/dossiers/%s", dossier);
  ck_assert_str_eq(JSTR(x, "link"), link);
  ck_assert_str_eq(JSTR(json_object_get(x, "unit"), "kind"), "procedure");
  ck_assert(JINT(x, "days_late") > 0);
  ck_assert_str_eq(JSTR(json_array_get(items, 1), "due"), "2024-05-31");
  snprintf(link, sizeof(link), "/v1/assessments/%s", assessment);
  ck_assert_str_eq(JSTR(json_array_get(items, 1), "link"), link);
  ck_assert_str_eq(JSTR(json_array_get(items, 5), "due"), "2024-06-15");
  x = json_array_get(items, 8);
  ck_assert_str_eq(JSTR(x, "due"), "2024-12-31");
  ck_assert_uint_eq(json_array_size(json_object_get(x, "indicators")), 1);
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(x, "indicators"), 0)),
                   "BROADBAND_CONNECTED");
  snprintf(link, sizeof(link), "/v1/schools/%s/reports/2024", s2);
  ck_assert_str_eq(JSTR(x, "link"), link);
  x = json_array_get(items, 9);
  ck_assert_str_eq(JSTR(x, "due"), in10);
  ck_assert_int_eq(JINT(x, "days_late"), -10);
  json_t *c = json_object_get(r->json, "counts");
  ck_assert_int_eq(JINT(c, "task"), 4);
  ck_assert_int_eq(JINT(c, "assessment_submission"), 2);
  ck_assert_int_eq(JINT(c, "assessment_recognition"), 2);
  ck_assert_int_eq(JINT(c, "report"), 1);
  ck_assert_int_eq(JINT(c, "dossier"), 1);
  ck_assert_int_eq(JINT(c, "total"), 10);
  ck_assert_int_eq(JINT(r->json, "within_days"), 14);
  http_free(r);
  /* a window of 5 days leaves T4 (due in 10) out */
  r = get(admin_token, "reminders", "?year=2024&within_days=5");
  ck_assert_int_eq(JINT(json_object_get(r->json, "counts"), "task"), 3);
  ck_assert_int_eq(JINT(json_object_get(r->json, "counts"), "total"), 9);
  http_free(r);
  r = get(admin_token, "reminders", "?year=2024&within_days=367");
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "within_days"));
  http_free(r);
  r = get(admin_token, "reminders", "");
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "year"));
  http_free(r);
}
END_TEST

START_TEST(who_may_read_them)
{
  char *other = make_district("TC-O", "Huyện Khác Nữa", "Tỉnh T");
  char *own = mint_scoped("district", "district_id", d);
  char *foreign = mint_scoped("district", "district_id", other);
  char *school = mint_scoped("school", "school_id", s1);
  char *reader = mint_token(admin_token, "{\"role\":\"reader\"}", NULL);
  const char *what[] = {"tasks/overview", "reminders"};
  for (int i = 0; i < 2; i++) {
    http_resp *r = get(own, what[i], "?year=2024");
    ck_assert_int_eq(r->status, 200);
    http_free(r);
    r = get(reader, what[i], "?year=2024");
    ck_assert_int_eq(r->status, 200);
    http_free(r);
    r = get(school, what[i], "?year=2024");
    ck_assert_problem(r, 403, "forbidden");
    http_free(r);
    r = get(foreign, what[i], "?year=2024");
    ck_assert_problem(r, 403, "forbidden");
    http_free(r);
  }
  free(other), free(own), free(foreign), free(school), free(reader);
}
END_TEST

Suite *task_chase_http_suite(void)
{
  Suite *s = suite_create("task_chase");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_unchecked_fixture(tc, make_the_district, NULL); /* once, before the tests */
  tcase_add_test(tc, overview_counted_by_hand);
  tcase_add_test(tc, reminders_of_every_kind);
  tcase_add_test(tc, who_may_read_them);
  suite_add_tcase(s, tc);
  return s;
}
