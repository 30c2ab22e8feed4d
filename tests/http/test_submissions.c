/* test_submissions.c — period reports (báo cáo định kỳ) over HTTP, on hand-made provinces and
 * districts: a frozen document that stays byte for byte the same (and its hash) after the
 * district's report values and plan change while the live progress moves; who may create,
 * submit, accept and return (every cell built), 403 before 422, illegal moves (409 naming the
 * state), the history and audit rows, superseding, the deadlines' PUT, and a province's summary
 * with one district on time, one late (at the edge of Vietnam's day) and one not submitted. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *submissions_suite(void);

static void put_province(const char *code)
{
  char path[64], body[128];
  snprintf(path, sizeof(path), "/v1/org-units/%s", code);
  snprintf(body, sizeof(body), "{\"name\":\"Tỉnh %s\",\"level\":\"province\"}", code);
  http_resp *r = http("PUT", path, admin_token, body, NULL);
  ck_assert_msg(r->status == 201 || r->status == 200, "%ld %s", r->status, r->body);
  http_free(r);
}

/* A district of province (an org unit), with a plan for 2024 when with_plan: two targets,
 * BROADBAND_CONNECTED >= 100 and OFFICE_DOCS_ONLINE >= 98. Its id; the plan's into plan_id. */
static char *district_of(const char *code, const char *province, int with_plan, char *plan_id)
{
  char body[1024];
  snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"Huyện %s\",\"province\":\"Tỉnh\","
           "\"province_code\":\"%s\"}", code, code, province);
  char *d = create_as_admin("/v1/districts", body);
  if (with_plan) {
    snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch "
             "CĐS 2024\",\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":"
             "\">=\",\"target\":100},{\"indicator\":\"OFFICE_DOCS_ONLINE\",\"comparator\":\">=\","
             "\"target\":98}]}", d);
    char *p = create_as_admin("/v1/plans", body);
    if (plan_id)
      snprintf(plan_id, ID_SIZE, "%s", p);
    free(p);
  }
  return d;
}

static http_resp *post_submission(const char *token, const char *district, const char *body)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/districts/%s/submissions", district);
  return http("POST", path, token, body, NULL);
}

#define GOOD_BODY "{\"period\":\"2024\",\"title\":\"Báo cáo kết quả CĐS năm 2024\"," \
                  "\"document_number\":\"15/BC-PGDĐT\",\"signed_by\":\"Nguyễn Văn A\"}"

/* Creates a submission as token; asserts 201; its id (malloc'ed). */
static char *new_submission(const char *token, const char *district)
{
  http_resp *r = post_submission(token, district, GOOD_BODY);
  ck_assert_msg(r->status == 201, "%ld %s", r->status, r->body);
  char *id = strdup(JSTR(r->json, "id"));
  http_free(r);
  return id;
}

static http_resp *move(const char *token, const char *id, const char *what, const char *body)
{
  char path[160];
  snprintf(path, sizeof(path), "/v1/submissions/%s/%s", id, what);
  return http("POST", path, token, body, NULL);
}

static void move_ok(const char *token, const char *id, const char *what, const char *body,
                    const char *state)
{
  http_resp *r = move(token, id, what, body);
  ck_assert_msg(r->status == 200, "%s: %ld %s", what, r->status, r->body);
  ck_assert_str_eq(JSTR(r->json, "state"), state);
  http_free(r);
}

static http_resp *get_sub(const char *token, const char *id, const char *tail)
{
  char path[160];
  snprintf(path, sizeof(path), "/v1/submissions/%s%s", id, tail);
  return http("GET", path, token, NULL, NULL);
}

static char *state_of(const char *id)
{
  http_resp *r = get_sub(admin_token, id, "");
  ck_assert_int_eq(r->status, 200);
  char *s = strdup(JSTR(r->json, "state"));
  http_free(r);
  return s;
}

static json_t *live_progress(const char *district)
{
  char path[160];
  snprintf(path, sizeof(path), "/v1/districts/%s/progress?year=2024", district);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  json_t *p = json_incref(r->json);
  http_free(r);
  return p;
}

/* The entry of code among a progress answer's indicators. */
static json_t *entry_of(json_t *progress, const char *code)
{
  json_t *e;
  size_t i;
  json_array_foreach(json_object_get(progress, "indicators"), i, e)
    if (strcmp(JSTR(e, "code"), code) == 0)
      return e;
  ck_abort_msg("no %s in the progress", code);
  return NULL;
}

/* 2024's values: school s1 connected, s2 not (one of two), the office of d at 98.5 %. */
static void report_values(const char *d, const char *s1, const char *s2)
{
  char path[200];
  const char *puts[][2] = {{"schools", "{\"values\":{\"BROADBAND_CONNECTED\":true}}"},
                           {"schools", "{\"values\":{\"BROADBAND_CONNECTED\":false}}"},
                           {"districts", "{\"values\":{\"OFFICE_DOCS_ONLINE\":98.5}}"}};
  const char *ids[] = {s1, s2, d};
  for (int i = 0; i < 3; i++) {
    snprintf(path, sizeof(path), "/v1/%s/%s/reports/2024", puts[i][0], ids[i]);
    http_resp *r = http("PUT", path, admin_token, puts[i][1], NULL);
    ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
    http_free(r);
  }
}

START_TEST(frozen_never_changes)
{
  char plan[ID_SIZE], path[200], sql[8192];
  put_province("SB44");
  char *d = district_of("SB-A", "SB44", 1, plan);
  char *s1 = new_school(d, "SB-A-S1", "primary", "");
  char *s2 = new_school(d, "SB-A-S2", "primary", "");
  char *office = mint_scoped("district", "district_id", d);
  report_values(d, s1, s2);
  http_resp *r;
  json_t *before = live_progress(d);

  r = post_submission(office, d, GOOD_BODY);
  ck_assert_msg(r->status == 201, "%ld %s", r->status, r->body);
  char *id = strdup(JSTR(r->json, "id"));
  char location[160], sha[80];
  snprintf(location, sizeof(location), "/v1/submissions/%s", id);
  ck_assert_str_eq(http_header(r, "Location"), location);
  ck_assert_str_eq(JSTR(r->json, "state"), "draft");
  ck_assert_str_eq(JSTR(r->json, "period"), "2024");
  ck_assert_int_eq(JINT(r->json, "year"), 2024);
  ck_assert_str_eq(JSTR(r->json, "document_number"), "15/BC-PGDĐT");
  ck_assert(json_is_null(json_object_get(r->json, "supersedes")));
  ck_assert_ptr_null(json_object_get(r->json, "frozen"));
  snprintf(sha, sizeof(sha), "%s", JSTR(r->json, "sha256"));
  ck_assert_uint_eq(strlen(sha), 64);
  http_free(r);

  /* the frozen document: the live answer of the time, the two indicators, the inputs */
  http_resp *f1 = get_sub(office, id, "/frozen");
  ck_assert_int_eq(f1->status, 200);
  ck_assert_str_eq(http_header(f1, "Content-Type"), "application/json");
  char etag[120];
  snprintf(etag, sizeof(etag), "\"sha256-%s\"", sha);
  ck_assert_str_eq(http_header(f1, "ETag"), etag);
  ck_assert(json_equal(json_object_get(f1->json, "progress"), before));
  json_t *frozen_bb = entry_of(json_object_get(f1->json, "progress"), "BROADBAND_CONNECTED");
  ck_assert_int_eq(JINT(frozen_bb, "numerator"), 1);   /* one school of two */
  ck_assert_int_eq(JINT(frozen_bb, "denominator"), 2);
  json_t *inds = json_object_get(f1->json, "indicators");
  ck_assert_uint_eq(json_array_size(inds), 2);
  ck_assert_str_eq(JSTR(json_array_get(inds, 0), "code"), "BROADBAND_CONNECTED");
  ck_assert_str_eq(JSTR(json_array_get(inds, 1), "code"), "OFFICE_DOCS_ONLINE");
  r = http("GET", "/v1/indicators/OFFICE_DOCS_ONLINE", admin_token, NULL, NULL);
  ck_assert(json_equal(json_array_get(inds, 1), r->json));
  http_free(r);
  json_t *inputs = json_object_get(f1->json, "inputs");
  ck_assert_str_eq(JSTR(inputs, "plan_id"), plan);
  ck_assert_int_eq(JINT(inputs, "active_schools"), 2);
  ck_assert_int_eq(JINT(inputs, "school_report_values"), 2);
  ck_assert_int_eq(JINT(inputs, "office_report_values"), 1);
  ck_assert_int_eq(JINT(inputs, "assessments"), 0);
  ck_assert_int_eq(JINT(inputs, "active_procedures"), 0);
  ck_assert_int_eq(JINT(inputs, "dossiers"), 0);
  /* the hash is the SHA-256 of the bytes sent, computed apart (by PostgreSQL) */
  ck_assert_ptr_null(strstr(f1->body, "$sb$"));
  snprintf(sql, sizeof(sql), "SELECT encode(sha256(convert_to($sb$%s$sb$, 'UTF8')), 'hex')"
           " || ' ' || encode(sha256(convert_to($sb$%s$sb$, 'UTF8')), 'base64')", f1->body,
           f1->body);
  char *hashes = sql_value(sql), expected[160];
  snprintf(expected, sizeof(expected), "%s", hashes);
  *strchr(expected, ' ') = '\0';
  ck_assert_str_eq(expected, sha);
  snprintf(expected, sizeof(expected), "sha-256=:%s:", strchr(hashes, ' ') + 1);
  ck_assert_str_eq(http_header(f1, "Repr-Digest"), expected);
  free(hashes);

  move_ok(office, id, "submit", NULL, "submitted");
  /* the data change: a report value and the plan */
  snprintf(path, sizeof(path), "/v1/schools/%s/reports/2024", s2);
  r = http("PATCH", path, admin_token, "{\"values\":{\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/plans/%s", plan);
  r = http("PATCH", path, admin_token, "{\"title\":\"Kế hoạch CĐS 2024 (sửa đổi)\"}", NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  http_free(r);
  json_t *after = live_progress(d);
  ck_assert(!json_equal(after, before));
  ck_assert_int_eq(JINT(entry_of(after, "BROADBAND_CONNECTED"), "numerator"), 2);

  http_resp *f2 = get_sub(admin_token, id, "/frozen");
  ck_assert_int_eq(f2->status, 200);
  ck_assert_uint_eq(f2->body_len, f1->body_len);
  ck_assert(memcmp(f2->body, f1->body, f1->body_len) == 0);
  ck_assert_str_eq(http_header(f2, "ETag"), etag);
  r = get_sub(admin_token, id, "");
  ck_assert_str_eq(JSTR(r->json, "sha256"), sha);
  ck_assert_int_eq(JINT(r->json, "frozen_bytes"), (json_int_t)f1->body_len);
  ck_assert_str_eq(JSTR(json_object_get(r->json, "links"), "frozen"),
                   strcat(strcpy(path, location), "/frozen"));
  http_free(r);
  /* 304 on the hash */
  const char *inm[] = {NULL, NULL};
  char inm_line[160];
  snprintf(inm_line, sizeof(inm_line), "If-None-Match: %s", etag);
  inm[0] = inm_line;
  snprintf(path, sizeof(path), "/v1/submissions/%s/frozen", id);
  r = http("GET", path, admin_token, NULL, inm);
  ck_assert_int_eq(r->status, 304);
  http_free(r);
  http_free(f1);
  http_free(f2);
  json_decref(before);
  json_decref(after);
  free(d);
  free(s1);
  free(s2);
  free(office);
  free(id);
}
END_TEST

START_TEST(moves_roles_and_superseding)
{
  char body[512], path[200];
  put_province("SB44");
  put_province("SB45");
  char *d = district_of("SB-B", "SB44", 1, NULL);
  char *other = district_of("SB-B2", "SB44", 1, NULL);
  char *no_plan = district_of("SB-B3", "SB44", 0, NULL);
  char *school = new_school(d, "SB-B-S1", "primary", "");
  char *office = mint_scoped("district", "district_id", d);
  char *other_office = mint_scoped("district", "district_id", other);
  char *no_plan_office = mint_scoped("district", "district_id", no_plan);
  char *school_token = mint_scoped("school", "school_id", school);
  char *reader = mint_scoped("reader", "district_id", d);
  char *province = mint_token(admin_token, "{\"role\":\"reader\",\"province_code\":\"SB44\"}",
                              NULL);
  char *province45 = mint_token(admin_token, "{\"role\":\"reader\",\"province_code\":\"SB45\"}",
                                NULL);
  char *everyone = mint_token(admin_token, "{\"role\":\"reader\"}", NULL);

  /* creation: 403 before the body is looked at, for every token but admin and the office */
  const char *bad = "{\"period\":\"2024-2026\",\"title\":\"\"}";
  const char *refused[] = {school_token, other_office, reader, province, everyone};
  for (int i = 0; i < 5; i++) {
    http_resp *r = post_submission(refused[i], d, bad);
    ck_assert_msg(r->status == 403, "token %d: %ld %s", i, r->status, r->body);
    http_free(r);
  }
  http_resp *r = post_submission(office, d, bad);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "period"));
  ck_assert(problem_names_field(r, "title"));
  ck_assert(problem_names_field(r, "document_number"));
  ck_assert(problem_names_field(r, "signed_by"));
  ck_assert_uint_eq(problem_error_count(r), 4);
  http_free(r);
  r = post_submission(no_plan_office, no_plan, GOOD_BODY);
  ck_assert_problem(r, 404, "no-plan");
  ck_assert(problem_names_field(r, "period"));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/submissions?district_id=%s", no_plan);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 0);
  http_free(r);

  char *first = new_submission(office, d);
  char *by_admin = new_submission(admin_token, other);
  /* a retried creation with the same Idempotency-Key makes nothing new */
  const char *once[] = {"Idempotency-Key: sb-once-1", NULL};
  snprintf(path, sizeof(path), "/v1/districts/%s/submissions", other);
  http_resp *made = http("POST", path, admin_token, GOOD_BODY, once);
  ck_assert_int_eq(made->status, 201);
  r = http("POST", path, admin_token, GOOD_BODY, once);
  ck_assert_int_eq(r->status, 201);
  ck_assert_str_eq(http_header(r, "Idempotent-Replayed"), "true");
  ck_assert_str_eq(JSTR(r->json, "id"), JSTR(made->json, "id"));
  http_free(r);
  http_free(made);
  snprintf(path, sizeof(path), "/v1/submissions?district_id=%s", other);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 2); /* by_admin and the one made once */
  http_free(r);

  /* submit: the office or admin; others 403 */
  const char *not_submitters[] = {school_token, other_office, reader, province};
  for (int i = 0; i < 4; i++) {
    r = move(not_submitters[i], first, "submit", NULL);
    ck_assert_msg(r->status == 403, "token %d: %ld %s", i, r->status, r->body);
    http_free(r);
  }
  r = move(admin_token, first, "accept", NULL); /* a draft is not accepted */
  ck_assert_problem(r, 409, "conflict");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "draft"));
  http_free(r);
  move_ok(office, first, "submit", NULL, "submitted");
  r = move(office, first, "submit", NULL);
  ck_assert_problem(r, 409, "conflict");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "submitted"));
  http_free(r);
  move_ok(admin_token, by_admin, "submit", "{}", "submitted");

  /* review: admin or the province's reader; a return needs a note */
  const char *not_reviewers[] = {office, school_token, reader, province45, everyone};
  for (int i = 0; i < 5; i++) {
    r = move(not_reviewers[i], first, "return", "{\"note\":\"thiếu số liệu\"}");
    ck_assert_msg(r->status == 403, "token %d: %ld %s", i, r->status, r->body);
    http_free(r);
    r = move(not_reviewers[i], first, "accept", NULL);
    ck_assert_msg(r->status == 403, "token %d: %ld %s", i, r->status, r->body);
    http_free(r);
  }
  r = move(province, first, "return", "{}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "note"));
  http_free(r);
  r = move(province, first, "return", "{\"note\":\"thiếu số liệu\",\"x\":1}");
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = move(province, first, "return", "{\"note\":\"Thiếu số liệu trường SB-B-S1\"}");
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "state"), "returned");
  ck_assert_str_eq(JSTR(r->json, "decision_note"), "Thiếu số liệu trường SB-B-S1");
  ck_assert_ptr_nonnull(JSTR(r->json, "decided_at"));
  http_free(r);
  r = move(admin_token, first, "accept", NULL);
  ck_assert_problem(r, 409, "conflict");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "returned"));
  http_free(r);
  move_ok(province, by_admin, "accept", "{\"note\":\"Đạt\"}", "accepted");

  /* If-Match: a stale one is a 412 */
  char *second = new_submission(office, d);
  r = get_sub(office, second, "");
  ck_assert_str_eq(JSTR(r->json, "supersedes"), first); /* the returned one */
  http_free(r);
  const char *stale[] = {"If-Match: \"0000000000000000\"", NULL};
  snprintf(path, sizeof(path), "/v1/submissions/%s/submit", second);
  r = http("POST", path, office, NULL, stale);
  ck_assert_int_eq(r->status, 412);
  http_free(r);
  move_ok(office, second, "submit", NULL, "submitted");
  char *st = state_of(first);
  ck_assert_str_eq(st, "superseded");
  free(st);
  r = get_sub(admin_token, first, "");
  ck_assert_str_eq(JSTR(r->json, "superseded_by"), second);
  http_free(r);

  /* history: created, submitted, returned, superseded (by edudx) */
  r = get_sub(reader, first, "/history");
  ck_assert_int_eq(r->status, 200);
  json_t *items = json_object_get(r->json, "items");
  ck_assert_uint_eq(json_array_size(items), 4);
  ck_assert(json_is_null(json_object_get(json_array_get(items, 0), "from")));
  ck_assert_str_eq(JSTR(json_array_get(items, 0), "to"), "draft");
  ck_assert_str_eq(JSTR(json_array_get(items, 0), "role"), "district");
  ck_assert_str_eq(JSTR(json_array_get(items, 1), "to"), "submitted");
  ck_assert_str_eq(JSTR(json_array_get(items, 2), "from"), "submitted");
  ck_assert_str_eq(JSTR(json_array_get(items, 2), "to"), "returned");
  ck_assert_str_eq(JSTR(json_array_get(items, 2), "role"), "reader");
  ck_assert_str_eq(JSTR(json_array_get(items, 2), "note"), "Thiếu số liệu trường SB-B-S1");
  ck_assert_str_eq(JSTR(json_array_get(items, 3), "to"), "superseded");
  ck_assert_str_eq(JSTR(json_array_get(items, 3), "role"), "system");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/audit?entity=submission&entity_id=%s", first);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 4); /* create, submit, return, superseded */
  http_free(r);

  /* a third one supersedes the second only once submitted */
  char *third = new_submission(admin_token, d);
  st = state_of(second);
  ck_assert_str_eq(st, "submitted");
  free(st);
  move_ok(admin_token, third, "submit", NULL, "submitted");
  st = state_of(second);
  ck_assert_str_eq(st, "superseded");
  free(st);
  st = state_of(first);
  ck_assert_str_eq(st, "superseded");
  free(st);

  /* reading: school tokens never, other districts and provinces not */
  const char *no_readers[] = {school_token, other_office, province45};
  for (int i = 0; i < 3; i++) {
    r = get_sub(no_readers[i], first, "");
    ck_assert_msg(r->status == 403, "token %d: %ld", i, r->status);
    http_free(r);
    r = get_sub(no_readers[i], first, "/frozen");
    ck_assert_msg(r->status == 403, "token %d: %ld", i, r->status);
    http_free(r);
  }
  r = get_sub(province, first, "/frozen");
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = get_sub(admin_token, "00000000-0000-4000-8000-000000000000", "");
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("GET", "/v1/submissions", school_token, NULL, NULL);
  ck_assert_int_eq(r->status, 403);
  http_free(r);
  r = http("GET", "/v1/submissions?province=SB44", province45, NULL, NULL);
  ck_assert_int_eq(r->status, 403);
  http_free(r);
  /* the office lists its own three; the province all four of its districts' */
  r = http("GET", "/v1/submissions?period=2024", office, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 3);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "id"), third);
  ck_assert_ptr_nonnull(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "etag"));
  http_free(r);
  r = http("GET", "/v1/submissions?state=accepted&limit=1", province, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "id"), by_admin);
  http_free(r);
  r = http("GET", "/v1/submissions?province=SB44&state=superseded", admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  http_free(r);
  r = http("GET", "/v1/submissions?state=closed", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "state"));
  http_free(r);
  snprintf(body, sizeof(body), "%s", "");
  free(d); free(other); free(no_plan); free(school); free(office); free(other_office);
  free(no_plan_office); free(school_token); free(reader); free(province); free(province45);
  free(everyone); free(first); free(by_admin); free(second); free(third);
}
END_TEST

/* The value of data element de for org unit ou and combo coc in a dataValueSets answer, or NULL. */
static const char *sub_dv(const http_resp *r, const char *de, const char *pe, const char *ou,
                          const char *coc)
{
  json_t *v;
  size_t i;
  json_array_foreach(json_object_get(r->json, "dataValues"), i, v)
    if (strcmp(JSTR(v, "dataElement"), de) == 0 && strcmp(JSTR(v, "period"), pe) == 0 &&
        strcmp(JSTR(v, "orgUnit"), ou) == 0 && strcmp(JSTR(v, "categoryOptionCombo"), coc) == 0)
      return JSTR(v, "value");
  return NULL;
}

/* GET /v1/dataValueSets?submission=: the figures a period report froze, whatever is edited
 * after; the live answer moves. One school of two connected (share 50 %, 1 of 2, read in school
 * year 2023-2024: DHIS2 2023July), the office's 98.5 % (calendar year 2024, no _NUM/_DEN). */
START_TEST(data_values_from_a_period_report)
{
  char path[256];
  put_province("SB48");
  char *d = district_of("SB-D", "SB48", 1, NULL);
  char *s1 = new_school(d, "SB-D-S1", "primary", "");
  char *s2 = new_school(d, "SB-D-S2", "primary", "");
  report_values(d, s1, s2);
  http_resp *r;
  char *office = mint_scoped("district", "district_id", d);
  char *id = new_submission(office, d);
  move_ok(office, id, "submit", NULL, "submitted");
  /* a school connects after the report was sent */
  snprintf(path, sizeof(path), "/v1/schools/%s/reports/2024", s2);
  r = http("PATCH", path, admin_token, "{\"values\":{\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);

  snprintf(path, sizeof(path), "/v1/dataValueSets?submission=%s", id);
  r = http("GET", path, office, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  /* BROADBAND_CONNECTED's elements are disaggregated by level: its figures go under the
   * level of the two (primary) schools, with no default total */
  ck_assert_str_eq(sub_dv(r, "BROADBAND_CONNECTED", "2023July", "SB-D", "LEVEL_PRIMARY"), "50");
  ck_assert_str_eq(sub_dv(r, "BROADBAND_CONNECTED_NUM", "2023July", "SB-D", "LEVEL_PRIMARY"),
                   "1");
  ck_assert_str_eq(sub_dv(r, "BROADBAND_CONNECTED_DEN", "2023July", "SB-D", "LEVEL_PRIMARY"),
                   "2");
  ck_assert_ptr_null(sub_dv(r, "BROADBAND_CONNECTED", "2023July", "SB-D", "default"));
  ck_assert_str_eq(sub_dv(r, "OFFICE_DOCS_ONLINE", "2024", "SB-D", "default"), "98.5");
  ck_assert_ptr_null(sub_dv(r, "OFFICE_DOCS_ONLINE_NUM", "2024", "SB-D", "default"));
  ck_assert_ptr_null(sub_dv(r, "BROADBAND_CONNECTED", "2023July", "SB-D-S1", "LEVEL_PRIMARY"));
  http_resp *meta = get_sub(admin_token, id, "");
  ck_assert_str_eq(JSTR(r->json, "completeDate"), JSTR(meta->json, "submitted_at"));
  http_free(meta);
  http_free(r);
  /* live: 2 of 2 */
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=SB-D", office, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(sub_dv(r, "BROADBAND_CONNECTED_NUM", "2023July", "SB-D", "LEVEL_PRIMARY"),
                   "2");
  ck_assert_ptr_null(json_object_get(r->json, "completeDate"));
  http_free(r);
  /* the school-year period only; ADX of the frozen figures */
  snprintf(path, sizeof(path), "/v1/dataValueSets?submission=%s&period=2023July&format=adx", id);
  r = http("GET", path, office, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, "period=\"2023-07-01/P1Y\""));
  ck_assert_ptr_nonnull(strstr(r->body, "dataElement=\"BROADBAND_CONNECTED_NUM\" value=\"1\""));
  ck_assert_ptr_null(strstr(r->body, "OFFICE_DOCS_ONLINE"));
  http_free(r);
  /* refusals: another org unit, children, a school token, another district, none such */
  snprintf(path, sizeof(path), "/v1/dataValueSets?submission=%s&orgUnit=SB-X", id);
  r = http("GET", path, office, NULL, NULL);
  ck_assert_int_eq(r->status, 400);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "errors"), 0), "field"),
                   "orgUnit");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/dataValueSets?submission=%s&children=true", id);
  r = http("GET", path, office, NULL, NULL);
  ck_assert_int_eq(r->status, 400);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "errors"), 0), "field"),
                   "children");
  http_free(r);
  char *other_d = district_of("SB-E", "SB48", 0, NULL);
  char *other = mint_scoped("district", "district_id", other_d);
  snprintf(path, sizeof(path), "/v1/dataValueSets?submission=%s", id);
  r = http("GET", path, other, NULL, NULL);
  ck_assert_int_eq(r->status, 403);
  http_free(r);
  r = http("GET", "/v1/dataValueSets?submission=not-an-id", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 400);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "errors"), 0), "field"),
                   "submission");
  http_free(r);
  r = http("GET", "/v1/dataValueSets?submission=00000000-0000-4000-8000-000000000000",
           admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 404);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "errors"), 0), "field"),
                   "submission");
  http_free(r);
  free(d);
  free(s1);
  free(s2);
  free(office);
  free(id);
  free(other_d);
  free(other);
}
END_TEST

static void backdate(const char *id, const char *at)
{
  char sql[256];
  snprintf(sql, sizeof(sql), "UPDATE submissions SET submitted_at = '%s' WHERE id = '%s'"
           " RETURNING id", at, id);
  free(sql_value(sql));
}

START_TEST(deadlines_and_summary)
{
  put_province("SB46");
  char *d1 = district_of("SB-D1", "SB46", 1, NULL);
  char *d2 = district_of("SB-D2", "SB46", 1, NULL);
  char *d3 = district_of("SB-D3", "SB46", 0, NULL);
  char *office = mint_scoped("district", "district_id", d1);
  char *reader46 = mint_token(admin_token, "{\"role\":\"reader\",\"province_code\":\"SB46\"}",
                              NULL);
  put_province("SB47");
  char *reader47 = mint_token(admin_token, "{\"role\":\"reader\",\"province_code\":\"SB47\"}",
                              NULL);

  /* the seeded assumption for 2024, then SB46's own deadline */
  http_resp *r = http("GET", "/v1/submission-deadlines/2024", reader46, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "deadlines")), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "deadlines"), 0), "due"),
                   "2024-12-15");
  http_free(r);
  const char *deadlines = "{\"deadlines\":[{\"province_code\":null,\"due\":\"2024-12-15\"},"
                          "{\"province_code\":\"SB46\",\"due\":\"2025-01-10\"}]}";
  r = http("PUT", "/v1/submission-deadlines/2024", office, "{\"deadlines\":5}", NULL);
  ck_assert_int_eq(r->status, 403); /* before the body's checks */
  http_free(r);
  r = http("PUT", "/v1/submission-deadlines/2024", admin_token,
           "{\"deadlines\":[{\"due\":\"2025-02-30\"},{\"province_code\":\"SB46\"}]}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "deadlines[0].due"));
  ck_assert(problem_names_field(r, "deadlines[1].due"));
  http_free(r);
  r = http("PUT", "/v1/submission-deadlines/2024", admin_token,
           "{\"deadlines\":[{\"province_code\":\"SB-NONE\",\"due\":\"2025-01-10\"}]}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "deadlines"));
  http_free(r);
  r = http("PUT", "/v1/submission-deadlines/2024", admin_token, deadlines, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "deadlines")), 2);
  http_free(r);
  r = http("GET", "/v1/submission-deadlines/20x4", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);

  /* SB-D1 submitted at 23:59:59 on 10 January 2025 in Vietnam: on time; SB-D2 one second
   * later, 11 January there: late; SB-D3 none, and the day has passed: late */
  char *on_time = new_submission(office, d1);
  move_ok(office, on_time, "submit", NULL, "submitted");
  backdate(on_time, "2025-01-10T16:59:59.000000Z");
  char *late = new_submission(admin_token, d2);
  move_ok(admin_token, late, "submit", NULL, "submitted");
  backdate(late, "2025-01-10T17:00:00Z");
  char *draft = new_submission(admin_token, d2); /* a later draft: the latest, not submitted */

  const char *refused[] = {office, reader47};
  for (int i = 0; i < 2; i++) {
    r = http("GET", "/v1/provinces/SB46/submissions/summary?period=2024", refused[i], NULL,
             NULL);
    ck_assert_msg(r->status == 403, "token %d: %ld", i, r->status);
    http_free(r);
  }
  r = http("GET", "/v1/provinces/SB46/submissions/summary", reader46, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "period"));
  http_free(r);
  r = http("GET", "/v1/provinces/SB-NONE/submissions/summary?period=2024", admin_token, NULL,
           NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("GET", "/v1/provinces/SB46/submissions/summary?period=2024", reader46, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_str_eq(JSTR(r->json, "deadline"), "2025-01-10");
  json_t *rows = json_object_get(r->json, "districts"), *counts = json_object_get(r->json,
                                                                                 "counts");
  ck_assert_uint_eq(json_array_size(rows), 3);
  json_t *r1 = json_array_get(rows, 0), *r2 = json_array_get(rows, 1), *r3 = json_array_get(rows,
                                                                                            2);
  ck_assert_str_eq(JSTR(json_object_get(r1, "district"), "code"), "SB-D1");
  ck_assert(json_is_false(json_object_get(r1, "late")));
  ck_assert_str_eq(JSTR(json_object_get(r1, "submission"), "id"), on_time);
  ck_assert_str_eq(JSTR(json_object_get(r1, "submission"), "state"), "submitted");
  ck_assert_str_eq(JSTR(r1, "first_submitted_at"), "2025-01-10T16:59:59.000000Z");
  ck_assert_str_eq(JSTR(r1, "deadline"), "2025-01-10");
  ck_assert(json_is_true(json_object_get(r2, "late")));
  ck_assert_str_eq(JSTR(json_object_get(r2, "submission"), "id"), draft);
  ck_assert_str_eq(JSTR(json_object_get(r2, "submission"), "state"), "draft");
  ck_assert_str_eq(JSTR(r2, "first_submitted_at"), "2025-01-10T17:00:00.000000Z");
  ck_assert_str_eq(JSTR(json_object_get(r3, "district"), "id"), d3);
  ck_assert(json_is_null(json_object_get(r3, "submission")));
  ck_assert(json_is_null(json_object_get(r3, "first_submitted_at")));
  ck_assert(json_is_true(json_object_get(r3, "late")));
  ck_assert_int_eq(JINT(counts, "districts"), 3);
  ck_assert_int_eq(JINT(counts, "submitted"), 2);
  ck_assert_int_eq(JINT(counts, "not_submitted"), 1);
  ck_assert_int_eq(JINT(counts, "late"), 2);
  ck_assert_int_eq(JINT(counts, "accepted"), 0);
  http_free(r);
  move_ok(reader46, on_time, "accept", NULL, "accepted");
  r = http("GET", "/v1/provinces/SB46/submissions/summary?period=2023-2024", admin_token, NULL,
           NULL);
  ck_assert_int_eq(r->status, 200);
  /* the school-year form names plan year 2024 too, but has no deadline of its own */
  ck_assert(json_is_null(json_object_get(r->json, "deadline")));
  counts = json_object_get(r->json, "counts");
  ck_assert_int_eq(JINT(counts, "accepted"), 1);
  ck_assert_int_eq(JINT(counts, "late"), 0);
  ck_assert(json_is_true(json_object_get(json_array_get(json_object_get(r->json, "districts"),
                                                        0), "accepted")));
  http_free(r);
  free(d1); free(d2); free(d3); free(office); free(reader46); free(reader47);
  free(on_time); free(late); free(draft);
}
END_TEST

Suite *submissions_suite(void)
{
  Suite *s = suite_create("submissions");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, frozen_never_changes);
  tcase_add_test(tc, data_values_from_a_period_report);
  tcase_add_test(tc, moves_roles_and_superseding);
  tcase_add_test(tc, deadlines_and_summary);
  suite_add_tcase(s, tc);
  return s;
}
