/* test_provinces.c — the province level: /v1/org-units read by all and kept by admins, a
 * district's province_code (set once, by an admin, to a province), reader tokens scoped to a
 * province (minted by admins only, through the API and the CLI) that see exactly their
 * province's districts in lists, single resources, /v1/progress, the change feed and the
 * exports, and a province mirror that stays equal to a fresh province export when a district
 * joins the province. */
#include <stdio.h>
#include <stdlib.h>
#include "mirror.h"
#include "testutil.h"

Suite *provinces_suite(void);

/* PUTs body to /v1/org-units/code as token; asserts status. */
static void put_unit(const char *token, const char *code, const char *body, long status)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/org-units/%s", code);
  http_resp *r = http("PUT", path, token, body, NULL);
  ck_assert_msg(r->status == status, "PUT %s %s: %ld %s", path, body, r->status, r->body);
  http_free(r);
}

/* A province unit of this code (created by admin). */
static void new_province(const char *code, const char *name)
{
  char body[256];
  snprintf(body, sizeof(body), "{\"name\":\"%s\",\"level\":\"province\"}", name);
  put_unit(admin_token, code, body, 201);
}

/* A district in province_code (may be NULL: none); its id (malloc'ed). */
static char *district_in(const char *code, const char *province_code)
{
  char body[256];
  if (province_code)
    snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"Huyện %s\",\"province\":\"Tỉnh\","
             "\"province_code\":\"%s\"}", code, code, province_code);
  else
    snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"Huyện %s\",\"province\":\"Tỉnh\"}",
             code, code);
  return create_as_admin("/v1/districts", body);
}

/* A reader token of province code, minted by admin through the API; its secret. */
static char *province_reader(const char *code)
{
  char body[128];
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"province_code\":\"%s\"}", code);
  return mint_token(admin_token, body, NULL);
}

/* PATCHes the district's province_code as token; asserts status; returns the answer. */
static http_resp *set_province(const char *token, const char *district_id, const char *value,
                               long status)
{
  char path[128], body[128];
  snprintf(path, sizeof(path), "/v1/districts/%s", district_id);
  snprintf(body, sizeof(body), "{\"province_code\":%s}", value);
  http_resp *r = http("PATCH", path, token, body, NULL);
  ck_assert_msg(r->status == status, "PATCH %s %s: %ld %s", path, body, r->status, r->body);
  return r;
}

/* The strings of values sorted and comma-joined (malloc'ed); takes values. */
static char *join_sorted(json_t *values)
{
  size_t i, len = 1;
  json_t *item;
  json_array_foreach(values, i, item)
    len += strlen(json_string_value(item)) + 1;
  char *out = calloc(1, len);
  for (i = 1; i < json_array_size(values); i++) /* insertion sort: short lists */
    for (size_t j = i; j > 0 && strcmp(json_string_value(json_array_get(values, j - 1)),
                                       json_string_value(json_array_get(values, j))) > 0; j--) {
      json_t *a = json_incref(json_array_get(values, j - 1));
      json_array_set(values, j - 1, json_array_get(values, j));
      json_array_set_new(values, j, a);
    }
  json_array_foreach(values, i, item) {
    if (i)
      strcat(out, ",");
    strcat(out, json_string_value(item));
  }
  json_decref(values);
  return out;
}

/* The sorted, comma-joined values of member over a list answer's items (malloc'ed). */
static char *joined(const http_resp *r, const char *member)
{
  json_t *item, *values = json_array();
  size_t i;
  json_array_foreach(json_object_get(r->json, "items"), i, item)
    json_array_append(values, json_object_get(item, member));
  return join_sorted(values);
}

/* Asserts that GET path as token lists exactly these values of member (sorted, joined). */
static void ck_lists(const char *path, const char *token, const char *member, const char *want)
{
  http_resp *r = http("GET", path, token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  char *got = joined(r, member);
  ck_assert_msg(strcmp(got, want) == 0, "%s: %s listed, not %s", path, got, want);
  free(got);
  http_free(r);
}

/* Asserts that GET path as token is a 403 problem. */
static void ck_forbidden(const char *path, const char *token)
{
  http_resp *r = http("GET", path, token, NULL, NULL);
  ck_assert_msg(r->status == 403, "%s: %ld %s", path, r->status, r->body);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
}

START_TEST(org_units_are_read_by_every_token_and_kept_by_admins)
{
  char *d = make_district("PV-OU", "Huyện Đơn Vị", "Tỉnh T");
  char *reader = mint_scoped("reader", "district_id", d);
  char *office = mint_scoped("district", "district_id", d);
  /* the seeded units: Quảng Bình, Tuyên Hoá under it, the demo's communes under Tuyên Hoá */
  http_resp *r = http("GET", "/v1/org-units/453", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "level"), "district");
  ck_assert_str_eq(JSTR(r->json, "parent_code"), "44");
  ck_assert(json_is_true(json_object_get(r->json, "official")));
  http_free(r);
  r = http("GET", "/v1/org-units?parent_code=453&limit=100", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 19);
  json_t *unit;
  size_t i;
  json_array_foreach(json_object_get(r->json, "items"), i, unit) {
    ck_assert_str_eq(JSTR(unit, "level"), "commune");
    ck_assert(json_is_false(json_object_get(unit, "official")));
  }
  http_free(r);
  /* an admin creates a province (201), then corrects its name (200) */
  put_unit(admin_token, "PV91", "{\"name\":\"Tỉnh Chín Mốt\",\"level\":\"province\"}", 201);
  put_unit(admin_token, "PV91", "{\"name\":\"Tỉnh 91\",\"level\":\"province\",\"code\":\"PV91\","
           "\"note\":\"provisional\"}", 200);
  r = http("GET", "/v1/org-units/PV91", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "name"), "Tỉnh 91");
  ck_assert_str_eq(JSTR(r->json, "note"), "provisional");
  ck_assert(json_is_null(json_object_get(r->json, "parent_code")));
  http_free(r);
  ck_lists("/v1/org-units?level=province&limit=100", reader, "code", "44,PV91");
  /* other tokens may not change units */
  put_unit(office, "PV92", "{\"name\":\"Tỉnh 92\",\"level\":\"province\"}", 403);
  put_unit(reader, "PV91", "{\"name\":\"Đổi\",\"level\":\"province\"}", 403);
  /* a district needs a province above it, a commune a district; a province has none */
  static const char *const bad[][3] = {
    {"PV91-1", "{\"name\":\"Huyện\",\"level\":\"district\"}", "parent_code"},
    {"PV91-1", "{\"name\":\"Huyện\",\"level\":\"district\",\"parent_code\":\"453\"}", "parent_code"},
    {"PV91-1", "{\"name\":\"Huyện\",\"level\":\"district\",\"parent_code\":\"PV-NONE\"}",
     "parent_code"},
    {"PV91-1-1", "{\"name\":\"Xã\",\"level\":\"commune\",\"parent_code\":\"PV91\"}", "parent_code"},
    {"PV93", "{\"name\":\"Tỉnh\",\"level\":\"province\",\"parent_code\":\"44\"}", "parent_code"},
    {"PV93", "{\"name\":\"Tỉnh\",\"level\":\"province\",\"code\":\"PV94\"}", "code"},
    {"PV93", "{\"name\":\"Tỉnh\",\"level\":\"state\"}", "level"},
    {"PV93", "{\"level\":\"province\"}", "name"},
  };
  for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
    char path[64];
    snprintf(path, sizeof(path), "/v1/org-units/%s", bad[k][0]);
    r = http("PUT", path, admin_token, bad[k][1], NULL);
    ck_assert_msg(r->status == 422, "%s: %ld %s", bad[k][1], r->status, r->body);
    ck_assert_problem(r, 422, "validation-failed");
    ck_assert_msg(problem_names_field(r, bad[k][2]), "%s names %s: %s", bad[k][1], bad[k][2],
                  r->body);
    http_free(r);
    r = http("GET", path, admin_token, NULL, NULL);
    ck_assert_int_eq(r->status, 404);
    http_free(r);
  }
  put_unit(admin_token, "PV91-1", "{\"name\":\"Huyện Một\",\"level\":\"district\","
           "\"parent_code\":\"PV91\"}", 201);
  put_unit(admin_token, "PV91-1-1", "{\"name\":\"Xã Một\",\"level\":\"commune\","
           "\"parent_code\":\"PV91-1\"}", 201);
  ck_lists("/v1/org-units?parent_code=PV91", reader, "code", "PV91-1");
  /* unknown units and codes that cannot be codes are 404; unknown filters are 400 */
  r = http("GET", "/v1/org-units/PV-NONE", reader, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("PUT", "/v1/org-units/a%20b", admin_token, "{\"name\":\"x\",\"level\":\"province\"}",
           NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("GET", "/v1/org-units?level=state", reader, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "level"));
  http_free(r);
  free(reader);
  free(office);
  free(d);
}
END_TEST

START_TEST(a_districts_province_is_set_once_by_an_admin)
{
  new_province("PV81", "Tỉnh 81");
  new_province("PV82", "Tỉnh 82");
  char *d = district_in("PV-SET", NULL);
  char *office = mint_scoped("district", "district_id", d);
  char path[128];
  snprintf(path, sizeof(path), "/v1/districts/%s", d);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert(json_is_null(json_object_get(r->json, "province_code")));
  http_free(r);
  /* only a province, and only by an admin */
  r = set_province(admin_token, d, "\"453\"", 422);
  ck_assert(problem_names_field(r, "province_code"));
  http_free(r);
  r = set_province(admin_token, d, "\"PV-NONE\"", 422);
  ck_assert(problem_names_field(r, "province_code"));
  http_free(r);
  http_free(set_province(office, d, "\"PV81\"", 403));
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert(json_is_null(json_object_get(r->json, "province_code")));
  http_free(r);
  /* set once; the same value again is no change; another value or none is a 409 */
  r = set_province(admin_token, d, "\"PV81\"", 200);
  ck_assert_str_eq(JSTR(r->json, "province_code"), "PV81");
  http_free(r);
  http_free(set_province(admin_token, d, "\"PV81\"", 200));
  r = set_province(admin_token, d, "\"PV82\"", 409);
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  http_free(set_province(admin_token, d, "null", 409));
  r = http("GET", path, office, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "province_code"), "PV81");
  http_free(r);
  /* the office still edits its other fields */
  r = http("PATCH", path, office, "{\"office_name\":\"Phòng GD&ĐT\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* a new district naming no province is refused whole */
  r = http("POST", "/v1/districts", admin_token, "{\"code\":\"PV-SET2\",\"name\":\"Huyện\","
           "\"province\":\"Tỉnh\",\"province_code\":\"PV-NONE\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "province_code"));
  http_free(r);
  r = http("GET", "/v1/districts/code:PV-SET2", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 404);
  http_free(r);
  ck_lists("/v1/districts?province=PV81", admin_token, "code", "PV-SET");
  free(office);
  free(d);
}
END_TEST

START_TEST(a_province_reader_sees_its_provinces_districts_only)
{
  new_province("PV71", "Tỉnh Bảy Mốt");
  new_province("PV72", "Tỉnh 72");
  char *a1 = district_in("PV-A1", "PV71"), *a2 = district_in("PV-A2", "PV71");
  char *b1 = district_in("PV-B1", "PV72");
  char *sa1 = make_school(a1, "PV-A1-S", "Trường A1"), *sa2 = make_school(a2, "PV-A2-S", "Trường A2");
  char *sb1 = make_school(b1, "PV-B1-S", "Trường B1");
  char *office = mint_scoped("district", "district_id", a1);
  char body[256], path[256], out[4096];
  /* who may mint one, and with what */
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"province_code\":\"PV71\"}");
  http_resp *r = http("POST", "/v1/tokens", office, body, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  static const char *const bad[] = {
    "{\"role\":\"reader\",\"province_code\":\"453\"}",
    "{\"role\":\"reader\",\"province_code\":\"PV-NONE\"}",
    "{\"role\":\"admin\",\"province_code\":\"PV71\"}",
    "{\"role\":\"district\",\"province_code\":\"PV71\",\"district_id\":\"%s\"}",
    "{\"role\":\"reader\",\"province_code\":\"PV71\",\"district_id\":\"%s\"}",
  };
  for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
    snprintf(body, sizeof(body), bad[k], a1);
    r = http("POST", "/v1/tokens", admin_token, body, NULL);
    ck_assert_msg(r->status == 422, "%s: %ld %s", body, r->status, r->body);
    ck_assert_msg(problem_names_field(r, "province_code"), "%s: %s", body, r->body);
    http_free(r);
  }
  char *reader = province_reader("PV71");
  r = http("GET", "/v1/me", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "role"), "reader");
  ck_assert_str_eq(JSTR(r->json, "province_code"), "PV71");
  ck_assert(json_is_null(json_object_get(r->json, "district_id")));
  http_free(r);
  /* lists hold the province's districts only, with or without province= */
  ck_lists("/v1/districts?limit=100", reader, "code", "PV-A1,PV-A2");
  ck_lists("/v1/schools?limit=100", reader, "code", "PV-A1-S,PV-A2-S");
  ck_lists("/v1/schools?province=PV71&limit=100", reader, "code", "PV-A1-S,PV-A2-S");
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s", a2);
  ck_lists(path, reader, "code", "PV-A2-S");
  /* an admin filters by province the same way */
  ck_lists("/v1/schools?province=PV71&limit=100", admin_token, "code", "PV-A1-S,PV-A2-S");
  ck_lists("/v1/schools?province=PV72&limit=100", admin_token, "code", "PV-B1-S");
  ck_lists("/v1/districts?province=PV72", admin_token, "code", "PV-B1");
  ck_lists("/v1/districts?province=T%E1%BB%89nh%2072", admin_token, "code", "");
  /* another province's district, school or filter is a 403 */
  ck_forbidden("/v1/schools?province=PV72", reader);
  ck_forbidden("/v1/districts?province=PV72", reader);
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s", b1);
  ck_forbidden(path, reader);
  snprintf(path, sizeof(path), "/v1/schools/%s", sb1);
  ck_forbidden(path, reader);
  snprintf(path, sizeof(path), "/v1/districts/%s", b1);
  ck_forbidden(path, reader);
  snprintf(path, sizeof(path), "/v1/schools/%s", sa2);
  r = http("GET", path, reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* it reads; it never writes */
  snprintf(path, sizeof(path), "/v1/schools/%s", sa1);
  r = http("PATCH", path, reader, "{\"students\":10}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* a district that joins the province is seen on the reader's next request */
  char *a3 = district_in("PV-A3", NULL);
  ck_lists("/v1/districts?limit=100", reader, "code", "PV-A1,PV-A2");
  http_free(set_province(admin_token, a3, "\"PV71\"", 200));
  ck_lists("/v1/districts?limit=100", reader, "code", "PV-A1,PV-A2,PV-A3");
  /* the CLI mints the same kind of token */
  static const char *const cli[] = {"--role", "reader", "--province", "PV72", "--label",
                                    "sở 72", NULL};
  char *cli_reader = harness_token(cli);
  ck_lists("/v1/districts?limit=100", cli_reader, "code", "PV-B1");
  ck_forbidden("/v1/schools?province=PV71", cli_reader);
  static const char *const cli_bad[] = {"token", "create", "--role", "reader", "--province",
                                        "PV-NONE", NULL};
  ck_assert_int_ne(harness_run(out, sizeof(out), cli_bad, NULL, 1), 0);
  ck_assert_msg(strstr(out, "PV-NONE") != NULL || strstr(out, "province") != NULL, "%s", out);
  free(cli_reader);
  free(reader);
  free(office);
  free(a1);
  free(a2);
  free(a3);
  free(b1);
  free(sa1);
  free(sa2);
  free(sb1);
}
END_TEST

/* A 2024 plan for district with one broadband target. */
static void plan_for(const char *district_id, int target)
{
  char body[512];
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"KH\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":%d}]}", district_id, target);
  free(create_as_admin("/v1/plans", body));
}

/* The sorted codes of the districts in a /v1/progress answer; asserts each has its as_of. */
static char *progress_codes(const http_resp *r)
{
  json_t *d, *codes = json_array();
  size_t i;
  json_array_foreach(json_object_get(r->json, "districts"), i, d) {
    ck_assert_ptr_nonnull(JSTR(d, "as_of"));
    json_array_append(codes, json_object_get(json_object_get(d, "district"), "code"));
  }
  return join_sorted(codes);
}

/* Asserts that GET /v1/progress?year=2024<query> as token lists these district codes. */
static void ck_progress_lists(const char *query, const char *token, const char *want)
{
  char path[512];
  snprintf(path, sizeof(path), "/v1/progress?year=2024%s", query);
  http_resp *r = http("GET", path, token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  char *got = progress_codes(r);
  ck_assert_msg(strcmp(got, want) == 0, "%s: %s, not %s", path, got, want);
  free(got);
  http_free(r);
}

START_TEST(progress_is_for_the_districts_and_province_asked)
{
  new_province("PV61", "Tỉnh 61");
  new_province("PV62", "Tỉnh 62");
  char *c1 = district_in("PV-C1", "PV61"), *c2 = district_in("PV-C2", "PV61");
  char *e1 = district_in("PV-E1", "PV62");
  plan_for(c1, 50);
  plan_for(c2, 60);
  plan_for(e1, 70);
  char *reader = province_reader("PV61");
  char query[512];
  ck_progress_lists("&province=PV61", admin_token, "PV-C1,PV-C2");
  ck_progress_lists("", reader, "PV-C1,PV-C2");
  snprintf(query, sizeof(query), "&district_id=%s&district_id=%s", c2, e1);
  ck_progress_lists(query, admin_token, "PV-C2,PV-E1");
  snprintf(query, sizeof(query), "&district_id=%s,%s", c2, e1);
  ck_progress_lists(query, admin_token, "PV-C2,PV-E1");
  snprintf(query, sizeof(query), "&district_id=%s", c2);
  ck_progress_lists(query, reader, "PV-C2");
  /* each district's as_of moves with its own changes only */
  http_resp *before = http("GET", "/v1/progress?year=2024&province=PV61", admin_token, NULL, NULL);
  free(make_school(c1, "PV-C1-S", "Trường C1"));
  http_resp *after = http("GET", "/v1/progress?year=2024&province=PV61", admin_token, NULL, NULL);
  ck_assert_int_eq(after->status, 200);
  json_t *d;
  size_t i;
  json_array_foreach(json_object_get(after->json, "districts"), i, d) {
    const char *code = JSTR(json_object_get(d, "district"), "code");
    json_t *was = NULL, *x;
    size_t j;
    json_array_foreach(json_object_get(before->json, "districts"), j, x)
      if (strcmp(JSTR(json_object_get(x, "district"), "code"), code) == 0)
        was = x;
    ck_assert_ptr_nonnull(was);
    if (strcmp(code, "PV-C1") == 0)
      ck_assert_msg(strcmp(JSTR(d, "as_of"), JSTR(was, "as_of")) > 0, "C1 as_of stayed");
    else
      ck_assert_str_eq(JSTR(d, "as_of"), JSTR(was, "as_of"));
  }
  http_free(before);
  http_free(after);
  /* another province, or one of its districts, is a 403; bad district ids are 400s */
  char path[8192];
  snprintf(path, sizeof(path), "/v1/progress?year=2024&district_id=%s", e1);
  ck_forbidden(path, reader);
  snprintf(path, sizeof(path), "/v1/progress?year=2024&district_id=%s,%s", c1, e1);
  ck_forbidden(path, reader);
  ck_forbidden("/v1/progress?year=2024&province=PV62", reader);
  int used = snprintf(path, sizeof(path), "/v1/progress?year=2024&district_id=%s", c1);
  for (int k = 0; k < 100; k++)
    used += snprintf(path + used, sizeof(path) - (size_t)used, ",%s", c1);
  const char *const bad[] = {"/v1/progress?year=2024&district_id=nope",
                                    "/v1/progress?year=2024&district_id=", path};
  for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
    http_resp *r = http("GET", bad[k], admin_token, NULL, NULL);
    ck_assert_msg(r->status == 400, "%.80s: %ld %s", bad[k], r->status, r->body);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert(problem_names_field(r, "district_id"));
    http_free(r);
  }
  free(reader);
  free(c1);
  free(c2);
  free(e1);
}
END_TEST

/* Asserts that every row of entity's export as token belongs to one of the districts (the
 * comma-joined ids), by its district_id (or id for districts). */
static void ck_export_within(const char *entity, const char *token, const char *districts)
{
  json_t *rows = json_object();
  char *cursor = mirror_load_export(rows, entity, token);
  const char *key;
  json_t *row;
  ck_assert_ptr_nonnull(cursor);
  json_object_foreach(rows, key, row) {
    const char *d = JSTR(row, strcmp(entity, "district") == 0 ? "id" : "district_id");
    ck_assert_msg(d && strstr(districts, d), "%s of district %s in the export", key, d);
  }
  json_decref(rows);
  free(cursor);
}

START_TEST(a_province_mirror_follows_a_district_that_joins_the_province)
{
  new_province("PV51", "Tỉnh 51");
  new_province("PV52", "Tỉnh 52");
  char *g1 = district_in("PV-G1", "PV51"), *g2 = district_in("PV-G2", NULL);
  char *h1 = district_in("PV-H1", "PV52");
  char *sg1 = make_school(g1, "PV-G1-S", "Trường G1");
  char *sg2 = make_school(g2, "PV-G2-S", "Trường G2");
  free(make_school(h1, "PV-H1-S", "Trường H1"));
  plan_for(g2, 80);
  char *p = new_procedure(g2, "PV-G2.1", "Thủ tục G2", ",\"statutory_days\":5");
  free(new_dossier(g2, p, "PV-G2/1", "online", "2024-03-01T09:00:00Z", ""));
  char *reader = province_reader("PV51"), *other = province_reader("PV52");
  char ids[256];
  snprintf(ids, sizeof(ids), "%s", g1);
  ck_export_within("district", reader, ids);
  ck_export_within("school", reader, ids);
  ck_export_within("plan", reader, ids);
  /* the province's mirror, loaded from its exports */
  json_t *mirror = json_object();
  char *cursor = mirror_load_all(mirror, reader);
  ck_assert_ptr_nonnull(cursor);
  char key[128];
  snprintf(key, sizeof(key), "school/%s", sg1);
  ck_assert_ptr_nonnull(json_object_get(mirror, key));
  snprintf(key, sizeof(key), "school/%s", sg2);
  ck_assert_ptr_null(json_object_get(mirror, key));
  /* G2 joins the province with what it already holds; G1 changes meanwhile */
  http_free(set_province(admin_token, g2, "\"PV51\"", 200));
  char path[128];
  snprintf(path, sizeof(path), "/v1/schools/%s", sg1);
  http_resp *r = http("PATCH", path, admin_token, "{\"students\":222}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  long applied = 0;
  char *next = mirror_follow(mirror, cursor, reader, 2, &applied);
  ck_assert_ptr_nonnull(next);
  /* G2 itself, its school, plan, procedure and dossier, and G1's school */
  ck_assert_int_ge(applied, 6);
  ck_assert_ptr_nonnull(json_object_get(mirror, key));
  snprintf(key, sizeof(key), "district/%s", g2);
  ck_assert_str_eq(JSTR(json_object_get(mirror, key), "province_code"), "PV51");
  json_t *fresh = json_object();
  char *fresh_cursor = mirror_load_all(fresh, reader);
  ck_assert_ptr_nonnull(fresh_cursor);
  ck_assert_int_eq(mirror_differences(mirror, fresh), 0);
  /* an admin's feed with province= holds the same items as the reader's */
  snprintf(path, sizeof(path), "/v1/changes?limit=5000&after=%s", cursor);
  r = http("GET", path, reader, NULL, NULL);
  snprintf(path, sizeof(path), "/v1/changes?limit=5000&province=PV51&after=%s", cursor);
  http_resp *as_admin = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(as_admin->status, 200);
  ck_assert(json_equal(json_object_get(r->json, "items"), json_object_get(as_admin->json, "items")));
  http_free(r);
  http_free(as_admin);
  /* the other province's reader saw none of it, and may not ask for it */
  r = http("GET", "/v1/changes?limit=5000", other, NULL, NULL);
  json_t *item;
  size_t i;
  json_array_foreach(json_object_get(r->json, "items"), i, item) {
    const json_t *d = json_object_get(item, "district_id");
    ck_assert_msg(json_is_null(d) || strcmp(json_string_value(d), h1) == 0, "item of %s",
                  json_string_value(d));
  }
  http_free(r);
  ck_forbidden("/v1/changes?province=PV51", other);
  ck_forbidden("/v1/exports/school?province=PV51", other);
  json_decref(mirror);
  json_decref(fresh);
  free(fresh_cursor);
  free(next);
  free(cursor);
  free(reader);
  free(other);
  free(p);
  free(sg1);
  free(sg2);
  free(g1);
  free(g2);
  free(h1);
}
END_TEST

Suite *provinces_suite(void)
{
  Suite *s = suite_create("provinces");
  TCase *tc = tcase_create("provinces");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, org_units_are_read_by_every_token_and_kept_by_admins);
  tcase_add_test(tc, a_districts_province_is_set_once_by_an_admin);
  tcase_add_test(tc, a_province_reader_sees_its_provinces_districts_only);
  tcase_add_test(tc, progress_is_for_the_districts_and_province_asked);
  tcase_add_test(tc, a_province_mirror_follows_a_district_that_joins_the_province);
  suite_add_tcase(s, tc);
  return s;
}
