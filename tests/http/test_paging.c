/* test_paging.c — keyset paging over HTTP: walking a list with after= while another process
 * writes, ties and microsecond timestamps, mixed directions with NULLs, the Link header (JSON
 * and CSV), the cursor's errors, and after= on every list. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../b64url.h"
#include "testutil.h"

Suite *paging_suite(void);

#define MAX_PAGES 200

/* The target of the answer's `Link: <target>; rel="next"` (malloc'ed), or NULL. */
static char *link_target(const http_resp *r)
{
  const char *link = http_header(r, "Link");
  size_t n;
  if (!link)
    return NULL;
  n = strlen(link);
  ck_assert_msg(link[0] == '<' && n > 13 && strcmp(link + n - 13, ">; rel=\"next\"") == 0,
                "Link: %s", link);
  return strndup(link + 1, n - 14);
}

/* Checks one page's next against its Link (present exactly when next is, ending in
 * after=<next>) and returns the Link's target (malloc'ed) or NULL on the last page. */
static char *next_target(const http_resp *r)
{
  const char *next = JSTR(r->json, "next");
  char *target = link_target(r);
  ck_assert_msg(json_object_get(r->json, "next") != NULL, "no next in %s", r->body);
  if (!next) {
    ck_assert_ptr_null(target);
    return NULL;
  }
  ck_assert_ptr_nonnull(target);
  ck_assert_ptr_nonnull(strstr(target, "after="));
  ck_assert_str_eq(strstr(target, "after=") + 6, next);
  ck_assert_ptr_null(strstr(target, "offset="));
  return target;
}

/* Appends field of every item of the page to got. */
static void collect(const http_resp *r, const char *field, json_t *got)
{
  size_t i;
  json_t *item;
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  json_array_foreach(json_object_get(r->json, "items"), i, item)
    json_array_append(got, json_object_get(item, field));
}

/* Walks the list at path by its Link headers, as token, appending field of every item to got;
 * returns the number of pages. */
static int walk(const char *path, const char *token, const char *field, json_t *got)
{
  char *target = strdup(path);
  int pages = 0;
  while (target) {
    http_resp *r = http("GET", target, token, NULL, NULL);
    ck_assert_int_lt(++pages, MAX_PAGES);
    if (pages > 1)
      ck_assert_int_eq(JINT(r->json, "offset"), 0);
    collect(r, field, got);
    free(target);
    target = next_target(r);
    http_free(r);
  }
  return pages;
}

/* Asserts that got holds exactly the texts of expected (NULL-terminated), in order; a NULL text
 * stands for JSON null when nulls is set. */
static void ck_texts(const json_t *got, const char *const *expected, size_t n)
{
  ck_assert_uint_eq(json_array_size(got), n);
  for (size_t i = 0; i < n; i++) {
    const char *g = json_string_value(json_array_get(got, i));
    ck_assert_msg(g && strcmp(g, expected[i]) == 0, "item %zu: %s, expected %s", i,
                  g ? g : "null", expected[i]);
  }
}

/* ---- a walk while another process writes ---- */

static int ok_status(http_resp *r, long status)
{
  int ok = r->status == status;
  if (!ok)
    fprintf(stderr, "writer: %ld %s\n", r->status, r->body);
  http_free(r);
  return ok;
}

/* The other process: for each line "ROUND GONE" it creates PW-0ROUND (before every school of
 * the walk, so behind the cursor) and PW-9ROUND (after all of them, so ahead), deletes GONE (a
 * school the walk has delivered), renames PW-110 (behind) and PW-390 (ahead; the sort is by
 * code, which a rename leaves alone), then answers "d" (or "f" when a write failed). */
static void writer(int in, int out, const char *district_id)
{
  char line[128], body[512], path[96];
  FILE *f = fdopen(in, "r");
  while (f && fgets(line, sizeof(line), f)) {
    int round, ok = 1;
    char gone[64];
    if (sscanf(line, "%d %63s", &round, gone) != 2)
      break;
    for (int ahead = 0; ahead <= 1; ahead++) {
      snprintf(body, sizeof(body), "{\"code\":\"PW-%d%02d\",\"name\":\"Trường %d\",\"level\":"
               "\"primary\",\"district_id\":\"%s\"}", ahead ? 9 : 0, round, round, district_id);
      ok &= ok_status(http("POST", "/v1/schools", admin_token, body, NULL), 201);
    }
    snprintf(path, sizeof(path), "/v1/schools/code:%s", gone);
    ok &= ok_status(http("DELETE", path, admin_token, NULL, NULL), 204);
    snprintf(body, sizeof(body), "{\"name\":\"Trường đổi tên %d\"}", round);
    ok &= ok_status(http("PATCH", "/v1/schools/code:PW-110", admin_token, body, NULL), 200);
    ok &= ok_status(http("PATCH", "/v1/schools/code:PW-390", admin_token, body, NULL), 200);
    if (write(out, ok ? "d" : "f", 1) != 1)
      break;
  }
  _exit(0);
}

START_TEST(walk_delivers_every_lasting_row_once_while_another_process_writes)
{
  char *district = make_district("PW", "Huyện Đi Trang", "Tỉnh T"), path[160], code[16];
  int to_writer[2], from_writer[2], status, pages = 0;
  json_t *got = json_array();
  const char *expected[39];
  char names[39][16];
  pid_t pid;
  /* PW-100, PW-110, …, PW-390: 30 schools */
  for (int i = 0; i < 30; i++) {
    snprintf(code, sizeof(code), "PW-%d", 100 + 10 * i);
    free(new_school(district, code, "primary", ""));
  }
  ck_assert_int_eq(pipe(to_writer), 0);
  ck_assert_int_eq(pipe(from_writer), 0);
  pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    close(to_writer[1]);
    close(from_writer[0]);
    writer(to_writer[0], from_writer[1], district);
  }
  close(to_writer[0]);
  close(from_writer[1]);
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&sort=code&limit=4", district);
  char *target = strdup(path);
  while (target) {
    http_resp *r = http("GET", target, admin_token, NULL, NULL);
    const char *first = JSTR(json_array_get(json_object_get(r->json, "items"), 0), "code");
    char line[96], answer = 'x';
    ck_assert_int_lt(++pages, MAX_PAGES);
    collect(r, "code", got);
    free(target);
    target = next_target(r);
    if (target) { /* between this page and the next, the other process writes */
      snprintf(line, sizeof(line), "%d %s\n", pages, first);
      ck_assert_int_eq(write(to_writer[1], line, strlen(line)), (ssize_t)strlen(line));
      ck_assert_int_eq(read(from_writer[0], &answer, 1), 1);
      ck_assert_msg(answer == 'd', "the writer's round %d failed", pages);
    }
    http_free(r);
  }
  close(to_writer[1]);
  ck_assert_int_eq(waitpid(pid, &status, 0), pid);
  ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  close(from_writer[0]);
  /* Worked out by hand: 30 schools plus one ahead per round, 4 a page, make 10 pages (39
   * items) and 9 rounds. Every school there from start to end comes once, in order; those
   * deleted after they came came once too; the ones created behind the cursor never come,
   * the ones created ahead (PW-901 … PW-909) once each. */
  for (int i = 0; i < 39; i++) {
    snprintf(names[i], sizeof(names[i]), "PW-%d", i < 30 ? 100 + 10 * i : 901 + (i - 30));
    expected[i] = names[i];
  }
  ck_assert_int_eq(pages, 10);
  ck_texts(got, expected, 39);
  json_decref(got);
  free(district);
}
END_TEST

/* ---- ties, moved rows and microseconds, sorted by updated_at as a mirror would ---- */

static int by_text(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

START_TEST(mirror_walk_by_updated_at_through_a_tie_group)
{
  char *district = make_district("PU", "Huyện Đồng Thời", "Tỉnh T"), path[200], body[2048];
  char ids[12][ID_SIZE], codes[12][8], *order[12], *v;
  const char *expected[13];
  json_t *got = json_array();
  size_t used = 0;
  http_resp *r;
  int page = 0;
  /* one import: the twelve schools share one updated_at, the import's moment */
  used += (size_t)snprintf(body, sizeof(body), "[");
  for (int i = 0; i < 12; i++)
    used += (size_t)snprintf(body + used, sizeof(body) - used, "%s{\"code\":\"PU-%02d\",\"name\":"
                             "\"Trường %02d\",\"level\":\"primary\",\"district_code\":\"PU\"}",
                             i ? "," : "", i + 1, i + 1);
  snprintf(body + used, sizeof(body) - used, "]");
  r = http("POST", "/v1/schools/import", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  v = sql_value("SELECT count(DISTINCT updated_at) FROM schools WHERE code LIKE 'PU-%'");
  ck_assert_str_eq(v, "1");
  free(v);
  /* the order within the tie is the id's; our own sort of the ids gives it */
  for (int i = 0; i < 12; i++) {
    char q[128];
    snprintf(q, sizeof(q), "SELECT id FROM schools WHERE code = 'PU-%02d'", i + 1);
    v = sql_value(q);
    snprintf(ids[i], sizeof(ids[i]), "%s", v);
    free(v);
    order[i] = ids[i];
  }
  qsort(order, 12, sizeof(order[0]), by_text);
  for (int i = 0; i < 12; i++)
    for (int k = 0; k < 12; k++)
      if (order[i] == ids[k])
        snprintf(codes[i], sizeof(codes[i]), "PU-%02d", k + 1);
  /* page 1 (5 schools), then the first of them and the last of the tie change (their
   * updated_at moves past the tie), then the rest */
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&sort=updated_at&limit=5", district);
  char *target = strdup(path);
  while (target) {
    r = http("GET", target, admin_token, NULL, NULL);
    ck_assert_int_lt(++page, MAX_PAGES);
    collect(r, "code", got);
    free(target);
    target = next_target(r);
    http_free(r);
    if (page == 1) {
      char p[64];
      snprintf(p, sizeof(p), "/v1/schools/code:%s", codes[0]);
      r = http("PATCH", p, admin_token, "{\"name\":\"Trường đổi một\"}", NULL);
      ck_assert_int_eq(r->status, 200);
      http_free(r);
      snprintf(p, sizeof(p), "/v1/schools/code:%s", codes[11]);
      r = http("PATCH", p, admin_token, "{\"name\":\"Trường đổi hai\"}", NULL);
      ck_assert_int_eq(r->status, 200);
      http_free(r);
    }
  }
  /* the tie in id order without the moved last one, then the two moved ones at their new
   * place, in the order they changed: the first comes twice, the last once */
  for (int i = 0; i < 11; i++)
    expected[i] = codes[i];
  expected[11] = codes[0];
  expected[12] = codes[11];
  ck_texts(got, expected, 13);
  ck_assert_int_eq(page, 3);
  json_decref(got);

  /* microseconds: two schools one microsecond apart, and a tie at the first, one a page */
  char q[256];
  snprintf(q, sizeof(q), "UPDATE schools SET updated_at = CASE code WHEN '%s' THEN"
           " '2031-01-01 00:00:00.000002+00'::timestamptz ELSE '2031-01-01 00:00:00.000001+00'"
           " END WHERE code IN ('%s', '%s', '%s') RETURNING 1", codes[3], codes[3], codes[4],
           codes[5]);
  free(sql_value(q));
  got = json_array();
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&updated_since=2031-01-01T00:00:00Z"
           "&sort=updated_at&limit=1", district);
  ck_assert_int_eq(walk(path, admin_token, "updated_at", got), 3);
  const char *times[] = {"2031-01-01T00:00:00.000001Z", "2031-01-01T00:00:00.000001Z",
                         "2031-01-01T00:00:00.000002Z"};
  ck_texts(got, times, 3);
  json_decref(got);
  got = json_array();
  walk(path, admin_token, "code", got);
  const char *tie[] = {codes[4], codes[5], codes[3]}; /* codes[4] < codes[5] by id */
  ck_texts(got, tie, 3);
  json_decref(got);
  free(district);
}
END_TEST

/* ---- mixed directions with NULLs ---- */

START_TEST(mixed_directions_with_nulls)
{
  char *district = make_district("PN", "Huyện Rỗng", "Tỉnh T"), path[200], body[256];
  const char *const made[][2] = {{NULL, "B"}, {"2.2", "Y"}, {NULL, "A"}, {"1.1", "Z"},
                                 {NULL, "C"}, {"2.2", "X"}, {NULL, "A"}};
  char *id[7];
  json_t *got;
  for (int i = 0; i < 7; i++) {
    if (made[i][0])
      snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"code\":\"%s\",\"name\":\"%s\"}",
               district, made[i][0], made[i][1]);
    else
      snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"code\":null,\"name\":\"%s\"}",
               district, made[i][1]);
    id[i] = create_as_admin("/v1/procedures", body);
  }
  /* the two (NULL, "A") tie on both sort fields: their ids decide */
  const char *lo = strcmp(id[2], id[6]) < 0 ? id[2] : id[6];
  const char *hi = lo == id[2] ? id[6] : id[2];
  /* -code,name: codes down, NULL codes last; names up; ids up (the last field's way) */
  const char *down[] = {id[5], id[1], id[3], lo, hi, id[0], id[4]};
  /* code,-name: NULL codes first; names down; ids down */
  const char *up[] = {id[4], id[0], hi, lo, id[3], id[1], id[5]};
  for (int limit = 1; limit <= 3; limit++) {
    got = json_array();
    snprintf(path, sizeof(path), "/v1/procedures?district_id=%s&sort=-code,name&limit=%d",
             district, limit);
    walk(path, admin_token, "id", got);
    ck_texts(got, down, 7);
    json_decref(got);
    got = json_array();
    snprintf(path, sizeof(path), "/v1/procedures?district_id=%s&sort=code,-name&limit=%d",
             district, limit);
    walk(path, admin_token, "id", got);
    ck_texts(got, up, 7);
    json_decref(got);
  }
  for (int i = 0; i < 7; i++)
    free(id[i]);
  free(district);
  /* the reports' school_code is NULL for the office's values: first ascending, last descending */
  http_resp *d = http("GET", "/v1/districts/code:453", admin_token, NULL, NULL);
  snprintf(path, sizeof(path), "/v1/reports?district_id=%s&year=2024&sort=school_code,indicator"
           "&limit=1", JSTR(d->json, "id"));
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert(json_is_null(json_object_get(json_array_get(json_object_get(r->json, "items"), 0),
                                         "school_code")));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/reports?district_id=%s&year=2024&sort=-school_code,indicator"
           "&limit=1", JSTR(d->json, "id"));
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert(json_is_string(json_object_get(json_array_get(json_object_get(r->json, "items"), 0),
                                           "school_code")));
  http_free(r);
  http_free(d);
}
END_TEST

START_TEST(text_keys_with_any_characters)
{
  static const char *const names[] = {
    "Trường \\\"kép\\\", & = + / ? % # < > 😀", "Trường a'b;c", "Trường  hai  cách",
    "Trường Đồng Lê", "Trường dong le", "Trường 100%", "Trường a+b", "Trường a b"};
  char *district = make_district("PT", "Huyện Chữ", "Tỉnh T"), path[200], code[16];
  json_t *walked = json_array(), *whole;
  size_t n = sizeof(names) / sizeof(names[0]);
  for (size_t i = 0; i < n; i++) {
    char body[512];
    snprintf(code, sizeof(code), "PT-%zu", i);
    snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"%s\",\"level\":\"primary\","
             "\"district_id\":\"%s\"}", code, names[i], district);
    free(create_as_admin("/v1/schools", body));
  }
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&sort=name&limit=1", district);
  ck_assert_int_eq(walk(path, admin_token, "code", walked), (int)n);
  /* one page of everything is the same order; walking one by one loses and repeats nothing */
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&sort=name&limit=500", district);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  whole = json_array();
  collect(r, "code", whole);
  ck_assert(json_is_null(json_object_get(r->json, "next")));
  ck_assert_ptr_null(http_header(r, "Link"));
  http_free(r);
  ck_assert_uint_eq(json_array_size(whole), n);
  ck_assert(json_equal(walked, whole));
  json_decref(walked);
  json_decref(whole);
  free(district);
}
END_TEST

/* ---- the Link header, JSON and CSV ---- */

START_TEST(link_header_points_at_the_next_page)
{
  char *district = make_district("PL", "Huyện Liên Kết", "Tỉnh T"), path[200], want[512];
  const char *next;
  char *target;
  for (int i = 1; i <= 5; i++) {
    char code[16];
    snprintf(code, sizeof(code), "PL-%d", i);
    free(new_school(district, code, "primary", ""));
  }
  /* offset is left out of the link, the other parameters kept as sent, after appended */
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&limit=2&offset=1&sort=code",
           district);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "code"), "PL-2");
  next = JSTR(r->json, "next");
  ck_assert_ptr_nonnull(next);
  snprintf(want, sizeof(want), "</v1/schools?district_id=%s&limit=2&sort=code&after=%s>; "
           "rel=\"next\"", district, next);
  ck_assert_str_eq(http_header(r, "Link"), want);
  target = link_target(r);
  char if_none_match[128];
  snprintf(if_none_match, sizeof(if_none_match), "If-None-Match: %s", http_header(r, "ETag"));
  const char *const conditional[] = {if_none_match, NULL};
  http_free(r);
  r = http("GET", path, admin_token, NULL, conditional); /* a 304 keeps the link */
  ck_assert_int_eq(r->status, 304);
  ck_assert_str_eq(http_header(r, "Link"), want);
  http_free(r);
  r = http("GET", target, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "offset"), 0);
  ck_assert_int_eq(JINT(r->json, "total"), 5);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 2);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "code"), "PL-4");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 1), "code"), "PL-5");
  ck_assert(json_is_null(json_object_get(r->json, "next")));
  ck_assert_ptr_null(http_header(r, "Link"));
  http_free(r);
  free(target);

  /* CSV: the same pages, the link in the header (the .csv path kept in it) */
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s&sort=-code&limit=3",
           district);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_ptr_nonnull(strstr(r->body, ",PL-5,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",PL-3,"));
  ck_assert_ptr_null(strstr(r->body, ",PL-2,"));
  target = link_target(r);
  ck_assert_ptr_nonnull(target);
  snprintf(want, sizeof(want), "/v1/schools.csv?district_id=%s&sort=-code&limit=3&after=",
           district);
  ck_assert_int_eq(strncmp(target, want, strlen(want)), 0);
  http_free(r);
  r = http("GET", target, admin_token, NULL, NULL);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_ptr_nonnull(strstr(r->body, ",PL-2,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",PL-1,"));
  ck_assert_ptr_null(strstr(r->body, ",PL-3,"));
  ck_assert_ptr_null(http_header(r, "Link"));
  http_free(r);
  free(target);
  free(district);
}
END_TEST

/* ---- refused cursors ---- */


/* GETs path and asserts a 400 whose errors[] names after, with a message containing words. */
static void ck_after_refused(const char *path, const char *words)
{
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_msg(problem_names_field(r, "after"), "%s", r->body);
  ck_assert_msg(strstr(r->body, words) != NULL, "%s: no '%s' in %s", path, words, r->body);
  http_free(r);
}

START_TEST(bad_cursors_are_a_400_naming_after)
{
  char path[1024], *crafted;
  http_resp *r = http("GET", "/v1/schools?limit=1&sort=code", admin_token, NULL, NULL);
  char *cursor = strdup(JSTR(r->json, "next"));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/schools?limit=1&sort=-code&after=%s", cursor);
  ck_after_refused(path, "this cursor was made for sort=code");
  snprintf(path, sizeof(path), "/v1/schools?limit=1&after=%s", cursor); /* the default: code */
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/districts?limit=1&sort=code&after=%s", cursor);
  ck_after_refused(path, "this cursor belongs to another list (/v1/schools)");
  snprintf(path, sizeof(path), "/v1/schools?sort=code&offset=3&after=%s", cursor);
  ck_after_refused(path, "cannot be combined with a non-zero offset");
  snprintf(path, sizeof(path), "/v1/schools?sort=code&offset=0&after=%s", cursor);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  ck_after_refused("/v1/schools?after=not%20a%20cursor", "is not a cursor of this list");
  ck_after_refused("/v1/schools?after=", "is not a cursor of this list");
  cursor[strlen(cursor) - 4] = '\0'; /* cut short */
  snprintf(path, sizeof(path), "/v1/schools?sort=code&after=%s", cursor);
  ck_after_refused(path, "is not a cursor of this list");
  /* well-formed, but its values are not what this list's columns hold */
  crafted = b64("[1,\"/v1/schools\",\"code\",[\"453-TH-01\",\"not-a-uuid\"]]");
  snprintf(path, sizeof(path), "/v1/schools?after=%s", crafted);
  ck_after_refused(path, "is not a cursor of this list");
  free(crafted);
  crafted = b64("[1,\"/v1/schools\",\"updated_at\",[\"the day after\","
                "\"0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b\"]]");
  snprintf(path, sizeof(path), "/v1/schools?sort=updated_at&after=%s", crafted);
  ck_after_refused(path, "is not a cursor of this list");
  free(crafted);
  crafted = b64("[1,\"/v1/reports\",\"set_at\",[\"2024-01-01 00:00:00+00\",\"12x\"]]");
  snprintf(path, sizeof(path), "/v1/reports?after=%s", crafted);
  ck_after_refused(path, "is not a cursor of this list");
  free(crafted);
  /* with other bad parameters: every one named at once */
  r = http("GET", "/v1/schools?after=%3F&limit=0&colour=red", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_uint_eq(problem_error_count(r), 3);
  ck_assert(problem_names_field(r, "after") && problem_names_field(r, "limit") &&
            problem_names_field(r, "colour"));
  http_free(r);
  free(cursor);
}
END_TEST

/* ---- after= on every list ---- */

START_TEST(every_list_pages_with_after)
{
  static const char *const lists[] = {
    "/v1/tokens", "/v1/districts", "/v1/schools", "/v1/indicators", "/v1/plans",
    "/v1/reports", "/v1/frameworks", "/v1/assessments", "/v1/procedures", "/v1/dossiers",
    "/v1/audit",
    "/v1/reports?sort=-school_code,indicator", "/v1/tokens?sort=label,-created_at",
    "/v1/dossiers?sort=-received_at,due_at", "/v1/audit?sort=at",
    "/v1/schools/code:453-TH-01/reports/2024/history?sort=-set_at",
    "/v1/districts/code:453/reports/2024/history", NULL};
  char path[256];
  /* a second framework, so that the frameworks have a second page */
  http_resp *fw = http("PUT", "/v1/frameworks/PAGINGFW", admin_token,
    "{\"title_vi\":\"Khung trang\",\"title_en\":\"Paging framework\",\"provisional\":true,"
    "\"groups\":[{\"code\":\"G\",\"title_vi\":\"Nhóm\",\"title_en\":\"Group\",\"criteria\":["
    "{\"code\":\"G1\",\"title_vi\":\"Điểm\",\"title_en\":\"Points\",\"mandatory\":false,"
    "\"max_points\":10}]}],\"level_bands\":{\"level2_min_percent\":50,"
    "\"level3_above_percent\":75},\"mandatory_unmet_max_level\":null}", NULL);
  ck_assert_msg(fw->status == 201, "%s", fw->body);
  http_free(fw);
  /* at least two changes to a school's and to the office's report, so that both histories
   * have a second page */
  for (int i = 0; i < 3; i++) {
    http_resp *w = http("PATCH", "/v1/schools/code:453-TH-01/reports/2024", admin_token,
                        i % 2 ? "{\"values\":{\"BROADBAND_CONNECTED\":true}}"
                              : "{\"values\":{\"BROADBAND_CONNECTED\":false}}", NULL);
    ck_assert_int_eq(w->status, 200);
    http_free(w);
    w = http("PATCH", "/v1/districts/code:453/reports/2024", admin_token,
             i % 2 ? "{\"values\":{\"OFFICE_DOCS_ONLINE\":81.5}}"
                   : "{\"values\":{\"OFFICE_DOCS_ONLINE\":82.5}}", NULL);
    ck_assert_int_eq(w->status, 200);
    http_free(w);
  }
  for (int i = 0; lists[i]; i++) {
    const char *sep = strchr(lists[i], '?') ? "&" : "?";
    snprintf(path, sizeof(path), "%s%slimit=3", lists[i], sep);
    http_resp *three = http("GET", path, admin_token, NULL, NULL);
    snprintf(path, sizeof(path), "%s%slimit=1", lists[i], sep);
    http_resp *one = http("GET", path, admin_token, NULL, NULL);
    char *target = next_target(one);
    ck_assert_msg(three->status == 200 && target, "%s: %ld %s", lists[i], three->status,
                  three->body);
    http_resp *second = http("GET", target, admin_token, NULL, NULL);
    ck_assert_msg(second->status == 200, "%s: %s", target, second->body);
    /* the page after the first item starts with the second item of the first three */
    ck_assert_msg(json_equal(json_array_get(json_object_get(second->json, "items"), 0),
                             json_array_get(json_object_get(three->json, "items"), 1)),
                  "%s: %s", lists[i], second->body);
    ck_assert_int_eq(JINT(second->json, "total"), JINT(three->json, "total"));
    free(target);
    http_free(three);
    http_free(one);
    http_free(second);
  }
}
END_TEST

Suite *paging_suite(void)
{
  Suite *s = suite_create("paging");
  TCase *tc = tcase_create("after");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, walk_delivers_every_lasting_row_once_while_another_process_writes);
  tcase_add_test(tc, mirror_walk_by_updated_at_through_a_tie_group);
  tcase_add_test(tc, mixed_directions_with_nulls);
  tcase_add_test(tc, text_keys_with_any_characters);
  tcase_add_test(tc, link_header_points_at_the_next_page);
  tcase_add_test(tc, bad_cursors_are_a_400_naming_after);
  tcase_add_test(tc, every_list_pages_with_after);
  suite_add_tcase(s, tc);
  return s;
}
