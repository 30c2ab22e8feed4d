/* test_exports.c — GET /v1/exports/{entity}: one snapshot streamed as NDJSON or the list's CSV
 * with its feed cursor; an export followed by the feed misses nothing and repeats nothing (a
 * transaction open during the export arrives through the feed, one committed before it does
 * not); and a mirror kept from the exports and the feed while writers of every entity run ends
 * equal to a fresh export. */
#include <gnutls/crypto.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "mirror.h"
#include "testutil.h"
#include "src/rules/download_link.h"
#include "src/runtime/secret.h"

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
  /* the CSV is the list's CSV, rows in the export's order: GET /v1/exports/school.csv */
  r = http("GET", "/v1/exports/school.csv", reader, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_ptr_nonnull(http_header(r, "Edudx-Cursor"));
  ck_assert_str_eq(http_header(r, "Content-Disposition"), "attachment; filename=\"school.csv\"");
  ck_assert_int_eq(strncmp(r->body, "\xEF\xBB\xBF" "id,code,name,level,district_id,", 32), 0);
  ck_assert_ptr_nonnull(strstr(r->body, ",EX-A-1,Trường Một,primary,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",EX-A-2,Trường Hai,primary,"));
  ck_assert_ptr_null(strstr(r->body, "EX-B-1"));
  char *csv_body = strdup(r->body);
  http_free(r);
  /* the older way, format=csv on the export's own path, answers the same CSV (not recorded:
   * the contract declares that operation NDJSON only) */
  r = http_unrecorded("GET", "/v1/exports/school?format=csv", reader, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_str_eq(r->body, csv_body);
  http_free(r);
  free(csv_body);
  /* the .csv path is CSV whatever Accept says, and takes sep */
  const char *accept_ndjson[] = {"Accept: application/x-ndjson", NULL};
  r = http("GET", "/v1/exports/school.csv?sep=semicolon", reader, NULL, accept_ndjson);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_int_eq(strncmp(r->body, "\xEF\xBB\xBF" "id;code;name;level;district_id;", 32), 0);
  ck_assert_ptr_nonnull(strstr(r->body, ";EX-A-1;Trường Một;primary;"));
  http_free(r);
  /* on the .csv path format is an unknown parameter and sep is comma or semicolon: 400s
   * naming them */
  static const char *const bad_csv[][2] = {{"/v1/exports/school.csv?format=csv", "format"},
                                           {"/v1/exports/school.csv?format=ndjson", "format"},
                                           {"/v1/exports/school.csv?sep=tab", "sep"}};
  for (size_t i = 0; i < sizeof(bad_csv) / sizeof(bad_csv[0]); i++) {
    r = http("GET", bad_csv[i][0], reader, NULL, NULL);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, bad_csv[i][1]), "%s: %s", bad_csv[i][0], r->body);
    http_free(r);
  }
  /* frameworks have no CSV form, so no .csv path (404, as an entity that does not exist); the
   * .csv path is a GET only */
  r = http("GET", "/v1/exports/framework.csv", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("GET", "/v1/exports/schools.csv", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("POST", "/v1/exports/school.csv", admin_token, "{}", NULL);
  ck_assert_problem(r, 405, "method-not-allowed");
  ck_assert_str_eq(http_header(r, "Allow"), "GET, HEAD, OPTIONS");
  http_free(r);
  /* Accept: text/csv asks for the CSV too, the older way (not recorded, as above) */
  const char *accept_csv[] = {"Accept: text/csv", NULL};
  r = http_unrecorded("GET", "/v1/exports/indicator", reader, accept_csv);
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
  static const char *const paths[] = {"/v1/exports/report_value", "/v1/exports/dossier.csv",
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

/* ---- a list's CSV asked for without limit: every row, streamed, one BOM ----------------- */

/* Lines (CRLF-ended) in a CSV body, and the byte-order marks in it. */
static int csv_lines(const char *body)
{
  int n = 0;
  for (const char *p = body; (p = strstr(p, "\r\n")); p += 2)
    n++;
  return n;
}

static int boms(const char *body)
{
  int n = 0;
  for (const char *p = body; (p = strstr(p, "\xEF\xBB\xBF")); p += 3)
    n++;
  return n;
}

/* GET path as admin (extra headers may be NULL); asserts 200 CSV. */
static http_resp *get_csv(const char *path, const char *const *headers)
{
  http_resp *r = http("GET", path, admin_token, NULL, headers);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  return r;
}

/* A streamed answer: chunked, no length and no ETag known ahead, no page link. */
static void ck_streamed(const http_resp *r)
{
  ck_assert_str_eq(http_header(r, "Transfer-Encoding"), "chunked");
  ck_assert_ptr_null(http_header(r, "Content-Length"));
  ck_assert_ptr_null(http_header(r, "ETag"));
  ck_assert_ptr_null(http_header(r, "Link"));
}

/* 600 dossiers (550 received in 2024, 50 in 2023) and 520 schools in one district: more than
 * a page of 500 holds. */
START_TEST(a_list_csv_without_limit_is_every_row_in_one_stream)
{
  char path[1024], *csv = NULL;
  size_t len = 0;
  char *d = make_district("EX-CSV", "Huyện Tải Về", "Tỉnh T");
  char *proc = new_procedure(d, "EX-CSV.1", "Thủ tục tải", ",\"statutory_days\":5");
  static const char *const csv_body[] = {"Content-Type: text/csv", NULL};
  FILE *f = open_memstream(&csv, &len);
  fputs("reference,procedure_code,channel,received_at\n", f);
  for (int i = 1; i <= 600; i++)
    fprintf(f, "CSV-%04d,EX-CSV.1,online,%s\n", i,
            i <= 550 ? "2024-06-03T08:00:00Z" : "2023-06-05T08:00:00Z");
  fclose(f);
  snprintf(path, sizeof(path), "/v1/dossiers/import?district_id=%s", d);
  http_resp *r = http("POST", path, admin_token, csv, csv_body);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "created"), 600);
  http_free(r);
  free(csv);

  /* every row: the header and 600 lines, one BOM, each reference once */
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&sort=received_at", d);
  r = get_csv(path, NULL);
  ck_streamed(r);
  ck_assert_str_eq(http_header(r, "Content-Disposition"), "attachment; filename=\"dossiers.csv\"");
  ck_assert(strncmp(r->body, "\xEF\xBB\xBFid,district_id,procedure_id,reference,", 40) == 0);
  ck_assert_int_eq(boms(r->body), 1);
  ck_assert_int_eq(csv_lines(r->body), 601);
  ck_assert_ptr_nonnull(strstr(r->body, ",CSV-0001,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",CSV-0600,"));
  ck_assert_ptr_null(strstr(strstr(r->body, ",CSV-0600,") + 1, ",CSV-0600,"));
  /* in the order asked for: the 50 of 2023 first */
  const char *last_2023 = strstr(r->body, ",2023-06-05T08:00:00.000000Z,");
  ck_assert_ptr_nonnull(last_2023);
  ck_assert(strstr(r->body, ",2024-06-03T08:00:00.000000Z,") > last_2023);
  http_free(r);
  /* Accept: text/csv on the JSON path (the older way) asks the same */
  static const char *const accept_csv[] = {"Accept: text/csv", NULL};
  snprintf(path, sizeof(path), "/v1/dossiers?district_id=%s", d);
  r = http_unrecorded("GET", path, admin_token, accept_csv); /* not declared: not recorded */
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_int_eq(csv_lines(r->body), 601);
  http_free(r);
  /* with the filters: 550 of 2024; the search's 11 of CSV-059x and CSV-0600 */
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&year=2024", d);
  r = get_csv(path, NULL);
  ck_assert_int_eq(csv_lines(r->body), 551);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&q=csv-059", d);
  r = get_csv(path, NULL);
  ck_assert_int_eq(csv_lines(r->body), 11);
  http_free(r);
  /* offset skips: 600 − 590 = 10 */
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&offset=590", d);
  r = get_csv(path, NULL);
  ck_assert_int_eq(csv_lines(r->body), 11);
  http_free(r);
  /* with limit, a page as before: 500 rows and the link to the next */
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&sort=received_at"
           "&limit=500", d);
  r = get_csv(path, NULL);
  ck_assert_int_eq(csv_lines(r->body), 501);
  ck_assert_ptr_nonnull(http_header(r, "Link"));
  ck_assert_ptr_nonnull(http_header(r, "ETag"));
  http_free(r);
  /* the rest after a JSON page's cursor: 600 − 500 = 100 */
  snprintf(path, sizeof(path), "/v1/dossiers?district_id=%s&sort=received_at&limit=500", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  char after[600];
  snprintf(after, sizeof(after), "%s", JSTR(r->json, "next"));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&sort=received_at"
           "&after=%s", d, after);
  r = get_csv(path, NULL);
  ck_assert_int_eq(csv_lines(r->body), 101);
  http_free(r);
  /* a cursor of another sort is refused before anything is sent */
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&sort=due_at&after=%s",
           d, after);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "after"));
  http_free(r);
  /* gzip-encoded on the way: the same 601 lines */
  static const char *const gzip[] = {"Accept-Encoding: gzip", NULL};
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s", d);
  r = get_csv(path, gzip);
  ck_assert_str_eq(http_header(r, "Content-Encoding"), "gzip");
  char *text = gunzip(r->body, r->body_len, &len);
  ck_assert_int_eq(csv_lines(text), 601);
  ck_assert_int_eq(boms(text), 1);
  free(text);
  http_free(r);

  /* schools: 520 imported, all in one file */
  csv = NULL;
  f = open_memstream(&csv, &len);
  fputs("code,name,level,district_code\n", f);
  for (int i = 1; i <= 520; i++)
    fprintf(f, "EX-CSV-%03d,Trường %03d,primary,EX-CSV\n", i, i);
  fclose(f);
  r = http("POST", "/v1/schools/import", admin_token, csv, csv_body);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  http_free(r);
  free(csv);
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s", d);
  r = get_csv(path, NULL);
  ck_streamed(r);
  ck_assert_int_eq(boms(r->body), 1);
  ck_assert_int_eq(csv_lines(r->body), 521);
  http_free(r);
  /* reports: none yet in this district, the header alone */
  snprintf(path, sizeof(path), "/v1/reports.csv?district_id=%s", d);
  r = get_csv(path, NULL);
  ck_streamed(r);
  ck_assert_int_eq(boms(r->body), 1);
  ck_assert_int_eq(csv_lines(r->body), 1);
  http_free(r);
  free(d);
  free(proc);
}
END_TEST

/* ---- ?sep=semicolon on every CSV answer -------------------------------------------------- */

/* The first line of a CSV body (after its BOM), copied. */
static const char *first_line(const http_resp *r)
{
  static char line[512];
  ck_assert(strncmp(r->body, "\xEF\xBB\xBF", 3) == 0);
  size_t n = strcspn(r->body + 3, "\r");
  ck_assert_uint_lt(n, sizeof(line));
  memcpy(line, r->body + 3, n);
  line[n] = '\0';
  return line;
}

START_TEST(csv_answers_take_a_semicolon_separator)
{
  char path[512];
  char *d = make_district("EX-SEP1", "Huyện Phẩy, Chấm; Hai", "Tỉnh T");
  char *d2 = make_district("EX-SEP2", "=Huyện Công Thức", "Tỉnh T");
  char *proc = new_procedure(d, "EX-SEP.1", "Thủ tục; phẩy, chấm", ",\"statutory_days\":5");
  char *dossier = new_dossier(d, proc, "SEP-1", "online", "2024-06-03T08:00:00Z", "");
  char body[512];
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"KH\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":100}]}", d);
  free(create_as_admin("/v1/plans", body));

  /* a list page: the separator between fields and header names; a comma is plain text, a
   * semicolon is quoted, the formula guard is kept */
  http_resp *r = get_csv("/v1/districts.csv?q=EX-SEP&sep=semicolon&limit=10&sort=code",
                         NULL);
  ck_assert_str_eq(first_line(r), "id;code;name;province;province_code;office_name;created_at;"
                                  "updated_at");
  ck_assert_ptr_nonnull(strstr(r->body, ";EX-SEP1;\"Huyện Phẩy, Chấm; Hai\";Tỉnh T;"));
  ck_assert_ptr_nonnull(strstr(r->body, ";EX-SEP2;'=Huyện Công Thức;Tỉnh T;"));
  http_free(r);
  /* the same with commas (the default, and sep=comma): both marks quoted */
  r = get_csv("/v1/districts.csv?q=EX-SEP&sep=comma&limit=10&sort=code", NULL);
  ck_assert_str_eq(first_line(r), "id,code,name,province,province_code,office_name,created_at,"
                                  "updated_at");
  ck_assert_ptr_nonnull(strstr(r->body, ",EX-SEP1,\"Huyện Phẩy, Chấm; Hai\",Tỉnh T,"));
  http_free(r);
  /* a list streamed whole */
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&sep=semicolon", d);
  r = get_csv(path, NULL);
  ck_assert(strncmp(first_line(r), "id;district_id;procedure_id;reference;channel;", 46) == 0);
  ck_assert_int_eq(csv_lines(r->body), 2);
  ck_assert_ptr_nonnull(strstr(r->body, ";SEP-1;online;2024-06-03T08:00:00.000000Z;"));
  http_free(r);
  /* an export */
  r = get_csv("/v1/exports/procedure.csv?sep=semicolon", NULL);
  ck_assert(strncmp(first_line(r), "id;", 3) == 0);
  ck_assert_ptr_nonnull(strstr(r->body, ";\"Thủ tục; phẩy, chấm\";"));
  http_free(r);
  /* a progress answer: comma first, then semicolon (each kept apart in the answer cache) */
  r = get_csv("/v1/districts/code:EX-SEP1/progress.csv?year=2024", NULL);
  ck_assert(strncmp(first_line(r), "code,name_vi,name_en,source,target,comparator,", 46) == 0);
  ck_assert_ptr_nonnull(strstr(r->body, "\r\nBROADBAND_CONNECTED,"));
  http_free(r);
  r = get_csv("/v1/districts/code:EX-SEP1/progress.csv?year=2024&sep=semicolon", NULL);
  ck_assert(strncmp(first_line(r), "code;name_vi;name_en;source;target;comparator;", 46) == 0);
  ck_assert_ptr_nonnull(strstr(r->body, "\r\nBROADBAND_CONNECTED;"));
  http_free(r);
  /* a district's procedure figures */
  r = get_csv("/v1/districts/code:EX-SEP1/procedure-metrics.csv?year=2024&sep=semicolon",
              NULL);
  ck_assert(strncmp(first_line(r), "code;name;online_mode;dossiers;", 31) == 0);
  ck_assert_ptr_nonnull(strstr(r->body, "\r\nEX-SEP.1;\"Thủ tục; phẩy, chấm\";"));
  http_free(r);
  /* any other separator is a 400 naming sep, wherever CSV is answered */
  static const char *const refused[] = {
    "/v1/districts.csv?sep=tab", "/v1/dossiers?sep=%3B", "/v1/exports/school?sep=pipe",
    "/v1/districts/code:EX-SEP1/progress.csv?year=2024&sep=Semicolon",
    "/v1/districts/code:EX-SEP1/procedure-metrics?year=2024&sep=", NULL};
  for (int i = 0; refused[i]; i++) {
    r = http("GET", refused[i], admin_token, NULL, NULL);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, "sep"), "%s: %s", refused[i], r->body);
    http_free(r);
  }
  /* JSON answers take it and are JSON */
  r = http("GET", "/v1/districts?q=EX-SEP&sep=semicolon", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  http_free(r);
  free(d);
  free(d2);
  free(proc);
  free(dossier);
}
END_TEST

/* ---- signed download links ----------------------------------------------------------------- */

/* POST /v1/download-links {"path": path} as token; asserts 200; the url (malloc'ed) and, when
 * expires is not NULL, its expiry in seconds since 1970. */
static char *make_link(const char *token, const char *path, long long *expires)
{
  json_t *body = json_pack("{s:s}", "path", path);
  char *text = json_dumps(body, 0);
  http_resp *r = http("POST", "/v1/download-links", token, text, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  char *url = strdup(JSTR(r->json, "url"));
  if (expires) {
    struct tm tm = {0};
    ck_assert_ptr_nonnull(strptime(JSTR(r->json, "expires_at"), "%Y-%m-%dT%H:%M:%SZ", &tm));
    *expires = (long long)timegm(&tm);
  }
  http_free(r);
  free(text);
  json_decref(body);
  return url;
}

/* A link for path with any expiry, its signature the HMAC-SHA256 of the link's message keyed
 * with key (key_len bytes). */
static char *craft_link_keyed(const void *key, size_t key_len, const char *token_id,
                              const char *path, long long expires)
{
  char sig[EDX_HMAC_B64_LEN], *url = NULL;
  char *msg = edx_dl_message(path, token_id, expires);
  edx_hmac_sha256_b64url(sig, key, key_len, msg);
  ck_assert_int_ge(asprintf(&url, "%s&dl=%s.%lld.%s", path, token_id, expires, sig), 0);
  free(msg);
  return url;
}

/* A link for path signed as the server signs, with any expiry: keyed with HMAC-SHA256 under
 * the server's link secret (TEST_LINK_SECRET) of the token's SHA-256 digest in hex, computed
 * here with GnuTLS itself: what only someone holding the link secret and the token's digest
 * could make. */
static char *craft_link(const char *secret, const char *token_id, const char *path,
                        long long expires)
{
  char digest[EDX_SHA256_HEX];
  unsigned char key[32];
  edx_sha256_hex(digest, secret, strlen(secret));
  ck_assert_int_eq(gnutls_hmac_fast(GNUTLS_MAC_SHA256, TEST_LINK_SECRET,
                                    strlen(TEST_LINK_SECRET), digest, strlen(digest), key), 0);
  return craft_link_keyed(key, sizeof(key), token_id, path, expires);
}

/* GET url with no header; asserts status (and, for 401, the words of the detail). */
static void ck_link_status(const char *url, long status, const char *detail_has)
{
  http_resp *r = http("GET", url, NULL, NULL, NULL);
  ck_assert_msg(r->status == status, "%s: %ld %s", url, r->status, r->body);
  if (detail_has)
    ck_assert_msg(strstr(JSTR(r->json, "detail"), detail_has), "%s: %s", url, r->body);
  http_free(r);
}

START_TEST(a_download_link_answers_as_its_token_for_five_minutes)
{
  char path[512], other_path[512], office_id[ID_SIZE], body[256];
  char *d = make_district("EX-DL", "Huyện Liên Kết", "Tỉnh T");
  char *other = make_district("EX-DL2", "Huyện Khác", "Tỉnh T");
  char *proc = new_procedure(d, "EX-DL.1", "Thủ tục", ",\"statutory_days\":5");
  char *proc2 = new_procedure(other, "EX-DL2.1", "Thủ tục", ",\"statutory_days\":5");
  free(new_dossier(d, proc, "DL-1", "online", "2024-06-03T08:00:00Z", ""));
  free(new_dossier(d, proc, "DL-2", "postal", "2024-06-04T08:00:00Z", ""));
  free(new_dossier(other, proc2, "DLX-1", "online", "2024-06-03T08:00:00Z", ""));
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", d);
  char *office = mint_token(admin_token, body, office_id);
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&sep=semicolon"
           "&sort=received_at", d);

  /* made for 5 minutes: the URL is the path with dl added */
  long long before = (long long)time(NULL), expires = 0;
  char *url = make_link(office, path, &expires);
  ck_assert(strncmp(url, path, strlen(path)) == 0 && strncmp(url + strlen(path), "&dl=", 4) == 0);
  ck_assert(expires >= before + 300 && expires <= (long long)time(NULL) + 300);
  /* followed without a header: what the token gets */
  http_resp *with_token = http("GET", path, office, NULL, NULL);
  http_resp *r = http("GET", url, NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_int_eq(csv_lines(r->body), 3);
  ck_assert_ptr_nonnull(strstr(r->body, ";DL-1;online;"));
  ck_assert_str_eq(r->body, with_token->body);
  http_free(r);
  http_free(with_token);
  /* a percent-encoded query is signed as the browser sends it: q=DL-%31 is q=DL-1 */
  snprintf(other_path, sizeof(other_path), "/v1/dossiers.csv?district_id=%s&q=DL-%%31",
           d);
  char *encoded = make_link(office, other_path, NULL);
  r = http("GET", encoded, NULL, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", encoded, r->status, r->body);
  ck_assert_int_eq(csv_lines(r->body), 2);
  ck_assert_ptr_nonnull(strstr(r->body, ",DL-1,online,"));
  http_free(r);
  free(encoded);
  /* an export's CSV operation takes a link too: the district's dossiers, not the other's */
  char *export_link = make_link(office, "/v1/exports/dossier.csv?sep=semicolon", NULL);
  r = http("GET", export_link, NULL, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", export_link, r->status, r->body);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_int_eq(csv_lines(r->body), 3); /* the header, DL-1, DL-2 */
  ck_assert_ptr_nonnull(strstr(r->body, ";DL-1;online;"));
  ck_assert_ptr_null(strstr(r->body, "DLX-1"));
  http_free(r);
  free(export_link);
  /* a link and a header together: the header counts, dl is an unknown parameter */
  r = http("GET", url, office, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "dl"));
  http_free(r);

  /* altered: another district, a parameter dropped, the signature or expiry changed */
  char *tampered = strdup(url);
  memcpy(strstr(tampered, d), other, strlen(other));
  ck_link_status(tampered, 401, "altered");
  free(tampered);
  const char *dl = strstr(url, "&dl=") + 4;
  char dropped[1024];
  snprintf(dropped, sizeof(dropped), "/v1/dossiers.csv?district_id=%s&sort=received_at"
           "&dl=%s", d, dl);
  ck_link_status(dropped, 401, "altered");
  tampered = strdup(url);
  char *last = tampered + strlen(tampered) - 1;
  *last = *last == 'A' ? 'B' : 'A';
  ck_link_status(tampered, 401, "altered");
  tampered[strlen(tampered) - 5] = '\0';
  ck_link_status(tampered, 401, "altered");
  free(tampered);
  tampered = strdup(url);
  char *dot = strchr(strstr(tampered, "&dl=") + 4, '.');
  dot[1] = dot[1] == '9' ? '8' : (char)(dot[1] + 1); /* another expiry, the same signature */
  ck_link_status(tampered, 401, NULL);
  free(tampered);

  /* a link serves only GET of a CSV answer */
  snprintf(other_path, sizeof(other_path), "/v1/dossiers?dl=%s", dl);
  r = http("POST", other_path, NULL, "{}", NULL);
  ck_assert_problem(r, 401, "unauthorized");
  http_free(r);
  snprintf(other_path, sizeof(other_path), "/v1/me?dl=%s", dl);
  ck_link_status(other_path, 401, "only GET of a CSV answer");

  /* it answers as its token would: another district's dossiers are 403 */
  snprintf(other_path, sizeof(other_path), "/v1/dossiers.csv?district_id=%s", other);
  char *foreign = make_link(office, other_path, NULL);
  ck_link_status(foreign, 403, NULL);
  free(foreign);

  /* expiry, with links signed as the server signs them (the test holds the token's secret):
   * 100 s ahead works, a second ago has expired, an hour ahead was never issued */
  long long now = (long long)time(NULL);
  char *crafted = craft_link(office, office_id, path, now + 100);
  ck_link_status(crafted, 200, NULL);
  free(crafted);
  crafted = craft_link(office, office_id, path, now - 1);
  ck_link_status(crafted, 401, "expired");
  free(crafted);
  crafted = craft_link(office, office_id, path, now + 3600);
  ck_link_status(crafted, 401, "altered");
  free(crafted);
  /* keyed with the token's stored digest alone (the scheme before the link secret), which a
   * reader of the tokens table has: refused */
  char digest[EDX_SHA256_HEX];
  edx_sha256_hex(digest, office, strlen(office));
  crafted = craft_link_keyed(digest, strlen(digest), office_id, path, now + 100);
  ck_link_status(crafted, 401, "altered");
  free(crafted);

  /* revoked: the token's links stop working */
  snprintf(other_path, sizeof(other_path), "/v1/tokens/%s", office_id);
  r = http("DELETE", other_path, admin_token, NULL, NULL);
  ck_assert_msg(r->status == 204 || r->status == 200, "%ld %s", r->status, r->body);
  http_free(r);
  ck_link_status(url, 401, "revoked");
  free(url);

  /* a reader may make links; what a link cannot be made for is a 422 naming path */
  char *reader = mint_scoped("reader", "district_id", d);
  free(make_link(reader, path, NULL));
  static const char *const refused[] = {
    "{\"path\":\"/v2/dossiers?format=csv\"}", "{\"path\":\"/v1/me\"}",
    "{\"path\":\"/v1/dossiers?format=csv&dl=1\"}", "{\"path\":\"/v1/dossiers?q=Đông\"}",
    "{\"path\":\"/v1/no-such-list\"}", "{\"path\":5}", "{}", NULL};
  for (int i = 0; refused[i]; i++) {
    r = http("POST", "/v1/download-links", reader, refused[i], NULL);
    ck_assert_msg(r->status == 422 && problem_names_field(r, "path"), "%s: %ld %s", refused[i],
                  r->status, r->body);
    http_free(r);
  }
  r = http("POST", "/v1/download-links", reader, "{\"path\":\"/v1/dossiers\",\"ttl\":60}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "ttl"));
  http_free(r);
  r = http("POST", "/v1/download-links", NULL, "{\"path\":\"/v1/dossiers\"}", NULL);
  ck_assert_int_eq(r->status, 401);
  http_free(r);
  free(reader);
  free(office);
  free(d);
  free(other);
  free(proc);
  free(proc2);
}
END_TEST

/* The log file at path (malloc'ed). */
static char *read_log(const char *path)
{
  FILE *f = fopen(path, "r");
  char *text = calloc(1, 64 << 20);
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_gt(fread(text, 1, (64 << 20) - 1, f), 0);
  fclose(f);
  return text;
}

/* The status GET url (no header) gets from a second server on the same database, started with
 * env (its link secret); asserts that its log holds log_has (unless NULL) and not secret. The
 * suite's server is talked to again afterwards. */
static long status_on_second_server(const char *const *env, const char *url,
                                    const char *log_has, const char *secret)
{
  edudx_proc suite_server = {.port = http_port()}, second;
  harness_serve(&second, harness_conninfo(), NULL, env);
  http_resp *r = http("GET", url, NULL, NULL, NULL);
  long status = r->status;
  http_free(r);
  int exit_code = harness_stop(&second, SIGTERM);
  http_use(&suite_server);
  ck_assert_int_eq(exit_code, 0);
  char *log = read_log(second.log_path);
  ck_assert_msg(!log_has || strstr(log, log_has), "%s", log);
  ck_assert_ptr_null(strstr(log, secret));
  free(log);
  return status;
}

/* Instances behind a load balancer share EDUDX_LINK_SECRET: a server with the same secret takes
 * another's link, one with another secret (or a random one, unset) refuses it. */
START_TEST(a_link_works_only_where_the_link_secret_is_the_same)
{
  static const char *const same[] = {"EDUDX_LINK_SECRET=" TEST_LINK_SECRET, NULL};
  static const char *const other[] = {
    "EDUDX_LINK_SECRET=edudx-http-tests-link-secret-0123456788", NULL};
  static const char *const unset[] = {"EDUDX_LINK_SECRET", NULL}; /* putenv of a bare name unsets */
  char path[256];
  char *d = make_district("EX-DL3", "Huyện Hai Máy", "Tỉnh T");
  char *office = mint_scoped("district", "district_id", d);
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s", d);
  char *url = make_link(office, path, NULL);
  ck_link_status(url, 200, NULL);
  ck_assert_int_eq(status_on_second_server(same, url, NULL, TEST_LINK_SECRET), 200);
  ck_assert_int_eq(status_on_second_server(other, url, NULL, other[0] + 18), 401);
  ck_assert_int_eq(status_on_second_server(unset, url, "no link secret configured "
                                           "(EDUDX_LINK_SECRET): download links are signed with a "
                                           "random one and work only on this process",
                                           TEST_LINK_SECRET), 401);
  ck_link_status(url, 200, NULL);
  free(url);
  free(office);
  free(d);
}
END_TEST

/* serve refuses a link secret under 32 characters (an empty one too: a secret meant to be
 * shared must not silently become a random one), and never shows it; the suite's server does
 * not log its own. */
START_TEST(a_short_link_secret_is_refused_and_never_shown)
{
  static const char *const serve[] = {"serve", NULL};
  static const char *const short_env[] = {"EDUDX_LINK_SECRET=short-secret-Xq7", NULL};
  static const char *const empty_env[] = {"EDUDX_LINK_SECRET=", NULL};
  static const char *const flag[] = {"serve", "--link-secret=012345678901234567890123456-Xq7",
                                     NULL};
  static const char *const typo[] = {"serve", "--link-secrets=012345678901234567890123456789-Xq7",
                                     NULL};
  static const char *const no_env[] = {NULL};
  char out[4096];
  ck_assert_int_eq(harness_run(out, sizeof(out), serve, short_env, 1), 1);
  ck_assert_msg(strstr(out, "edudx serve: the link secret (--link-secret or EDUDX_LINK_SECRET) "
                            "must be at least 32 characters; it has 16 (it is not shown)\n"),
                "%s", out);
  ck_assert_msg(!strstr(out, "Xq7"), "%s", out);
  ck_assert_int_eq(harness_run(out, sizeof(out), serve, empty_env, 1), 1);
  ck_assert_msg(strstr(out, "must be at least 32 characters; it has 0 "), "%s", out);
  ck_assert_int_eq(harness_run(out, sizeof(out), flag, no_env, 1), 1);
  ck_assert_msg(strstr(out, "must be at least 32 characters; it has 31 "), "%s", out);
  ck_assert_msg(!strstr(out, "Xq7"), "%s", out);
  ck_assert_int_eq(harness_run(out, sizeof(out), typo, no_env, 1), 1);
  ck_assert_msg(strstr(out, "edudx serve: unknown or incomplete option '--link-secrets'\n"), "%s",
                out);
  ck_assert_msg(!strstr(out, "Xq7"), "%s", out);

  char *log = read_log(server_log_path);
  ck_assert_ptr_nonnull(strstr(log, "listening on"));
  ck_assert_ptr_null(strstr(log, TEST_LINK_SECRET));
  free(log);
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
  tcase_add_test(tc, a_list_csv_without_limit_is_every_row_in_one_stream);
  tcase_add_test(tc, csv_answers_take_a_semicolon_separator);
  tcase_add_test(tc, a_download_link_answers_as_its_token_for_five_minutes);
  tcase_add_test(tc, a_link_works_only_where_the_link_secret_is_the_same);
  tcase_add_test(tc, a_short_link_secret_is_refused_and_never_shown);
  tcase_add_test(tc, a_mirror_kept_under_concurrent_writers_equals_a_fresh_export);
  suite_add_tcase(s, tc);
  return s;
}
