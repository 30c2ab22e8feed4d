/* test_assessments.c — Decision 4725 self-assessments over HTTP, every figure computed by hand in
 * the comments: group scores and levels from the seeded framework 4725 (T max 100, M max 90),
 * the exact level bands, mandatory criteria capping the level, refused answers saving nothing,
 * every legal move and its history, illegal moves changing nothing, who may do what, lists and
 * their filters, the district overview of a past year (late submission and recognition), and the
 * DT_SELF_ASSESSED / DT_LEVEL2_RECOGNIZED indicators on a hand-made district; criteria answered
 * by items (version 4 of 4725, migration 0023), the item problems, an assessment of version 3
 * scoring as before, and the answers to one item (GET /v1/assessment-items) with their scope.
 *
 * Today is after every deadline of 2020 and 2024 (31 May, 15 June), and before those of 2099. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *assessments_suite(void);

#define REAL(j, key) json_number_value(json_object_get((j), (key)))
#define ck_assert_real(j, key, v) ck_assert_double_eq_tol(REAL(j, key), (v), 0.0001)

/* Answers of the teaching group, both mandatory criteria met: T3.1..T3.5 6 each = 30, T4 10
 * → 40; with T5 10 → 50 of 100 points. */
#define ANS_T40                                                                                  \
  "\"T1\":{\"met\":true},\"T2\":{\"met\":true},\"T3.1\":{\"points\":6},\"T3.2\":{\"points\":6},"  \
  "\"T3.3\":{\"points\":6},\"T3.4\":{\"points\":6},\"T3.5\":{\"points\":6},"                      \
  "\"T4\":{\"points\":10}"
#define ANS_T50 ANS_T40 ",\"T5\":{\"points\":10}"
/* Management group worth 68 of 90, both mandatory met: M3 45 + M4 23 = 68 → 75.56 % → level 3. */
#define ANS_M68 "\"M1\":{\"met\":true},\"M2\":{\"met\":true},\"M3\":{\"points\":45},\"M4\":{\"points\":23}"
/* External answers: T = 30 + 10 + 20 (T5) = 60 of 100 → 60.00 % → level 2; M = M3 50 + M4 20 =
 * 70 of 90 → 77.78 % → level 3; every mandatory met → external_level = min(2, 3) = 2. */
#define EXT_BODY                                                                                 \
  "{\"answers\":{"                                                                               \
  "\"T1\":{\"met\":true},\"T2\":{\"met\":true},\"T3.1\":{\"points\":6},\"T3.2\":{\"points\":6},"  \
  "\"T3.3\":{\"points\":6},\"T3.4\":{\"points\":6},\"T3.5\":{\"points\":6},"                      \
  "\"T4\":{\"points\":10},\"T5\":{\"points\":20},"                                               \
  "\"M1\":{\"met\":true},\"M2\":{\"met\":true},\"M3\":{\"points\":50},\"M4\":{\"points\":20}}}"

/* ---- helpers ---------------------------------------------------------------------------- */

/* A labelled token of role scoped by scope_field to scope_id; id_out as for mint_token. */
static char *mint_labelled(const char *role, const char *scope_field, const char *scope_id,
                           const char *label, char *id_out)
{
  char body[512];
  snprintf(body, sizeof(body), "{\"role\":\"%s\",\"%s\":\"%s\",\"label\":\"%s\"}", role,
           scope_field, scope_id, label);
  return mint_token(admin_token, body, id_out);
}

/* A school of level (and commune, may be NULL), active or not; its id. */
static char *school_of(const char *district_id, const char *code, const char *level,
                       const char *commune, int active)
{
  char extra[256];
  snprintf(extra, sizeof(extra), "%s%s%s,\"active\":%s", commune ? ",\"commune\":\"" : "",
           commune ? commune : "", commune ? "\"" : "", active ? "true" : "false");
  return new_school(district_id, code, level, extra);
}

static http_resp *post_assessment(const char *token, const char *school_id, int year,
                                  const char *const *headers)
{
  char body[256];
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":%d}", school_id, year);
  return http("POST", "/v1/assessments", token, body, headers);
}

/* Creates an assessment (default framework) and returns its id. */
static char *new_assessment(const char *token, const char *school_id, int year)
{
  http_resp *r = post_assessment(token, school_id, year, NULL);
  ck_assert_msg(r->status == 201, "assessment: %ld %s", r->status, r->body);
  char *id = strdup(JSTR(r->json, "id"));
  http_free(r);
  return id;
}

static http_resp *get_assessment(const char *id, const char *token)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/assessments/%s", id);
  return http("GET", path, token, NULL, NULL);
}

/* 1 when GET /v1/assessments?late=true lists the assessment (its school and year), else 0:
 * lateness is a filter, not a field (a representation never changes with the clock). */
static int listed_late(const char *id, const char *token)
{
  char path[256];
  const json_t *item;
  size_t i;
  int found = 0;
  http_resp *a = get_assessment(id, token);
  ck_assert_int_eq(a->status, 200);
  snprintf(path, sizeof(path), "/v1/assessments?late=true&school_id=%s&year=%lld",
           JSTR(a->json, "school_id"), (long long)JINT(a->json, "year"));
  http_resp *r = http("GET", path, token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  json_array_foreach(json_object_get(r->json, "items"), i, item)
    found |= strcmp(JSTR(item, "id"), id) == 0;
  ck_assert(json_object_get(a->json, "late") == NULL);
  http_free(a);
  http_free(r);
  return found;
}

/* PUT /answers with {"answers": {inner}}. */
static http_resp *put_answers(const char *id, const char *token, const char *inner)
{
  char path[128];
  size_t len = strlen(inner) + 32;
  char *body = malloc(len);
  snprintf(path, sizeof(path), "/v1/assessments/%s/answers", id);
  snprintf(body, len, "{\"answers\":{%s}}", inner);
  http_resp *r = http("PUT", path, token, body, NULL);
  free(body);
  return r;
}

static http_resp *move_h(const char *id, const char *verb, const char *token, const char *body,
                         const char *const *headers)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/assessments/%s/%s", id, verb);
  return http("POST", path, token, body, headers);
}

/* Bodiless moves (submit, approve) are sent "{}": accepted whether or not the route reads a
 * JSON body. */
static http_resp *move(const char *id, const char *verb, const char *token, const char *body)
{
  return move_h(id, verb, token, body ? body : "{}", NULL);
}

static void move_ok(const char *id, const char *verb, const char *token, const char *body,
                    const char *state)
{
  http_resp *r = move(id, verb, token, body);
  ck_assert_msg(r->status == 200, "%s: %ld %s", verb, r->status, r->body);
  ck_assert_str_eq(JSTR(r->json, "status"), state);
  ck_assert_str_eq(JSTR(r->json, "state"), state); /* the deprecated name, still given */
  http_free(r);
}

/* Moves a draft to state `to` as admin; recognition at `level` with decision "QĐ <level>/QĐ-PGDĐT". */
static void advance(const char *id, const char *to, int level)
{
  char body[128];
  if (strcmp(to, "draft") == 0)
    return;
  move_ok(id, "submit", admin_token, NULL, "submitted");
  if (strcmp(to, "submitted") == 0)
    return;
  if (strcmp(to, "returned") == 0) {
    move_ok(id, "return", admin_token, "{\"note\":\"Bổ sung minh chứng\"}", "returned");
    return;
  }
  move_ok(id, "approve", admin_token, NULL, "approved");
  if (strcmp(to, "approved") == 0)
    return;
  move_ok(id, "external", admin_token, EXT_BODY, "externally_assessed");
  if (strcmp(to, "externally_assessed") == 0)
    return;
  snprintf(body, sizeof(body), "{\"level\":%d,\"decision_ref\":\"QĐ %d/QĐ-PGDĐT\"}", level, level);
  move_ok(id, "recognize", admin_token, body, "recognized");
}

static size_t history_size(const char *id)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/assessments/%s/history", id);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  size_t n = json_array_size(json_object_get(r->json, "items"));
  http_free(r);
  return n;
}

/* Asserts group g's points, max, percent (2 decimals) and level. */
static void ck_group(const json_t *scores, const char *g, double points, double max,
                     double percent, int level)
{
  json_t *s = json_object_get(scores, g);
  ck_assert_msg(s != NULL, "no group %s", g);
  ck_assert_msg(json_is_number(json_object_get(s, "points")), "%s.points not a number", g);
  ck_assert_real(s, "points", points);
  ck_assert_real(s, "max_points", max);
  ck_assert_real(s, "percent", percent);
  ck_assert_int_eq(JINT(s, "level"), level);
}

static int has_string(const json_t *arr, const char *s)
{
  size_t i;
  json_t *e;
  json_array_foreach(arr, i, e)
    if (json_is_string(e) && strcmp(json_string_value(e), s) == 0)
      return 1;
  return 0;
}

/* mandatory_unmet holds exactly these codes (in any order), n of them. */
static void ck_unmet(const http_resp *r, size_t n, const char *const *codes)
{
  json_t *u = json_object_get(r->json, "mandatory_unmet");
  ck_assert_msg(json_is_array(u), "mandatory_unmet is not an array");
  ck_assert_uint_eq(json_array_size(u), n);
  for (size_t i = 0; i < n; i++)
    ck_assert_msg(has_string(u, codes[i]), "%s not in mandatory_unmet", codes[i]);
}

/* The item of a list (array of objects) whose "code" is code, or NULL. */
static json_t *by_code(const json_t *arr, const char *code)
{
  size_t i;
  json_t *e;
  json_array_foreach(arr, i, e)
    if (JSTR(e, "code") && strcmp(JSTR(e, "code"), code) == 0)
      return e;
  return NULL;
}

static json_t *answer(const http_resp *r, const char *code)
{
  return json_object_get(json_object_get(r->json, "answers"), code);
}

/* A move that is illegal in `state`: 409 "cannot <verb> an assessment that is <state>", and the
 * assessment (its whole representation) and its history are unchanged. */
static void refused_409(const char *id, const char *verb, const char *body, const char *state)
{
  char want[160];
  http_resp *before = get_assessment(id, admin_token);
  size_t steps = history_size(id);
  http_resp *r = move(id, verb, admin_token, body);
  ck_assert_msg(r->status == 409, "%s on %s: %ld %s", verb, state, r->status, r->body);
  ck_assert_problem(r, 409, "conflict");
  snprintf(want, sizeof(want), "an assessment that is %s", state);
  const char *detail = JSTR(r->json, "detail");
  ck_assert_msg(strncmp(detail, "cannot ", 7) == 0 && strlen(detail) >= strlen(want) &&
                strcmp(detail + strlen(detail) - strlen(want), want) == 0,
                "detail \"%s\" is not \"cannot ... %s\"", detail, want);
  if (strcmp(verb, "external") != 0) { /* the spec words the others "cannot <move>" exactly */
    snprintf(want, sizeof(want), "cannot %s an assessment that is %s", verb, state);
    ck_assert_str_eq(detail, want);
  }
  http_resp *after = get_assessment(id, admin_token);
  ck_assert_str_eq(JSTR(after->json, "status"), state);
  ck_assert_str_eq(JSTR(after->json, "state"), state);
  ck_assert_str_eq(after->body, before->body);
  ck_assert_uint_eq(history_size(id), steps);
  http_free(before);
  http_free(after);
  http_free(r);
}

/* "schools" of the overview: a count, or a list of the schools. */
static size_t count_of(const json_t *v)
{
  return json_is_array(v) ? json_array_size(v) : (size_t)json_integer_value(v);
}

/* ---- the seeded framework --------------------------------------------------------------- */

START_TEST(seeded_framework_4725)
{
  http_resp *r = http("GET", "/v1/frameworks/4725", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(http_header(r, "ETag"));
  ck_assert_str_eq(JSTR(r->json, "code"), "4725");
  ck_assert_int_ge(JINT(r->json, "version"), 1);
  ck_assert(json_is_true(json_object_get(r->json, "provisional")));
  json_t *groups = json_object_get(r->json, "groups");
  ck_assert_uint_eq(json_array_size(groups), 2);
  json_t *t = json_array_get(groups, 0), *m = json_array_get(groups, 1);
  ck_assert_str_eq(JSTR(t, "code"), "T");
  ck_assert_str_eq(JSTR(m, "code"), "M");
  /* T: 5 × 6 + 10 + 20 + 20 + 20 = 100 over T1 T2 T3.1..T3.5 T4..T7 = 11 criteria;
   * M: 60 + 30 = 90 over M1..M4 */
  ck_assert_real(t, "max_points", 100.0);
  ck_assert_real(m, "max_points", 90.0);
  ck_assert_uint_eq(json_array_size(json_object_get(t, "criteria")), 11);
  ck_assert_uint_eq(json_array_size(json_object_get(m, "criteria")), 4);
  json_t *t1 = by_code(json_object_get(t, "criteria"), "T1");
  ck_assert(json_is_true(json_object_get(t1, "mandatory")));
  ck_assert(json_is_null(json_object_get(t1, "max_points")));
  ck_assert_real(by_code(json_object_get(t, "criteria"), "T3.1"), "max_points", 6.0);
  ck_assert_real(by_code(json_object_get(m, "criteria"), "M3"), "max_points", 60.0);
  /* the latest version bands in points of a group (migration 0016); version 1 in percent */
  json_t *bands = json_object_get(r->json, "level_bands");
  ck_assert_real(bands, "level2_min_points", 50.0);
  ck_assert_real(bands, "level3_above_points", 75.0);
  ck_assert_ptr_null(json_object_get(bands, "level2_min_percent"));
  /* the levels' names, as data (migration 0017) */
  json_t *names = json_object_get(r->json, "level_names");
  ck_assert_str_eq(JSTR(json_object_get(names, "1"), "vi"), "Mức 1 — chưa đáp ứng");
  ck_assert_str_eq(JSTR(json_object_get(names, "2"), "vi"), "Mức 2 — đáp ứng cơ bản");
  ck_assert_str_eq(JSTR(json_object_get(names, "3"), "vi"), "Mức 3 — đáp ứng tốt");
  ck_assert_str_eq(JSTR(json_object_get(names, "3"), "en"), "Level 3 — meeting the requirements well");
  ck_assert_int_eq(JINT(r->json, "mandatory_unmet_max_level"), 1);
  http_free(r);
  r = http("GET", "/v1/frameworks/4725?version=9999", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("GET", "/v1/frameworks", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(by_code(json_object_get(r->json, "items"), "4725"));
  http_free(r);
}
END_TEST

/* ---- 1. scoring -------------------------------------------------------------------------- */

START_TEST(scoring_levels_and_mandatory_cap)
{
  char *d = make_district("AS-SC", "Huyện Chấm Điểm", "Tỉnh T");
  char *s = make_school(d, "AS-SC-1", "Trường Tiểu học Chấm Điểm");
  char expect_loc[128];
  http_resp *r = post_assessment(admin_token, s, 2024, NULL);
  ck_assert_int_eq(r->status, 201);
  char *id = strdup(JSTR(r->json, "id"));
  snprintf(expect_loc, sizeof(expect_loc), "/v1/assessments/%s", id);
  ck_assert_str_eq(http_header(r, "Location"), expect_loc);
  ck_assert_ptr_nonnull(http_header(r, "ETag"));
  ck_assert_str_eq(JSTR(r->json, "status"), "draft");
  ck_assert_str_eq(JSTR(r->json, "state"), "draft");
  ck_assert_str_eq(JSTR(r->json, "school_id"), s);
  ck_assert_str_eq(JSTR(r->json, "district_id"), d);
  ck_assert_int_eq(JINT(r->json, "year"), 2024);
  ck_assert_str_eq(JSTR(json_object_get(r->json, "framework"), "code"), "4725"); /* default */
  ck_assert_int_ge(JINT(json_object_get(r->json, "framework"), "version"), 1);
  /* nothing answered: 0/100 and 0/90 → level 1 each; every mandatory unanswered = unmet */
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "answers")), 0);
  ck_group(json_object_get(r->json, "group_scores"), "T", 0, 100, 0.0, 1);
  ck_group(json_object_get(r->json, "group_scores"), "M", 0, 90, 0.0, 1);
  static const char *const all4[] = {"T1", "T2", "M1", "M2"};
  ck_unmet(r, 4, all4);
  ck_assert_int_eq(JINT(r->json, "self_level"), 1);
  ck_assert(json_is_null(json_object_get(r->json, "external_answers")));
  ck_assert(json_is_null(json_object_get(r->json, "external_group_scores")));
  ck_assert(json_is_null(json_object_get(r->json, "external_level")));
  ck_assert(json_is_null(json_object_get(r->json, "recognized_level")));
  ck_assert(json_is_null(json_object_get(r->json, "decision_ref")));
  ck_assert(json_is_null(json_object_get(r->json, "submitted_at")));
  ck_assert(json_is_null(json_object_get(r->json, "recognized_at")));
  http_free(r);
  /* a 2024 draft: today is after 31 May 2024 → late */
  ck_assert_int_eq(listed_late(id, admin_token), 1);

  /* T = 30 + 10 + 10 = 50 points → level 2 (50 is not < 50);
   * M3 = 40 points (44.44 % of 90) → level 1; M1, M2 unanswered → unmet;
   * self_level = min(2, 1) = 1 (and the cap 1 as well) */
  r = put_answers(id, admin_token, ANS_T50 ",\"M3\":{\"points\":40}");
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  json_t *gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "T", 50, 100, 50.0, 2);
  ck_group(gs, "M", 40, 90, 44.44, 1);
  static const char *const m12[] = {"M1", "M2"};
  ck_unmet(r, 2, m12);
  ck_assert_int_eq(JINT(r->json, "self_level"), 1);
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "answers")), 10);
  ck_assert_real(answer(r, "T3.1"), "points", 6.0);
  ck_assert(json_is_true(json_object_get(answer(r, "T1"), "met")));
  http_free(r);

  /* merge M1, M2 met; M3 45 (replaces 40), M4 23 → M = 68 points, not above 75 → level 2 (75.56 %
   * of 90: level 3 when bands were read in percent); all four mandatory met → no cap;
   * self_level = min(T 2, M 2) = 2.
   * answers: T1 T2 T3.1..T3.5 T4 T5 (9) + M1 M2 M3 M4 (4) = 13 */
  r = put_answers(id, admin_token, ANS_M68);
  ck_assert_int_eq(r->status, 200);
  gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "T", 50, 100, 50.0, 2);
  ck_group(gs, "M", 68, 90, 75.56, 2);
  ck_unmet(r, 0, NULL);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2);
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "answers")), 13);
  ck_assert_real(answer(r, "M3"), "points", 45.0);
  http_free(r);

  /* T2 not met → mandatory_unmet ["T2"] → self_level capped at 1; the group levels come from
   * points alone and stay T 2, M 2 */
  r = put_answers(id, admin_token, "\"T2\":{\"met\":false,\"note\":\"chưa ban hành quy chế\"}");
  ck_assert_int_eq(r->status, 200);
  gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "T", 50, 100, 50.0, 2);
  ck_group(gs, "M", 68, 90, 75.56, 2);
  static const char *const t2[] = {"T2"};
  ck_unmet(r, 1, t2);
  ck_assert_int_eq(JINT(r->json, "self_level"), 1);
  ck_assert(json_is_false(json_object_get(answer(r, "T2"), "met")));
  ck_assert_str_eq(JSTR(answer(r, "T2"), "note"), "chưa ban hành quy chế");
  http_free(r);

  /* T2 given null → removed (12 answers); unanswered mandatory is still unmet → still 1 */
  r = put_answers(id, admin_token, "\"T2\":null");
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "answers")), 12);
  ck_assert_ptr_null(answer(r, "T2"));
  ck_unmet(r, 1, t2);
  ck_assert_int_eq(JINT(r->json, "self_level"), 1);
  http_free(r);

  /* T2 met again, with evidence → back to 2; GET shows the same */
  r = put_answers(id, admin_token,
                  "\"T2\":{\"met\":true,\"evidence_url\":\"https://example.edu.vn/quy-che.pdf\"}");
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2);
  http_free(r);
  r = get_assessment(id, admin_token);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2);
  ck_assert_str_eq(JSTR(answer(r, "T2"), "evidence_url"), "https://example.edu.vn/quy-che.pdf");
  /* none given: null or left out (the spec's "str|null"; openapi: "null or left out") */
  ck_assert_ptr_null(JSTR(answer(r, "T3.1"), "evidence_url"));
  http_free(r);
  free(id);
  free(s);
  free(d);
}
END_TEST

START_TEST(level_bands_are_exact)
{
  char *d = make_district("AS-BD", "Huyện Ngưỡng", "Tỉnh T");
  char *s = make_school(d, "AS-BD-1", "Trường Tiểu học Ngưỡng");
  char *id = new_assessment(admin_token, s, 2024);
  /* T = 30 + 10 + 9.99 = 49.99 points < 50 → level 1;
   * M = 45 + 22.5 = 67.5 points → level 2; self = min = 1 */
  http_resp *r = put_answers(id, admin_token,
                             ANS_T40 ",\"T5\":{\"points\":9.99},"
                             "\"M1\":{\"met\":true},\"M2\":{\"met\":true},\"M3\":{\"points\":45},"
                             "\"M4\":{\"points\":22.5}");
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  json_t *gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "T", 49.99, 100, 49.99, 1);
  ck_group(gs, "M", 67.5, 90, 75.0, 2);
  ck_assert_int_eq(JINT(r->json, "self_level"), 1);
  http_free(r);
  /* T5 10 → T = 50.00 points → level 2; self = min(2, 2) = 2 */
  r = put_answers(id, admin_token, "\"T5\":{\"points\":10}");
  gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "T", 50, 100, 50.0, 2);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2);
  http_free(r);
  /* M4 22.51 → M = 67.51 points → level 2 (75.01 % of 90: level 3 when bands were read in
   * percent); self = min(2, 2) = 2 */
  r = put_answers(id, admin_token, "\"M4\":{\"points\":22.51}");
  gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "M", 67.51, 90, 75.01, 2);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2);
  http_free(r);
  /* T6 20, T7 20 → T = 90 points → level 3; self = min(3, M 2) = 2 */
  r = put_answers(id, admin_token, "\"T6\":{\"points\":20},\"T7\":{\"points\":20}");
  gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "T", 90, 100, 90.0, 3);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2);
  http_free(r);
  /* M3 46, M4 0 → M = 46 points → level 1 (51.11 % of 90: level 2 in percent), self 1 */
  r = put_answers(id, admin_token, "\"M3\":{\"points\":46},\"M4\":{\"points\":0}");
  gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "M", 46, 90, 51.11, 1);
  ck_assert_int_eq(JINT(r->json, "self_level"), 1);
  http_free(r);
  /* M4 30 → M = 76 points > 75 → level 3; self = min(3, 3) = 3 */
  r = put_answers(id, admin_token, "\"M4\":{\"points\":30}");
  gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "M", 76, 90, 84.44, 3);
  ck_assert_int_eq(JINT(r->json, "self_level"), 3);
  http_free(r);
  free(id);
  free(s);
  free(d);
}
END_TEST

START_TEST(bad_answers_are_refused_and_nothing_saved)
{
  char *d = make_district("AS-BA", "Huyện Sai Điểm", "Tỉnh T");
  char *s = make_school(d, "AS-BA-1", "Trường Tiểu học Sai Điểm");
  char *id = new_assessment(admin_token, s, 2024);
  http_resp *r = put_answers(id, admin_token, "\"T4\":{\"points\":10},\"T1\":{\"met\":true}");
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* one fault at a time, each named answers.<code> */
  static const char *const one[][2] = {
    {"\"T4\":{\"points\":11}", "answers.T4"},      /* above T4's max 10 */
    {"\"T1\":{\"points\":5}", "answers.T1"},       /* points on a mandatory criterion */
    {"\"T3.1\":{\"met\":true}", "answers.T3.1"},   /* met on a scored criterion */
    {"\"X9\":{\"points\":1}", "answers.X9"},       /* no such criterion */
  };
  for (int i = 0; i < 4; i++) {
    r = put_answers(id, admin_token, one[i][0]);
    ck_assert_msg(r->status == 422, "%s: %ld", one[i][0], r->status);
    ck_assert_problem(r, 422, "validation-failed");
    ck_assert_msg(problem_names_field(r, one[i][1]), "no error for %s", one[i][1]);
    ck_assert_uint_eq(problem_error_count(r), 1);
    http_free(r);
  }
  /* all at once, with a valid T3.2 among them: 8 errors, and T3.2 is not saved either */
  char note[1100], inner[2048];
  memset(note, 'a', 1001); /* note over 1000 characters */
  note[1001] = '\0';
  snprintf(inner, sizeof(inner),
           "\"T4\":{\"points\":11},\"T1\":{\"points\":5},\"T3.1\":{\"met\":true},"
           "\"X9\":{\"points\":1},\"T5\":{\"points\":-1},\"T6\":{\"points\":\"7\"},"
           "\"T7\":{\"points\":1,\"evidence_url\":\"ftp://example.org/x\"},"
           "\"M3\":{\"points\":1,\"note\":\"%s\"},\"T3.2\":{\"points\":6}", note);
  r = put_answers(id, admin_token, inner);
  ck_assert_problem(r, 422, "validation-failed");
  static const char *const fields[] = {"answers.T4", "answers.T1", "answers.T3.1", "answers.X9",
                                       "answers.T5", "answers.T6", "answers.T7", "answers.M3"};
  for (int i = 0; i < 8; i++)
    ck_assert_msg(problem_names_field(r, fields[i]), "no error for %s", fields[i]);
  ck_assert_uint_eq(problem_error_count(r), 8);
  http_free(r);
  /* still the first answers: T4 10, T1 met → T = 10/100 = 10.00 % → level 1 */
  r = get_assessment(id, admin_token);
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "answers")), 2);
  ck_assert_real(answer(r, "T4"), "points", 10.0);
  ck_assert(json_is_true(json_object_get(answer(r, "T1"), "met")));
  ck_assert_ptr_null(answer(r, "T3.2"));
  ck_group(json_object_get(r->json, "group_scores"), "T", 10, 100, 10.0, 1);
  http_free(r);
  free(id);
  free(s);
  free(d);
}
END_TEST

/* ---- 2. every legal move ----------------------------------------------------------------- */

START_TEST(every_legal_move_and_the_history)
{
  char path[128];
  char *d = make_district("AS-WF", "Huyện Quy Trình", "Tỉnh T");
  char *s = make_school(d, "AS-WF-1", "Trường Tiểu học Quy Trình");
  char school_tid[ID_SIZE], office_tid[ID_SIZE];
  char *school_tok = mint_labelled("school", "school_id", s, "AS-WF trường", school_tid);
  char *office_tok = mint_labelled("district", "district_id", d, "AS-WF phòng", office_tid);
  char *reader_tok = mint_labelled("reader", "district_id", d, "AS-WF đọc", NULL);

  /* created by the school: draft */
  char *id = new_assessment(school_tok, s, 2024);
  http_resp *r = put_answers(id, school_tok, ANS_T50 "," ANS_M68);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2); /* min(T 50 → 2, M 68 points → 2) */
  http_free(r);

  /* 1 draft → submitted (school) */
  r = move(id, "submit", school_tok, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "state"), "submitted");
  ck_assert_ptr_nonnull(JSTR(r->json, "submitted_at"));
  http_free(r);
  ck_assert_int_eq(listed_late(id, admin_token), 1); /* 2024 not recognized after 15 June */
  r = put_answers(id, school_tok, "\"T6\":{\"points\":5}"); /* frozen once submitted */
  ck_assert_problem(r, 409, "conflict");
  http_free(r);

  /* 2 submitted → returned (office, with its note) */
  r = move(id, "return", office_tok, "{\"note\":\"Thiếu minh chứng T3.1\"}");
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "state"), "returned");
  http_free(r);
  /* a returned one takes answers again */
  r = put_answers(id, school_tok,
                  "\"T3.1\":{\"points\":6,\"evidence_url\":\"https://lms.example.edu.vn/\"}");
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(answer(r, "T3.1"), "evidence_url"), "https://lms.example.edu.vn/");
  http_free(r);

  /* 3 returned → submitted (school) */
  move_ok(id, "submit", school_tok, NULL, "submitted");

  /* 4 submitted → approved (office) */
  r = move(id, "approve", office_tok, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "state"), "approved");
  ck_assert_ptr_nonnull(JSTR(r->json, "approved_at"));
  http_free(r);
  r = put_answers(id, office_tok, "\"T6\":{\"points\":5}");
  ck_assert_problem(r, 409, "conflict");
  http_free(r);

  /* 5 approved → externally_assessed (office): T 60 → 2, M 70 points → 2 (77.78 % of 90),
   * external 2 */
  r = move(id, "external", office_tok, EXT_BODY);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_str_eq(JSTR(r->json, "state"), "externally_assessed");
  ck_assert_ptr_nonnull(JSTR(r->json, "externally_assessed_at"));
  json_t *egs = json_object_get(r->json, "external_group_scores");
  ck_group(egs, "T", 60, 100, 60.0, 2);
  ck_group(egs, "M", 70, 90, 77.78, 2);
  ck_assert_int_eq(JINT(r->json, "external_level"), 2);
  ck_assert_uint_eq(json_object_size(json_object_get(r->json, "external_answers")), 13);
  ck_assert_real(json_object_get(json_object_get(r->json, "external_answers"), "T5"), "points",
                 20.0);
  /* the school's own answers and level are kept: T5 still 10, self 2 */
  ck_assert_real(answer(r, "T5"), "points", 10.0);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2);
  http_free(r);
  r = put_answers(id, office_tok, "\"T6\":{\"points\":5}");
  ck_assert_problem(r, 409, "conflict");
  http_free(r);

  /* 6 externally_assessed → recognized (office) */
  r = move(id, "recognize", office_tok, "{\"level\":2,\"decision_ref\":\"QĐ 123/QĐ-PGDĐT\"}");
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "state"), "recognized");
  ck_assert_int_eq(JINT(r->json, "recognized_level"), 2);
  ck_assert_str_eq(JSTR(r->json, "decision_ref"), "QĐ 123/QĐ-PGDĐT");
  ck_assert_ptr_nonnull(JSTR(r->json, "recognized_at"));
  http_free(r);
  ck_assert_int_eq(listed_late(id, admin_token), 0); /* recognized: no longer late */
  r = put_answers(id, school_tok, "\"T6\":{\"points\":5}");
  ck_assert_problem(r, 409, "conflict");
  http_free(r);

  /* history, oldest first: creation + 6 moves = 7 */
  snprintf(path, sizeof(path), "/v1/assessments/%s/history", id);
  r = http("GET", path, reader_tok, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  json_t *items = json_object_get(r->json, "items");
  ck_assert_uint_eq(json_array_size(items), 7);
  static const char *const from[] = {NULL, "draft", "submitted", "returned", "submitted",
                                     "approved", "externally_assessed"};
  static const char *const to[] = {"draft", "submitted", "returned", "submitted", "approved",
                                   "externally_assessed", "recognized"};
  static const int by_school[] = {1, 1, 0, 1, 0, 0, 0};
  for (size_t i = 0; i < 7; i++) {
    json_t *it = json_array_get(items, i), *by = json_object_get(it, "by");
    if (from[i])
      ck_assert_str_eq(JSTR(it, "from"), from[i]);
    else
      ck_assert(json_is_null(json_object_get(it, "from")));
    ck_assert_str_eq(JSTR(it, "to"), to[i]);
    ck_assert_str_eq(JSTR(by, "role"), by_school[i] ? "school" : "district");
    ck_assert_str_eq(JSTR(by, "token_id"), by_school[i] ? school_tid : office_tid);
    ck_assert_str_eq(JSTR(by, "label"), by_school[i] ? "AS-WF trường" : "AS-WF phòng");
    ck_assert_ptr_nonnull(JSTR(it, "at"));
  }
  ck_assert(json_is_null(json_object_get(json_array_get(items, 0), "note")));
  ck_assert_str_eq(JSTR(json_array_get(items, 2), "note"), "Thiếu minh chứng T3.1");
  http_free(r);
  /* the reader reads the assessment too */
  r = get_assessment(id, reader_tok);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "state"), "recognized");
  http_free(r);
  free(id);
  free(school_tok);
  free(office_tok);
  free(reader_tok);
  free(s);
  free(d);
}
END_TEST

/* ---- 3. illegal moves -------------------------------------------------------------------- */

START_TEST(illegal_moves_are_409_and_change_nothing)
{
  char *d = make_district("AS-IL", "Huyện Sai Bước", "Tỉnh T");
  char *s = make_school(d, "AS-IL-1", "Trường Tiểu học Sai Bước");
  char *id = new_assessment(admin_token, s, 2024);
  static const char *const note = "{\"note\":\"Bổ sung\"}";
  static const char *const rec = "{\"level\":2,\"decision_ref\":\"QĐ 1/QĐ-PGDĐT\"}";

  /* draft: only submit is legal */
  refused_409(id, "approve", NULL, "draft");
  refused_409(id, "return", note, "draft");
  refused_409(id, "external", EXT_BODY, "draft");
  refused_409(id, "recognize", rec, "draft");
  http_resp *r = get_assessment(id, admin_token);
  char stale[128];
  snprintf(stale, sizeof(stale), "If-Match: %s", http_header(r, "ETag"));
  http_free(r);
  move_ok(id, "submit", admin_token, NULL, "submitted");

  /* submitted: submit, external and recognize are illegal */
  refused_409(id, "submit", NULL, "submitted");
  refused_409(id, "external", EXT_BODY, "submitted");
  refused_409(id, "recognize", rec, "submitted");
  /* return without a note: the note is a required body field, so by the API conventions (a
   * missing required field is "well-formed but invalid") it is 422 naming "note"; so is "" */
  r = move(id, "return", admin_token, "{}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "note"));
  http_free(r);
  r = move(id, "return", admin_token, "{\"note\":\"\"}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "note"));
  http_free(r);
  /* a stale If-Match (the draft's ETag) → 412 */
  const char *h[] = {stale, NULL};
  r = move_h(id, "approve", admin_token, "{}", h);
  ck_assert_problem(r, 412, "precondition-failed");
  http_free(r);
  r = get_assessment(id, admin_token);
  ck_assert_str_eq(JSTR(r->json, "state"), "submitted");
  char current[128];
  snprintf(current, sizeof(current), "If-Match: %s", http_header(r, "ETag"));
  http_free(r);
  const char *h2[] = {current, NULL};
  r = move_h(id, "approve", admin_token, "{}", h2); /* the current ETag → allowed */
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "state"), "approved");
  http_free(r);

  /* approved: recognize, submit, return are illegal; bad external answers are 422 */
  refused_409(id, "recognize", rec, "approved");
  refused_409(id, "submit", NULL, "approved");
  refused_409(id, "return", note, "approved");
  r = move(id, "external", admin_token, "{\"answers\":{\"T4\":{\"points\":11}}}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "answers.T4"));
  http_free(r);
  r = get_assessment(id, admin_token);
  ck_assert_str_eq(JSTR(r->json, "state"), "approved");
  ck_assert(json_is_null(json_object_get(r->json, "external_answers")));
  http_free(r);
  move_ok(id, "external", admin_token, EXT_BODY, "externally_assessed");

  /* externally_assessed: a bad recognition is 422 naming both fields */
  r = move(id, "recognize", admin_token, "{\"level\":4,\"decision_ref\":\"\"}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "level"));
  ck_assert(problem_names_field(r, "decision_ref"));
  http_free(r);
  refused_409(id, "approve", NULL, "externally_assessed");
  move_ok(id, "recognize", admin_token, rec, "recognized");

  /* recognized: the end */
  refused_409(id, "submit", NULL, "recognized");
  refused_409(id, "approve", NULL, "recognized");
  refused_409(id, "return", note, "recognized");
  refused_409(id, "external", EXT_BODY, "recognized");
  refused_409(id, "recognize", rec, "recognized");
  /* creation, submit, approve, external, recognize */
  ck_assert_uint_eq(history_size(id), 5);
  free(id);
  free(s);
  free(d);
}
END_TEST

/* ---- 4. roles ---------------------------------------------------------------------------- */

START_TEST(who_may_do_what)
{
  char path[160];
  char *d = make_district("AS-RO", "Huyện Quyền", "Tỉnh T");
  char *dx = make_district("AS-RX", "Huyện Khác", "Tỉnh T");
  char *r1 = make_school(d, "AS-RO-1", "Trường Tiểu học Một");
  char *r2 = school_of(d, "AS-RO-2", "lower_secondary", NULL, 1);
  char *rp = school_of(d, "AS-RO-MN", "preschool", NULL, 1);
  char *school_tok = mint_labelled("school", "school_id", r1, "AS-RO trường 1", NULL);
  char *office_tok = mint_labelled("district", "district_id", d, "AS-RO phòng", NULL);
  char *other_tok = mint_labelled("district", "district_id", dx, "AS-RX phòng", NULL);
  char *reader_tok = mint_labelled("reader", "district_id", d, "AS-RO đọc", NULL);
  char *other_reader = mint_labelled("reader", "district_id", dx, "AS-RX đọc", NULL);

  /* the school creates and submits its own */
  char *a1 = new_assessment(school_tok, r1, 2024);
  move_ok(a1, "submit", school_tok, NULL, "submitted");
  /* but may not review it: approve/return (legal in submitted) → 403 */
  http_resp *r = move(a1, "approve", school_tok, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = move(a1, "return", school_tok, "{\"note\":\"tự trả\"}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* another district's office may not either */
  r = move(a1, "approve", other_tok, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = get_assessment(a1, other_tok);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = get_assessment(a1, other_reader);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  move_ok(a1, "approve", office_tok, NULL, "approved");
  r = move(a1, "external", school_tok, EXT_BODY); /* legal in approved, not for a school */
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  move_ok(a1, "external", office_tok, EXT_BODY, "externally_assessed");
  r = move(a1, "recognize", school_tok, "{\"level\":3,\"decision_ref\":\"tự công nhận\"}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = move(a1, "recognize", other_tok, "{\"level\":3,\"decision_ref\":\"QĐ khác\"}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = get_assessment(a1, admin_token);
  ck_assert_str_eq(JSTR(r->json, "state"), "externally_assessed"); /* the 403s changed nothing */
  http_free(r);
  move_ok(a1, "recognize", office_tok, "{\"level\":2,\"decision_ref\":\"QĐ 9/QĐ-PGDĐT\"}",
          "recognized");

  /* the office creates one for its other school (with an Idempotency-Key: replayed, one row) */
  const char *key[] = {"Idempotency-Key: as-ro-2-2024", NULL};
  http_resp *first = post_assessment(office_tok, r2, 2024, key);
  http_resp *again = post_assessment(office_tok, r2, 2024, key);
  ck_assert_int_eq(first->status, 201);
  ck_assert_int_eq(again->status, 201);
  ck_assert_str_eq(JSTR(again->json, "id"), JSTR(first->json, "id"));
  ck_assert_str_eq(http_header(again, "Idempotent-Replayed"), "true");
  char *a2 = strdup(JSTR(first->json, "id"));
  http_free(first);
  http_free(again);
  /* a second one for the same school and year → 409 */
  r = post_assessment(admin_token, r2, 2024, NULL);
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  /* the school touches nothing of another school's */
  r = post_assessment(school_tok, r2, 2025, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = get_assessment(a2, school_tok);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = put_answers(a2, school_tok, "\"T4\":{\"points\":1}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = move(a2, "submit", school_tok, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* another district's office neither creates nor answers */
  r = post_assessment(other_tok, r1, 2025, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = put_answers(a2, other_tok, "\"T4\":{\"points\":1}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* the reader reads but does not write */
  r = get_assessment(a2, reader_tok);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = post_assessment(reader_tok, r1, 2025, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = put_answers(a2, reader_tok, "\"T4\":{\"points\":1}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = move(a2, "submit", reader_tok, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* no token → 401; no such assessment → 404 */
  r = get_assessment(a2, NULL);
  ck_assert_problem(r, 401, "unauthorized");
  http_free(r);
  r = get_assessment("00000000-0000-4000-8000-000000000000", admin_token);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  /* invalid creations: a preschool, an unknown school, an unknown framework, a bad year */
  r = post_assessment(admin_token, rp, 2024, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "school_id"));
  http_free(r);
  r = post_assessment(admin_token, "00000000-0000-4000-8000-000000000000", 2024, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "school_id"));
  http_free(r);
  snprintf(path, sizeof(path), "{\"school_id\":\"%s\",\"year\":2026,\"framework\":\"NOPE\"}", r1);
  r = http("POST", "/v1/assessments", admin_token, path, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "framework"));
  http_free(r);
  r = post_assessment(admin_token, r1, 1999, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "year"));
  http_free(r);
  r = post_assessment(school_tok, rp, 2024, NULL); /* a school token for another (pre)school */
  ck_assert_int_eq(r->status, 403);
  http_free(r);
  free(a1);
  free(a2);
  free(school_tok);
  free(office_tok);
  free(other_tok);
  free(reader_tok);
  free(other_reader);
  free(r1);
  free(r2);
  free(rp);
  free(d);
  free(dx);
}
END_TEST

/* ---- 5. lists and the overview ----------------------------------------------------------- */

/* District AS-LS: eight active general-education schools L1..L8, a preschool L-MN and an
 * inactive primary L-X. Year 2020: L1 draft, L2 submitted, L3 returned, L4 approved,
 * L5 externally_assessed, L6 recognized at 2, L7 recognized at 3, L8 none. Year 2021: L1 draft. */
static char *ls_district, *ls_school[9], *ls_reader, *ls_school_tok, *ls_other_reader;

static void make_list_district_once(void)
{
  static const char *const levels[] = {"primary", "primary", "lower_secondary", "lower_secondary",
                                       "primary_lower_secondary", "primary", "lower_secondary",
                                       "primary"};
  static const char *const states[] = {"draft", "submitted", "returned", "approved",
                                       "externally_assessed", "recognized", "recognized", NULL};
  static const int rec_level[] = {0, 0, 0, 0, 0, 2, 3, 0};
  char code[32];
  ls_district = make_district("AS-LS", "Huyện Danh Sách", "Tỉnh T");
  char *dx = make_district("AS-LX", "Huyện Ngoài", "Tỉnh T");
  for (int i = 0; i < 8; i++) {
    snprintf(code, sizeof(code), "AS-LS-%d", i + 1);
    ls_school[i] = school_of(ls_district, code, levels[i], "Xã A", 1);
  }
  free(school_of(ls_district, "AS-LS-MN", "preschool", "Xã A", 1));
  free(school_of(ls_district, "AS-LS-X", "primary", "Xã A", 0));
  for (int i = 0; i < 7; i++) {
    char *id = new_assessment(admin_token, ls_school[i], 2020);
    advance(id, states[i], rec_level[i]);
    free(id);
  }
  free(new_assessment(admin_token, ls_school[0], 2021));
  ls_reader = mint_labelled("reader", "district_id", ls_district, "AS-LS đọc", NULL);
  ls_other_reader = mint_labelled("reader", "district_id", dx, "AS-LX đọc", NULL);
  ls_school_tok = mint_labelled("school", "school_id", ls_school[0], "AS-LS trường 1", NULL);
  free(dx);
}

static long list_total(const char *token, const char *query)
{
  char path[512];
  snprintf(path, sizeof(path), "/v1/assessments?district_id=%s&limit=500%s", ls_district, query);
  http_resp *r = http("GET", path, token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  long total = (long)JINT(r->json, "total");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), (size_t)total);
  http_free(r);
  return total;
}

START_TEST(list_filters)
{
  char path[512];
  /* 7 for 2020 + 1 for 2021 */
  ck_assert_int_eq(list_total(ls_reader, ""), 8);
  ck_assert_int_eq(list_total(ls_reader, "&year=2020"), 7);
  ck_assert_int_eq(list_total(ls_reader, "&year=2021"), 1);
  ck_assert_int_eq(list_total(ls_reader, "&state=recognized"), 2);  /* L6, L7 */
  ck_assert_int_eq(list_total(ls_reader, "&state=draft"), 2);       /* L1 2020, L1 2021 */
  ck_assert_int_eq(list_total(ls_reader, "&state=draft&year=2020"), 1);
  ck_assert_int_eq(list_total(ls_reader, "&state=returned"), 1);    /* L3 */
  ck_assert_int_eq(list_total(ls_reader, "&level=2"), 1);           /* L6 */
  ck_assert_int_eq(list_total(ls_reader, "&level=3"), 1);           /* L7 */
  ck_assert_int_eq(list_total(ls_reader, "&level=1"), 0);
  /* late in 2020: L1..L5 are not recognized after 15 June 2020 (L1, L3 also not submitted by
   * 31 May) = 5; L6, L7 recognized = not late. L1's 2021 draft is late too → 6 in all */
  ck_assert_int_eq(list_total(ls_reader, "&year=2020&late=true"), 5);
  ck_assert_int_eq(list_total(ls_reader, "&year=2020&late=false"), 2);
  ck_assert_int_eq(list_total(ls_reader, "&late=true"), 6);
  snprintf(path, sizeof(path), "&school_id=%s", ls_school[0]);
  ck_assert_int_eq(list_total(ls_reader, path), 2);
  snprintf(path, sizeof(path), "&school_id=%s&year=2020", ls_school[5]);
  ck_assert_int_eq(list_total(ls_reader, path), 1);

  /* the level-2 item is L6's */
  snprintf(path, sizeof(path), "/v1/assessments?district_id=%s&level=2", ls_district);
  http_resp *r = http("GET", path, ls_reader, NULL, NULL);
  json_t *it = json_array_get(json_object_get(r->json, "items"), 0);
  ck_assert_str_eq(JSTR(it, "school_id"), ls_school[5]);
  ck_assert_int_eq(JINT(it, "recognized_level"), 2);
  ck_assert_str_eq(JSTR(it, "decision_ref"), "QĐ 2/QĐ-PGDĐT");
  http_free(r);
  /* sort by year: 2020 first; -year: the 2021 one first */
  snprintf(path, sizeof(path), "/v1/assessments?district_id=%s&sort=-year", ls_district);
  r = http("GET", path, ls_reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(json_array_get(json_object_get(r->json, "items"), 0), "year"), 2021);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/assessments?district_id=%s&sort=year", ls_district);
  r = http("GET", path, ls_reader, NULL, NULL);
  ck_assert_int_eq(JINT(json_array_get(json_object_get(r->json, "items"), 0), "year"), 2020);
  http_free(r);

  /* CSV: header, and L7's row: no answers → self 1; external (EXT_BODY) 2; recognized 3 */
  snprintf(path, sizeof(path), "/v1/assessments.csv?district_id=%s&level=3", ls_district);
  r = http("GET", path, ls_reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  static const char header[] = "\xEF\xBB\xBF" "id,school_id,district_id,year,state,self_level,"
                               "external_level,recognized_level,decision_ref,submitted_at,"
                               "recognized_at,status\r\n";
  ck_assert_int_eq(memcmp(r->body, header, sizeof(header) - 1), 0);
  ck_assert_ptr_nonnull(strstr(r->body, ",2020,recognized,1,2,3,QĐ 3/QĐ-PGDĐT,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",recognized\r\n")); /* status, the last column */
  http_free(r);

  /* a district reader sees its district only; a school token its own school only */
  r = http("GET", "/v1/assessments?limit=500", ls_reader, NULL, NULL);
  size_t i;
  json_array_foreach(json_object_get(r->json, "items"), i, it)
    ck_assert_str_eq(JSTR(it, "district_id"), ls_district);
  ck_assert_int_eq(JINT(r->json, "total"), 8);
  http_free(r);
  r = http("GET", "/v1/assessments?limit=500", ls_school_tok, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  json_array_foreach(json_object_get(r->json, "items"), i, it)
    ck_assert_str_eq(JSTR(it, "school_id"), ls_school[0]);
  http_free(r);

  /* bad filter values are 400 */
  static const char *const bad[] = {"state=bogus", "level=4", "year=20x0", "late=maybe",
                                    "sort=color"};
  for (int k = 0; k < 5; k++) {
    snprintf(path, sizeof(path), "/v1/assessments?%s", bad[k]);
    r = http("GET", path, ls_reader, NULL, NULL);
    ck_assert_msg(r->status == 400, "%s: %ld", bad[k], r->status);
    ck_assert_problem(r, 400, "bad-request");
    http_free(r);
  }
}
END_TEST

/* Issue 15: one word for workflow state. Assessments say `status`, as dossiers do; `state`
 * stays, deprecated, with the same value, and state= stays a filter, an alias of status=. */
START_TEST(status_and_its_deprecated_name_state)
{
  char path[512];
  size_t i;
  json_t *it;
  snprintf(path, sizeof(path), "/v1/assessments?district_id=%s&limit=500", ls_district);
  http_resp *r = http("GET", path, ls_reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 8);
  json_array_foreach(json_object_get(r->json, "items"), i, it) {
    ck_assert_ptr_nonnull(JSTR(it, "status"));
    ck_assert_str_eq(JSTR(it, "status"), JSTR(it, "state"));
  }
  http_free(r);
  /* status=: L6 L7 recognized; L1 2020 and L1 2021 draft; L3 returned; L5 externally assessed */
  ck_assert_int_eq(list_total(ls_reader, "&status=recognized"), 2);
  ck_assert_int_eq(list_total(ls_reader, "&status=draft"), 2);
  ck_assert_int_eq(list_total(ls_reader, "&status=draft&year=2020"), 1);
  ck_assert_int_eq(list_total(ls_reader, "&status=externally_assessed"), 1);
  /* state= alone, and both with the same value, filter the same */
  ck_assert_int_eq(list_total(ls_reader, "&state=returned"), 1);
  ck_assert_int_eq(list_total(ls_reader, "&status=recognized&state=recognized"), 2);
  /* the recognized ones are L6 and L7 */
  snprintf(path, sizeof(path), "/v1/assessments?district_id=%s&status=recognized&sort=-year",
           ls_district);
  r = http("GET", path, ls_reader, NULL, NULL);
  json_array_foreach(json_object_get(r->json, "items"), i, it) {
    ck_assert_str_eq(JSTR(it, "status"), "recognized");
    ck_assert_msg(strcmp(JSTR(it, "school_id"), ls_school[5]) == 0 ||
                  strcmp(JSTR(it, "school_id"), ls_school[6]) == 0, "%s", JSTR(it, "school_id"));
  }
  http_free(r);
  /* both, different: 400 naming both, with the machine code "conflict"; the CSV list too */
  static const char *const lists[] = {"/v1/assessments", "/v1/assessments.csv"};
  for (int k = 0; k < 2; k++) {
    snprintf(path, sizeof(path), "%s?status=draft&state=recognized", lists[k]);
    r = http("GET", path, ls_reader, NULL, NULL);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, "status") && problem_names_field(r, "state"), "%s",
                  r->body);
    json_array_foreach(json_object_get(r->json, "errors"), i, it)
      ck_assert_str_eq(JSTR(it, "code"), "conflict");
    ck_assert_uint_eq(json_array_size(json_object_get(r->json, "errors")), 2);
    http_free(r);
  }
  /* a bad value of either: 400 naming it */
  r = http("GET", "/v1/assessments?status=bogus", ls_reader, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "status"));
  ck_assert(!problem_names_field(r, "state"));
  http_free(r);
  r = http("GET", "/v1/assessments?status=draft&state=bogus", ls_reader, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "state"));
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "errors")), 1);
  http_free(r);
  /* CSV in Vietnamese: status is "Trạng thái", the deprecated state column says it is old */
  snprintf(path, sizeof(path), "/v1/assessments.csv?district_id=%s&level=3&lang=vi", ls_district);
  r = http("GET", path, ls_reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, ",Năm,Trạng thái (cột cũ sẽ bỏ),Mức tự đánh giá,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",Ngày công nhận,Trạng thái\r\n"));
  http_free(r);
  /* the overview: by_status counts as by_state does; late schools carry status too */
  r = http("GET", "/v1/districts/code:AS-LS/assessments/overview?year=2020", ls_reader, NULL,
           NULL);
  ck_assert_int_eq(r->status, 200);
  json_t *bs = json_object_get(r->json, "by_status");
  ck_assert_int_eq(JINT(bs, "not_started"), 1);
  ck_assert_int_eq(JINT(bs, "draft"), 1);
  ck_assert_int_eq(JINT(bs, "recognized"), 2);
  ck_assert_uint_eq(json_object_size(bs), 7);
  ck_assert(json_equal(bs, json_object_get(r->json, "by_state")));
  static const char *const late[] = {"late_submission", "late_recognition"};
  for (int k = 0; k < 2; k++)
    json_array_foreach(json_object_get(r->json, late[k]), i, it) {
      ck_assert_ptr_nonnull(JSTR(it, "status"));
      ck_assert_str_eq(JSTR(it, "status"), JSTR(it, "state"));
    }
  ck_assert_str_eq(JSTR(by_code(json_object_get(r->json, "late_submission"), "AS-LS-8"),
                        "status"), "not_started");
  http_free(r);
}
END_TEST

START_TEST(overview_of_a_past_year)
{
  http_resp *r = http("GET", "/v1/districts/code:AS-LS/assessments/overview?year=2020", ls_reader,
                      NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_str_eq(JSTR(json_object_get(r->json, "district"), "code"), "AS-LS");
  ck_assert_str_eq(JSTR(json_object_get(r->json, "district"), "id"), ls_district);
  ck_assert_int_eq(JINT(r->json, "year"), 2020);
  json_t *dl = json_object_get(r->json, "deadlines");
  ck_assert_str_eq(JSTR(dl, "submission"), "2020-05-31");
  ck_assert_str_eq(JSTR(dl, "recognition"), "2020-06-15");
  /* L1..L8: the preschool and the inactive school are not counted */
  ck_assert_uint_eq(count_of(json_object_get(r->json, "schools")), 8);
  /* by_state: L8 not started, one each of draft..externally_assessed (L1..L5), L6 L7 recognized
   * → 1 + 1 + 1 + 1 + 1 + 1 + 2 = 8 */
  json_t *bs = json_object_get(r->json, "by_state");
  ck_assert_int_eq(JINT(bs, "not_started"), 1);
  ck_assert_int_eq(JINT(bs, "draft"), 1);
  ck_assert_int_eq(JINT(bs, "submitted"), 1);
  ck_assert_int_eq(JINT(bs, "returned"), 1);
  ck_assert_int_eq(JINT(bs, "approved"), 1);
  ck_assert_int_eq(JINT(bs, "externally_assessed"), 1);
  ck_assert_int_eq(JINT(bs, "recognized"), 2);
  /* by_level: L6 at 2, L7 at 3, none at 1; unrecognized = 8 schools − 2 recognized = 6 */
  json_t *bl = json_object_get(r->json, "by_level");
  ck_assert_int_eq(JINT(bl, "1"), 0);
  ck_assert_int_eq(JINT(bl, "2"), 1);
  ck_assert_int_eq(JINT(bl, "3"), 1);
  ck_assert_int_eq(JINT(bl, "unrecognized"), 6);
  /* late_submission (today > 2020-05-31, not submitted): L1 draft, L3 returned, L8 not_started */
  json_t *ls = json_object_get(r->json, "late_submission");
  ck_assert_uint_eq(json_array_size(ls), 3);
  ck_assert_str_eq(JSTR(by_code(ls, "AS-LS-1"), "state"), "draft");
  ck_assert_str_eq(JSTR(by_code(ls, "AS-LS-3"), "state"), "returned");
  ck_assert_str_eq(JSTR(by_code(ls, "AS-LS-8"), "state"), "not_started");
  ck_assert_str_eq(JSTR(by_code(ls, "AS-LS-1"), "id"), ls_school[0]);
  ck_assert_str_eq(JSTR(by_code(ls, "AS-LS-1"), "name"), "Trường AS-LS-1");
  /* late_recognition (today > 2020-06-15, not recognized): L1 L2 L3 L4 L5 L8 */
  json_t *lr = json_object_get(r->json, "late_recognition");
  ck_assert_uint_eq(json_array_size(lr), 6);
  static const char *const late_rec[][2] = {{"AS-LS-1", "draft"}, {"AS-LS-2", "submitted"},
                                            {"AS-LS-3", "returned"}, {"AS-LS-4", "approved"},
                                            {"AS-LS-5", "externally_assessed"},
                                            {"AS-LS-8", "not_started"}};
  for (int i = 0; i < 6; i++) {
    json_t *e = by_code(lr, late_rec[i][0]);
    ck_assert_msg(e != NULL, "%s not in late_recognition", late_rec[i][0]);
    ck_assert_str_eq(JSTR(e, "state"), late_rec[i][1]);
  }
  ck_assert_ptr_null(by_code(lr, "AS-LS-6"));
  ck_assert_ptr_null(by_code(lr, "AS-LS-MN"));
  http_free(r);

  /* 2099: no assessment, deadlines not yet passed → everyone not started, nobody late */
  r = http("GET", "/v1/districts/code:AS-LS/assessments/overview?year=2099", ls_reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  bs = json_object_get(r->json, "by_state");
  ck_assert_int_eq(JINT(bs, "not_started"), 8);
  ck_assert_int_eq(JINT(bs, "draft"), 0);
  ck_assert_int_eq(JINT(bs, "recognized"), 0);
  ck_assert_int_eq(JINT(json_object_get(r->json, "by_level"), "unrecognized"), 8);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "late_submission")), 0);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "late_recognition")), 0);
  ck_assert_str_eq(JSTR(json_object_get(r->json, "deadlines"), "submission"), "2099-05-31");
  http_free(r);

  /* another district's reader → 403; no year → 400 */
  r = http("GET", "/v1/districts/code:AS-LS/assessments/overview?year=2020", ls_other_reader,
           NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/districts/code:AS-LS/assessments/overview", ls_reader, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
}
END_TEST

START_TEST(late_filter_follows_the_deadlines)
{
  /* a 2099 draft: 31 May 2099 is still ahead → not late; a 2020 draft is */
  char *d = make_district("AS-LT", "Huyện Hạn Chót", "Tỉnh T");
  char *s = make_school(d, "AS-LT-1", "Trường Tiểu học Hạn Chót");
  char *future = new_assessment(admin_token, s, 2099);
  char *past = new_assessment(admin_token, s, 2020);
  ck_assert_int_eq(listed_late(future, admin_token), 0);
  ck_assert_int_eq(listed_late(past, admin_token), 1);
  free(future);
  free(past);
  free(s);
  free(d);
}
END_TEST

/* ---- 6. progress ------------------------------------------------------------------------- */

START_TEST(progress_counts_self_assessed_and_recognized)
{
  char body[1024];
  char *d = make_district("AS-PG", "Huyện Tiến Độ Số", "Tỉnh T");
  /* A primary (Xã A), B lower_secondary (Xã A), C TH&THCS (Xã B), D primary (Xã B), and a
   * preschool in Xã A that the indicators leave out */
  char *a = school_of(d, "AS-PG-A", "primary", "Xã A", 1);
  char *b = school_of(d, "AS-PG-B", "lower_secondary", "Xã A", 1);
  char *c = school_of(d, "AS-PG-C", "primary_lower_secondary", "Xã B", 1);
  char *dd = school_of(d, "AS-PG-D", "primary", "Xã B", 1);
  free(school_of(d, "AS-PG-MN", "preschool", "Xã A", 1));
  snprintf(body, sizeof(body),
           "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch CĐS 2024\","
           "\"document_ref\":\"45/KH-PGDĐT\",\"targets\":["
           "{\"indicator\":\"DT_SELF_ASSESSED\",\"comparator\":\">=\",\"target\":100},"
           "{\"indicator\":\"DT_LEVEL2_RECOGNIZED\",\"comparator\":\">=\",\"target\":90}]}", d);
  http_resp *r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_msg(r->status == 201, "plan: %s", r->body);
  http_free(r);
  char *aa = new_assessment(admin_token, a, 2024);
  advance(aa, "submitted", 0);
  char *ab = new_assessment(admin_token, b, 2024);
  advance(ab, "recognized", 2);
  free(new_assessment(admin_token, c, 2024)); /* draft */
  free(new_assessment(admin_token, dd, 2023)); /* another year: D has none for 2024 */

  ck_progress_agrees("AS-PG", 2024);
  r = http("GET", "/v1/districts/code:AS-PG/progress?year=2024", admin_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  /* DT_SELF_ASSESSED: A submitted, B recognized count; C draft does not; D has none;
   * 2 of 4 = 50.00 % < 100 → not_met, gap 50; reported A B C = 3; missing [D]; below [C] */
  json_t *e = answer_indicator(r, "DT_SELF_ASSESSED");
  ck_assert_int_eq(JINT(e, "numerator"), 2);
  ck_assert_int_eq(JINT(e, "denominator"), 4);
  ck_assert_real(e, "actual", 50.0);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 50.0);
  ck_assert_int_eq(JINT(e, "expected"), 4);
  ck_assert_int_eq(JINT(e, "reported"), 3);
  ck_assert_uint_eq(json_array_size(json_object_get(e, "missing")), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "missing"), 0), "code"), "AS-PG-D");
  ck_assert_uint_eq(json_array_size(json_object_get(e, "below")), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "code"), "AS-PG-C");
  /* C's value: its draft, under status and under the deprecated state; no level yet */
  json_t *cv = json_object_get(json_array_get(json_object_get(e, "below"), 0), "value");
  ck_assert_str_eq(JSTR(cv, "status"), "draft");
  ck_assert_str_eq(JSTR(cv, "state"), "draft");
  ck_assert(json_is_null(json_object_get(cv, "recognized_level")));
  ck_assert_uint_eq(json_object_size(cv), 3);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "below"), 0), "display"),
                   "draft, not recognised");
  /* by level: primary A D → 1/2 = 50.00; lower_secondary B → 1/1 = 100.00 met;
   * primary_lower_secondary C → 0/1 = 0.00 */
  json_t *lv = json_object_get(e, "by_level");
  ck_assert_real(json_object_get(lv, "primary"), "actual", 50.0);
  ck_assert_int_eq(JINT(json_object_get(lv, "primary"), "denominator"), 2);
  ck_assert_real(json_object_get(lv, "lower_secondary"), "actual", 100.0);
  ck_assert_str_eq(JSTR(json_object_get(lv, "lower_secondary"), "status"), "met");
  ck_assert_real(json_object_get(lv, "primary_lower_secondary"), "actual", 0.0);
  /* by commune: Xã A = A B → 2/2 (the preschool not counted); Xã B = C D → 0/2 */
  json_t *cm = json_object_get(e, "by_commune");
  ck_assert_real(json_object_get(cm, "Xã A"), "actual", 100.0);
  ck_assert_int_eq(JINT(json_object_get(cm, "Xã A"), "denominator"), 2);
  ck_assert_real(json_object_get(cm, "Xã B"), "actual", 0.0);
  /* DT_LEVEL2_RECOGNIZED: only B (recognized at 2) → 1 of 4 = 25.00 % < 90 → not_met, gap 65;
   * missing [D]; below A (submitted) and C (draft) */
  e = answer_indicator(r, "DT_LEVEL2_RECOGNIZED");
  ck_assert_int_eq(JINT(e, "numerator"), 1);
  ck_assert_int_eq(JINT(e, "denominator"), 4);
  ck_assert_real(e, "actual", 25.0);
  ck_assert_str_eq(JSTR(e, "status"), "not_met");
  ck_assert_real(e, "gap", 65.0);
  ck_assert_int_eq(JINT(e, "reported"), 3);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(e, "missing"), 0), "code"), "AS-PG-D");
  json_t *below = json_object_get(e, "below");
  ck_assert_uint_eq(json_array_size(below), 2);
  ck_assert_ptr_nonnull(by_code(below, "AS-PG-A"));
  ck_assert_ptr_nonnull(by_code(below, "AS-PG-C"));
  ck_assert_str_eq(JSTR(json_object_get(by_code(below, "AS-PG-A"), "value"), "status"),
                   "submitted");
  ck_assert_str_eq(JSTR(json_object_get(by_code(below, "AS-PG-A"), "value"), "state"),
                   "submitted");
  ck_assert_str_eq(JSTR(by_code(below, "AS-PG-A"), "display"), "submitted, not recognised");
  ck_assert_str_eq(JSTR(by_code(below, "AS-PG-C"), "display"), "draft, not recognised");
  http_free(r);

  /* A returned: no longer counts → 1 of 4 = 25.00 %; below A and C; shown at once */
  move_ok(aa, "return", admin_token, "{\"note\":\"Bổ sung minh chứng M3\"}", "returned");
  ck_progress_agrees("AS-PG", 2024);
  r = http("GET", "/v1/districts/code:AS-PG/progress?year=2024", admin_token, NULL, NULL);
  e = answer_indicator(r, "DT_SELF_ASSESSED");
  ck_assert_int_eq(JINT(e, "numerator"), 1);
  ck_assert_real(e, "actual", 25.0);
  ck_assert_int_eq(JINT(e, "reported"), 3);
  ck_assert_uint_eq(json_array_size(json_object_get(e, "below")), 2);
  ck_assert_ptr_nonnull(by_code(json_object_get(e, "below"), "AS-PG-A"));
  ck_assert_real(answer_indicator(r, "DT_LEVEL2_RECOGNIZED"), "actual", 25.0);
  http_free(r);
  /* resubmitted → 2 of 4 = 50.00 % again */
  move_ok(aa, "submit", admin_token, NULL, "submitted");
  ck_progress_agrees("AS-PG", 2024);
  r = http("GET", "/v1/districts/code:AS-PG/progress?year=2024", admin_token, NULL, NULL);
  ck_assert_real(answer_indicator(r, "DT_SELF_ASSESSED"), "actual", 50.0);
  http_free(r);
  /* A recognised at level 1: it counts as self-assessed, but DT_LEVEL2_RECOGNIZED still lists it
   * below, now as recognised at level 1 */
  move_ok(aa, "approve", admin_token, NULL, "approved");
  move_ok(aa, "external", admin_token, EXT_BODY, "externally_assessed");
  move_ok(aa, "recognize", admin_token, "{\"level\":1,\"decision_ref\":\"QĐ 1/QĐ-PGDĐT\"}",
          "recognized");
  r = http("GET", "/v1/districts/code:AS-PG/progress?year=2024", admin_token, NULL, NULL);
  e = answer_indicator(r, "DT_LEVEL2_RECOGNIZED");
  ck_assert_int_eq(JINT(e, "numerator"), 1); /* B only */
  ck_assert_str_eq(JSTR(by_code(json_object_get(e, "below"), "AS-PG-A"), "display"),
                   "recognised at level 1");
  http_free(r);
  free(aa);
  free(ab);
  free(a);
  free(b);
  free(c);
  free(dd);
  free(d);
}
END_TEST


/* ---- items (version 4 of 4725) ------------------------------------------------------------ */

START_TEST(seeded_items_of_version_4)
{
  http_resp *r = http("GET", "/v1/frameworks/4725", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "version"), 4);
  json_t *t = json_object_get(json_array_get(json_object_get(r->json, "groups"), 0), "criteria");
  json_t *m = json_object_get(json_array_get(json_object_get(r->json, "groups"), 1), "criteria");
  /* T5 15 + 5, T7 8 + 7 + 5 (T7.2 Tin học), M3 6+6+10+6+10+10+6+6 = 60 in 8 items, M4 8+12+10 */
  json_t *t5 = json_object_get(by_code(t, "T5"), "items");
  ck_assert_uint_eq(json_array_size(t5), 2);
  ck_assert_real(by_code(t5, "T5.1"), "max_points", 15.0);
  ck_assert_real(by_code(t5, "T5.2"), "max_points", 5.0);
  json_t *t72 = by_code(json_object_get(by_code(t, "T7"), "items"), "T7.2");
  ck_assert_real(t72, "max_points", 7.0);
  ck_assert_str_eq(JSTR(t72, "title_vi"), "Mức độ đáp ứng yêu cầu dạy môn Tin học");
  ck_assert_uint_eq(json_array_size(json_object_get(by_code(t, "T6"), "items")), 3);
  ck_assert_uint_eq(json_array_size(json_object_get(by_code(m, "M3"), "items")), 8);
  ck_assert_real(by_code(json_object_get(by_code(m, "M4"), "items"), "M4.2"), "max_points", 12.0);
  /* T3.1..T3.5 are criteria still, without items; maxima unchanged (T 100, M 90) */
  ck_assert_ptr_null(json_object_get(by_code(t, "T3.1"), "items"));
  ck_assert_ptr_null(json_object_get(by_code(t, "T4"), "items"));
  ck_assert_real(json_array_get(json_object_get(r->json, "groups"), 1), "max_points", 90.0);
  http_free(r);
  /* version 3 has no items */
  r = http("GET", "/v1/frameworks/4725?version=3", admin_token, NULL, NULL);
  t = json_object_get(json_array_get(json_object_get(r->json, "groups"), 0), "criteria");
  ck_assert_ptr_null(json_object_get(by_code(t, "T5"), "items"));
  http_free(r);
}
END_TEST

START_TEST(answered_by_items)
{
  char *d = make_district("AS-IT", "Huyện Tiểu Mục", "Tỉnh T");
  char *s = make_school(d, "AS-IT-1", "Trường Tiểu học Tiểu Mục");
  char *id = new_assessment(admin_token, s, 2024);
  http_resp *r = get_assessment(id, admin_token);
  ck_assert_int_eq(JINT(json_object_get(r->json, "framework"), "version"), 4);
  http_free(r);
  /* T = 40 (ANS_T40) + T5 by items 12 + 3 = 15 + T7 by items 8 + 2.5 + 0 = 10.5 → 65.5 of 100
   * → level 2; M3 by items 6 + 6 + 10 + 6 + 10 + 10 (M3.7, M3.8 left out) = 48, M4 by items
   * 8 + 12 + 7 = 27 → M = 75 of 90 (83.33 %) → not above 75 → level 2; self = min(2, 2) = 2 */
  r = put_answers(id, admin_token,
                  ANS_T40 ",\"T5\":{\"items\":{\"T5.1\":{\"points\":12},\"T5.2\":{\"points\":3}}},"
                  "\"T7\":{\"items\":{\"T7.1\":{\"points\":8},\"T7.2\":{\"points\":2.5,"
                  "\"note\":\"1 phòng máy, 12 máy\"},\"T7.3\":{\"points\":0}}},"
                  "\"M1\":{\"met\":true},\"M2\":{\"met\":true},"
                  "\"M3\":{\"items\":{\"M3.1\":{\"points\":6},\"M3.2\":{\"points\":6},"
                  "\"M3.3\":{\"points\":10},\"M3.4\":{\"points\":6},\"M3.5\":{\"points\":10},"
                  "\"M3.6\":{\"points\":10}}},"
                  "\"M4\":{\"items\":{\"M4.1\":{\"points\":8},\"M4.2\":{\"points\":12},"
                  "\"M4.3\":{\"points\":7}}}");
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  json_t *gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "T", 65.5, 100, 65.5, 2);
  ck_group(gs, "M", 75, 90, 83.33, 2);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2);
  /* the answers keep their items */
  json_t *t7 = json_object_get(answer(r, "T7"), "items");
  ck_assert_real(json_object_get(t7, "T7.2"), "points", 2.5);
  ck_assert_str_eq(JSTR(json_object_get(t7, "T7.2"), "note"), "1 phòng máy, 12 máy");
  http_free(r);
  /* M4.3 8 → M4 = 28 → M = 76 > 75 → level 3; T6 as a whole (20), still allowed → T = 85.5 →
   * level 3; self = 3 */
  r = put_answers(id, admin_token, "\"M4\":{\"items\":{\"M4.1\":{\"points\":8},"
                  "\"M4.2\":{\"points\":12},\"M4.3\":{\"points\":8}}},\"T6\":{\"points\":20}");
  ck_assert_int_eq(r->status, 200);
  gs = json_object_get(r->json, "group_scores");
  ck_group(gs, "T", 85.5, 100, 85.5, 3);
  ck_group(gs, "M", 76, 90, 84.44, 3);
  ck_assert_int_eq(JINT(r->json, "self_level"), 3);
  http_free(r);
  /* T5 answered as a whole (9) replaces its items: T = 85.5 - 15 + 9 = 79.5 → 3 */
  r = put_answers(id, admin_token, "\"T5\":{\"points\":9}");
  ck_group(json_object_get(r->json, "group_scores"), "T", 79.5, 100, 79.5, 3);
  ck_assert_ptr_null(json_object_get(answer(r, "T5"), "items"));
  http_free(r);

  /* the item problems, each named, one at a time and all at once; nothing saved */
  http_resp *before = get_assessment(id, admin_token);
  static const char *const one[][2] = {
    {"\"T5\":{\"items\":{\"T5.2\":{\"points\":6}}}", "answers.T5.items.T5.2"}, /* max 5 */
    {"\"T5\":{\"items\":{\"T5.9\":{\"points\":1}}}", "answers.T5.items.T5.9"}, /* unknown */
    {"\"T5\":{\"items\":{\"T7.2\":{\"points\":1}}}", "answers.T5.items.T7.2"}, /* T7's */
    {"\"T5\":{\"points\":4,\"items\":{\"T5.1\":{\"points\":4}}}", "answers.T5"}, /* both */
    {"\"T5.2\":{\"points\":1}", "answers.T5.2"},                 /* an item as a criterion */
    {"\"T4\":{\"items\":{\"T4.1\":{\"points\":1}}}", "answers.T4.items"}, /* T4 has none */
    {"\"T5\":{\"items\":{\"T5.1\":{\"points\":1.5,\"met\":true}}}", "answers.T5.items.T5.1"},
  };
  for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
    r = put_answers(id, admin_token, one[i][0]);
    ck_assert_msg(r->status == 422, "%s: %ld", one[i][0], r->status);
    ck_assert_problem(r, 422, "validation-failed");
    ck_assert_msg(problem_names_field(r, one[i][1]), "no error for %s: %s", one[i][1], r->body);
    ck_assert_uint_eq(problem_error_count(r), 1);
    http_free(r);
  }
  r = put_answers(id, admin_token, "\"T5\":{\"items\":{\"T5.1\":{\"points\":16},"
                  "\"T5.2\":{\"points\":-1},\"X\":{\"points\":1}}},\"T6\":{\"points\":1}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "answers.T5.items.T5.1"));
  ck_assert(problem_names_field(r, "answers.T5.items.T5.2"));
  ck_assert(problem_names_field(r, "answers.T5.items.X"));
  ck_assert_uint_eq(problem_error_count(r), 3);
  http_free(r);
  r = get_assessment(id, admin_token);
  ck_assert_str_eq(r->body, before->body);
  http_free(r);
  http_free(before);

  /* the office's external answers are checked the same way */
  r = put_answers(id, admin_token, "\"T1\":{\"met\":true}");
  http_free(r);
  r = move(id, "submit", admin_token, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = move(id, "approve", admin_token, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = move(id, "external", admin_token,
           "{\"answers\":{\"T7\":{\"items\":{\"T7.2\":{\"points\":7.5}}}}}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "answers.T7.items.T7.2"));
  http_free(r);
  /* T7 by items 5 + 7 = 12, nothing else → T 12 → 1; external_level 1 */
  r = move(id, "external", admin_token,
           "{\"answers\":{\"T7\":{\"items\":{\"T7.1\":{\"points\":5},\"T7.2\":{\"points\":7}}}}}");
  ck_assert_int_eq(r->status, 200);
  ck_group(json_object_get(r->json, "external_group_scores"), "T", 12, 100, 12.0, 1);
  ck_assert_int_eq(JINT(r->json, "external_level"), 1);
  http_free(r);
  free(id);
  free(s);
  free(d);
}
END_TEST

START_TEST(version_3_scores_as_before)
{
  char *d = make_district("AS-V3", "Huyện Bản Ba", "Tỉnh T");
  char *s = make_school(d, "AS-V3-1", "Trường Tiểu học Bản Ba");
  char *id = new_assessment(admin_token, s, 2024), sql[256];
  /* an assessment made before migration 0023: stored with version 3 */
  snprintf(sql, sizeof(sql), "UPDATE assessments SET framework_version = 3 WHERE id = '%s'"
           " RETURNING framework_version", id);
  free(sql_value(sql));
  /* T = 40 + T5 20 = 60 → 2; M = M3 46 + M4 0 = 46 points → level 1 (bands in points since
   * version 2); self = 1, as version 3 scored it */
  http_resp *r = put_answers(id, admin_token, ANS_T40 ",\"T5\":{\"points\":20},"
                             "\"M1\":{\"met\":true},\"M2\":{\"met\":true},"
                             "\"M3\":{\"points\":46},\"M4\":{\"points\":0}");
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(json_object_get(r->json, "framework"), "version"), 3);
  ck_group(json_object_get(r->json, "group_scores"), "T", 60, 100, 60.0, 2);
  ck_group(json_object_get(r->json, "group_scores"), "M", 46, 90, 51.11, 1);
  ck_assert_int_eq(JINT(r->json, "self_level"), 1);
  http_free(r);
  /* version 3's T5 has no items */
  r = put_answers(id, admin_token, "\"T5\":{\"items\":{\"T5.1\":{\"points\":1}}}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "answers.T5.items"));
  http_free(r);
  /* nor does the item query list it */
  char path[256];
  snprintf(path, sizeof(path), "/v1/assessment-items?item=T5.1&district_id=%s", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 0);
  http_free(r);
  free(id);
  free(s);
  free(d);
}
END_TEST

/* GET /v1/assessment-items?<query> with token: status and, when 200, the body. */
static http_resp *item_answers(const char *token, const char *query)
{
  char path[512];
  snprintf(path, sizeof(path), "/v1/assessment-items?%s", query);
  return http("GET", path, token, NULL, NULL);
}

/* Answers T7 of assessment id by items (T7.2 points p, T7.1 8) or, when p < 0, as a whole (15). */
static void answer_t7(const char *id, double p)
{
  char inner[200];
  if (p < 0)
    snprintf(inner, sizeof(inner), "\"T7\":{\"points\":15}");
  else
    snprintf(inner, sizeof(inner), "\"T7\":{\"items\":{\"T7.1\":{\"points\":8},"
             "\"T7.2\":{\"points\":%g}}}", p);
  http_resp *r = put_answers(id, admin_token, inner);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  http_free(r);
}

START_TEST(which_schools_lack_it_equipment)
{
  char *d = make_district("AS-IQ", "Huyện Mua Sắm", "Tỉnh T");
  char *o = make_district("AS-IQO", "Huyện Bên Cạnh", "Tỉnh T");
  char *s1 = make_school(d, "AS-IQ-1", "Trường Tiểu học Một");
  char *s2 = make_school(d, "AS-IQ-2", "Trường Tiểu học Hai");
  char *s3 = make_school(d, "AS-IQ-3", "Trường Tiểu học Ba");
  char *s5 = make_school(o, "AS-IQO-5", "Trường Tiểu học Năm");
  char *a1 = new_assessment(admin_token, s1, 2024), *a2 = new_assessment(admin_token, s2, 2024);
  char *a3 = new_assessment(admin_token, s3, 2024), *a4 = new_assessment(admin_token, s1, 2023);
  char *a5 = new_assessment(admin_token, s5, 2024), q[400];
  /* T7.2 (Tin học, max 7): S1 2; S2 7; S3 T7 as a whole (no item answer); S1's 2023 0;
   * the other district's S5 1 */
  answer_t7(a1, 2);
  answer_t7(a2, 7);
  answer_t7(a3, -1);
  answer_t7(a4, 0);
  answer_t7(a5, 1);
  char *dtok = mint_labelled("district", "district_id", d, "phòng Mua Sắm", NULL);
  char *otok = mint_labelled("district", "district_id", o, "phòng Bên Cạnh", NULL);
  char *stok = mint_labelled("school", "school_id", s2, "trường Hai", NULL);

  /* below 7 in 2024, the district's token: S1 only (2 < 7; S2's 7 is not below; S3 has no item
   * answer; 2023 is another year) */
  snprintf(q, sizeof(q), "item=T7.2&below=7&year=2024&district_id=%s", d);
  http_resp *r = item_answers(dtok, q);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  json_t *it = json_array_get(json_object_get(r->json, "items"), 0);
  ck_assert_str_eq(JSTR(it, "assessment_id"), a1);
  ck_assert_str_eq(JSTR(it, "school_id"), s1);
  ck_assert_str_eq(JSTR(it, "school_code"), "AS-IQ-1");
  ck_assert_str_eq(JSTR(it, "school_name"), "Trường Tiểu học Một");
  ck_assert_str_eq(JSTR(it, "criterion"), "T7");
  ck_assert_str_eq(JSTR(it, "item"), "T7.2");
  ck_assert_real(it, "points", 2.0);
  ck_assert_real(it, "max_points", 7.0);
  ck_assert_int_eq(JINT(it, "year"), 2024);
  ck_assert_int_eq(JINT(json_object_get(it, "framework"), "version"), 4);
  ck_assert_str_eq(JSTR(it, "status"), "draft");
  ck_assert_str_eq(JSTR(it, "state"), "draft"); /* the deprecated name, still given */
  http_free(r);
  /* by status (S2 submitted: the only 2024 one below 7.01 that is), state= its deprecated
   * alias, both with the same value; both with different values are a 400 naming both */
  move_ok(a2, "submit", admin_token, NULL, "submitted");
  static const char *const by_status[] = {"status=submitted", "state=submitted",
                                          "status=submitted&state=submitted"};
  for (size_t i = 0; i < 3; i++) {
    snprintf(q, sizeof(q), "item=T7.2&below=7.01&year=2024&district_id=%s&%s", d, by_status[i]);
    r = item_answers(dtok, q);
    ck_assert_msg(r->status == 200, "%s: %ld %s", by_status[i], r->status, r->body);
    ck_assert_int_eq(JINT(r->json, "total"), 1);
    it = json_array_get(json_object_get(r->json, "items"), 0);
    ck_assert_str_eq(JSTR(it, "assessment_id"), a2);
    ck_assert_str_eq(JSTR(it, "status"), "submitted");
    http_free(r);
  }
  r = item_answers(dtok, "item=T7.2&status=draft&state=submitted");
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "status"));
  ck_assert(problem_names_field(r, "state"));
  http_free(r);
  /* below 7.01: S1 (2) and S2 (7), lowest first */
  snprintf(q, sizeof(q), "item=T7.2&below=7.01&year=2024&district_id=%s", d);
  r = item_answers(dtok, q);
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "school_id"), s1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 1), "school_id"), s2);
  http_free(r);
  /* without below: every 2024 assessment of version 4, S3's points null (answered as a whole),
   * listed first (no answer sorts first) */
  snprintf(q, sizeof(q), "item=T7.2&year=2024&district_id=%s", d);
  r = item_answers(dtok, q);
  ck_assert_int_eq(JINT(r->json, "total"), 3);
  it = json_array_get(json_object_get(r->json, "items"), 0);
  ck_assert_str_eq(JSTR(it, "school_id"), s3);
  ck_assert(json_is_null(json_object_get(it, "points")));
  http_free(r);
  /* the district token without district_id: its own district, both years (S1 2024 2, 2023 0) */
  r = item_answers(dtok, "item=T7.2&below=7");
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "assessment_id"), a4);
  http_free(r);
  /* admin, every district, 2024, below 7: S5 (1) then S1 (2) */
  r = item_answers(admin_token, "item=T7.2&below=7&year=2024");
  ck_assert_int_ge(JINT(r->json, "total"), 2);
  snprintf(q, sizeof(q), "item=T7.2&below=7&year=2024&district_id=%s", o);
  http_free(r);
  r = item_answers(admin_token, q);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "school_code"),
                   "AS-IQO-5");
  http_free(r);
  /* another district's token: 403 for this district, its own S5 without district_id */
  snprintf(q, sizeof(q), "item=T7.2&below=7&district_id=%s", d);
  r = item_answers(otok, q);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = item_answers(otok, "item=T7.2&below=7");
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "school_id"), s5);
  http_free(r);
  /* a school token: its own school only (S2, 7) */
  r = item_answers(stok, "item=T7.2");
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  ck_assert_real(json_array_get(json_object_get(r->json, "items"), 0), "points", 7.0);
  http_free(r);
  /* CSV: the header and S1's row */
  snprintf(q, sizeof(q), "/v1/assessment-items.csv?item=T7.2&below=7&year=2024&district_id=%s",
           d);
  r = http("GET", q, dtok, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  static const char header[] = "\xEF\xBB\xBF" "assessment_id,school_id,school_code,school_name,"
                               "district_id,year,state,criterion,item,points,max_points,"
                               "status\r\n";
  ck_assert_int_eq(memcmp(r->body, header, sizeof(header) - 1), 0);
  ck_assert_ptr_nonnull(strstr(r->body, ",AS-IQ-1,Trường Tiểu học Một,"));
  /* status appended last: the columns before it stay where they were */
  ck_assert_ptr_nonnull(strstr(r->body, ",2024,draft,T7,T7.2,2,7,draft\r\n"));
  http_free(r);
  /* bad queries are 400 naming the parameter */
  static const char *const bad[][2] = {
    {"below=7", "item"}, {"item=T7.9", "item"}, {"item=T7", "item"},
    {"item=T7.2&status=bogus", "status"}, {"item=T7.2&state=bogus", "state"},
    {"item=T7.2&below=abc", "below"}, {"item=T7.2&below=-1", "below"},
    {"item=T7.2&below=1.234", "below"}, {"item=T7.2&sort=name", "sort"},
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    r = item_answers(dtok, bad[i][0]);
    ck_assert_msg(r->status == 400, "%s: %ld", bad[i][0], r->status);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, bad[i][1]), "%s: %s", bad[i][0], r->body);
    http_free(r);
  }
  free(dtok);
  free(otok);
  free(stok);
  free(a1);
  free(a2);
  free(a3);
  free(a4);
  free(a5);
  free(s1);
  free(s2);
  free(s3);
  free(s5);
  free(d);
  free(o);
}
END_TEST

Suite *assessments_suite(void)
{
  Suite *s = suite_create("assessments");
  TCase *tc = tcase_create("assessments");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, seeded_framework_4725);
  tcase_add_test(tc, scoring_levels_and_mandatory_cap);
  tcase_add_test(tc, level_bands_are_exact);
  tcase_add_test(tc, bad_answers_are_refused_and_nothing_saved);
  tcase_add_test(tc, every_legal_move_and_the_history);
  tcase_add_test(tc, illegal_moves_are_409_and_change_nothing);
  tcase_add_test(tc, who_may_do_what);
  tcase_add_test(tc, late_filter_follows_the_deadlines);
  tcase_add_test(tc, progress_counts_self_assessed_and_recognized);
  tcase_add_test(tc, seeded_items_of_version_4);
  tcase_add_test(tc, answered_by_items);
  tcase_add_test(tc, version_3_scores_as_before);
  tcase_add_test(tc, which_schools_lack_it_equipment);
  suite_add_tcase(s, tc);
  TCase *lists = tcase_create("assessment lists");
  tcase_set_timeout(lists, 60);
  /* unchecked: runs once in the runner's process, so every forked test sees the district */
  tcase_add_unchecked_fixture(lists, make_list_district_once, NULL);
  tcase_add_test(lists, list_filters);
  tcase_add_test(lists, overview_of_a_past_year);
  tcase_add_test(lists, status_and_its_deprecated_name_state);
  suite_add_tcase(s, lists);
  return s;
}
