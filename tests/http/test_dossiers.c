/* test_dossiers.c — administrative procedures (TTHC), dossiers, their metrics and the
 * dossier-based progress indicators, every figure computed by hand in the comments: procedure
 * defaults and refused fields, roles; due dates counted in working days over weekends, duplicate
 * references, procedures of another district; every legal status move and the illegal ones
 * changing nothing, on_time and overdue; metrics of hand-made procedures and their district
 * total; PROC_ONLINE_PROVISION, DOSSIER_ONLINE_RATE (per procedure), ONLINE_PAYMENT_RATE,
 * DOSSIER_DIGITIZATION_RATE and DVCTT_SATISFACTION on a hand-made district; JSON and CSV import.
 *
 * Dates: every received_at is chosen so that its weekday is the same in UTC and in Vietnam
 * (UTC+7), so the working-day count does not depend on which of the two the server counts in.
 * 2024-03-01 is a Friday, 2024-03-02 a Saturday, 2024-05-06 / 2024-06-03 / 2024-07-01 Mondays. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "testutil.h"

Suite *dossiers_suite(void);

#define REAL(j, key) json_number_value(json_object_get((j), (key)))
#define ck_assert_real(j, key, v) ck_assert_double_eq_tol(REAL(j, key), (v), 0.0001)

static const char *csv_type[] = {"Content-Type: text/csv", NULL};

/* ---- helpers ---------------------------------------------------------------------------- */

/* The id of a district by its code (malloc'ed). */
static char *district_id_of(const char *code)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/districts/code:%s", code);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "district %s: %ld", code, r->status);
  char *id = strdup(JSTR(r->json, "id"));
  http_free(r);
  return id;
}

static http_resp *post_dossier(const char *token, const char *district, const char *procedure,
                               const char *reference, const char *channel,
                               const char *received_at, const char *extra)
{
  char body[1024], dist[80] = "";
  if (district)
    snprintf(dist, sizeof(dist), "\"district_id\":\"%s\",", district);
  snprintf(body, sizeof(body), "{%s\"procedure_id\":\"%s\",\"reference\":\"%s\",\"channel\":"
           "\"%s\",\"received_at\":\"%s\"%s}", dist, procedure, reference, channel, received_at,
           extra);
  return http("POST", "/v1/dossiers", token, body, NULL);
}

static http_resp *get_dossier(const char *id)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/dossiers/%s", id);
  return http("GET", path, admin_token, NULL, NULL);
}

/* 1 when GET /v1/dossiers?overdue=true lists the dossier (among its procedure's), else 0:
 * overdue is a filter, not a field (a representation never changes with the clock). */
static int listed_overdue(const char *id)
{
  char path[256];
  const json_t *item;
  size_t i;
  int found = 0;
  http_resp *d = get_dossier(id);
  ck_assert_int_eq(d->status, 200);
  ck_assert(json_object_get(d->json, "overdue") == NULL);
  snprintf(path, sizeof(path), "/v1/dossiers?overdue=true&procedure_id=%s&limit=500",
           JSTR(d->json, "procedure_id"));
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  json_array_foreach(json_object_get(r->json, "items"), i, item)
    found |= strcmp(JSTR(item, "id"), id) == 0;
  http_free(d);
  http_free(r);
  return found;
}

static http_resp *patch_dossier(const char *id, const char *body, const char *const *headers)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/dossiers/%s", id);
  return http("PATCH", path, admin_token, body, headers);
}

/* PATCH that must succeed. */
static void patch_ok(const char *id, const char *body)
{
  http_resp *r = patch_dossier(id, body, NULL);
  ck_assert_msg(r->status == 200, "PATCH %s: %ld %s", body, r->status, r->body);
  http_free(r);
}

/* Seconds since 1970 of an RFC 3339 date-time ("Z" or ±hh:mm, fraction ignored); the server's
 * exact spelling (fraction digits, Z or +00:00) is not what is under test. */
static long long epoch(const char *s)
{
  int y, mo, d, h, mi, sec, n = 0;
  ck_assert_msg(s != NULL, "no date-time");
  ck_assert_msg(sscanf(s, "%d-%d-%dT%d:%d:%d%n", &y, &mo, &d, &h, &mi, &sec, &n) == 6,
                "not a date-time: %s", s);
  const char *p = s + n;
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++)
      ;
  long long off = 0;
  if (*p == '+' || *p == '-') {
    int oh = 0, om = 0;
    ck_assert(sscanf(p + 1, "%d:%d", &oh, &om) == 2);
    off = (oh * 3600LL + om * 60) * (*p == '-' ? -1 : 1);
  } else
    ck_assert_msg(*p == 'Z' || *p == 'z', "no zone in %s", s);
  struct tm tm = {0};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  return (long long)timegm(&tm) - off;
}

#define ck_assert_time(j, key, want)                                                             \
  ck_assert_msg(JSTR(j, key) && epoch(JSTR(j, key)) == epoch(want), "%s is %s, want %s", key,   \
                JSTR(j, key) ? JSTR(j, key) : "null", want)

/* The item of an array of objects whose `key` is value, or NULL. */
static json_t *find(const json_t *arr, const char *key, const char *value)
{
  size_t i;
  json_t *e;
  json_array_foreach(arr, i, e)
    if (JSTR(e, key) && strcmp(JSTR(e, key), value) == 0)
      return e;
  return NULL;
}

/* GET /v1/dossiers of a district (limit 500). */
static http_resp *list_dossiers(const char *district, const char *filters)
{
  char path[300];
  snprintf(path, sizeof(path), "/v1/dossiers?district_id=%s&limit=500%s", district, filters);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  return r;
}

static long long count_dossiers(const char *district, const char *filters)
{
  http_resp *r = list_dossiers(district, filters);
  long long n = JINT(r->json, "total");
  http_free(r);
  return n;
}

/* A copy of a district's dossier found by reference, or NULL. */
static json_t *dossier_by_ref(const char *district, const char *reference)
{
  http_resp *r = list_dossiers(district, "");
  json_t *e = find(json_object_get(r->json, "items"), "reference", reference);
  json_t *copy = e ? json_deep_copy(e) : NULL;
  http_free(r);
  return copy;
}

/* Asserts a rate object {"numerator","denominator","rate"}; pct < 0 means rate null. */
static void ck_rate(const json_t *parent, const char *key, long long num, long long den,
                    double pct)
{
  json_t *r = json_object_get(parent, key);
  ck_assert_msg(json_is_object(r), "%s is not a rate object", key);
  ck_assert_msg(JINT(r, "numerator") == num, "%s.numerator %lld, want %lld", key,
                (long long)JINT(r, "numerator"), num);
  ck_assert_msg(JINT(r, "denominator") == den, "%s.denominator %lld, want %lld", key,
                (long long)JINT(r, "denominator"), den);
  if (pct < 0)
    ck_assert_msg(json_is_null(json_object_get(r, "rate")), "%s.rate is not null", key);
  else
    ck_assert_msg(json_is_number(json_object_get(r, "rate")) &&
                  REAL(r, "rate") - pct < 0.0001 && pct - REAL(r, "rate") < 0.0001,
                  "%s.rate %g, want %g", key, REAL(r, "rate"), pct);
}

static int has_row_error(const http_resp *r, long row, const char *field)
{
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(r->json, "errors"), i, e)
    if (JINT(e, "row") == row && JSTR(e, "field") && strcmp(JSTR(e, "field"), field) == 0)
      return 1;
  return 0;
}

/* ---- 1. procedures ------------------------------------------------------------------------ */

START_TEST(procedures_defaults_fields_filters_and_roles)
{
  char body[1024], path[256];
  char *d = make_district("DS-PR", "Huyện Thủ Tục", "Tỉnh T");
  char *other = district_id_of("453"); /* the demo district */
  char *school = make_school(d, "DS-PR-S1", "Trường Tiểu học Thủ Tục");
  char *office = mint_scoped("district", "district_id", d);
  char *school_tok = mint_scoped("school", "school_id", school);

  /* created with the least: the defaults fee false, eligible_online true, online_mode none,
   * active true; field and statutory_days null */
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"code\":\"DS-1.001\",\"name\":"
           "\"Cấp bản sao văn bằng, chứng chỉ từ sổ gốc\"}", d);
  http_resp *r = http("POST", "/v1/procedures", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "%ld %s", r->status, r->body);
  char *p1 = strdup(JSTR(r->json, "id"));
  snprintf(path, sizeof(path), "/v1/procedures/%s", p1);
  ck_assert_str_eq(http_header(r, "Location"), path);
  ck_assert_str_eq(JSTR(r->json, "district_id"), d);
  ck_assert_str_eq(JSTR(r->json, "code"), "DS-1.001");
  ck_assert(json_is_false(json_object_get(r->json, "fee")));
  ck_assert(json_is_true(json_object_get(r->json, "eligible_online")));
  ck_assert_str_eq(JSTR(r->json, "online_mode"), "none");
  ck_assert(json_is_true(json_object_get(r->json, "active")));
  ck_assert(json_is_null(json_object_get(r->json, "field")));
  ck_assert(json_is_null(json_object_get(r->json, "statutory_days")));
  ck_assert_ptr_nonnull(JSTR(r->json, "created_at"));
  http_free(r);

  /* every bad field at once: name "", online_mode "some", statutory_days 0 → 3 errors */
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"name\":\"\",\"online_mode\":\"some\","
           "\"statutory_days\":0}", d);
  r = http("POST", "/v1/procedures", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "name"));
  ck_assert(problem_names_field(r, "online_mode"));
  ck_assert(problem_names_field(r, "statutory_days"));
  ck_assert_uint_eq(problem_error_count(r), 3);
  http_free(r);
  /* statutory_days 366 and a code with a space are refused too; an unknown field is 400 */
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"name\":\"X\",\"code\":\"1 2\","
           "\"statutory_days\":366}", d);
  r = http("POST", "/v1/procedures", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "code"));
  ck_assert(problem_names_field(r, "statutory_days"));
  http_free(r);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"name\":\"X\",\"colour\":\"red\"}", d);
  r = http("POST", "/v1/procedures", admin_token, body, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);

  /* PATCH online_mode → full; district_id is read-only → 400; bad mode → 422 */
  r = http("PATCH", path, admin_token, "{\"online_mode\":\"full\",\"fee\":true}", NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_str_eq(JSTR(r->json, "online_mode"), "full");
  ck_assert(json_is_true(json_object_get(r->json, "fee")));
  ck_assert_str_eq(JSTR(r->json, "name"), "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc");
  http_free(r);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\"}", other);
  r = http("PATCH", path, admin_token, body, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("PATCH", path, admin_token, "{\"online_mode\":\"most\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "online_mode"));
  http_free(r);

  /* a second procedure, partial, and a third left at none */
  free(new_procedure(d, "DS-1.002", "Chuyển trường cho học sinh tiểu học",
                     ",\"online_mode\":\"partial\""));
  free(new_procedure(d, "DS-1.003", "Xét tuyển sinh vào trung học cơ sở", ""));
  /* filters: online_mode full → 1 (P1), none → 1, partial → 1; all 3 */
  static const char *const modes[][2] = {{"full", "1"}, {"partial", "1"}, {"none", "1"},
                                         {"", "3"}};
  for (int i = 0; i < 4; i++) {
    snprintf(path, sizeof(path), "/v1/procedures?district_id=%s%s%s", d,
             modes[i][0][0] ? "&online_mode=" : "", modes[i][0]);
    r = http("GET", path, admin_token, NULL, NULL);
    ck_assert_msg(r->status == 200, "%s: %ld", path, r->status);
    ck_assert_msg(JINT(r->json, "total") == atoi(modes[i][1]), "%s: total %lld", path,
                  (long long)JINT(r->json, "total"));
    http_free(r);
  }
  snprintf(path, sizeof(path), "/v1/procedures?district_id=%s&online_mode=full", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "id"), p1);
  http_free(r);
  /* q is case- and diacritics-insensitive: "CAP BAN SAO" finds "Cấp bản sao ..." */
  snprintf(path, sizeof(path), "/v1/procedures?district_id=%s&q=CAP%%20BAN%%20SAO", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  http_free(r);
  r = http("GET", "/v1/procedures?online_mode=some", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("GET", "/v1/procedures?colour=red", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  /* the demo district holds the 31 seeded procedures */
  snprintf(path, sizeof(path), "/v1/procedures?district_id=%s", other);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 31);
  char *demo_proc = strdup(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "id"));
  http_free(r);

  /* a district token creates in its own district (district_id left out) */
  r = http("POST", "/v1/procedures", office,
           "{\"name\":\"Công nhận trường đạt chuẩn quốc gia\",\"statutory_days\":20}", NULL);
  ck_assert_msg(r->status == 201, "%ld %s", r->status, r->body);
  ck_assert_str_eq(JSTR(r->json, "district_id"), d);
  ck_assert_int_eq(JINT(r->json, "statutory_days"), 20);
  ck_assert(json_is_null(json_object_get(r->json, "code")));
  http_free(r);
  /* ... and is refused another district's: create there, patch one of its procedures */
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"name\":\"Thủ tục lạ\"}", other);
  r = http("POST", "/v1/procedures", office, body, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/procedures/%s", demo_proc);
  r = http("PATCH", path, office, "{\"active\":false}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* a school token gets 403 on everything here */
  r = http("GET", "/v1/procedures", school_tok, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/procedures/%s", p1);
  r = http("GET", path, school_tok, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("POST", "/v1/procedures", school_tok, "{\"name\":\"Thủ tục của trường\"}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/dossiers", school_tok, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* no DELETE: procedures are retired with active false */
  r = http("DELETE", path, admin_token, NULL, NULL);
  ck_assert_msg(r->status == 405 || r->status == 404, "DELETE: %ld", r->status);
  http_free(r);
  free(demo_proc);
  free(p1);
  free(office);
  free(school_tok);
  free(school);
  free(other);
  free(d);
}
END_TEST

/* ---- 2. dossiers: creation ---------------------------------------------------------------- */

START_TEST(dossier_due_dates_duplicates_and_procedure_district)
{
  char *d = make_district("DS-DO", "Huyện Hồ Sơ", "Tỉnh T");
  char *d2 = make_district("DS-DO2", "Huyện Hồ Sơ Hai", "Tỉnh T");
  char *pd = new_procedure(d, "DS-DO.3", "Thủ tục ba ngày có phí",
                           ",\"statutory_days\":3,\"fee\":true,\"online_mode\":\"full\"");
  char *pw = new_procedure(d, "DS-DO.1", "Thủ tục một ngày", ",\"statutory_days\":1");
  char *pn = new_procedure(d, "DS-DO.0", "Thủ tục không thời hạn", "");
  char *p2 = new_procedure(d2, "DS-DO.3", "Thủ tục ba ngày (huyện khác)", ",\"statutory_days\":3");

  /* Friday 2024-03-01 09:00Z + 3 working days: Mon 4 (1), Tue 5 (2), Wed 6 (3) → Wednesday
   * 2024-03-06T09:00:00Z, the same time of day */
  http_resp *r = post_dossier(admin_token, d, pd, "DS-DO/001", "online", "2024-03-01T09:00:00Z", "");
  ck_assert_msg(r->status == 201, "%ld %s", r->status, r->body);
  char *first = strdup(JSTR(r->json, "id"));
  char loc[128];
  snprintf(loc, sizeof(loc), "/v1/dossiers/%s", first);
  ck_assert_str_eq(http_header(r, "Location"), loc);
  ck_assert_time(r->json, "due_at", "2024-03-06T09:00:00Z");
  ck_assert_time(r->json, "received_at", "2024-03-01T09:00:00Z");
  ck_assert_str_eq(JSTR(r->json, "status"), "received");
  ck_assert_str_eq(JSTR(r->json, "district_id"), d);
  ck_assert_str_eq(JSTR(r->json, "procedure_id"), pd);
  ck_assert_str_eq(JSTR(r->json, "channel"), "online");
  /* the fee comes from the procedure (fee true); the flags default false */
  ck_assert(json_is_true(json_object_get(r->json, "fee")));
  ck_assert(json_is_false(json_object_get(r->json, "paid_online")));
  ck_assert(json_is_false(json_object_get(r->json, "e_receipt")));
  ck_assert(json_is_false(json_object_get(r->json, "dossier_digitized")));
  ck_assert(json_is_false(json_object_get(r->json, "result_digitized")));
  ck_assert(json_is_null(json_object_get(r->json, "satisfaction")));
  ck_assert(json_is_false(json_object_get(r->json, "complaint")));
  ck_assert(json_is_null(json_object_get(r->json, "resolved_at")));
  ck_assert(json_is_null(json_object_get(r->json, "processing_at")));
  /* open and past 2024-03-06 → overdue; not resolved → on_time null */
  ck_assert_int_eq(listed_overdue(JSTR(r->json, "id")), 1);
  ck_assert(json_is_null(json_object_get(r->json, "on_time")));
  http_free(r);

  /* Saturday 2024-03-02 10:00Z + 1 working day. Reading: days are counted one calendar day at
   * a time after received_at, only Monday–Friday count; from a Saturday, Sunday is skipped and
   * Monday is working day 1 → Monday 2024-03-04T10:00:00Z. The fee of a non-fee procedure is
   * false; given flags are kept. */
  r = post_dossier(admin_token, d, pw, "DS-DO/002", "in_person", "2024-03-02T10:00:00Z",
                   ",\"dossier_digitized\":true,\"satisfaction\":\"satisfied\",\"complaint\":true");
  ck_assert_msg(r->status == 201, "%ld %s", r->status, r->body);
  ck_assert_time(r->json, "due_at", "2024-03-04T10:00:00Z");
  ck_assert(json_is_true(json_object_get(r->json, "complaint")));
  ck_assert(json_is_false(json_object_get(r->json, "fee")));
  ck_assert(json_is_true(json_object_get(r->json, "dossier_digitized")));
  ck_assert_str_eq(JSTR(r->json, "satisfaction"), "satisfied");
  http_free(r);
  /* a Friday + 1 working day jumps the weekend: Fri 2024-03-08 16:00Z → Mon 2024-03-11 16:00Z
   * (16:00Z is 23:00 in Vietnam, still Friday there) */
  r = post_dossier(admin_token, d, pw, "DS-DO/002b", "postal", "2024-03-08T16:00:00Z", "");
  ck_assert_int_eq(r->status, 201);
  ck_assert_time(r->json, "due_at", "2024-03-11T16:00:00Z");
  http_free(r);

  /* an explicit due_at is kept, even with statutory_days on the procedure; 2099 → not overdue */
  r = post_dossier(admin_token, d, pd, "DS-DO/003", "online", "2024-03-01T09:00:00Z",
                   ",\"due_at\":\"2099-03-20T17:00:00Z\"");
  ck_assert_int_eq(r->status, 201);
  ck_assert_time(r->json, "due_at", "2099-03-20T17:00:00Z");
  ck_assert_int_eq(listed_overdue(JSTR(r->json, "id")), 0);
  http_free(r);
  /* a procedure without statutory_days: due_at needed → 422 due_at; given → 201 */
  r = post_dossier(admin_token, d, pn, "DS-DO/004", "online", "2024-03-01T09:00:00Z", "");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "due_at"));
  http_free(r);
  r = post_dossier(admin_token, d, pn, "DS-DO/004", "online", "2024-03-01T09:00:00Z",
                   ",\"due_at\":\"2024-03-15T09:00:00Z\"");
  ck_assert_int_eq(r->status, 201);
  ck_assert_time(r->json, "due_at", "2024-03-15T09:00:00Z");
  http_free(r);

  /* the same reference again in this district → 409; in another district it is allowed */
  r = post_dossier(admin_token, d, pw, "DS-DO/001", "in_person", "2024-04-01T09:00:00Z", "");
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  r = post_dossier(admin_token, d2, p2, "DS-DO/001", "in_person", "2024-04-01T09:00:00Z", "");
  ck_assert_msg(r->status == 201, "%ld %s", r->status, r->body);
  ck_assert_str_eq(JSTR(r->json, "district_id"), d2);
  http_free(r);
  /* a procedure of another district → 422 procedure_id */
  r = post_dossier(admin_token, d, p2, "DS-DO/005", "online", "2024-04-01T09:00:00Z", "");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "procedure_id"));
  http_free(r);
  /* bad fields at once: reference "", channel "fax", received_at not a date-time, satisfaction
   * "happy" → 4 errors */
  r = post_dossier(admin_token, d, pd, "", "fax", "yesterday", ",\"satisfaction\":\"happy\"");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "reference"));
  ck_assert(problem_names_field(r, "channel"));
  ck_assert(problem_names_field(r, "received_at"));
  ck_assert(problem_names_field(r, "satisfaction"));
  http_free(r);
  /* complaint must be a boolean: "yes" and null → 422 naming complaint, nothing created */
  r = post_dossier(admin_token, d, pd, "DS-DO/008", "online", "2024-03-01T09:00:00Z",
                   ",\"complaint\":\"yes\"");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "complaint"));
  http_free(r);
  r = post_dossier(admin_token, d, pd, "DS-DO/008", "online", "2024-03-01T09:00:00Z",
                   ",\"complaint\":null");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "complaint"));
  http_free(r);

  /* a district token creates in its own district without district_id; another district's → 403 */
  char *office = mint_scoped("district", "district_id", d);
  r = post_dossier(office, NULL, pw, "DS-DO/006", "online", "2024-04-01T09:00:00Z", "");
  ck_assert_msg(r->status == 201, "%ld %s", r->status, r->body);
  ck_assert_str_eq(JSTR(r->json, "district_id"), d);
  http_free(r);
  r = post_dossier(office, d2, p2, "DS-DO/007", "online", "2024-04-01T09:00:00Z", "");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);

  /* the list: 6 in d (001, 002, 002b, 003, 004, 006); filters */
  ck_assert_int_eq(count_dossiers(d, ""), 6);
  ck_assert_int_eq(count_dossiers(d, "&channel=online"), 4);     /* 001 003 004 006 */
  ck_assert_int_eq(count_dossiers(d, "&overdue=false"), 1);      /* 003 (due 2099) */
  ck_assert_int_eq(count_dossiers(d, "&overdue=true"), 5);
  ck_assert_int_eq(count_dossiers(d, "&year=2024"), 6);
  ck_assert_int_eq(count_dossiers(d, "&year=2023"), 0);
  ck_assert_int_eq(count_dossiers(d, "&status=received"), 6);
  char filt[128];
  snprintf(filt, sizeof(filt), "&procedure_id=%s", pd);
  ck_assert_int_eq(count_dossiers(d, filt), 2);                  /* 001 003 */
  /* default sort -received_at: 006 (2024-04-01) first */
  r = list_dossiers(d, "");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "reference"),
                   "DS-DO/006");
  http_free(r);
  r = list_dossiers(d, "&sort=received_at");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 5), "reference"),
                   "DS-DO/006");
  http_free(r);
  static const char *const bad[] = {"channel=fax", "status=done", "overdue=maybe", "year=20x4",
                                    "sort=colour"};
  for (int i = 0; i < 5; i++) {
    char path[128];
    snprintf(path, sizeof(path), "/v1/dossiers?%s", bad[i]);
    r = http("GET", path, admin_token, NULL, NULL);
    ck_assert_msg(r->status == 400, "%s: %ld", bad[i], r->status);
    ck_assert_problem(r, 400, "bad-request");
    http_free(r);
  }
  /* CSV with the spec's columns */
  char csv_path[160];
  snprintf(csv_path, sizeof(csv_path), "/v1/dossiers.csv?district_id=%s&limit=500&channel=in_person",
           d);
  r = http("GET", csv_path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  static const char header[] = "\xEF\xBB\xBF" "id,district_id,procedure_id,reference,channel,"
                               "received_at,due_at,status,resolved_at,fee,paid_online,e_receipt,"
                               "dossier_digitized,result_digitized,satisfaction,complaint,"
                               "on_time\r\n";
  ck_assert_int_eq(memcmp(r->body, header, sizeof(header) - 1), 0);
  ck_assert_ptr_nonnull(strstr(r->body, ",DS-DO/002,in_person,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",false,false,false,true,false,satisfied,true,\r\n"));
  http_free(r);
  /* a district token reads its own district; another district's list → 403 */
  char path[160];
  snprintf(path, sizeof(path), "/v1/dossiers?district_id=%s", d2);
  r = http("GET", path, office, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(office);
  free(first);
  free(pd);
  free(pw);
  free(pn);
  free(p2);
  free(d);
  free(d2);
}
END_TEST

/* ---- 3. status moves ---------------------------------------------------------------------- */

static const char *const statuses[] = {"received", "processing", "supplement_requested",
                                       "resolved", "rejected", "withdrawn"};

/* An illegal move: 409 "cannot move a dossier from X to Y", and the dossier is unchanged. */
static void refused_move(const char *id, const char *from, const char *to)
{
  char body[128], want[160];
  http_resp *before = get_dossier(id);
  ck_assert_str_eq(JSTR(before->json, "status"), from);
  snprintf(body, sizeof(body), "{\"status\":\"%s\"}", to);
  http_resp *r = patch_dossier(id, body, NULL);
  ck_assert_msg(r->status == 409, "%s → %s: %ld %s", from, to, r->status, r->body);
  ck_assert_problem(r, 409, "conflict");
  snprintf(want, sizeof(want), "cannot move a dossier from %s to %s", from, to);
  ck_assert_str_eq(JSTR(r->json, "detail"), want);
  http_free(r);
  http_resp *after = get_dossier(id);
  ck_assert_str_eq(after->body, before->body);
  http_free(after);
  http_free(before);
}

START_TEST(every_legal_move_and_illegal_ones_change_nothing)
{
  char *d = make_district("DS-MV", "Huyện Chuyển Trạng Thái", "Tỉnh T");
  char *p = new_procedure(d, "DS-MV.1", "Thủ tục năm ngày", ",\"statutory_days\":5");
  /* the 13 legal moves, each taken at least once:
   *   received → processing (1), supplement_requested (2), resolved (3), rejected (4),
   *              withdrawn (5)
   *   processing → supplement_requested (1), resolved (1), rejected (6), withdrawn (7)
   *   supplement_requested → processing (1), resolved (2), rejected (8), withdrawn (9) */
  static const char *const paths[][6] = {
    {"processing", "supplement_requested", "processing", "resolved", NULL},
    {"supplement_requested", "resolved", NULL},
    {"resolved", NULL},
    {"rejected", NULL},
    {"withdrawn", NULL},
    {"processing", "rejected", NULL},
    {"processing", "withdrawn", NULL},
    {"supplement_requested", "rejected", NULL},
    {"supplement_requested", "withdrawn", NULL},
  };
  char *ids[9], ref[32], body[128], key[64];
  for (int i = 0; i < 9; i++) {
    snprintf(ref, sizeof(ref), "DS-MV/%d", i + 1);
    ids[i] = new_dossier(d, p, ref, "online", "2024-03-01T09:00:00Z", "");
    for (int k = 0; paths[i][k]; k++) {
      snprintf(body, sizeof(body), "{\"status\":\"%s\"}", paths[i][k]);
      http_resp *r = patch_dossier(ids[i], body, NULL);
      ck_assert_msg(r->status == 200, "path %d step %s: %ld %s", i + 1, paths[i][k], r->status,
                    r->body);
      ck_assert_str_eq(JSTR(r->json, "status"), paths[i][k]);
      snprintf(key, sizeof(key), "%s_at", paths[i][k]); /* when it last entered that status */
      ck_assert_msg(JSTR(r->json, key) != NULL, "%s not set", key);
      http_free(r);
    }
  }
  /* the final states: every other status is refused, and so is going back to received from
   * processing or supplement_requested */
  for (int f = 0; f < 3; f++) {
    const char *from = f == 0 ? "resolved" : f == 1 ? "rejected" : "withdrawn";
    char *id = ids[f == 0 ? 2 : f == 1 ? 3 : 4];
    for (int t = 0; t < 6; t++)
      if (strcmp(statuses[t], from) != 0)
        refused_move(id, from, statuses[t]);
  }
  char *open = new_dossier(d, p, "DS-MV/10", "online", "2024-03-01T09:00:00Z", "");
  patch_ok(open, "{\"status\":\"processing\"}");
  refused_move(open, "processing", "received");
  patch_ok(open, "{\"status\":\"supplement_requested\"}");
  refused_move(open, "supplement_requested", "received");
  /* an illegal move with other fields in the body changes none of them either */
  http_resp *before = get_dossier(ids[2]);
  http_resp *r = patch_dossier(ids[2], "{\"status\":\"processing\",\"paid_online\":true}", NULL);
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  r = get_dossier(ids[2]);
  ck_assert_str_eq(r->body, before->body);
  http_free(r);
  http_free(before);

  /* the same status again is no move: 200 and nothing changes (received → received, and
   * resolved → resolved keeps its resolved_at) */
  char *still = new_dossier(d, p, "DS-MV/11", "in_person", "2024-03-01T09:00:00Z", "");
  before = get_dossier(still);
  r = patch_dossier(still, "{\"status\":\"received\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "status"), "received");
  http_free(r);
  r = get_dossier(still);
  ck_assert_str_eq(r->body, before->body);
  http_free(r);
  http_free(before);
  before = get_dossier(ids[2]);
  r = patch_dossier(ids[2], "{\"status\":\"resolved\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = get_dossier(ids[2]);
  ck_assert_str_eq(JSTR(r->json, "resolved_at"), JSTR(before->json, "resolved_at"));
  http_free(r);
  http_free(before);
  for (int i = 0; i < 9; i++)
    free(ids[i]);
  free(open);
  free(still);
  free(p);
  free(d);
}
END_TEST

START_TEST(resolved_at_on_time_overdue_and_fixed_fields)
{
  char *d = make_district("DS-OT", "Huyện Đúng Hạn", "Tỉnh T");
  char *p = new_procedure(d, "DS-OT.3", "Thủ tục ba ngày", ",\"statutory_days\":3");
  /* all received Friday 2024-03-01 09:00Z, due Wednesday 2024-03-06 09:00Z (see above) */
  char *early = new_dossier(d, p, "DS-OT/1", "online", "2024-03-01T09:00:00Z", "");
  char *exact = new_dossier(d, p, "DS-OT/2", "online", "2024-03-01T09:00:00Z", "");
  char *late = new_dossier(d, p, "DS-OT/3", "online", "2024-03-01T09:00:00Z", "");
  char *now_ = new_dossier(d, p, "DS-OT/4", "online", "2024-03-01T09:00:00Z", "");
  char *open = new_dossier(d, p, "DS-OT/5", "online", "2024-03-01T09:00:00Z", "");

  /* resolved 2024-03-05 10:00Z < due → on time; kept as given; no longer overdue */
  http_resp *r = patch_dossier(early, "{\"status\":\"resolved\",\"resolved_at\":"
                               "\"2024-03-05T10:00:00Z\"}", NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_time(r->json, "resolved_at", "2024-03-05T10:00:00Z");
  ck_assert(json_is_true(json_object_get(r->json, "on_time")));
  ck_assert_int_eq(listed_overdue(JSTR(r->json, "id")), 0);
  http_free(r);
  /* resolved exactly at due_at: resolved_at <= due_at → on time */
  r = patch_dossier(exact, "{\"status\":\"resolved\",\"resolved_at\":\"2024-03-06T09:00:00Z\"}",
                    NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_true(json_object_get(r->json, "on_time")));
  http_free(r);
  /* one second after due_at → late */
  r = patch_dossier(late, "{\"status\":\"resolved\",\"resolved_at\":\"2024-03-06T09:00:01Z\"}",
                    NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_time(r->json, "resolved_at", "2024-03-06T09:00:01Z");
  ck_assert(json_is_false(json_object_get(r->json, "on_time")));
  http_free(r);
  /* no resolved_at: now, which is after 2024-03-06 → late */
  long long t0 = (long long)time(NULL);
  r = patch_dossier(now_, "{\"status\":\"resolved\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  long long at = epoch(JSTR(r->json, "resolved_at"));
  ck_assert_msg(at >= t0 - 120 && at <= t0 + 120, "resolved_at %s is not now",
                JSTR(r->json, "resolved_at"));
  ck_assert(json_is_false(json_object_get(r->json, "on_time")));
  http_free(r);
  /* resolved_at without status resolved is refused, and nothing changes */
  http_resp *before = get_dossier(open);
  r = patch_dossier(open, "{\"resolved_at\":\"2024-03-05T10:00:00Z\"}", NULL);
  ck_assert_msg(r->status == 400 || r->status == 422, "resolved_at alone: %ld", r->status);
  http_free(r);
  r = patch_dossier(open, "{\"status\":\"processing\",\"resolved_at\":\"2024-03-05T10:00:00Z\"}",
                    NULL);
  ck_assert_msg(r->status == 400 || r->status == 422, "resolved_at with processing: %ld",
                r->status);
  http_free(r);
  r = get_dossier(open);
  ck_assert_str_eq(r->body, before->body);
  http_free(r);
  http_free(before);

  /* overdue: open with due_at in the past → true; processing too; a due_at moved to 2099 →
   * false; a supplement request does not stop the clock → true again once due_at is past */
  r = get_dossier(open);
  ck_assert_int_eq(listed_overdue(JSTR(r->json, "id")), 1);
  ck_assert(json_is_null(json_object_get(r->json, "on_time")));
  http_free(r);
  r = patch_dossier(open, "{\"status\":\"processing\"}", NULL);
  ck_assert_int_eq(listed_overdue(JSTR(r->json, "id")), 1);
  http_free(r);
  r = patch_dossier(open, "{\"due_at\":\"2099-01-01T00:00:00Z\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(listed_overdue(JSTR(r->json, "id")), 0);
  ck_assert_time(r->json, "due_at", "2099-01-01T00:00:00Z");
  http_free(r);
  r = patch_dossier(open, "{\"status\":\"supplement_requested\",\"due_at\":"
                    "\"2024-03-06T09:00:00Z\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(listed_overdue(JSTR(r->json, "id")), 1);
  http_free(r);
  /* final states are never overdue */
  r = patch_dossier(open, "{\"status\":\"withdrawn\"}", NULL);
  ck_assert_int_eq(listed_overdue(JSTR(r->json, "id")), 0);
  ck_assert(json_is_null(json_object_get(r->json, "on_time")));
  http_free(r);

  /* the other flags may be patched; the identity fields may not (400), nothing changes */
  r = patch_dossier(early, "{\"paid_online\":true,\"e_receipt\":true,\"result_digitized\":true,"
                    "\"satisfaction\":\"very_satisfied\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_true(json_object_get(r->json, "e_receipt")));
  ck_assert_str_eq(JSTR(r->json, "satisfaction"), "very_satisfied");
  http_free(r);
  r = patch_dossier(early, "{\"satisfaction\":null}", NULL);
  ck_assert(json_is_null(json_object_get(r->json, "satisfaction")));
  http_free(r);
  r = patch_dossier(early, "{\"complaint\":true}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_true(json_object_get(r->json, "complaint")));
  http_free(r);
  before = get_dossier(early);
  /* complaint is a boolean, never null or text: 422 naming it, nothing changes */
  const char *bad_complaints[] = {"{\"complaint\":null}", "{\"complaint\":\"true\"}",
                                  "{\"complaint\":1}"};
  for (int i = 0; i < 3; i++) {
    r = patch_dossier(early, bad_complaints[i], NULL);
    ck_assert_msg(r->status == 422, "%s: %ld", bad_complaints[i], r->status);
    ck_assert_problem(r, 422, "validation-failed");
    ck_assert(problem_names_field(r, "complaint"));
    http_free(r);
  }
  r = get_dossier(early);
  ck_assert_str_eq(r->body, before->body);
  http_free(r);
  char body[160];
  snprintf(body, sizeof(body), "{\"procedure_id\":\"%s\"}", p);
  const char *fixed[] = {"{\"reference\":\"DS-OT/99\"}", "{\"channel\":\"postal\"}",
                         "{\"received_at\":\"2024-03-02T09:00:00Z\"}", body,
                         "{\"district_id\":\"00000000-0000-4000-8000-000000000000\"}",
                         "{\"paid_online\":false,\"reference\":\"DS-OT/98\"}"};
  for (int i = 0; i < 6; i++) {
    r = patch_dossier(early, fixed[i], NULL);
    ck_assert_msg(r->status == 400, "%s: %ld", fixed[i], r->status);
    ck_assert_problem(r, 400, "bad-request");
    http_free(r);
  }
  r = get_dossier(early);
  ck_assert_str_eq(r->body, before->body);
  http_free(r);
  /* If-Match: the current ETag passes, a stale one is 412 */
  char im[96];
  snprintf(im, sizeof(im), "If-Match: %s", http_header(before, "ETag"));
  const char *h[] = {im, NULL};
  r = patch_dossier(early, "{\"e_receipt\":false}", h);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = patch_dossier(early, "{\"e_receipt\":true}", h);
  ck_assert_problem(r, 412, "precondition-failed");
  http_free(r);
  http_free(before);
  free(early);
  free(exact);
  free(late);
  free(now_);
  free(open);
  free(p);
  free(d);
}
END_TEST

/* ---- 4. metrics --------------------------------------------------------------------------- */

static char *mt_district, *mt_fee, *mt_free, *mt_empty;

/* District DS-MT with three procedures (names sort A, B, C):
 *   MF "A. ..." fee, full, 5 working days; MN "B. ..." no fee, partial, no statutory days;
 *   ME "C. ..." fee, none, no dossiers.
 * MF: all received Friday 2024-03-01 09:00Z → due (5 working days: Mon 4, Tue 5, Wed 6, Thu 7,
 *     Fri 8) Friday 2024-03-08 09:00Z.
 *   D1 online,    paid, digitized, result digitized, very_satisfied, resolved 03-08 09:00:00 (= due, on time)
 *   D2 online,    paid, digitized, no result,        satisfied,      resolved 03-08 09:00:01 (late)
 *   D3 online,          digitized,                   dissatisfied,   processing (overdue)
 *   D4 in_person,       digitized,                   —,              received (overdue)
 *   D5 in_person,       —,                           —,              received (overdue)
 *   D0 online, received 2023-12-29 (Friday), paid, digitized, very_satisfied, received
 *      (overdue, due 2024-01-05): not in 2024's figures, but in overdue_now (any year)
 * MN: received Monday 2024-04-01 08:00Z, due_at given 2024-04-05 08:00Z
 *   N1 online, digitized, result digitized, satisfied, resolved 2024-04-02 08:00Z (on time)
 *   N2 postal, —, dissatisfied, rejected */
static void make_metrics_district_once(void)
{
  mt_district = make_district("DS-MT", "Huyện Chỉ Số", "Tỉnh T");
  mt_fee = new_procedure(mt_district, "DS-MT.F", "A. Cấp phép có phí",
                         ",\"fee\":true,\"online_mode\":\"full\",\"statutory_days\":5");
  mt_free = new_procedure(mt_district, "DS-MT.N", "B. Công nhận miễn phí",
                          ",\"online_mode\":\"partial\"");
  mt_empty = new_procedure(mt_district, "DS-MT.E", "C. Chưa có hồ sơ",
                           ",\"fee\":true,\"statutory_days\":10");
  const char *at = "2024-03-01T09:00:00Z";
  char *d1 = new_dossier(mt_district, mt_fee, "MT-D1", "online", at,
                         ",\"paid_online\":true,\"dossier_digitized\":true,\"result_digitized\":"
                         "true,\"satisfaction\":\"very_satisfied\"");
  char *d2 = new_dossier(mt_district, mt_fee, "MT-D2", "online", at,
                         ",\"paid_online\":true,\"dossier_digitized\":true,\"satisfaction\":"
                         "\"satisfied\"");
  char *d3 = new_dossier(mt_district, mt_fee, "MT-D3", "online", at,
                         ",\"dossier_digitized\":true,\"satisfaction\":\"dissatisfied\"");
  free(new_dossier(mt_district, mt_fee, "MT-D4", "in_person", at, ",\"dossier_digitized\":true"));
  free(new_dossier(mt_district, mt_fee, "MT-D5", "in_person", at, ""));
  free(new_dossier(mt_district, mt_fee, "MT-D0", "online", "2023-12-29T09:00:00Z",
                   ",\"paid_online\":true,\"dossier_digitized\":true,\"satisfaction\":"
                   "\"very_satisfied\""));
  patch_ok(d1, "{\"status\":\"resolved\",\"resolved_at\":\"2024-03-08T09:00:00Z\"}");
  patch_ok(d2, "{\"status\":\"resolved\",\"resolved_at\":\"2024-03-08T09:00:01Z\"}");
  patch_ok(d3, "{\"status\":\"processing\"}");
  char *n1 = new_dossier(mt_district, mt_free, "MT-N1", "online", "2024-04-01T08:00:00Z",
                         ",\"due_at\":\"2024-04-05T08:00:00Z\",\"dossier_digitized\":true,"
                         "\"result_digitized\":true,\"satisfaction\":\"satisfied\"");
  char *n2 = new_dossier(mt_district, mt_free, "MT-N2", "postal", "2024-04-01T08:00:00Z",
                         ",\"due_at\":\"2024-04-05T08:00:00Z\",\"satisfaction\":\"dissatisfied\"");
  patch_ok(n1, "{\"status\":\"resolved\",\"resolved_at\":\"2024-04-02T08:00:00Z\"}");
  patch_ok(n2, "{\"status\":\"rejected\"}");
  free(d1);
  free(d2);
  free(d3);
  free(n1);
  free(n2);
}

static http_resp *metrics_of(const char *procedure, const char *query)
{
  char path[200];
  snprintf(path, sizeof(path), "/v1/procedures/%s/metrics%s", procedure, query);
  return http("GET", path, admin_token, NULL, NULL);
}

START_TEST(metrics_of_a_fee_procedure)
{
  http_resp *r = metrics_of(mt_fee, "?year=2024");
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  json_t *p = json_object_get(r->json, "procedure");
  ck_assert_str_eq(JSTR(p, "id"), mt_fee);
  ck_assert_str_eq(JSTR(p, "code"), "DS-MT.F");
  ck_assert_str_eq(JSTR(p, "online_mode"), "full");
  ck_assert(json_is_true(json_object_get(p, "fee")));
  ck_assert_int_eq(JINT(r->json, "year"), 2024);
  /* received in 2024: D1..D5 = 5 (D0 is 2023's) */
  ck_assert_int_eq(JINT(r->json, "dossiers"), 5);
  /* online D1 D2 D3 = 3/5 = 60.00 */
  ck_rate(r->json, "online", 3, 5, 60.0);
  /* paid online D1 D2 = 2/5 = 40.00 (fee procedure, so it applies) */
  ck_rate(r->json, "online_payment", 2, 5, 40.0);
  /* digitized and (not resolved or result digitized): D1 yes (resolved, result), D2 no
   * (resolved, no result), D3 yes (open), D4 yes (open), D5 no (not digitized) = 3/5 = 60.00 */
  ck_rate(r->json, "digitization", 3, 5, 60.0);
  /* satisfaction (Decision 766): resolved in 2024 D1 D2; D2 late, D1 on time, neither
   * dissatisfied nor complained of → 1/2 = 50.00; satisfaction_ratings: rated D1 D2 D3,
   * very_satisfied + satisfied = D1 D2 → 2/3 = 66.666… = 66.67 */
  ck_rate(r->json, "satisfaction", 1, 2, 50.0);
  ck_rate(r->json, "satisfaction_ratings", 2, 3, 66.67);
  /* resolved D1 (at due_at exactly: on time) and D2 (1 s late) → 1/2 = 50.00 */
  ck_rate(r->json, "on_time", 1, 2, 50.0);
  /* now overdue, any year: D3 processing, D4 D5 received, D0 received (2023) = 4 */
  ck_assert_int_eq(JINT(r->json, "overdue_now"), 4);
  http_free(r);
  /* 2023: D0 only → online 1/1, paid 1/1, digitized (open) 1/1, rated 1 very_satisfied 1/1,
   * resolved none 0/0 → null */
  r = metrics_of(mt_fee, "?year=2023");
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "dossiers"), 1);
  ck_rate(r->json, "online", 1, 1, 100.0);
  ck_rate(r->json, "online_payment", 1, 1, 100.0);
  ck_rate(r->json, "satisfaction", 0, 0, -1);
  ck_rate(r->json, "satisfaction_ratings", 1, 1, 100.0);
  ck_rate(r->json, "on_time", 0, 0, -1);
  http_free(r);
  /* the year is required */
  r = metrics_of(mt_fee, "");
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = metrics_of(mt_fee, "?year=20x4");
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
}
END_TEST

START_TEST(metrics_without_fee_and_without_dossiers)
{
  /* MN, no fee: online N1 1/2 = 50.00; online_payment null (no fee); digitization N1 (resolved
   * with result) yes, N2 no → 1/2 = 50.00; satisfaction: handled (resolved) N1 only, on time,
   * satisfied, no complaint → 1/1 = 100.00 (N2 rejected is not handled); satisfaction_ratings
   * N1 satisfied of N1 N2 rated → 1/2 = 50.00; on_time: resolved N1 only, on time → 1/1 = 100.00; overdue_now: resolved and
   * rejected are never overdue → 0 */
  http_resp *r = metrics_of(mt_free, "?year=2024");
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "dossiers"), 2);
  ck_assert(json_is_false(json_object_get(json_object_get(r->json, "procedure"), "fee")));
  ck_rate(r->json, "online", 1, 2, 50.0);
  ck_assert_msg(json_is_null(json_object_get(r->json, "online_payment")),
                "online_payment of a procedure without fee is not null");
  ck_rate(r->json, "digitization", 1, 2, 50.0);
  ck_rate(r->json, "satisfaction", 1, 1, 100.0);
  ck_rate(r->json, "satisfaction_ratings", 1, 2, 50.0);
  ck_rate(r->json, "on_time", 1, 1, 100.0);
  ck_assert_int_eq(JINT(r->json, "overdue_now"), 0);
  http_free(r);
  /* ME, fee but no dossier: every denominator 0 and every rate null; online_payment is a rate
   * (the procedure has a fee) with 0/0 */
  r = metrics_of(mt_empty, "?year=2024");
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "dossiers"), 0);
  ck_rate(r->json, "online", 0, 0, -1);
  ck_rate(r->json, "online_payment", 0, 0, -1);
  ck_rate(r->json, "digitization", 0, 0, -1);
  ck_rate(r->json, "satisfaction", 0, 0, -1);
  ck_rate(r->json, "satisfaction_ratings", 0, 0, -1);
  ck_rate(r->json, "on_time", 0, 0, -1);
  ck_assert_int_eq(JINT(r->json, "overdue_now"), 0);
  http_free(r);
}
END_TEST

START_TEST(district_procedure_metrics_and_total)
{
  http_resp *r = http("GET", "/v1/districts/code:DS-MT/procedure-metrics?year=2024", admin_token,
                      NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_str_eq(JSTR(json_object_get(r->json, "district"), "id"), mt_district);
  ck_assert_str_eq(JSTR(json_object_get(r->json, "district"), "code"), "DS-MT");
  ck_assert_int_eq(JINT(r->json, "year"), 2024);
  /* every procedure of the district, by name: A (MF), B (MN), C (ME, no dossiers) */
  json_t *ps = json_object_get(r->json, "procedures");
  ck_assert_uint_eq(json_array_size(ps), 3);
  ck_assert_str_eq(JSTR(json_object_get(json_array_get(ps, 0), "procedure"), "id"), mt_fee);
  ck_assert_str_eq(JSTR(json_object_get(json_array_get(ps, 1), "procedure"), "id"), mt_free);
  ck_assert_str_eq(JSTR(json_object_get(json_array_get(ps, 2), "procedure"), "id"), mt_empty);
  ck_rate(json_array_get(ps, 0), "online", 3, 5, 60.0);
  ck_assert(json_is_null(json_object_get(json_array_get(ps, 1), "online_payment")));
  ck_rate(json_array_get(ps, 2), "online", 0, 0, -1);
  /* total over the 7 dossiers of 2024 (MF 5, MN 2):
   *   online 3 + 1 = 4/7 = 57.142… = 57.14
   *   online_payment over fee-bearing procedures' dossiers (MF 5, ME 0): 2/5 = 40.00
   *   digitization 3 + 1 = 4/7 = 57.14
   *   satisfaction (1 + 1) / (2 + 1) = 2/3 = 66.67; satisfaction_ratings (2 + 1) / (3 + 2) =
   *   3/5 = 60.00
   *   on_time (1 + 1) / (2 + 1) = 2/3 = 66.67 */
  json_t *t = json_object_get(r->json, "total");
  ck_rate(t, "online", 4, 7, 57.14);
  ck_rate(t, "online_payment", 2, 5, 40.0);
  ck_rate(t, "digitization", 4, 7, 57.14);
  ck_rate(t, "satisfaction", 2, 3, 66.67);
  ck_rate(t, "satisfaction_ratings", 3, 5, 60.0);
  ck_rate(t, "on_time", 2, 3, 66.67);
  http_free(r);
  /* CSV: one row per procedure (after the header) */
  r = http("GET", "/v1/districts/code:DS-MT/procedure-metrics.csv?year=2024", admin_token,
           NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  int lines = 0;
  for (const char *c = r->body; (c = strstr(c, "\r\n")) != NULL; c += 2)
    lines++;
  ck_assert_int_eq(lines, 4);
  ck_assert_ptr_nonnull(strstr(r->body, "DS-MT.F"));
  ck_assert_ptr_nonnull(strstr(r->body, "DS-MT.E"));
  http_free(r);
  /* roles: a reader of this district reads it; another district's reader gets 403; a school
   * token 403; no year 400 */
  char *reader = mint_scoped("reader", "district_id", mt_district);
  char *demo = district_id_of("453");
  char *other_reader = mint_scoped("reader", "district_id", demo);
  r = http("GET", "/v1/districts/code:DS-MT/procedure-metrics?year=2024", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  char path[160];
  snprintf(path, sizeof(path), "/v1/procedures/%s/metrics?year=2024", mt_fee);
  r = http("GET", path, reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("GET", path, other_reader, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/districts/code:DS-MT/procedure-metrics?year=2024", other_reader, NULL,
           NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/districts/code:DS-MT/procedure-metrics", reader, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  free(reader);
  free(other_reader);
  free(demo);
}
END_TEST

/* ---- 5. progress -------------------------------------------------------------------------- */

static char *pg_district, *pg_p[5];

/* District DS-PG, every procedure with 5 statutory working days:
 *   P1 DS-PG.1 full,    fee,    eligible, active
 *   P2 DS-PG.2 partial, no fee, eligible, active
 *   P3 DS-PG.3 none,    fee,    eligible, active
 *   P4 DS-PG.4 none,    no fee, not eligible, active
 *   P5 DS-PG.5 partial, no fee, eligible, inactive
 * Dossiers received Monday 2024-06-03 08:00Z (11 of 2024):
 *   P1: a1 online paid digitized very_satisfied   a2 online paid digitized very_satisfied
 *       a3 online paid digitized satisfied        a4 online paid digitized
 *       a5 online (not digitized)                 a6 online digitized
 *       a7 in_person digitized
 *   P2: b1 online digitized satisfied, paid_online true although P2 has no fee
 *       b2 online digitized, resolved without result_digitized
 *       b3 in_person digitized
 *   P3: c1 in_person digitized dissatisfied
 *   and one of 2023 (2023-06-01): P2 online, dissatisfied, not digitized — not counted
 *   (were it counted, P2 would be 3/4 = 75 % and meet 70). */
static void make_progress_district_once(void)
{
  char body[2048];
  pg_district = make_district("DS-PG", "Huyện Dịch Vụ Công", "Tỉnh T");
  pg_p[0] = new_procedure(pg_district, "DS-PG.1", "P1 Trực tuyến toàn trình",
                          ",\"online_mode\":\"full\",\"fee\":true,\"statutory_days\":5");
  pg_p[1] = new_procedure(pg_district, "DS-PG.2", "P2 Trực tuyến một phần",
                          ",\"online_mode\":\"partial\",\"statutory_days\":5");
  pg_p[2] = new_procedure(pg_district, "DS-PG.3", "P3 Chưa trực tuyến",
                          ",\"online_mode\":\"none\",\"fee\":true,\"statutory_days\":5");
  pg_p[3] = new_procedure(pg_district, "DS-PG.4", "P4 Không đủ điều kiện",
                          ",\"eligible_online\":false,\"statutory_days\":5");
  pg_p[4] = new_procedure(pg_district, "DS-PG.5", "P5 Ngừng áp dụng",
                          ",\"online_mode\":\"partial\",\"active\":false,\"statutory_days\":5");
  static const char *const rows[][4] = {
    /* procedure index, reference, channel, extra */
    {"0", "PG-a1", "online", ",\"paid_online\":true,\"dossier_digitized\":true,\"satisfaction\":\"very_satisfied\""},
    {"0", "PG-a2", "online", ",\"paid_online\":true,\"dossier_digitized\":true,\"satisfaction\":\"very_satisfied\""},
    {"0", "PG-a3", "online", ",\"paid_online\":true,\"dossier_digitized\":true,\"satisfaction\":\"satisfied\""},
    {"0", "PG-a4", "online", ",\"paid_online\":true,\"dossier_digitized\":true"},
    {"0", "PG-a5", "online", ""},
    {"0", "PG-a6", "online", ",\"dossier_digitized\":true"},
    {"0", "PG-a7", "in_person", ",\"dossier_digitized\":true"},
    {"1", "PG-b1", "online", ",\"paid_online\":true,\"dossier_digitized\":true,\"satisfaction\":\"satisfied\""},
    {"1", "PG-b2", "online", ",\"dossier_digitized\":true"},
    {"1", "PG-b3", "in_person", ",\"dossier_digitized\":true"},
    {"2", "PG-c1", "in_person", ",\"dossier_digitized\":true,\"satisfaction\":\"dissatisfied\""},
  };
  for (int i = 0; i < 11; i++) {
    char *id = new_dossier(pg_district, pg_p[atoi(rows[i][0])], rows[i][1], rows[i][2],
                           "2024-06-03T08:00:00Z", rows[i][3]);
    if (strcmp(rows[i][1], "PG-b2") == 0)
      patch_ok(id, "{\"status\":\"resolved\",\"resolved_at\":\"2024-06-05T08:00:00Z\"}");
    free(id);
  }
  free(new_dossier(pg_district, pg_p[1], "PG-old", "online", "2023-06-01T08:00:00Z",
                   ",\"satisfaction\":\"dissatisfied\""));
  snprintf(body, sizeof(body),
           "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch DVC 2024\","
           "\"document_ref\":\"77/KH-PGDĐT\",\"targets\":["
           "{\"indicator\":\"PROC_ONLINE_PROVISION\",\"comparator\":\">=\",\"target\":100},"
           "{\"indicator\":\"DOSSIER_ONLINE_RATE\",\"comparator\":\">=\",\"target\":70},"
           "{\"indicator\":\"ONLINE_PAYMENT_RATE\",\"comparator\":\">=\",\"target\":50},"
           "{\"indicator\":\"DOSSIER_DIGITIZATION_RATE\",\"comparator\":\">=\",\"target\":100},"
           "{\"indicator\":\"DVCTT_SATISFACTION\",\"comparator\":\">\",\"target\":95}]}",
           pg_district);
  http_resp *r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "plan: %s", r->body);
  http_free(r);
}

static http_resp *pg_progress(int year)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/districts/code:DS-PG/progress?year=%d", year);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_progress_agrees("DS-PG", year);
  return r;
}

START_TEST(progress_online_provision)
{
  http_resp *r = pg_progress(2024);
  /* active and eligible: P1 P2 P3 (P4 not eligible, P5 inactive) = 3; of them full or partial:
   * P1 P2 = 2 → 2/3 = 66.666… = 66.67 < 100 → not_met, gap 33.33; below [P3 "none"] */
  json_t *e = answer_indicator(r, "PROC_ONLINE_PROVISION");
  ck_assert_int_eq(JINT(e, "numerator"), 2);
  ck_assert_int_eq(JINT(e, "denominator"), 3);
  ck_assert_real(e, "actual", 66.67);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 33.33);
  ck_assert_int_eq(JINT(e, "expected"), 3);
  ck_assert_int_eq(JINT(e, "reported"), 3);
  ck_assert_uint_eq(json_array_size(json_object_get(e, "missing")), 0);
  json_t *below = json_object_get(e, "below");
  ck_assert_uint_eq(json_array_size(below), 1);
  json_t *b = json_array_get(below, 0);
  ck_assert_str_eq(JSTR(b, "id"), pg_p[2]);
  ck_assert_str_eq(JSTR(b, "code"), "DS-PG.3");
  ck_assert_str_eq(JSTR(b, "name"), "P3 Chưa trực tuyến");
  ck_assert_str_eq(JSTR(b, "value"), "none");
  ck_assert_str_eq(JSTR(b, "unit"), "procedure");
  ck_assert_str_eq(JSTR(b, "display"), "not offered online");
  http_free(r);
}
END_TEST

START_TEST(progress_dossier_online_rate_is_per_procedure)
{
  http_resp *r = pg_progress(2024);
  /* headline over the online procedures' dossiers: online a1..a6 (6) + b1 b2 (2) = 8 of 7 + 3
   * = 10 → 80.00, above 70; but per online procedure: P1 6/7 = 85.714… = 85.71 met, P2 2/3 =
   * 66.67 not_met → not_met. P3 (mode none, 1 dossier, not online) is not listed and counts
   * only in all_procedures: 8 of 11 = 72.727… = 72.73 (before: the headline). P4, P5 received
   * nothing. */
  json_t *e = answer_indicator(r, "DOSSIER_ONLINE_RATE");
  ck_assert_int_eq(JINT(e, "numerator"), 8);
  ck_assert_int_eq(JINT(e, "denominator"), 10);
  ck_assert_real(e, "actual", 80.0);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_int_eq(JINT(e, "expected"), 10);
  ck_assert_int_eq(JINT(e, "reported"), 10);
  json_t *all = json_object_get(e, "all_procedures");
  ck_assert_int_eq(JINT(all, "numerator"), 8);
  ck_assert_int_eq(JINT(all, "denominator"), 11);
  ck_assert_real(all, "actual", 72.73);
  json_t *pp = json_object_get(e, "per_procedure");
  ck_assert_uint_eq(json_array_size(pp), 2);
  json_t *p1 = find(pp, "procedure_id", pg_p[0]), *p2 = find(pp, "procedure_id", pg_p[1]);
  ck_assert_ptr_nonnull(p1);
  ck_assert_ptr_nonnull(p2);
  ck_assert_str_eq(JSTR(p1, "code"), "DS-PG.1");
  ck_assert_str_eq(JSTR(p1, "name"), "P1 Trực tuyến toàn trình");
  ck_assert_int_eq(JINT(p1, "numerator"), 6);
  ck_assert_int_eq(JINT(p1, "denominator"), 7);
  ck_assert_real(p1, "actual", 85.71);
  ck_assert_str_eq(JSTR(p1, "status"), "met");
  ck_assert_int_eq(JINT(p2, "numerator"), 2);
  ck_assert_int_eq(JINT(p2, "denominator"), 3);
  ck_assert_real(p2, "actual", 66.67);
  ck_assert_str_eq(JSTR(p2, "status"), "not_met");
  json_t *below = json_object_get(e, "below");
  ck_assert_uint_eq(json_array_size(below), 1);
  ck_assert_str_eq(JSTR(json_array_get(below, 0), "code"), "DS-PG.2");
  /* P2's own rate, 2 of 3 = 66.666… → 66.67 */
  ck_assert_real(json_array_get(below, 0), "value", 66.67);
  ck_assert_str_eq(JSTR(json_array_get(below, 0), "display"), "66.67%");
  http_free(r);
}
END_TEST

START_TEST(progress_payment_digitization_satisfaction)
{
  http_resp *r = pg_progress(2024);
  /* ONLINE_PAYMENT_RATE >= 50: dossiers of fee procedures P1 (7) + P3 (1) = 8; paid online
   * among them a1..a4 = 4 (b1's payment is on P2, which has no fee) → 4/8 = 50.00 → met */
  json_t *e = answer_indicator(r, "ONLINE_PAYMENT_RATE");
  ck_assert_int_eq(JINT(e, "numerator"), 4);
  ck_assert_int_eq(JINT(e, "denominator"), 8);
  ck_assert_real(e, "actual", 50.0);
  ck_assert_str_eq(JSTR(e, "status"), "met");
  ck_assert_int_eq(JINT(e, "expected"), 8);
  ck_assert_int_eq(JINT(e, "reported"), 8);
  ck_assert_uint_eq(json_array_size(json_object_get(e, "missing")), 0);
  /* DOSSIER_DIGITIZATION_RATE >= 100: digitized and (not resolved or result digitized):
   * P1 a1 a2 a3 a4 a6 a7 = 6 (a5 not digitized); P2 b1 b3 = 2 (b2 resolved without result);
   * P3 c1 = 1 → 9/11 = 81.818… = 81.82 → not_met, gap 18.18 */
  e = answer_indicator(r, "DOSSIER_DIGITIZATION_RATE");
  ck_assert_int_eq(JINT(e, "numerator"), 9);
  ck_assert_int_eq(JINT(e, "denominator"), 11);
  ck_assert_real(e, "actual", 81.82);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 18.18);
  ck_assert_int_eq(JINT(e, "expected"), 11);
  /* DVCTT_SATISFACTION > 95, Decision 766: dossiers of online procedures resolved in 2024: b2
   * only (resolved 06-05, due 06-10, unrated, no complaint) → 1/1 = 100.00 → met. ratings:
   * rated dossiers of online procedures (P1, P2): a1 a2 a3 b1, all very_satisfied or
   * satisfied → 4/4 = 100.00; c1's dissatisfied is P3's (mode none) and PG-old's is 2023's,
   * neither counts (either would give 4/5 = 80) */
  e = answer_indicator(r, "DVCTT_SATISFACTION");
  ck_assert_int_eq(JINT(e, "numerator"), 1);
  ck_assert_int_eq(JINT(e, "denominator"), 1);
  ck_assert_real(e, "actual", 100.0);
  ck_assert_str_eq(JSTR(e, "status"), "met");
  ck_assert_int_eq(JINT(e, "expected"), 1);
  ck_assert_int_eq(JINT(json_object_get(e, "ratings"), "numerator"), 4);
  ck_assert_int_eq(JINT(json_object_get(e, "ratings"), "denominator"), 4);
  ck_assert_real(json_object_get(e, "ratings"), "actual", 100.0);
  /* summary: met PAYMENT, SATISFACTION; not met PROVISION, ONLINE_RATE, DIGITIZATION */
  json_t *s = json_object_get(r->json, "summary");
  ck_assert_int_eq(JINT(s, "met"), 2);
  ck_assert_int_eq(JINT(s, "not_met"), 3);
  ck_assert_int_eq(JINT(s, "no_data"), 0);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "indicators")), 5);
  http_free(r);
}
END_TEST

/* Runs last: it adds dossiers. */
START_TEST(progress_online_rate_met_when_every_procedure_meets)
{
  /* two more online dossiers of P2: P2 4/5 = 80.00 met; P1 still 6/7 = 85.71 met; online
   * procedures 10/12 = 83.333… = 83.33 → met, nothing below; every procedure 10/13 = 76.923… =
   * 76.92 */
  free(new_dossier(pg_district, pg_p[1], "PG-b4", "online", "2024-06-03T08:00:00Z", ""));
  free(new_dossier(pg_district, pg_p[1], "PG-b5", "online", "2024-06-03T08:00:00Z", ""));
  http_resp *r = pg_progress(2024);
  json_t *e = answer_indicator(r, "DOSSIER_ONLINE_RATE");
  ck_assert_int_eq(JINT(e, "numerator"), 10);
  ck_assert_int_eq(JINT(e, "denominator"), 12);
  ck_assert_real(e, "actual", 83.33);
  ck_assert_str_eq(JSTR(e, "status"), "met");
  ck_assert_int_eq(JINT(json_object_get(e, "all_procedures"), "denominator"), 13);
  ck_assert_real(json_object_get(e, "all_procedures"), "actual", 76.92);
  json_t *p2 = find(json_object_get(e, "per_procedure"), "procedure_id", pg_p[1]);
  ck_assert_int_eq(JINT(p2, "numerator"), 4);
  ck_assert_int_eq(JINT(p2, "denominator"), 5);
  ck_assert_real(p2, "actual", 80.0);
  ck_assert_str_eq(JSTR(p2, "status"), "met");
  ck_assert_uint_eq(json_array_size(json_object_get(e, "below")), 0);
  http_free(r);
  /* a 2025 plan: no dossier received in 2025 → DOSSIER_ONLINE_RATE no_data; the provision is
   * not time-bound → still 2/3 = 66.67 */
  char body[1024];
  snprintf(body, sizeof(body),
           "{\"district_id\":\"%s\",\"year\":2025,\"title\":\"Kế hoạch DVC 2025\",\"targets\":["
           "{\"indicator\":\"PROC_ONLINE_PROVISION\",\"comparator\":\">=\",\"target\":100},"
           "{\"indicator\":\"DOSSIER_ONLINE_RATE\",\"comparator\":\">=\",\"target\":70}]}",
           pg_district);
  r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "plan 2025: %s", r->body);
  http_free(r);
  r = pg_progress(2025);
  ck_assert_str_eq(JSTR(answer_indicator(r, "DOSSIER_ONLINE_RATE"), "status"), "no_data");
  ck_assert_real(answer_indicator(r, "PROC_ONLINE_PROVISION"), "actual", 66.67);
  http_free(r);
}
END_TEST

/* ---- 6. import ---------------------------------------------------------------------------- */

START_TEST(import_json_and_csv_upsert_by_reference)
{
  char *d = make_district("DS-IM", "Huyện Nhập Hồ Sơ", "Tỉnh T");
  char *pi1 = new_procedure(d, "DS-IM.1", "Thủ tục nhập một",
                            ",\"statutory_days\":5,\"fee\":true,\"online_mode\":\"full\"");
  char *pi2 = new_procedure(d, "DS-IM.2", "Thủ tục nhập hai", "");
  char *office = mint_scoped("district", "district_id", d);
  char body[2048];

  /* IM-1 by procedure_code, resolved as a snapshot; IM-2 by procedure_id with its due_at */
  snprintf(body, sizeof(body),
           "[{\"reference\":\"IM-1\",\"procedure_code\":\"DS-IM.1\",\"channel\":\"online\","
           "\"received_at\":\"2024-05-06T08:00:00Z\",\"status\":\"resolved\",\"resolved_at\":"
           "\"2024-05-07T08:00:00Z\",\"paid_online\":true,\"satisfaction\":\"satisfied\"},"
           "{\"reference\":\"IM-2\",\"procedure_id\":\"%s\",\"channel\":\"in_person\","
           "\"received_at\":\"2024-05-06T08:00:00Z\",\"due_at\":\"2024-05-20T08:00:00Z\"}]", pi2);
  http_resp *r = http("POST", "/v1/dossiers/import", office, body, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert(json_is_false(json_object_get(r->json, "dry_run")));
  ck_assert_int_eq(JINT(r->json, "rows"), 2);
  ck_assert_int_eq(JINT(r->json, "created"), 2);
  ck_assert_int_eq(JINT(r->json, "updated"), 0);
  ck_assert_int_eq(JINT(r->json, "unchanged"), 0);
  http_free(r);
  /* IM-1: procedure DS-IM.1 resolved within the district; due Monday 2024-05-06 + 5 working
   * days (Tue 7, Wed 8, Thu 9, Fri 10, Mon 13) = 2024-05-13T08:00Z; resolved 05-07 → on time */
  json_t *im1 = dossier_by_ref(d, "IM-1");
  ck_assert_ptr_nonnull(im1);
  ck_assert_str_eq(JSTR(im1, "procedure_id"), pi1);
  ck_assert_str_eq(JSTR(im1, "district_id"), d);
  ck_assert_str_eq(JSTR(im1, "status"), "resolved");
  ck_assert_time(im1, "resolved_at", "2024-05-07T08:00:00Z");
  ck_assert_time(im1, "due_at", "2024-05-13T08:00:00Z");
  ck_assert(json_is_true(json_object_get(im1, "on_time")));
  ck_assert(json_is_true(json_object_get(im1, "fee")));
  ck_assert(json_is_true(json_object_get(im1, "paid_online")));
  json_decref(im1);

  /* re-import: IM-1 synced back to processing (no move rules), IM-2 the same row, IM-3 new →
   * created 1, updated 1, unchanged 1 */
  snprintf(body, sizeof(body),
           "[{\"reference\":\"IM-1\",\"procedure_code\":\"DS-IM.1\",\"channel\":\"online\","
           "\"received_at\":\"2024-05-06T08:00:00Z\",\"status\":\"processing\",\"processing_at\":"
           "\"2024-05-08T08:00:00Z\",\"paid_online\":true,\"satisfaction\":\"satisfied\"},"
           "{\"reference\":\"IM-2\",\"procedure_id\":\"%s\",\"channel\":\"in_person\","
           "\"received_at\":\"2024-05-06T08:00:00Z\",\"due_at\":\"2024-05-20T08:00:00Z\"},"
           "{\"reference\":\"IM-3\",\"procedure_code\":\"DS-IM.1\",\"channel\":\"postal\","
           "\"received_at\":\"2024-05-06T08:00:00Z\"}]", pi2);
  r = http("POST", "/v1/dossiers/import", office, body, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "rows"), 3);
  ck_assert_int_eq(JINT(r->json, "created"), 1);
  ck_assert_int_eq(JINT(r->json, "updated"), 1);
  ck_assert_int_eq(JINT(r->json, "unchanged"), 1);
  http_free(r);
  im1 = dossier_by_ref(d, "IM-1");
  ck_assert_str_eq(JSTR(im1, "status"), "processing");
  ck_assert_time(im1, "processing_at", "2024-05-08T08:00:00Z");
  ck_assert(json_is_null(json_object_get(im1, "on_time")));
  json_decref(im1);
  ck_assert_int_eq(count_dossiers(d, ""), 3);

  /* CSV as Vietnamese Excel writes it: BOM, ';', CRLF; an empty cell is null.
   * IM-C2 received Monday 2024-07-01 → due Monday 2024-07-08 08:00Z; resolved 07-15 → late */
  const char *csv = "\xEF\xBB\xBF" "reference;procedure_code;channel;received_at;status;"
                    "resolved_at;satisfaction;dossier_digitized;complaint\r\n"
                    "IM-C1;DS-IM.1;postal;2024-07-01T08:00:00Z;received;;;false;0\r\n"
                    "IM-C2;DS-IM.1;online;2024-07-01T08:00:00Z;resolved;2024-07-15T08:00:00Z;"
                    "very_satisfied;true;true\r\n";
  r = http("POST", "/v1/dossiers/import", office, csv, csv_type);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "created"), 2);
  http_free(r);
  json_t *c1 = dossier_by_ref(d, "IM-C1"), *c2 = dossier_by_ref(d, "IM-C2");
  ck_assert_ptr_nonnull(c1);
  ck_assert_ptr_nonnull(c2);
  ck_assert(json_is_null(json_object_get(c1, "satisfaction")));
  ck_assert_str_eq(JSTR(c1, "status"), "received");
  ck_assert_time(c2, "due_at", "2024-07-08T08:00:00Z");
  ck_assert(json_is_false(json_object_get(c2, "on_time")));
  ck_assert_str_eq(JSTR(c2, "satisfaction"), "very_satisfied");
  ck_assert(json_is_true(json_object_get(c2, "dossier_digitized")));
  ck_assert(json_is_false(json_object_get(c1, "complaint")));
  ck_assert(json_is_true(json_object_get(c2, "complaint")));
  json_decref(c1);
  json_decref(c2);

  /* admin names the district (?district_id=, as the server does it; a row's district_id must
   * be that one); procedure_code is resolved within that district */
  char path[160];
  snprintf(path, sizeof(path), "/v1/dossiers/import?district_id=%s", d);
  snprintf(body, sizeof(body),
           "[{\"district_id\":\"%s\",\"reference\":\"IM-A1\",\"procedure_code\":\"DS-IM.1\","
           "\"channel\":\"online\",\"received_at\":\"2024-05-06T08:00:00Z\"}]", d);
  r = http("POST", path, admin_token, body, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "created"), 1);
  http_free(r);
  json_t *a1 = dossier_by_ref(d, "IM-A1");
  ck_assert_str_eq(JSTR(a1, "procedure_id"), pi1);
  json_decref(a1);
  ck_assert_int_eq(count_dossiers(d, ""), 6);
  free(office);
  free(pi1);
  free(pi2);
  free(d);
}
END_TEST

START_TEST(import_one_bad_row_imports_nothing_and_dry_run)
{
  char *d = make_district("DS-IB", "Huyện Nhập Lỗi", "Tỉnh T");
  char *d2 = make_district("DS-IB2", "Huyện Nhập Khác", "Tỉnh T");
  free(new_procedure(d, "DS-IB.1", "Thủ tục năm ngày", ",\"statutory_days\":5"));
  free(new_procedure(d, "DS-IB.0", "Thủ tục không thời hạn", ""));
  free(new_procedure(d2, "DS-IB.9", "Thủ tục của huyện khác", ",\"statutory_days\":5"));
  char *office = mint_scoped("district", "district_id", d);
  /* row 1 fine; 2 the code of another district's procedure (unknown here); 3 channel "fax";
   * 4 resolved without resolved_at; 5 no due_at and a procedure without statutory_days;
   * 6 received_at not a date-time; 7 fine → 5 problems, nothing written */
  const char *csv = "reference,procedure_code,channel,received_at,status,resolved_at\n"
                    "IB-1,DS-IB.1,online,2024-08-05T08:00:00Z,received,\n"
                    "IB-2,DS-IB.9,online,2024-08-05T08:00:00Z,received,\n"
                    "IB-3,DS-IB.1,fax,2024-08-05T08:00:00Z,received,\n"
                    "IB-4,DS-IB.1,online,2024-08-05T08:00:00Z,resolved,\n"
                    "IB-5,DS-IB.0,online,2024-08-05T08:00:00Z,received,\n"
                    "IB-6,DS-IB.1,online,5 Aug 2024,received,\n"
                    "IB-7,DS-IB.1,in_person,2024-08-05T08:00:00Z,received,\n";
  http_resp *r = http("POST", "/v1/dossiers/import", office, csv, csv_type);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(has_row_error(r, 2, "procedure_code"));
  ck_assert(has_row_error(r, 3, "channel"));
  ck_assert(has_row_error(r, 4, "resolved_at") || has_row_error(r, 4, "status"));
  ck_assert(has_row_error(r, 5, "due_at"));
  ck_assert(has_row_error(r, 6, "received_at"));
  ck_assert_uint_eq(problem_error_count(r), 5);
  http_free(r);
  ck_assert_int_eq(count_dossiers(d, ""), 0); /* rows 1 and 7 were fine, yet nothing written */
  /* complaint must read as a boolean (true/false/1/0): "maybe" is row 2's problem */
  r = http("POST", "/v1/dossiers/import", office,
           "reference,procedure_code,channel,received_at,complaint\n"
           "IB-8,DS-IB.1,online,2024-08-05T08:00:00Z,1\n"
           "IB-9,DS-IB.1,online,2024-08-05T08:00:00Z,maybe\n", csv_type);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(has_row_error(r, 2, "complaint"));
  ck_assert_uint_eq(problem_error_count(r), 1);
  http_free(r);
  ck_assert_int_eq(count_dossiers(d, ""), 0);

  /* dry run: counted, not written */
  const char *one = "[{\"reference\":\"IB-D1\",\"procedure_code\":\"DS-IB.1\",\"channel\":"
                    "\"online\",\"received_at\":\"2024-08-05T08:00:00Z\"}]";
  r = http("POST", "/v1/dossiers/import?dry_run=true", office, one, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert(json_is_true(json_object_get(r->json, "dry_run")));
  ck_assert_int_eq(JINT(r->json, "rows"), 1);
  ck_assert_int_eq(JINT(r->json, "created"), 1);
  http_free(r);
  ck_assert_int_eq(count_dossiers(d, ""), 0);
  r = http("POST", "/v1/dossiers/import?dry_run=perhaps", office, one, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  /* then for real */
  r = http("POST", "/v1/dossiers/import", office, one, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "created"), 1);
  http_free(r);
  ck_assert_int_eq(count_dossiers(d, ""), 1);
  /* a district token may not import into another district; a reader may not import */
  char body[512];
  snprintf(body, sizeof(body), "[{\"district_id\":\"%s\",\"reference\":\"IB-X\","
           "\"procedure_code\":\"DS-IB.9\",\"channel\":\"online\",\"received_at\":"
           "\"2024-08-05T08:00:00Z\"}]", d2);
  r = http("POST", "/v1/dossiers/import", office, body, NULL);
  ck_assert_msg(r->status == 403 || r->status == 422, "another district's import: %ld",
                r->status);
  http_free(r);
  ck_assert_int_eq(count_dossiers(d2, ""), 0);
  /* the bodies that hold no records are refused as for schools (one reader for both) */
  ck_import_refuses_non_records("/v1/dossiers/import", office, "dossier");
  ck_assert_int_eq(count_dossiers(d, ""), 1);
  char *reader = mint_scoped("reader", "district_id", d), path[160];
  snprintf(path, sizeof(path), "/v1/dossiers/import?district_id=%s", d);
  r = http("POST", path, reader, one, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(reader);
  free(office);
  free(d);
  free(d2);
}
END_TEST

/* ---- 6. satisfaction (Decision 766 and the ratings) ----------------------------------------- */

static char *st_district, *st_online, *st_none, *st_c1, *st_o1, *st_h1;

/* District DS-ST in province 44 (Quảng Bình, the demo's). S1 DS-ST.1 full online; S2 DS-ST.2 no online service.
 * Received Monday 2024-06-03 08:00Z, due_at 2024-06-10 08:00Z, resolved 2024-06-05 08:00Z
 * unless said otherwise:
 *   S1 h1 very_satisfied   h2 satisfied   h3 h4 unrated   h6 in_person unrated    → handled, good
 *      h5 unrated, resolved 06-10 08:00:00 (= due: on time)                       → handled, good
 *      x1 received 2023-12-28, due 2024-01-10, satisfied, resolved 2024-01-03     → handled 2024, good
 *      d1 dissatisfied                                                            → handled, bad
 *      c1 satisfied, complaint                                                    → handled, bad
 *      l1 very_satisfied, resolved 06-10 08:00:01 (1 s late)                      → handled, bad
 *      o1 dissatisfied, complaint, processing                                     → not handled
 *      r1 dissatisfied, rejected                                                  → not handled
 *      y1 received 2024-12-20, due 2025-01-10, satisfied, resolved 2025-01-03     → handled 2025
 *   S2 z1 dissatisfied, complaint                                                 → S2 has no online service */
static void make_satisfaction_district_once(void)
{
  char body[1024];
  st_district = create_as_admin("/v1/districts", "{\"code\":\"DS-ST\",\"name\":\"Huyện Hài Lòng\","
                                                 "\"province\":\"Tỉnh Quảng Bình\","
                                                 "\"province_code\":\"44\"}");
  st_online = new_procedure(st_district, "DS-ST.1", "S1 Toàn trình",
                            ",\"online_mode\":\"full\",\"statutory_days\":5");
  st_none = new_procedure(st_district, "DS-ST.2", "S2 Chưa trực tuyến",
                          ",\"online_mode\":\"none\",\"statutory_days\":5");
  static const char *const rows[][5] = {
    /* reference, channel, received_at, extra, PATCH ("" none) */
    {"ST-h1", "online", "2024-06-03T08:00:00Z", ",\"satisfaction\":\"very_satisfied\"", "06-05"},
    {"ST-h2", "online", "2024-06-03T08:00:00Z", ",\"satisfaction\":\"satisfied\"", "06-05"},
    {"ST-h3", "online", "2024-06-03T08:00:00Z", "", "06-05"},
    {"ST-h4", "online", "2024-06-03T08:00:00Z", "", "06-05"},
    {"ST-h5", "online", "2024-06-03T08:00:00Z", "", "{\"status\":\"resolved\",\"resolved_at\":"
                                                    "\"2024-06-10T08:00:00Z\"}"},
    {"ST-h6", "in_person", "2024-06-03T08:00:00Z", "", "06-05"},
    {"ST-x1", "online", "2023-12-28T08:00:00Z", ",\"due_at\":\"2024-01-10T08:00:00Z\","
     "\"satisfaction\":\"satisfied\"", "{\"status\":\"resolved\",\"resolved_at\":"
                                       "\"2024-01-03T08:00:00Z\"}"},
    {"ST-d1", "online", "2024-06-03T08:00:00Z", ",\"satisfaction\":\"dissatisfied\"", "06-05"},
    {"ST-c1", "online", "2024-06-03T08:00:00Z", ",\"satisfaction\":\"satisfied\","
                                                "\"complaint\":true", "06-05"},
    {"ST-l1", "online", "2024-06-03T08:00:00Z", ",\"satisfaction\":\"very_satisfied\"",
     "{\"status\":\"resolved\",\"resolved_at\":\"2024-06-10T08:00:01Z\"}"},
    {"ST-o1", "online", "2024-06-03T08:00:00Z", ",\"satisfaction\":\"dissatisfied\","
                                                "\"complaint\":true", "{\"status\":\"processing\"}"},
    {"ST-r1", "online", "2024-06-03T08:00:00Z", ",\"satisfaction\":\"dissatisfied\"",
     "{\"status\":\"rejected\"}"},
    {"ST-y1", "online", "2024-12-20T08:00:00Z", ",\"due_at\":\"2025-01-10T08:00:00Z\","
     "\"satisfaction\":\"satisfied\"", "{\"status\":\"resolved\",\"resolved_at\":"
                                       "\"2025-01-03T08:00:00Z\"}"},
  };
  for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
    char extra[256];
    snprintf(extra, sizeof(extra), "%s%s", strstr(rows[i][3], "due_at") ? "" :
             ",\"due_at\":\"2024-06-10T08:00:00Z\"", rows[i][3]);
    char *id = new_dossier(st_district, st_online, rows[i][0], rows[i][1], rows[i][2], extra);
    patch_ok(id, strcmp(rows[i][4], "06-05") == 0
                   ? "{\"status\":\"resolved\",\"resolved_at\":\"2024-06-05T08:00:00Z\"}"
                   : rows[i][4]);
    if (strcmp(rows[i][0], "ST-c1") == 0)
      st_c1 = strdup(id);
    if (strcmp(rows[i][0], "ST-o1") == 0)
      st_o1 = strdup(id);
    if (strcmp(rows[i][0], "ST-h1") == 0)
      st_h1 = strdup(id);
    free(id);
  }
  char *z1 = new_dossier(st_district, st_none, "ST-z1", "in_person", "2024-06-03T08:00:00Z",
                         ",\"due_at\":\"2024-06-10T08:00:00Z\",\"satisfaction\":"
                         "\"dissatisfied\",\"complaint\":true");
  patch_ok(z1, "{\"status\":\"resolved\",\"resolved_at\":\"2024-06-05T08:00:00Z\"}");
  free(z1);
  snprintf(body, sizeof(body),
           "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch hài lòng 2024\","
           "\"targets\":[{\"indicator\":\"DVCTT_SATISFACTION\",\"comparator\":\">\","
           "\"target\":95}]}", st_district);
  free(create_as_admin("/v1/plans", body));
}

/* Asserts the DVCTT_SATISFACTION entry e: the headline num/den = pct, status, and the ratings
 * rnum/rden = rpct. */
static void ck_satisfaction(const json_t *e, long long num, long long den, double pct,
                            const char *status, long long rnum, long long rden, double rpct)
{
  ck_assert_msg(e != NULL, "no DVCTT_SATISFACTION entry");
  ck_assert_int_eq(JINT(e, "numerator"), num);
  ck_assert_int_eq(JINT(e, "denominator"), den);
  ck_assert_real(e, "actual", pct);
  if (status)
    ck_assert_str_eq(JSTR(e, "status"), status);
  json_t *ratings = json_object_get(e, "ratings");
  ck_assert_msg(json_is_object(ratings), "no ratings beside the headline");
  ck_assert_int_eq(JINT(ratings, "numerator"), rnum);
  ck_assert_int_eq(JINT(ratings, "denominator"), rden);
  ck_assert_real(ratings, "actual", rpct);
}

/* The DVCTT_SATISFACTION entries of DS-ST in the district answer, the national one and the
 * province one all match; the province total of both figures is the sum over its districts
 * (DS-ST and the demo's 453 at least). */
static void ck_st_progress(long long num, long long den, double pct, const char *status,
                           long long rnum, long long rden, double rpct)
{
  http_resp *r = http("GET", "/v1/districts/code:DS-ST/progress?year=2024", admin_token, NULL,
                      NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_satisfaction(answer_indicator(r, "DVCTT_SATISFACTION"), num, den, pct, status, rnum, rden,
                  rpct);
  http_free(r);
  ck_progress_agrees("DS-ST", 2024);
  r = http("GET", "/v1/progress?year=2024&province=44", admin_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  json_t *d;
  size_t i;
  long long sums[4] = {0, 0, 0, 0}, seen = 0;
  json_array_foreach(json_object_get(r->json, "districts"), i, d) {
    json_t *e = progress_entry(json_object_get(d, "indicators"), "DVCTT_SATISFACTION");
    if (!e)
      continue;
    if (strcmp(JSTR(json_object_get(d, "district"), "code"), "DS-ST") == 0) {
      ck_satisfaction(e, num, den, pct, status, rnum, rden, rpct);
      seen++;
    }
    sums[0] += JINT(e, "numerator");
    sums[1] += JINT(e, "denominator");
    sums[2] += JINT(json_object_get(e, "ratings"), "numerator");
    sums[3] += JINT(json_object_get(e, "ratings"), "denominator");
  }
  ck_assert_int_eq(seen, 1);
  ck_assert(sums[1] > den && sums[3] > rden); /* the demo district counts too */
  json_t *t = progress_entry(json_object_get(json_object_get(r->json, "total"), "indicators"),
                             "DVCTT_SATISFACTION");
  ck_assert_int_eq(JINT(t, "numerator"), sums[0]);
  ck_assert_int_eq(JINT(t, "denominator"), sums[1]);
  ck_assert_int_eq(JINT(json_object_get(t, "ratings"), "numerator"), sums[2]);
  ck_assert_int_eq(JINT(json_object_get(t, "ratings"), "denominator"), sums[3]);
  http_free(r);
}

START_TEST(satisfaction_766_and_ratings_in_progress)
{
  /* headline: handled in 2024 (resolved in 2024) dossiers of S1: h1..h6, x1, d1, c1, l1 = 10;
   * minus d1 (dissatisfied), c1 (complaint, although rated satisfied), l1 (1 s late) = 7 →
   * 7/10 = 70.00, not above 95 → not_met. o1 r1 are not resolved, y1 was resolved in 2025, z1
   * is S2's (no online service; with it 7/11).
   * ratings: rated dossiers of S1 received in 2024: h1 h2 d1 c1 l1 o1 r1 y1 = 8 (x1 was
   * received in 2023); very_satisfied or satisfied: h1 h2 c1 l1 y1 = 5 → 5/8 = 62.50 */
  ck_st_progress(7, 10, 70.0, "not_met", 5, 8, 62.5);
  http_resp *r = http("GET", "/v1/districts/code:DS-ST/progress?year=2024", admin_token, NULL,
                      NULL);
  json_t *e = answer_indicator(r, "DVCTT_SATISFACTION");
  ck_assert_real(e, "gap", 25.0);
  ck_assert_int_eq(JINT(e, "expected"), 10);
  ck_assert_int_eq(JINT(e, "reported"), 10);
  http_free(r);
}
END_TEST

START_TEST(satisfaction_766_and_ratings_in_metrics)
{
  /* S1 2024: satisfaction 7/10 = 70.00 and satisfaction_ratings 5/8 = 62.50 as in progress */
  http_resp *r = metrics_of(st_online, "?year=2024");
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_rate(r->json, "satisfaction", 7, 10, 70.0);
  ck_rate(r->json, "satisfaction_ratings", 5, 8, 62.5);
  http_free(r);
  /* 2025: y1 handled (on time, satisfied) → 1/1; nothing received in 2025 → ratings 0/0 null */
  r = metrics_of(st_online, "?year=2025");
  ck_rate(r->json, "satisfaction", 1, 1, 100.0);
  ck_rate(r->json, "satisfaction_ratings", 0, 0, -1);
  ck_assert_int_eq(JINT(r->json, "dossiers"), 0);
  http_free(r);
  /* 2023: x1 received (rated satisfied) but resolved in 2024 → satisfaction 0/0, ratings 1/1 */
  r = metrics_of(st_online, "?year=2023");
  ck_rate(r->json, "satisfaction", 0, 0, -1);
  ck_rate(r->json, "satisfaction_ratings", 1, 1, 100.0);
  http_free(r);
  /* S2 (metrics count every procedure): z1 handled, dissatisfied and complained of → 0/1;
   * rated dissatisfied → 0/1 */
  r = metrics_of(st_none, "?year=2024");
  ck_rate(r->json, "satisfaction", 0, 1, 0.0);
  ck_rate(r->json, "satisfaction_ratings", 0, 1, 0.0);
  http_free(r);
  /* the district's total: (7 + 0) / (10 + 1) = 63.636… = 63.64; ratings (5 + 0) / (8 + 1) =
   * 55.555… = 55.56; the CSV carries both columns */
  r = http("GET", "/v1/districts/code:DS-ST/procedure-metrics?year=2024", admin_token, NULL,
           NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_rate(json_object_get(r->json, "total"), "satisfaction", 7, 11, 63.64);
  ck_rate(json_object_get(r->json, "total"), "satisfaction_ratings", 5, 9, 55.56);
  http_free(r);
  r = http("GET", "/v1/districts/code:DS-ST/procedure-metrics.csv?year=2024",
           admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, "digitization,satisfaction,satisfaction_ratings,on_time"));
  ck_assert_msg(strstr(r->body, "\"\"numerator\"\":7,\"\"denominator\"\":10,\"\"rate\"\":70.0}\","
                       "\"{\"\"numerator\"\":5,\"\"denominator\"\":8,\"\"rate\"\":62.5}\"") != NULL,
                "CSV: %s", r->body);
  http_free(r);
}
END_TEST

/* Runs last in its case: it changes dossiers. */
START_TEST(satisfaction_follows_complaints_and_resolutions)
{
  /* c1's complaint withdrawn → 8/10 = 80.00; ratings unchanged */
  patch_ok(st_c1, "{\"complaint\":false}");
  ck_st_progress(8, 10, 80.0, "not_met", 5, 8, 62.5);
  /* o1 (dissatisfied, complaint) resolved on 06-06 → handled 11, good still 8 → 72.727… = 72.73 */
  patch_ok(st_o1, "{\"status\":\"resolved\",\"resolved_at\":\"2024-06-06T08:00:00Z\"}");
  ck_st_progress(8, 11, 72.73, "not_met", 5, 8, 62.5);
  /* a complaint about h1 → 7/11 = 63.636… = 63.64 */
  patch_ok(st_h1, "{\"complaint\":true}");
  ck_st_progress(7, 11, 63.64, "not_met", 5, 8, 62.5);
}
END_TEST

/* ---- search: q, reference and time ranges ------------------------------------------------ */

static char *sr_district;

/* Four dossiers around the Vietnamese day 2024-03-01 (UTC+7: from 2024-02-29T17:00:00Z to
 * 2024-03-01T16:59:59.999999Z):
 *   A 000.00.29.H56-240301-00293  received 02-29T17:00:00Z = 03-01 00:00 VN, due 03-08T08:00Z
 *   B 000.00.29.H56-240301-00294  received 03-01T16:59:59Z = 03-01 23:59:59 VN, due 03-15,
 *                                 resolved 03-05T08:00Z (03-05 VN)
 *   C HS-Đông-0007                received 03-01T17:00:00Z = 03-02 00:00 VN, due 03-20,
 *                                 resolved 03-10T03:00Z (03-10 10:00 VN)
 *   D hs-dong-0008                received 02-29T16:59:59Z = 02-29 23:59:59 VN, due 03-08T08:00Z */
static void make_search_district_once(void)
{
  static const char *const rows[][4] = {
    {"000.00.29.H56-240301-00293", "online", "2024-02-29T17:00:00Z", "2024-03-08T08:00:00Z"},
    {"000.00.29.H56-240301-00294", "in_person", "2024-03-01T16:59:59Z", "2024-03-15T08:00:00Z"},
    {"HS-Đông-0007", "online", "2024-03-01T17:00:00Z", "2024-03-20T08:00:00Z"},
    {"hs-dong-0008", "postal", "2024-02-29T16:59:59Z", "2024-03-08T08:00:00Z"},
  };
  static const char *const resolved[] = {NULL, "2024-03-05T08:00:00Z", "2024-03-10T03:00:00Z",
                                         NULL};
  sr_district = create_as_admin("/v1/districts", "{\"code\":\"DS-SR\",\"name\":\"Huyện Tìm Kiếm\","
                                                 "\"province\":\"Tỉnh Quảng Bình\"}");
  char *procedure = new_procedure(sr_district, "DS-SR.1", "Tìm 1", ",\"statutory_days\":5");
  for (size_t i = 0; i < 4; i++) {
    char extra[128], body[160];
    snprintf(extra, sizeof(extra), ",\"due_at\":\"%s\"", rows[i][3]);
    char *id = new_dossier(sr_district, procedure, rows[i][0], rows[i][1], rows[i][2], extra);
    if (resolved[i]) {
      snprintf(body, sizeof(body), "{\"status\":\"resolved\",\"resolved_at\":\"%s\"}",
               resolved[i]);
      patch_ok(id, body);
    }
    free(id);
  }
  free(procedure);
}

/* The references a search lists (sorted by received_at), joined by spaces: "A B" and so on
 * where A..D stand for the dossiers above. */
static const char *found(const char *filters)
{
  static char out[64];
  char path[512];
  const json_t *item;
  size_t i;
  snprintf(path, sizeof(path), "&sort=received_at%s", filters);
  http_resp *r = list_dossiers(sr_district, path);
  out[0] = '\0';
  json_array_foreach(json_object_get(r->json, "items"), i, item) {
    const char *ref = JSTR(item, "reference");
    char letter = strstr(ref, "00293") ? 'A' : strstr(ref, "00294") ? 'B'
                : strstr(ref, "0007") ? 'C' : strstr(ref, "0008") ? 'D' : '?';
    size_t n = strlen(out);
    snprintf(out + n, sizeof(out) - n, "%s%c", n ? " " : "", letter);
  }
  ck_assert_int_eq(JINT(r->json, "total"), (json_int_t)json_array_size(json_object_get(r->json,
                                                                                        "items")));
  http_free(r);
  return out;
}

#define ck_found(filters, want)                                                                  \
  ck_assert_msg(strcmp(found(filters), (want)) == 0, "%s found '%s', want '%s'", (filters),      \
                found(filters), (want))

START_TEST(search_by_q_and_reference)
{
  ck_found("", "D A B C");
  ck_found("&q=00293", "A");
  ck_found("&q=h56-2403", "A B");
  /* case and accents ignored: "Đông" folds to "dong" */
  ck_found("&q=dong", "D C");
  ck_found("&q=%C4%90%C3%94NG-0007", "C"); /* ĐÔNG-0007 */
  /* LIKE's wildcards are taken literally */
  ck_found("&q=%25", "");
  ck_found("&q=_", "");
  ck_found("&q=H56_240301", "");
  /* reference= is the whole reference, as stored */
  ck_found("&reference=000.00.29.H56-240301-00293", "A");
  ck_found("&reference=00293", "");
  ck_found("&reference=HS-%C4%90%C3%B4ng-0007", "C");
  ck_found("&reference=hs-%C4%91%C3%B4ng-0007", "");
  /* with the other filters */
  ck_found("&q=h56&status=resolved", "B");
  ck_found("&q=dong&channel=postal", "D");
}
END_TEST

START_TEST(search_by_time_ranges)
{
  /* a date is a Vietnamese day, both ends inclusive */
  ck_found("&received_from=2024-03-01&received_to=2024-03-01", "A B");
  ck_found("&received_from=2024-03-02", "C");
  ck_found("&received_to=2024-02-29", "D");
  /* date-times are instants, both ends inclusive */
  ck_found("&received_from=2024-02-29T17:00:00Z&received_to=2024-03-01T16:59:59Z", "A B");
  ck_found("&received_to=2024-03-01T16:59:58Z", "D A");
  ck_found("&received_from=2024-03-01T00:00:00%2B07:00&received_to=2024-03-01T00:00:00%2B07:00",
           "A");
  /* due: A and D on 03-08 (15:00 in Vietnam), B 03-15, C 03-20 */
  ck_found("&due_from=2024-03-09&due_to=2024-03-31", "B C");
  ck_found("&due_to=2024-03-08", "D A");
  ck_found("&due_from=2024-03-08&due_to=2024-03-08", "D A");
  /* resolved: only resolved dossiers have a resolved_at (B 03-05, C 03-10 10:00 in Vietnam) */
  ck_found("&resolved_from=2024-03-01", "B C");
  ck_found("&resolved_from=2024-03-10", "C");
  ck_found("&resolved_to=2024-03-09", "B");
  ck_found("&resolved_to=2024-03-10T02:59:59Z", "B");
  /* with q and the year (2024 in Vietnam's time holds all four) */
  ck_found("&q=dong&received_from=2024-03-01&year=2024", "C");
}
END_TEST

START_TEST(search_pages_by_cursor_and_csv)
{
  char path[512];
  /* received on 03-01 in Vietnam, one at a time by keyset: A, then B, then nothing */
  snprintf(path, sizeof(path), "/v1/dossiers?district_id=%s&received_from=2024-03-01"
           "&received_to=2024-03-01&sort=received_at&limit=1", sr_district);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "reference"),
                   "000.00.29.H56-240301-00293");
  ck_assert_ptr_nonnull(JSTR(r->json, "next"));
  char next[600];
  snprintf(next, sizeof(next), "%s&after=%s", path, JSTR(r->json, "next"));
  http_free(r);
  r = http("GET", next, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "reference"),
                   "000.00.29.H56-240301-00294");
  ck_assert(json_is_null(json_object_get(r->json, "next")));
  http_free(r);
  /* CSV of a search: BOM, header, D then C */
  snprintf(path, sizeof(path), "/v1/dossiers.csv?district_id=%s&q=dong&sort=received_at",
           sr_district);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert(strncmp(r->body, "\xEF\xBB\xBFid,", 6) == 0);
  const char *d = strstr(r->body, ",hs-dong-0008,"), *c = strstr(r->body, ",HS-Đông-0007,");
  ck_assert(d && c && d < c);
  int lines = 0;
  for (const char *p = r->body; (p = strstr(p, "\r\n")); p += 2)
    lines++;
  ck_assert_int_eq(lines, 3);
  http_free(r);
}
END_TEST

START_TEST(search_refuses_bad_values)
{
  static const char *const cases[][2] = {
    {"received_from=2024-02-30", "received_from"},
    {"received_to=31%2F03%2F2024", "received_to"},
    {"due_from=2024-03-01T08:00", "due_from"},
    {"due_to=tomorrow", "due_to"},
    {"resolved_from=2024-03-02&resolved_to=2024-03-01", "resolved_from"},
    {"received_from=2024-03-01T17:00:00Z&received_to=2024-03-01", "received_from"},
    {"q=", "q"},
    {"reference=", "reference"},
    {"reference=0123456789012345678901234567890123456789012345678901234567890123X", "reference"},
  };
  char path[300];
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    snprintf(path, sizeof(path), "/v1/dossiers?district_id=%s&%s", sr_district, cases[i][0]);
    http_resp *r = http("GET", path, admin_token, NULL, NULL);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, cases[i][1]), "%s: %s", cases[i][0], r->body);
    ck_assert_uint_eq(problem_error_count(r), 1);
    http_free(r);
  }
  /* two bad values, both named in one 400 */
  snprintf(path, sizeof(path), "/v1/dossiers?due_from=x&resolved_to=2024-13-01");
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "due_from") && problem_names_field(r, "resolved_to"));
  ck_assert_uint_eq(problem_error_count(r), 2);
  http_free(r);
}
END_TEST

Suite *dossiers_suite(void)
{
  Suite *s = suite_create("dossiers");
  TCase *tc = tcase_create("procedures and dossiers");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, procedures_defaults_fields_filters_and_roles);
  tcase_add_test(tc, dossier_due_dates_duplicates_and_procedure_district);
  tcase_add_test(tc, every_legal_move_and_illegal_ones_change_nothing);
  tcase_add_test(tc, resolved_at_on_time_overdue_and_fixed_fields);
  tcase_add_test(tc, import_json_and_csv_upsert_by_reference);
  tcase_add_test(tc, import_one_bad_row_imports_nothing_and_dry_run);
  suite_add_tcase(s, tc);
  TCase *metrics = tcase_create("procedure metrics");
  tcase_set_timeout(metrics, 60);
  /* unchecked: runs once in the runner's process, so every forked test sees the district */
  tcase_add_unchecked_fixture(metrics, make_metrics_district_once, NULL);
  tcase_add_test(metrics, metrics_of_a_fee_procedure);
  tcase_add_test(metrics, metrics_without_fee_and_without_dossiers);
  tcase_add_test(metrics, district_procedure_metrics_and_total);
  suite_add_tcase(s, metrics);
  TCase *progress = tcase_create("dossier progress");
  tcase_set_timeout(progress, 60);
  tcase_add_unchecked_fixture(progress, make_progress_district_once, NULL);
  tcase_add_test(progress, progress_online_provision);
  tcase_add_test(progress, progress_dossier_online_rate_is_per_procedure);
  tcase_add_test(progress, progress_payment_digitization_satisfaction);
  tcase_add_test(progress, progress_online_rate_met_when_every_procedure_meets); /* last */
  suite_add_tcase(s, progress);
  TCase *satisfaction = tcase_create("satisfaction");
  tcase_set_timeout(satisfaction, 60);
  tcase_add_unchecked_fixture(satisfaction, make_satisfaction_district_once, NULL);
  tcase_add_test(satisfaction, satisfaction_766_and_ratings_in_progress);
  tcase_add_test(satisfaction, satisfaction_766_and_ratings_in_metrics);
  tcase_add_test(satisfaction, satisfaction_follows_complaints_and_resolutions); /* last */
  suite_add_tcase(s, satisfaction);
  TCase *search = tcase_create("dossier search");
  tcase_set_timeout(search, 60);
  tcase_add_unchecked_fixture(search, make_search_district_once, NULL);
  tcase_add_test(search, search_by_q_and_reference);
  tcase_add_test(search, search_by_time_ranges);
  tcase_add_test(search, search_pages_by_cursor_and_csv);
  tcase_add_test(search, search_refuses_bad_values);
  suite_add_tcase(s, search);
  return s;
}
