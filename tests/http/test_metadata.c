/* test_metadata.c — indicator versions (migration 0029: the version moves when what a figure
 * means changes, not on names, descriptions, warning thresholds or no-op writes) and the code
 * lists receivers load (GET /v1/exchange/metadata and its DHIS2 metadata package). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "testutil.h"

Suite *metadata_suite(void);

/* PATCHes the indicator code with body as admin; asserts 200; returns the answer. */
static http_resp *patch_indicator(const char *code, const char *body)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/indicators/%s", code);
  http_resp *r = http("PATCH", path, admin_token, body, NULL);
  ck_assert_msg(r->status == 200, "PATCH %s %s: %ld %s", path, body, r->status, r->body);
  return r;
}

/* PATCHes and asserts the version and whether version_changed_at moved from *changed_at (which
 * is then updated). */
static void patch_expect(const char *code, const char *body, long version, int moved,
                         char *changed_at)
{
  http_resp *r = patch_indicator(code, body);
  ck_assert_msg(JINT(r->json, "version") == version, "%s: version %lld, want %ld", body,
                JINT(r->json, "version"), version);
  if (moved)
    ck_assert_str_ne(JSTR(r->json, "version_changed_at"), changed_at);
  else
    ck_assert_str_eq(JSTR(r->json, "version_changed_at"), changed_at);
  snprintf(changed_at, 64, "%s", JSTR(r->json, "version_changed_at"));
  http_free(r);
}

START_TEST(an_indicators_version_moves_when_its_meaning_changes)
{
  /* seeded indicators start at version 1, changed when they were created */
  http_resp *r = http("GET", "/v1/indicators/OFFICE_DOCS_ONLINE", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "version"), 1);
  ck_assert_str_eq(JSTR(r->json, "version_changed_at"), JSTR(r->json, "created_at"));
  http_free(r);
  r = http("POST", "/v1/indicators", admin_token,
           "{\"code\":\"MD_CURRICULUM\",\"name_vi\":\"Tỷ trọng nội dung trực tuyến\","
           "\"name_en\":\"Online content share\",\"source\":\"school_report\","
           "\"value_type\":\"percent\",\"aggregation\":\"mean\",\"levels\":[\"primary\"]}", NULL);
  ck_assert_int_eq(r->status, 201);
  ck_assert_int_eq(JINT(r->json, "version"), 1);
  char at[64];
  snprintf(at, sizeof(at), "%s", JSTR(r->json, "version_changed_at"));
  http_free(r);
  /* names, descriptions, the category and the warning threshold do not change a figure */
  patch_expect("MD_CURRICULUM", "{\"jump_warning_points\":20}", 1, 0, at);
  patch_expect("MD_CURRICULUM", "{\"name_en\":\"Share of content online\"}", 1, 0, at);
  patch_expect("MD_CURRICULUM", "{\"name_vi\":\"Tỷ trọng nội dung dạy trực tuyến\","
               "\"measure\":\"mean of the schools' percents\",\"category\":\"x\"}", 1, 0, at);
  /* the same value again is no change */
  patch_expect("MD_CURRICULUM", "{\"aggregation\":\"mean\",\"levels\":[\"primary\"]}", 1, 0, at);
  /* how it is computed */
  usleep(2000);
  patch_expect("MD_CURRICULUM", "{\"aggregation\":\"each_school\"}", 2, 1, at);
  patch_expect("MD_CURRICULUM", "{\"aggregation\":\"each_school\"}", 2, 0, at);
  /* levels are a set: another order is the same meaning, another level is not */
  usleep(2000);
  patch_expect("MD_CURRICULUM", "{\"levels\":[\"primary\",\"lower_secondary\"]}", 3, 1, at);
  patch_expect("MD_CURRICULUM", "{\"levels\":[\"lower_secondary\",\"primary\"]}", 3, 0, at);
  usleep(2000);
  patch_expect("MD_CURRICULUM", "{\"period_kind\":\"calendar_year\"}", 4, 1, at);
  usleep(2000);
  patch_expect("MD_CURRICULUM", "{\"units\":\"office_and_schools\"}", 5, 1, at);
  /* the version is the server's */
  r = http("PATCH", "/v1/indicators/MD_CURRICULUM", admin_token, "{\"version\":9}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "version"));
  http_free(r);
  r = http("GET", "/v1/indicators/MD_CURRICULUM", admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "version"), 5);
  http_free(r);
  /* the CSV has it last, so positional readers keep their columns */
  r = http("GET", "/v1/indicators.csv?source=school_report&limit=500", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  char *eol = strstr(r->body, "\r\n");
  ck_assert_ptr_nonnull(eol);
  *eol = '\0';
  ck_assert_msg(strlen(r->body) > 30 &&
                strcmp(eol - strlen(",updated_at,version,version_changed_at"),
                       ",updated_at,version,version_changed_at") == 0, "header: %s", r->body);
  *eol = '\r';
  ck_assert_ptr_nonnull(strstr(r->body, "\r\nMD_CURRICULUM,"));
  http_free(r);
}
END_TEST

Suite *metadata_suite(void)
{
  Suite *s = suite_create("metadata");
  TCase *tc = tcase_create("metadata");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, an_indicators_version_moves_when_its_meaning_changes);
  suite_add_tcase(s, tc);
  return s;
}
