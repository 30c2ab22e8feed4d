/* test_progress_counts.c — the all-districts progress reads counts kept on write (migration
 * 0006): after every kind of change that moves a figure (a report, a school deactivated,
 * reactivated, moved to another level or added, a plan target changed, an indicator's levels
 * edited, an assessment created and submitted, a value changed or removed, procedures added,
 * offered online, deactivated or removed, dossiers received; eleven writers of one district at
 * once; two importers of two districts' schools in opposite orders) the district's entry in GET /v1/progress shows the figures computed by hand in the
 * comments, and the same figures as the district's own progress (computed from the schools'
 * values at request time). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "testutil.h"

Suite *progress_counts_suite(void);

/* The district the test at hand checks. */
static const char *checked_district;

/* What one indicator of the checked district should show; -1 = null (no_data). */
typedef struct {
  const char *code;
  long numerator, denominator, expected, reported;
} expect_row;

/* The as_of of the checked district's own progress (malloc'ed). */
static char *as_of_now(void)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/districts/code:%s/progress?year=2024", checked_district);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  char *as_of = strdup(JSTR(r->json, "as_of"));
  http_free(r);
  return as_of;
}

/* Asserts that as_of moved forward since before (which it frees). */
static void ck_as_of_moved(const char *step, char *before)
{
  char *after = as_of_now();
  ck_assert_msg(strcmp(after, before) > 0, "%s: as_of stayed %s", step, before);
  free(before);
  free(after);
}

/* Checks every row against /v1/progress, and that the district's own progress agrees. */
static void check_step(const char *step, const expect_row *rows, size_t n)
{
  http_resp *all = http("GET", "/v1/progress?year=2024", admin_token, NULL, NULL);
  const json_t *entries = NULL, *d;
  size_t i;
  ck_assert_msg(all->status == 200, "%s: %ld", step, all->status);
  json_array_foreach(json_object_get(all->json, "districts"), i, d)
    if (strcmp(JSTR(json_object_get(d, "district"), "code"), checked_district) == 0)
      entries = json_object_get(d, "indicators");
  ck_assert_msg(entries != NULL, "%s: %s is not in /v1/progress", step, checked_district);
  for (i = 0; i < n; i++) {
    const expect_row *x = &rows[i];
    json_t *e = progress_entry(entries, x->code);
    if (x->numerator < 0) {
      ck_assert_msg(json_is_null(json_object_get(e, "numerator")), "%s: %s numerator", step,
                    x->code);
    } else {
      ck_assert_msg(JINT(e, "numerator") == x->numerator, "%s: %s numerator %lld, want %ld",
                    step, x->code, (long long)JINT(e, "numerator"), x->numerator);
      ck_assert_msg(JINT(e, "denominator") == x->denominator,
                    "%s: %s denominator %lld, want %ld", step, x->code,
                    (long long)JINT(e, "denominator"), x->denominator);
    }
    ck_assert_msg(JINT(e, "expected") == x->expected, "%s: %s expected %lld, want %ld", step,
                  x->code, (long long)JINT(e, "expected"), x->expected);
    ck_assert_msg(JINT(e, "reported") == x->reported, "%s: %s reported %lld, want %ld", step,
                  x->code, (long long)JINT(e, "reported"), x->reported);
  }
  http_free(all);
  ck_progress_agrees(checked_district, 2024);
}

#define CHECK(step, ...)                                                                         \
  do {                                                                                          \
    const expect_row rows_[] = {__VA_ARGS__};                                                   \
    check_step(step, rows_, sizeof(rows_) / sizeof(rows_[0]));                                  \
  } while (0)

static void send_ok(const char *method, const char *path, const char *body, long status)
{
  http_resp *r = http(method, path, admin_token, body, NULL);
  ck_assert_msg(r->status == status, "%s %s: %ld %s", method, path, r->status, r->body);
  http_free(r);
}

static const char plan_targets[] =
  "[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":100},"
  "{\"indicator\":\"SCHOOL_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":%d},"
  "{\"indicator\":\"DT_SELF_ASSESSED\",\"comparator\":\">=\",\"target\":100},"
  "{\"indicator\":\"PC_WIFI\",\"comparator\":\">=\",\"target\":50}]";

START_TEST(all_districts_figures_follow_every_change)
{
  char body[2048], targets[1024], path[128];
  char *d = make_district("PC-D", "Huyện Đếm Sẵn", "Tỉnh T");
  checked_district = "PC-D";
  char *s1 = new_school(d, "PC-1", "primary", "");
  free(new_school(d, "PC-2", "primary", ""));
  free(new_school(d, "PC-3", "lower_secondary", ""));
  free(new_school(d, "PC-4", "preschool", ""));
  send_ok("POST", "/v1/indicators",
          "{\"code\":\"PC_WIFI\",\"name_vi\":\"Trường có Wi-Fi\",\"name_en\":\"Schools with Wi-Fi\","
          "\"source\":\"school_report\",\"value_type\":\"boolean\",\"aggregation\":\"share\","
          "\"levels\":[\"primary\"]}", 201);
  snprintf(targets, sizeof(targets), plan_targets, 90);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"KH 2024\","
           "\"targets\":%s}", d, targets);
  http_resp *r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "plan: %s", r->body);
  snprintf(path, sizeof(path), "/v1/plans/%s", JSTR(r->json, "id"));
  http_free(r);

  /* a plan and no reports: broadband and school docs apply to all four schools, DT to the
   * primary and lower secondary ones (3), Wi-Fi to the two primary ones */
  CHECK("plan only", {"BROADBAND_CONNECTED", -1, -1, 4, 0}, {"SCHOOL_DOCS_ONLINE", -1, -1, 4, 0},
        {"DT_SELF_ASSESSED", -1, -1, 3, 0}, {"PC_WIFI", -1, -1, 2, 0});

  send_ok("PUT", "/v1/schools/code:PC-1/reports/2024",
          "{\"values\":{\"BROADBAND_CONNECTED\":true,\"SCHOOL_DOCS_ONLINE\":95,\"PC_WIFI\":true}}",
          200);
  send_ok("PUT", "/v1/schools/code:PC-2/reports/2024",
          "{\"values\":{\"BROADBAND_CONNECTED\":true,\"SCHOOL_DOCS_ONLINE\":80,\"PC_WIFI\":false}}",
          200);
  send_ok("PUT", "/v1/schools/code:PC-3/reports/2024",
          "{\"values\":{\"BROADBAND_CONNECTED\":false,\"SCHOOL_DOCS_ONLINE\":90}}", 200);
  send_ok("PUT", "/v1/schools/code:PC-4/reports/2024",
          "{\"values\":{\"BROADBAND_CONNECTED\":true}}", 200);
  /* broadband: 1 2 4 true of 4; docs >= 90: 1 (95) and 3 (90) of 4, 3 reported; Wi-Fi: 1 of 2 */
  CHECK("reports", {"BROADBAND_CONNECTED", 3, 4, 4, 4}, {"SCHOOL_DOCS_ONLINE", 2, 4, 4, 3},
        {"DT_SELF_ASSESSED", -1, -1, 3, 0}, {"PC_WIFI", 1, 2, 2, 2});

  send_ok("PATCH", "/v1/schools/code:PC-2", "{\"active\":false}", 200);
  /* without 2: broadband 1 4 of 3; docs 1 3 of 3 (2 reported); DT 1 3; Wi-Fi 1 of 1 */
  CHECK("school deactivated", {"BROADBAND_CONNECTED", 2, 3, 3, 3},
        {"SCHOOL_DOCS_ONLINE", 2, 3, 3, 2}, {"DT_SELF_ASSESSED", -1, -1, 2, 0},
        {"PC_WIFI", 1, 1, 1, 1});

  send_ok("PATCH", "/v1/schools/code:PC-3", "{\"level\":\"primary\"}", 200);
  /* 3 becomes primary: Wi-Fi now applies to 1 and 3, only 1 reported (true): 1 of 2 */
  CHECK("school level changed", {"BROADBAND_CONNECTED", 2, 3, 3, 3},
        {"DT_SELF_ASSESSED", -1, -1, 2, 0}, {"PC_WIFI", 1, 2, 2, 1});

  snprintf(targets, sizeof(targets), plan_targets, 95);
  snprintf(body, sizeof(body), "{\"targets\":%s}", targets);
  send_ok("PATCH", path, body, 200);
  /* docs >= 95: only 1 (95) of 3 meets it now; 3's 90 does not */
  CHECK("plan target changed", {"SCHOOL_DOCS_ONLINE", 1, 3, 3, 2});

  send_ok("PATCH", "/v1/schools/code:PC-3/reports/2024",
          "{\"values\":{\"SCHOOL_DOCS_ONLINE\":96}}", 200);
  /* 3's docs 90 → 96: 1 and 3 meet 95, of 3 */
  CHECK("value changed", {"SCHOOL_DOCS_ONLINE", 2, 3, 3, 2});

  send_ok("PATCH", "/v1/indicators/PC_WIFI", "{\"levels\":[\"primary\",\"preschool\"]}", 200);
  /* Wi-Fi now applies to 1, 3 and the preschool 4: 1 of 3 */
  CHECK("indicator levels changed", {"PC_WIFI", 1, 3, 3, 1});

  free(new_school(d, "PC-5", "lower_secondary", ""));
  /* a fifth active school, nothing reported: broadband 2 of 4; DT applies to 1, 3, 5 */
  CHECK("school added", {"BROADBAND_CONNECTED", 2, 4, 4, 3}, {"DT_SELF_ASSESSED", -1, -1, 3, 0},
        {"PC_WIFI", 1, 3, 3, 1});

  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":2024}", s1);
  r = http("POST", "/v1/assessments", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "assessment: %ld %s", r->status, r->body);
  char move[160];
  snprintf(move, sizeof(move), "/v1/assessments/%s/submit", JSTR(r->json, "id"));
  http_free(r);
  /* a draft is reported but does not count: 0 of 3 */
  CHECK("assessment created", {"DT_SELF_ASSESSED", 0, 3, 3, 1});
  char *before = as_of_now();
  send_ok("POST", move, "{}", 200);
  CHECK("assessment submitted", {"DT_SELF_ASSESSED", 1, 3, 3, 1});
  ck_as_of_moved("assessment submitted", before); /* as_of follows assessments too */

  send_ok("PATCH", "/v1/schools/code:PC-1/reports/2024",
          "{\"values\":{\"BROADBAND_CONNECTED\":null}}", 200);
  /* 1's broadband removed: only 4 true, 3 false: 1 of 4, 2 reported */
  CHECK("value removed", {"BROADBAND_CONNECTED", 1, 4, 4, 2});

  send_ok("PATCH", "/v1/schools/code:PC-2", "{\"active\":true}", 200);
  /* 2 counts again: broadband 2 4 of 5 (3 reported); docs 1 3 of 5 (2's 80 does not meet 95);
   * DT 1 of 1 2 3 5; Wi-Fi applies to 1 2 3 4: 1 true, 2 false */
  CHECK("school reactivated", {"BROADBAND_CONNECTED", 2, 5, 5, 3},
        {"SCHOOL_DOCS_ONLINE", 2, 5, 5, 3}, {"DT_SELF_ASSESSED", 1, 4, 4, 1},
        {"PC_WIFI", 1, 4, 4, 2});

  /* no route edits a target in place (PATCH replaces them), but the database may: 99 is met by
   * none of 95, 96, 80 */
  snprintf(body, sizeof(body), "UPDATE plan_targets SET target = 99 WHERE plan_id = '%s'"
           " AND indicator_code = 'SCHOOL_DOCS_ONLINE' RETURNING 1", path + strlen("/v1/plans/"));
  free(sql_value(body));
  CHECK("target edited in the database", {"SCHOOL_DOCS_ONLINE", 0, 5, 5, 3});

  free(new_school(d, "PC-6", "primary", ""));
  CHECK("another school added", {"BROADBAND_CONNECTED", 2, 6, 6, 3});
  send_ok("DELETE", "/v1/schools/code:PC-6", NULL, 204);
  CHECK("school deleted", {"BROADBAND_CONNECTED", 2, 5, 5, 3});

  /* a plan moved to another year in the database: its counts move with it */
  snprintf(body, sizeof(body), "UPDATE plans SET year = 2023 WHERE id = '%s' RETURNING 1",
           path + strlen("/v1/plans/"));
  free(sql_value(body));
  snprintf(body, sizeof(body), "SELECT count(*) FROM progress_counts WHERE district_id = '%s'"
           " AND year = 2023", d);
  char *moved = sql_value(body);
  ck_assert_str_eq(moved, "4"); /* one row per target */
  free(moved);
  char *drift = sql_value("SELECT count(*) FROM progress_counts_drift");
  ck_assert_str_eq(drift, "0");
  free(drift);
  free(s1);
  free(d);
}
END_TEST

/* A procedure "Thủ tục <code>" of 5 working days, with extra members; its id. */
static char *procedure_of(const char *district, const char *code, const char *extra)
{
  char name[96], more[256];
  snprintf(name, sizeof(name), "Thủ tục %s", code);
  snprintf(more, sizeof(more), ",\"statutory_days\":5%s", extra);
  return new_procedure(district, code, name, more);
}

/* A dossier received on 3 June 2024. */
static void dossier_of(const char *procedure, const char *reference, const char *channel)
{
  free(new_dossier(NULL, procedure, reference, channel, "2024-06-03T08:00:00Z", ""));
}

START_TEST(procedure_and_dossier_figures_follow_every_change)
{
  char body[1024], path[128];
  char *d = make_district("PD-D", "Huyện Thủ Tục Sẵn", "Tỉnh T");
  checked_district = "PD-D";
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"KH 2024\","
           "\"targets\":[{\"indicator\":\"PROC_ONLINE_PROVISION\",\"comparator\":\">=\","
           "\"target\":100},{\"indicator\":\"DOSSIER_ONLINE_RATE\",\"comparator\":\">=\","
           "\"target\":70},{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":100}]}", d);
  send_ok("POST", "/v1/plans", body, 201);
  CHECK("plan only", {"PROC_ONLINE_PROVISION", -1, -1, 0, 0}, {"DOSSIER_ONLINE_RATE", -1, -1, 0, 0});
  /* the two dossier targets have their kept rows also without procedures (0 of 0); the school
   * target has none before the district has a school */
  char *kept = sql_value("SELECT count(*) || '/' || sum(expected) FROM progress_counts k"
                         " JOIN districts d ON d.id = k.district_id WHERE d.code = 'PD-D'");
  ck_assert_str_eq(kept, "2/0");
  free(kept);
  /* a school's figure next to the dossiers', which dossier changes must leave alone */
  free(new_school(d, "PD-S1", "primary", ""));
  send_ok("PUT", "/v1/schools/code:PD-S1/reports/2024",
          "{\"values\":{\"BROADBAND_CONNECTED\":true}}", 200);
  CHECK("school report", {"BROADBAND_CONNECTED", 1, 1, 1, 1});

  char *p1 = procedure_of(d, "PD.1", ",\"online_mode\":\"full\"");
  char *p2 = procedure_of(d, "PD.2", ",\"online_mode\":\"none\"");
  /* eligible and active: 1 and 2; offered online: 1 */
  CHECK("procedures added", {"PROC_ONLINE_PROVISION", 1, 2, 2, 2});
  snprintf(path, sizeof(path), "/v1/procedures/%s", p2);
  send_ok("PATCH", path, "{\"online_mode\":\"partial\"}", 200);
  CHECK("procedure offered online", {"PROC_ONLINE_PROVISION", 2, 2, 2, 2});

  dossier_of(p1, "PD-a1", "online");
  dossier_of(p1, "PD-a2", "online");
  dossier_of(p2, "PD-b1", "online");
  dossier_of(p2, "PD-b2", "in_person");
  /* 3 of 4 online = 75.00 >= 70, but PD.2 has 1 of 2 = 50.00: not met */
  CHECK("dossiers received", {"DOSSIER_ONLINE_RATE", 3, 4, 4, 4},
        {"BROADBAND_CONNECTED", 1, 1, 1, 1});
  char *before = as_of_now();
  dossier_of(p2, "PD-b3", "online");
  /* PD.2 2 of 3 = 66.67 still under 70; the district 4 of 5 = 80.00 */
  CHECK("another dossier", {"DOSSIER_ONLINE_RATE", 4, 5, 5, 5});
  ck_as_of_moved("another dossier", before); /* as_of follows dossiers too */
  dossier_of(p2, "PD-b4", "online");
  /* PD.2 3 of 4 = 75.00: every procedure meets 70, the district 5 of 6 */
  CHECK("every procedure meets", {"DOSSIER_ONLINE_RATE", 5, 6, 6, 6});

  send_ok("PATCH", path, "{\"active\":false}", 200);
  /* an inactive procedure is not offered any more (1 of 1); its dossiers still count */
  CHECK("procedure deactivated", {"PROC_ONLINE_PROVISION", 1, 1, 1, 1},
        {"DOSSIER_ONLINE_RATE", 5, 6, 6, 6});

  char *p3 = procedure_of(d, "PD.3", ",\"online_mode\":\"none\"");
  CHECK("procedure not offered", {"PROC_ONLINE_PROVISION", 1, 2, 2, 2});
  /* no route removes procedures; the database may (one without dossiers) */
  snprintf(body, sizeof(body), "DELETE FROM procedures WHERE id = '%s' RETURNING 1", p3);
  free(sql_value(body));
  CHECK("procedure removed", {"PROC_ONLINE_PROVISION", 1, 1, 1, 1});
  free(p1);
  free(p2);
  free(p3);
  free(d);
}
END_TEST

/* One writer of the concurrent test (a child process): 6 rounds of its own kind of write;
 * exits 0 when every request succeeded. */
static void concurrent_writer(int w, const char *plan_path, const char *procedure)
{
  char path[128], body[1024];
  int failures = 0;
  for (int round = 0; round < 6; round++) {
    const char *method = "PATCH";
    if (w < 8) { /* school PX-(w+1): broadband true when round + w is even; docs 50 + 5w + round */
      snprintf(path, sizeof(path), "/v1/schools/code:PX-%d/reports/2024", w + 1);
      snprintf(body, sizeof(body), "{\"values\":{\"BROADBAND_CONNECTED\":%s,"
               "\"SCHOOL_DOCS_ONLINE\":%d}}", (round + w) % 2 == 0 ? "true" : "false",
               50 + 5 * w + round);
    } else if (w == 8) { /* the docs target: 60 on even rounds, 90 on odd ones */
      snprintf(path, sizeof(path), "%s", plan_path);
      snprintf(body, sizeof(body), "{\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\","
               "\"comparator\":\">=\",\"target\":100},{\"indicator\":\"SCHOOL_DOCS_ONLINE\","
               "\"comparator\":\">=\",\"target\":%d},{\"indicator\":\"DOSSIER_ONLINE_RATE\","
               "\"comparator\":\">=\",\"target\":70}]}", round % 2 ? 90 : 60);
    } else if (w == 10) { /* a dossier a round, online but every third */
      method = "POST";
      snprintf(path, sizeof(path), "/v1/dossiers");
      snprintf(body, sizeof(body), "{\"procedure_id\":\"%s\",\"reference\":\"PX-%d\","
               "\"channel\":\"%s\",\"received_at\":\"2024-06-03T08:00:00Z\"}", procedure,
               round, round % 3 == 2 ? "in_person" : "online");
    } else { /* PX-8 closed on even rounds, open on odd ones */
      snprintf(path, sizeof(path), "/v1/schools/code:PX-8");
      snprintf(body, sizeof(body), "{\"active\":%s}", round % 2 ? "true" : "false");
    }
    http_resp *r = http(method, path, admin_token, body, NULL);
    if (r->status != (w == 10 ? 201 : 200)) {
      fprintf(stderr, "writer %d round %d: %s %s: %ld %s\n", w, round, method, path, r->status,
              r->body);
      failures++;
    }
    http_free(r);
  }
  _exit(failures == 0 ? 0 : 1);
}

START_TEST(concurrent_writers_leave_exact_counts)
{
  char body[1024], path[128];
  pid_t pids[11];
  char *d = make_district("PX-D", "Huyện Ghi Song Song", "Tỉnh T");
  char *procedure = procedure_of(d, "PX.1", ",\"online_mode\":\"full\"");
  checked_district = "PX-D";
  for (int i = 1; i <= 8; i++) {
    snprintf(body, sizeof(body), "PX-%d", i);
    free(new_school(d, body, "primary", ""));
  }
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"KH 2024\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":100},{\"indicator\":\"SCHOOL_DOCS_ONLINE\",\"comparator\":\">=\","
           "\"target\":90},{\"indicator\":\"DOSSIER_ONLINE_RATE\",\"comparator\":\">=\","
           "\"target\":70}]}", d);
  http_resp *r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "plan: %s", r->body);
  snprintf(path, sizeof(path), "/v1/plans/%s", JSTR(r->json, "id"));
  http_free(r);
  /* eleven writers at once: eight schools' reports, the plan's targets, a school's closing,
   * dossiers */
  for (int w = 0; w < 11; w++) {
    pids[w] = fork();
    ck_assert_int_ge(pids[w], 0);
    if (pids[w] == 0)
      concurrent_writer(w, path, procedure);
  }
  for (int w = 0; w < 11; w++) {
    int status = 0;
    ck_assert_int_eq(waitpid(pids[w], &status, 0), pids[w]);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d failed", w);
  }
  /* last round (5): broadband true where 5 + w is even, i.e. PX-2 4 6 8 → 4 of 8 (PX-8 open
   * again); docs 55 + 5w: only PX-8's 90 meets the final target 90 → 1 of 8; dossiers of rounds
   * 0 1 3 4 online, 2 and 5 in person → 4 of 6 */
  CHECK("after concurrent writes", {"BROADBAND_CONNECTED", 4, 8, 8, 8},
        {"SCHOOL_DOCS_ONLINE", 1, 8, 8, 8}, {"DOSSIER_ONLINE_RATE", 4, 6, 6, 6});
  char *drift = sql_value("SELECT count(*) FROM progress_counts_drift");
  ck_assert_str_eq(drift, "0");
  free(drift);
  free(procedure);
  free(d);
}
END_TEST

/* The import of concurrent_imports_neither_deadlock_nor_drift: PI-A-01…30 and PI-B-01…30, all
 * active or all closed, in code order or reversed. */
static char *two_district_import(int active, int reversed)
{
  json_t *rows = json_array();
  for (int i = 0; i < 60; i++) {
    int n = reversed ? 59 - i : i;
    char code[32];
    snprintf(code, sizeof(code), "PI-%c-%02d", n < 30 ? 'A' : 'B', n % 30 + 1);
    json_array_append_new(rows, json_pack("{s:s,s:s,s:s,s:s,s:b}", "code", code, "name", code,
                                          "level", "primary", "district_code",
                                          n < 30 ? "PI-A" : "PI-B", "active", active));
  }
  char *text = json_dumps(rows, 0);
  json_decref(rows);
  return text;
}

START_TEST(concurrent_imports_neither_deadlock_nor_drift)
{
  char body[512];
  pid_t pids[2];
  char *a = make_district("PI-A", "Huyện Nhập A", "Tỉnh T");
  char *b = make_district("PI-B", "Huyện Nhập B", "Tỉnh T");
  const char *ids[] = {a, b};
  for (int i = 0; i < 2; i++) {
    snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"KH\","
             "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
             "\"target\":100}]}", ids[i]);
    send_ok("POST", "/v1/plans", body, 201);
  }
  char *first = two_district_import(1, 0);
  send_ok("POST", "/v1/schools/import", first, 200);
  free(first);
  /* two importers of the same 60 schools of both districts, in opposite orders, closing and
   * reopening them all four times; the last import of each reopens them. (Two imports creating
   * the same schools at once: the second is 409 "changed while importing", by design.) One
   * instance checks one import at a time and answers another 503 meanwhile: the importers retry
   * as a client would, so their imports interleave with no drift. */
  for (int k = 0; k < 2; k++) {
    pids[k] = fork();
    ck_assert_int_ge(pids[k], 0);
    if (pids[k] == 0) {
      int failures = 0;
      for (int round = 0; round < 4; round++) {
        char *text = two_district_import(round % 2, k);
        http_resp *r = http("POST", "/v1/schools/import", admin_token, text, NULL);
        for (int retry = 0; r->status == 503 && retry < 100; retry++) {
          http_free(r);
          nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
          r = http("POST", "/v1/schools/import", admin_token, text, NULL);
        }
        if (r->status != 200) {
          fprintf(stderr, "importer %d round %d: %ld %s\n", k, round, r->status, r->body);
          failures++;
        }
        http_free(r);
        free(text);
      }
      _exit(failures == 0 ? 0 : 1);
    }
  }
  for (int k = 0; k < 2; k++) {
    int status = 0;
    ck_assert_int_eq(waitpid(pids[k], &status, 0), pids[k]);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "importer %d failed", k);
  }
  /* 30 active primary schools in each district, none reporting broadband */
  checked_district = "PI-A";
  CHECK("after concurrent imports", {"BROADBAND_CONNECTED", -1, -1, 30, 0});
  checked_district = "PI-B";
  CHECK("after concurrent imports", {"BROADBAND_CONNECTED", -1, -1, 30, 0});
  char *drift = sql_value("SELECT count(*) FROM progress_counts_drift");
  ck_assert_str_eq(drift, "0");
  free(drift);
  free(a);
  free(b);
}
END_TEST

Suite *progress_counts_suite(void)
{
  Suite *s = suite_create("progress_counts");
  TCase *tc = tcase_create("progress_counts");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, all_districts_figures_follow_every_change);
  tcase_add_test(tc, procedure_and_dossier_figures_follow_every_change);
  tcase_add_test(tc, concurrent_writers_leave_exact_counts);
  tcase_add_test(tc, concurrent_imports_neither_deadlock_nor_drift);
  suite_add_tcase(s, tc);
  return s;
}
