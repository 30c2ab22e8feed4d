/* test_audit.c — GET /v1/audit: every change recorded with who, what, before and after; filters;
 * who may read it. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *audit_suite(void);

START_TEST(changes_are_recorded_with_actor_before_and_after)
{
  char *id = make_district("A-1", "Huyện Ghi", "Tỉnh T"), path[160];
  http_resp *patch = http("PATCH", "/v1/districts/code:A-1", admin_token,
                          "{\"name\":\"Huyện Ghi Lại\"}", NULL);
  ck_assert_int_eq(patch->status, 200);
  http_free(patch);
  http_resp *me = http("GET", "/v1/me", admin_token, NULL, NULL);
  snprintf(path, sizeof(path), "/v1/audit?entity=district&entity_id=%s", id);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  json_t *update = json_array_get(json_object_get(r->json, "items"), 0);
  json_t *create = json_array_get(json_object_get(r->json, "items"), 1);
  ck_assert_str_eq(JSTR(update, "action"), "update"); /* newest first */
  ck_assert_str_eq(JSTR(create, "action"), "create");
  ck_assert_str_eq(JSTR(update, "actor_token_id"), JSTR(me->json, "token_id"));
  ck_assert_str_eq(JSTR(update, "actor_role"), "admin");
  ck_assert_str_eq(JSTR(update, "actor_label"), "test admin");
  ck_assert_str_eq(JSTR(json_object_get(update, "before"), "name"), "Huyện Ghi");
  ck_assert_str_eq(JSTR(json_object_get(update, "after"), "name"), "Huyện Ghi Lại");
  ck_assert(json_is_null(json_object_get(create, "before")));
  ck_assert_str_eq(JSTR(update, "district_id"), id);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/audit.csv?entity_id=%s&action=update", id);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_ptr_nonnull(strstr(r->body, ",update,district,"));
  ck_assert_ptr_nonnull(strstr(r->body, "\"{\"\"id\"\":")); /* before/after as quoted JSON */
  http_free(r);
  snprintf(path, sizeof(path), "/v1/audit?entity_id=%s&action=create", id);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/audit?entity_id=%s&since=2999-01-01T00:00:00Z", id);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 0);
  http_free(r);
  http_free(me);
  free(id);
}
END_TEST

START_TEST(audit_is_for_admins_and_own_district)
{
  char *own = make_district("A-2", "Huyện Hai", "Tỉnh T"), body[200];
  char *other = make_district("A-3", "Huyện Ba", "Tỉnh T");
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", own);
  http_resp *m = http("POST", "/v1/tokens", admin_token, body, NULL);
  char *office = strdup(JSTR(m->json, "token"));
  http_free(m);
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"district_id\":\"%s\"}", own);
  m = http("POST", "/v1/tokens", admin_token, body, NULL);
  char *reader = strdup(JSTR(m->json, "token"));
  http_free(m);
  http_resp *r = http("GET", "/v1/audit?limit=500", office, NULL, NULL);
  size_t i;
  json_t *item;
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_ge(JINT(r->json, "total"), 2); /* the district's creation, its tokens */
  json_array_foreach(json_object_get(r->json, "items"), i, item)
    ck_assert_str_eq(JSTR(item, "district_id"), own);
  http_free(r);
  r = http("GET", "/v1/audit", reader, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/audit?entity=classroom&since=now", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_uint_eq(problem_error_count(r), 2);
  http_free(r);
  free(own);
  free(other);
  free(office);
  free(reader);
}
END_TEST

Suite *audit_suite(void)
{
  Suite *s = suite_create("audit");
  TCase *tc = tcase_create("log");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, changes_are_recorded_with_actor_before_and_after);
  tcase_add_test(tc, audit_is_for_admins_and_own_district);
  suite_add_tcase(s, tc);
  return s;
}
