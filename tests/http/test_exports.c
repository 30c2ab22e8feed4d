/* test_exports.c — GET /v1/exports/{entity}: one snapshot streamed as NDJSON or the list's CSV
 * with its feed cursor; an export followed by the feed misses nothing and repeats nothing (a
 * transaction open during the export arrives through the feed, one committed before it does
 * not); and a mirror kept from the exports and the feed while writers of every entity run ends
 * equal to a fresh export. */
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "mirror.h"
#include "testutil.h"

Suite *exports_suite(void);

static void send_ok(const char *method, const char *path, const char *body, long status)
{
  http_resp *r = http(method, path, admin_token, body, NULL);
  ck_assert_msg(r->status == status, "%s %s: %ld %s", method, path, r->status, r->body);
  http_free(r);
}

START_TEST(an_export_is_every_row_with_its_cursor)
{
  char path[128];
  char *d = make_district("EX-A", "Huyện Xuất", "Tỉnh T");
  char *other = make_district("EX-B", "Huyện Khác", "Tỉnh T");
  char *s1 = make_school(d, "EX-A-1", "Trường Một");
  char *s2 = make_school(d, "EX-A-2", "Trường Hai");
  char *s3 = make_school(other, "EX-B-1", "Trường Ba");
  char *reader = mint_scoped("reader", "district_id", d);
  http_resp *r = http("GET", "/v1/exports/school", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "application/x-ndjson");
  const char *cursor = http_header(r, "Edudx-Cursor");
  ck_assert_ptr_nonnull(cursor);
  char *cursor_copy = strdup(cursor);
  /* the district's two schools, each as its GET, then the cursor line */
  json_t *mirror = json_object();
  char *line, *save = NULL;
  int lines = 0, trailer = 0;
  for (line = strtok_r(r->body, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    json_t *row = json_loads(line, 0, NULL);
    ck_assert_ptr_nonnull(row);
    if (json_object_get(row, "cursor")) {
      ck_assert_str_eq(JSTR(row, "cursor"), cursor_copy);
      trailer = ++lines;
    } else {
      ck_assert_str_eq(JSTR(row, "district_id"), d);
      json_object_set(mirror, JSTR(row, "id"), row);
      lines++;
    }
    json_decref(row);
  }
  http_free(r);
  ck_assert_int_eq(lines, 3);
  ck_assert_int_eq(trailer, 3);
  ck_assert_uint_eq(json_object_size(mirror), 2);
  const char *ids[] = {s1, s2};
  for (int i = 0; i < 2; i++) {
    snprintf(path, sizeof(path), "/v1/schools/%s", ids[i]);
    r = http("GET", path, admin_token, NULL, NULL);
    ck_assert(json_equal(json_object_get(mirror, ids[i]), r->json));
    http_free(r);
  }
  json_decref(mirror);
  /* the CSV is the list's CSV, rows in the export's order */
  r = http("GET", "/v1/exports/school?format=csv", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_ptr_nonnull(http_header(r, "Edudx-Cursor"));
  ck_assert_str_eq(http_header(r, "Content-Disposition"), "attachment; filename=\"school.csv\"");
  ck_assert_int_eq(strncmp(r->body, "\xEF\xBB\xBF" "id,code,name,level,district_id,", 32), 0);
  ck_assert_ptr_nonnull(strstr(r->body, ",EX-A-1,Trường Một,primary,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",EX-A-2,Trường Hai,primary,"));
  ck_assert_ptr_null(strstr(r->body, "EX-B-1"));
  http_free(r);
  /* Accept: text/csv asks for the CSV too */
  const char *accept_csv[] = {"Accept: text/csv", NULL};
  r = http("GET", "/v1/exports/indicator", reader, NULL, accept_csv);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(strncmp(r->body, "\xEF\xBB\xBF" "code,name_vi,", 16), 0);
  http_free(r);
  /* frameworks have no CSV form; unknown entities are 404; school tokens 403 */
  r = http("GET", "/v1/exports/framework?format=csv", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "format"));
  http_free(r);
  r = http("GET", "/v1/exports/framework?format=xml", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "format"));
  http_free(r);
  r = http("GET", "/v1/exports/schools", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  char *school_token = mint_scoped("school", "school_id", s1);
  r = http("GET", "/v1/exports/school", school_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(school_token);
  free(cursor_copy);
  free(reader);
  free(s1);
  free(s2);
  free(s3);
  free(d);
  free(other);
}
END_TEST

static void exec_ok(PGconn *c, const char *sql)
{
  PGresult *res = PQexec(c, sql);
  ck_assert_msg(PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK,
                "%s: %s", sql, PQerrorMessage(c));
  PQclear(res);
}

START_TEST(an_export_then_the_feed_has_no_gap_and_no_overlap)
{
  char sql[256], path[128];
  char *d = make_district("EX-G", "Huyện Nối Tiếp", "Tỉnh T");
  char *reader = mint_scoped("reader", "district_id", d);
  char *open_one = make_school(d, "EX-G-1", "Trường Đang Mở");
  char *done_one = make_school(d, "EX-G-2", "Trường Đã Xong");
  /* a transaction running while the export reads (its xid is older than the next write's) */
  PGconn *slow = PQconnectdb(harness_conninfo());
  ck_assert_int_eq(PQstatus(slow), CONNECTION_OK);
  exec_ok(slow, "BEGIN");
  snprintf(sql, sizeof(sql), "UPDATE schools SET students = 11 WHERE id = '%s'", open_one);
  exec_ok(slow, sql);
  /* committed before the export: the export has it, the feed after the export must not */
  snprintf(path, sizeof(path), "/v1/schools/%s", done_one);
  send_ok("PATCH", path, "{\"students\":22}", 200);
  json_t *mirror = json_object();
  char *cursor = mirror_load_export(mirror, "school", reader);
  ck_assert_ptr_nonnull(cursor);
  snprintf(path, sizeof(path), "school/%s", done_one);
  ck_assert_int_eq(JINT(json_object_get(mirror, path), "students"), 22);
  snprintf(path, sizeof(path), "school/%s", open_one);
  ck_assert(json_is_null(json_object_get(json_object_get(mirror, path), "students")));
  exec_ok(slow, "COMMIT");
  PQfinish(slow);
  /* the feed after the export: exactly the change the export could not see */
  long applied = 0;
  char *next = mirror_follow(mirror, cursor, reader, 1000, &applied);
  ck_assert_ptr_nonnull(next);
  ck_assert_int_eq(applied, 1);
  ck_assert_int_eq(JINT(json_object_get(mirror, path), "students"), 11);
  /* and the mirror equals a fresh export */
  json_t *fresh = json_object();
  free(mirror_load_export(fresh, "school", reader));
  ck_assert_int_eq(mirror_differences(mirror, fresh), 0);
  json_decref(fresh);
  json_decref(mirror);
  free(next);
  free(cursor);
  free(open_one);
  free(done_one);
  free(reader);
  free(d);
}
END_TEST

/* 1 (and a line on stderr) when r is not the expected status. */
static int failed(const http_resp *r, long status, const char *what)
{
  if (r->status == status)
    return 0;
  fprintf(stderr, "writer: %s: %ld %s\n", what, r->status, r->body);
  return 1;
}

/* One writer (a child process) of the concurrent test: for `seconds`, changes of every kind in
 * districts d1 and d2 — schools created, edited, recoded, moved between the two, deleted;
 * report values set and removed; a procedure's fee flipped; dossiers received and moved; plan
 * targets replaced. Exits 0 when every request succeeded. */
static void writer(int w, const char *d1, const char *d2, const char *procedure, const char *plan,
                   int seconds)
{
  char path[256], body[512], code[32];
  time_t end = time(NULL) + seconds;
  int failures = 0;
  for (int round = 0; time(NULL) < end; round++) {
    const char *home = round % 2 ? d1 : d2, *away = round % 2 ? d2 : d1;
    snprintf(code, sizeof(code), "EX-W%d-%d", w, round);
    snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"code\":\"%s\",\"name\":\"Trường %s\","
             "\"level\":\"primary\"}", home, code, code);
    http_resp *r = http("POST", "/v1/schools", admin_token, body, NULL);
    char *s = r->status == 201 ? strdup(JSTR(r->json, "id")) : NULL;
    failures += failed(r, 201, path);
    http_free(r);
    if (!s)
      continue;
    snprintf(path, sizeof(path), "/v1/schools/%s/reports/2024", s);
    r = http("PUT", path, admin_token, "{\"values\":{\"BROADBAND_CONNECTED\":true,"
             "\"SCHOOL_DOCS_ONLINE\":40}}", NULL);
    failures += failed(r, 200, path);
    http_free(r);
    r = http("PATCH", path, admin_token, "{\"values\":{\"SCHOOL_DOCS_ONLINE\":null}}", NULL);
    failures += failed(r, 200, path);
    http_free(r);
    snprintf(path, sizeof(path), "/v1/schools/%s", s);
    snprintf(body, sizeof(body), "{\"code\":\"%s-R\",\"students\":%d}", code, round);
    r = http("PATCH", path, admin_token, body, NULL);
    failures += failed(r, 200, path);
    http_free(r);
    snprintf(body, sizeof(body), "{\"district_id\":\"%s\"}", away);
    r = http("PATCH", path, admin_token, body, NULL);
    failures += failed(r, 200, path);
    http_free(r);
    snprintf(body, sizeof(body), "{\"procedure_id\":\"%s\",\"reference\":\"%s\",\"channel\":"
             "\"online\",\"received_at\":\"2024-04-01T09:00:00Z\"}", procedure, code);
    r = http("POST", "/v1/dossiers", admin_token, body, NULL);
    failures += failed(r, 201, path);
    if (r->status == 201) {
      snprintf(path, sizeof(path), "/v1/dossiers/%s", JSTR(r->json, "id"));
      http_resp *m = http("PATCH", path, admin_token, "{\"status\":\"processing\"}", NULL);
      failures += failed(m, 200, path);
      http_free(m);
    }
    http_free(r);
    snprintf(path, sizeof(path), "/v1/procedures/%s", procedure);
    r = http("PATCH", path, admin_token, round % 2 ? "{\"fee\":true}" : "{\"fee\":false}", NULL);
    failures += failed(r, 200, path);
    http_free(r);
    snprintf(path, sizeof(path), "/v1/plans/%s", plan);
    snprintf(body, sizeof(body), "{\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\","
             "\"comparator\":\">=\",\"target\":%d}]}", 50 + round % 50);
    r = http("PATCH", path, admin_token, body, NULL);
    failures += failed(r, 200, path);
    http_free(r);
    if (round % 3 == 0) { /* a school without values or dossiers can go */
      snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"code\":\"%s-X\",\"name\":\"Tạm\","
               "\"level\":\"primary\"}", home, code);
      r = http("POST", "/v1/schools", admin_token, body, NULL);
      if (r->status == 201) {
        snprintf(path, sizeof(path), "/v1/schools/%s", JSTR(r->json, "id"));
        http_resp *del = http("DELETE", path, admin_token, NULL, NULL);
        failures += failed(del, 204, path);
        http_free(del);
      }
      failures += failed(r, 201, path);
      http_free(r);
    }
    free(s);
  }
  _exit(failures == 0 ? 0 : 1);
}

START_TEST(a_mirror_kept_under_concurrent_writers_equals_a_fresh_export)
{
  enum { WRITERS = 3, SECONDS = 8 };
  char body[512];
  char *d1 = make_district("EX-C1", "Huyện Đồng Thời Một", "Tỉnh T");
  char *d2 = make_district("EX-C2", "Huyện Đồng Thời Hai", "Tỉnh T");
  char *procedure = new_procedure(d1, "EX-C.1", "Thủ tục đồng thời", ",\"statutory_days\":5");
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"KH\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":90}]}", d1);
  char *plan = create_as_admin("/v1/plans", body);
  pid_t pids[WRITERS];
  for (int w = 0; w < WRITERS; w++) {
    pids[w] = fork();
    ck_assert_int_ge(pids[w], 0);
    if (pids[w] == 0)
      writer(w, d1, d2, procedure, plan, SECONDS);
  }
  /* the puller: exports while the writers run, then the feed, again and again */
  json_t *mirror = json_object();
  char *cursor = mirror_load_all(mirror, admin_token);
  ck_assert_ptr_nonnull(cursor);
  long polls = 0, applied_total = 0;
  for (int running = WRITERS; running > 0;) {
    long applied = 0;
    char *next = mirror_follow(mirror, cursor, admin_token, 200, &applied);
    ck_assert_ptr_nonnull(next);
    free(cursor);
    cursor = next;
    applied_total += applied;
    polls++;
    for (int w = 0; w < WRITERS; w++) {
      int status;
      if (pids[w] > 0 && waitpid(pids[w], &status, WNOHANG) == pids[w]) {
        ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d failed", w);
        pids[w] = 0;
        running--;
      }
    }
    usleep(20000);
  }
  char *last = mirror_follow(mirror, cursor, admin_token, 200, NULL);
  ck_assert_ptr_nonnull(last);
  json_t *fresh = json_object();
  char *fresh_cursor = mirror_load_all(fresh, admin_token);
  ck_assert_ptr_nonnull(fresh_cursor);
  printf("concurrent mirror: %ld polls, %ld items applied, %zu entities\n", polls,
         applied_total, json_object_size(fresh));
  ck_assert_int_gt(applied_total, 0);
  ck_assert_int_eq(mirror_differences(mirror, fresh), 0);
  json_decref(fresh);
  json_decref(mirror);
  free(fresh_cursor);
  free(last);
  free(cursor);
  free(plan);
  free(procedure);
  free(d1);
  free(d2);
}
END_TEST

START_TEST(an_export_is_gzip_encoded_as_it_goes_when_asked)
{
  static const char *const gzip[] = {"Accept-Encoding: gzip", NULL};
  static const char *const paths[] = {"/v1/exports/report_value", "/v1/exports/dossier?format=csv",
                                      "/v1/exports/indicator"};
  for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
    http_resp *plain = http("GET", paths[i], admin_token, NULL, NULL);
    http_resp *packed = http("GET", paths[i], admin_token, NULL, gzip);
    size_t len;
    ck_assert_int_eq(plain->status, 200);
    ck_assert_int_eq(packed->status, 200);
    ck_assert_ptr_null(http_header(plain, "Content-Encoding"));
    ck_assert_str_eq(http_header(packed, "Content-Encoding"), "gzip");
    ck_assert_ptr_nonnull(strstr(http_header(packed, "Vary"), "Accept-Encoding"));
    ck_assert_uint_lt(packed->body_len, plain->body_len);
    char *text = gunzip(packed->body, packed->body_len, &len);
    /* nothing was written between the two reads: the same rows and the same cursor */
    ck_assert_uint_eq(len, plain->body_len);
    ck_assert_int_eq(memcmp(text, plain->body, len), 0);
    char *cursor = strdup(http_header(plain, "Edudx-Cursor"));
    ck_assert_str_eq(http_header(packed, "Edudx-Cursor"), cursor);
    free(cursor);
    free(text);
    http_free(plain);
    http_free(packed);
  }
}
END_TEST

Suite *exports_suite(void)
{
  Suite *s = suite_create("exports");
  TCase *tc = tcase_create("exports");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, an_export_is_every_row_with_its_cursor);
  tcase_add_test(tc, an_export_then_the_feed_has_no_gap_and_no_overlap);
  tcase_add_test(tc, an_export_is_gzip_encoded_as_it_goes_when_asked);
  tcase_add_test(tc, a_mirror_kept_under_concurrent_writers_equals_a_fresh_export);
  suite_add_tcase(s, tc);
  return s;
}
