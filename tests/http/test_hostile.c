/* test_hostile.c — what a hostile client or a careless spreadsheet can do (issue 13's findings,
 * one test each, over real HTTP): a CSV upload whose header has thousands of columns is refused
 * at once; text that Excel would run as a formula comes out of every CSV with an apostrophe and
 * goes back in without it; answers say nosniff, and no-store when they answer credentials; the
 * access log keeps no query value (a token sent as ?access_token= among them); a district token
 * naming another district in the audit or token list is refused, not quietly given its own; a
 * school token's district follows its school when the school moves; a write outside the caller's
 * scope is 403 whatever its body holds (the body is checked only for callers who may write). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../b64url.h"
#include "testutil.h"

Suite *hostile_suite(void);

static const char *const csv_body[] = {"Content-Type: text/csv", NULL};

START_TEST(a_csv_header_of_200000_columns_is_refused_at_once)
{
  size_t cap = 200000 * 9 + 64, used = 0;
  char *csv = malloc(cap);
  http_resp *r;
  for (int i = 0; i < 200000; i++)
    used += (size_t)snprintf(csv + used, cap - used, "%sc%d", i ? "," : "", i);
  snprintf(csv + used, cap - used, "\nx\n");
  /* before: every name compared with every other, over six minutes for this one */
  r = http("POST", "/v1/schools/import", admin_token, csv, csv_body);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "200000 columns; at most 256"));
  http_free(r);
  free(csv);
}
END_TEST

START_TEST(a_csv_upload_holding_a_nul_byte_is_refused)
{
  /* before: read, the cell after the NUL naming a column "" */
  http_resp *r = http_raw("POST", "/v1/schools/import", admin_token, "code,\0name\n1,Lan\n", 17,
                          csv_body);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_str_eq(JSTR(r->json, "detail"), "the CSV holds a NUL byte (at byte 6)");
  http_free(r);
}
END_TEST

START_TEST(formula_text_is_guarded_in_csv_and_read_back_plain)
{
  char *district = make_district("HX-D1", "=HYPERLINK(\"http://evil\")", "Tỉnh T");
  char path[160], *school;
  const char *import = "code,name,level,district_code,principal\n"
                       "HX-S2,Trường Hai,primary,HX-D1,'@SUM(A1)\n";
  http_resp *r;
  school = new_school(district, "HX-S1", "primary", ",\"principal\":\"-2+3\"");
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s", district);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, ",'-2+3,") ? strstr(r->body, ",'-2+3,")
                                                   : strstr(r->body, ",'-2+3\r\n"));
  ck_assert_ptr_null(strstr(r->body, ",-2+3"));
  http_free(r);
  r = http("GET", "/v1/districts.csv?limit=500", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, "\"'=HYPERLINK(\"\"http://evil\"\")\""));
  http_free(r);
  /* an edited export goes back in as the text it was made from */
  r = http("POST", "/v1/schools/import", admin_token, import, csv_body);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("GET", "/v1/schools/code:HX-S2", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "principal"), "@SUM(A1)");
  http_free(r);
  free(school);
  free(district);
}
END_TEST

START_TEST(answers_say_nosniff_and_credentialed_ones_no_store)
{
  http_resp *r = http("GET", "/v1/me", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "X-Content-Type-Options"), "nosniff");
  ck_assert_str_eq(http_header(r, "Cache-Control"), "no-store");
  http_free(r);
  r = http("GET", "/v1/me", "edx_not_a_token", NULL, NULL); /* refused credentials too */
  ck_assert_int_eq(r->status, 401);
  ck_assert_str_eq(http_header(r, "Cache-Control"), "no-store");
  http_free(r);
  r = http("GET", "/healthz", NULL, NULL, NULL); /* public, no credentials: cacheable */
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "X-Content-Type-Options"), "nosniff");
  ck_assert_ptr_null(http_header(r, "Cache-Control"));
  http_free(r);
}
END_TEST

/* The server's log as it is now (malloc'ed). */
static char *server_log(void)
{
  FILE *f = fopen(server_log_path, "r");
  char *text = calloc(1, 64 << 20);
  ck_assert_ptr_nonnull(f);
  fread(text, 1, (64 << 20) - 1, f);
  fclose(f);
  return text;
}

START_TEST(the_access_log_keeps_no_query_value)
{
  char *log;
  http_resp *r = http("GET", "/v1/me?access_token=edx_Sup3rSecretInTheUrl", NULL, NULL, NULL);
  ck_assert_int_ge(r->status, 400);
  http_free(r);
  r = http("GET", "/v1/schools?q=Nguy%E1%BB%85nVanLogged&limit=5", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  log = server_log();
  ck_assert_ptr_null(strstr(log, "Sup3rSecretInTheUrl"));
  ck_assert_ptr_null(strstr(log, "VanLogged"));
  ck_assert_ptr_nonnull(strstr(log, "\"GET /v1/me?access_token=…\""));
  ck_assert_ptr_nonnull(strstr(log, "\"GET /v1/schools?q=…&limit=…\" 200"));
  free(log);
}
END_TEST

/* GETs path as token and returns the status. */
static long status_of(const char *path, const char *token)
{
  http_resp *r = http("GET", path, token, NULL, NULL);
  long status = r->status;
  if (status == 403)
    ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  return status;
}

START_TEST(naming_another_district_in_audit_or_tokens_is_403)
{
  char *a = make_district("HX-A", "Huyện A", "Tỉnh T"), *b = make_district("HX-B", "Huyện B", "Tỉnh T");
  char *token = mint_scoped("district", "district_id", a), path[160];
  const char *lists[] = {"/v1/audit", "/v1/tokens"};
  for (int i = 0; i < 2; i++) {
    snprintf(path, sizeof(path), "%s?district_id=%s", lists[i], b);
    ck_assert_int_eq(status_of(path, token), 403); /* before: 200 with A's rows */
    snprintf(path, sizeof(path), "%s?district_id=%s", lists[i], a);
    ck_assert_int_eq(status_of(path, token), 200);
    ck_assert_int_eq(status_of(lists[i], token), 200);
  }
  free(token);
  free(a);
  free(b);
}
END_TEST

START_TEST(a_school_token_follows_its_school_to_another_district)
{
  char *a = make_district("HX-MA", "Huyện Cũ", "Tỉnh T"), *b = make_district("HX-MB", "Huyện Mới", "Tỉnh T");
  char *school = new_school(a, "HX-MS", "primary", ""), *token = mint_scoped("school", "school_id", school);
  char path[160], body[120];
  http_resp *r;
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\"}", b);
  snprintf(path, sizeof(path), "/v1/schools/%s", school);
  r = http("PATCH", path, admin_token, body, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  ck_assert_int_eq(status_of(path, token), 200); /* before: 403 on its own school */
  snprintf(path, sizeof(path), "/v1/districts/%s", a);
  ck_assert_int_eq(status_of(path, token), 403); /* before: 200 on the old district */
  snprintf(path, sizeof(path), "/v1/districts/%s", b);
  ck_assert_int_eq(status_of(path, token), 200);
  r = http("GET", "/v1/me", token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "district_id"), b);
  http_free(r);
  /* the old district can go without taking the school's token with it */
  snprintf(path, sizeof(path), "/v1/districts/%s", a);
  r = http("DELETE", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 204);
  http_free(r);
  ck_assert_int_eq(status_of("/v1/me", token), 200);
  free(token);
  free(school);
  free(a);
  free(b);
}
END_TEST

/* The status of method path with body as token. */
static long http_status_of(const char *method, const char *path, const char *token,
                           const char *body)
{
  http_resp *r = http(method, path, token, body, NULL);
  long status = r->status;
  http_free(r);
  return status;
}

/* A write whose target is outside the caller's scope and whose body is also wrong. */
typedef struct {
  const char *method;
  char path[160];
  char body[400];
} foreign_write;

START_TEST(a_write_outside_the_scope_is_403_whatever_its_body)
{
  char *a = make_district("HX-WA", "Huyện Của Mình", "Tỉnh T");
  char *b = make_district("HX-WB", "Huyện Người Khác", "Tỉnh T");
  char *school = new_school(b, "HX-WS", "primary", "");
  char *procedure = new_procedure(b, "HX-W.1", "Thủ tục khác", ",\"statutory_days\":5");
  char *dossier = new_dossier(b, procedure, "HX-W/1", "online", "2024-03-01T09:00:00Z", "");
  char *token = mint_scoped("district", "district_id", a), plan_body[400], *plan;
  snprintf(plan_body, sizeof(plan_body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"KH\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":50}]}", b);
  plan = create_as_admin("/v1/plans", plan_body);
  foreign_write writes[] = {
    {"PATCH", "/v1/districts/%s", "{\"office_name\":5}"},
    {"PUT", "/v1/districts/%s/reports/2024", "{\"values\":5}"},
    {"POST", "/v1/schools", "{\"district_id\":\"%s\",\"name\":5}"},
    {"PATCH", "/v1/schools/%s", "{\"name\":5}"},
    {"PUT", "/v1/schools/%s/reports/2024", "{\"values\":5}"},
    {"POST", "/v1/plans", "{\"district_id\":\"%s\",\"year\":\"next\"}"},
    {"PATCH", "/v1/plans/%s", "{\"targets\":5}"},
    {"POST", "/v1/procedures", "{\"district_id\":\"%s\",\"name\":5}"},
    {"PATCH", "/v1/procedures/%s", "{\"name\":5}"},
    {"POST", "/v1/dossiers", "{\"procedure_id\":\"%s\",\"channel\":5}"},
    {"PATCH", "/v1/dossiers/%s", "{\"status\":5}"},
    {"POST", "/v1/assessments", "{\"school_id\":\"%s\",\"year\":\"next\"}"},
    {"POST", "/v1/tokens", "{\"role\":\"school\",\"school_id\":\"%s\",\"label\":5}"},
  };
  const char *ids[] = {b, b, b, school, school, b, plan, b, procedure, procedure, dossier,
                       school, school};
  int wrong = 0;
  for (size_t i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
    char path[160], body[400];
    http_resp *r;
    snprintf(path, sizeof(path), writes[i].path, ids[i]);
    snprintf(body, sizeof(body), writes[i].body, ids[i]);
    r = http(writes[i].method, strchr(writes[i].path, '%') ? path : writes[i].path, token, body,
             NULL);
    if (r->status != 403) {
      fprintf(stderr, "%s %s %s: %ld, not 403\n", writes[i].method, writes[i].path, body, r->status);
      wrong++;
    }
    http_free(r);
  }
  ck_assert_int_eq(wrong, 0);
  /* a school that is not there gets the answer of a school that is not its own */
  ck_assert_int_eq(http_status_of("POST", "/v1/tokens", token,
                                  "{\"role\":\"school\",\"school_id\":"
                                  "\"00000000-0000-4000-8000-000000000000\"}"), 403);
  free(token);
  free(plan);
  free(dossier);
  free(procedure);
  free(school);
  free(a);
  free(b);
}
END_TEST

START_TEST(a_forged_cursor_with_a_long_name_is_still_refused)
{
  char payload[600] = "[1,\"/v1/a", path[1200], *cursor;
  http_resp *r;
  for (int i = 0; i < 120; i++)
    strcat(payload, "\xE1\xBB\x87"); /* ệ */
  strcat(payload, "\",\"code\",[\"1\",\"2\"]]");
  cursor = b64(payload);
  snprintf(path, sizeof(path), "/v1/schools?after=%s", cursor);
  r = http("GET", path, admin_token, NULL, NULL);
  /* before: its problem's message, cut inside a character, was dropped, and the page was 200 */
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "after"));
  http_free(r);
  free(cursor);
}
END_TEST

/* The message of the first row error of a school import of one record naming district_code,
 * as token (copied into out). */
static void import_row_message(const char *token, const char *district_code, char *out,
                               size_t len)
{
  char body[300];
  http_resp *r;
  snprintf(body, sizeof(body), "[{\"code\":\"HX-IS1\",\"name\":\"Trường Nhập\","
           "\"level\":\"primary\",\"district_code\":\"%s\"}]", district_code);
  r = http("POST", "/v1/schools/import", token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  snprintf(out, len, "%s", JSTR(json_array_get(json_object_get(r->json, "errors"), 0), "message"));
  http_free(r);
}

START_TEST(an_import_tells_no_district_token_which_codes_exist)
{
  char *a = make_district("HX-IA", "Huyện Nhập", "Tỉnh T"), *b = make_district("HX-IB", "Huyện Khác", "Tỉnh T");
  char *token = mint_scoped("district", "district_id", a), foreign[160], unknown[160];
  import_row_message(token, "HX-IB", foreign, sizeof(foreign));
  import_row_message(token, "HX-NO-SUCH", unknown, sizeof(unknown));
  ck_assert_str_eq(foreign, unknown); /* before: "may not import…" against "no district…" */
  ck_assert_str_eq(foreign, "names no district this token may import schools into");
  free(token);
  free(a);
  free(b);
}
END_TEST

START_TEST(a_district_token_revokes_what_it_mints_not_its_peers)
{
  char *a = make_district("HX-RA", "Huyện Thu Hồi", "Tỉnh T"), path[120];
  char *office = mint_scoped("district", "district_id", a), peer_id[ID_SIZE], reader_id[ID_SIZE];
  char *peer, *reader, body[160];
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", a);
  peer = mint_token(admin_token, body, peer_id);
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"district_id\":\"%s\"}", a);
  reader = mint_token(office, body, reader_id);
  snprintf(path, sizeof(path), "/v1/tokens/%s", peer_id);
  ck_assert_int_eq(http_status_of("DELETE", path, office, NULL), 403); /* before: 204 */
  ck_assert_int_eq(status_of("/v1/me", peer), 200);
  snprintf(path, sizeof(path), "/v1/tokens/%s", reader_id);
  ck_assert_int_eq(http_status_of("DELETE", path, office, NULL), 204);
  ck_assert_int_eq(http_status_of("DELETE", path, admin_token, NULL), 204); /* idempotent */
  free(reader);
  free(peer);
  free(office);
  free(a);
}
END_TEST

Suite *hostile_suite(void)
{
  Suite *s = suite_create("hostile");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, a_csv_header_of_200000_columns_is_refused_at_once);
  tcase_add_test(tc, a_csv_upload_holding_a_nul_byte_is_refused);
  tcase_add_test(tc, formula_text_is_guarded_in_csv_and_read_back_plain);
  tcase_add_test(tc, answers_say_nosniff_and_credentialed_ones_no_store);
  tcase_add_test(tc, the_access_log_keeps_no_query_value);
  tcase_add_test(tc, naming_another_district_in_audit_or_tokens_is_403);
  tcase_add_test(tc, a_school_token_follows_its_school_to_another_district);
  tcase_add_test(tc, a_write_outside_the_scope_is_403_whatever_its_body);
  tcase_add_test(tc, a_forged_cursor_with_a_long_name_is_still_refused);
  tcase_add_test(tc, an_import_tells_no_district_token_which_codes_exist);
  tcase_add_test(tc, a_district_token_revokes_what_it_mints_not_its_peers);
  suite_add_tcase(s, tc);
  return s;
}
