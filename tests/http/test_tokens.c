/* test_tokens.c — tokens and roles: /v1/me, minting with scope rules, secrets shown once and
 * stored only as hashes, expiry, revocation, and who may list what. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *tokens_suite(void);

START_TEST(me_describes_the_admin_token)
{
  http_resp *r = http("GET", "/v1/me", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "role"), "admin");
  ck_assert(json_is_null(json_object_get(r->json, "district_id")));
  ck_assert(json_is_null(json_object_get(r->json, "school_id")));
  ck_assert_str_eq(JSTR(r->json, "label"), "test admin");
  ck_assert_uint_eq(strlen(JSTR(r->json, "token_id")), 36);
  http_free(r);
}
END_TEST

START_TEST(minted_secret_is_shown_once_and_stored_as_hash)
{
  char *district = make_district("T-A1", "Huyện A1", "Tỉnh T"), id[ID_SIZE], body[256], sql[512];
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\",\"label\":\"office\"}",
           district);
  http_resp *r = http("POST", "/v1/tokens", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  const char *secret = JSTR(r->json, "token");
  ck_assert_uint_eq(strlen(secret), 47);
  ck_assert_int_eq(strncmp(secret, "edx_", 4), 0);
  snprintf(id, sizeof(id), "%s", JSTR(r->json, "id"));
  ck_assert_str_eq(JSTR(r->json, "district_id"), district);
  char location[80];
  snprintf(location, sizeof(location), "/v1/tokens/%s", id);
  ck_assert_str_eq(http_header(r, "Location"), location);
  /* the database holds sha256(secret), never the secret */
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM tokens WHERE secret_hash = "
           "encode(sha256(convert_to('%s', 'UTF8')), 'hex') AND id = '%s'", secret, id);
  char *count = sql_value(sql);
  ck_assert_str_eq(count, "1");
  free(count);
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM tokens WHERE secret_hash = '%s' "
           "OR label = '%s'", secret, secret);
  count = sql_value(sql);
  ck_assert_str_eq(count, "0");
  free(count);
  /* the new token works and says who it is */
  http_resp *me = http("GET", "/v1/me", secret, NULL, NULL);
  ck_assert_int_eq(me->status, 200);
  ck_assert_str_eq(JSTR(me->json, "role"), "district");
  ck_assert_str_eq(JSTR(me->json, "district_id"), district);
  ck_assert_str_eq(JSTR(me->json, "token_id"), id);
  /* reading it back never shows the secret */
  http_resp *got = http("GET", location, admin_token, NULL, NULL);
  ck_assert_int_eq(got->status, 200);
  ck_assert_ptr_null(json_object_get(got->json, "token"));
  ck_assert_ptr_null(strstr(got->body, secret));
  http_resp *list = http("GET", "/v1/tokens?limit=500", admin_token, NULL, NULL);
  ck_assert_ptr_null(strstr(list->body, secret));
  ck_assert_ptr_null(strstr(list->body, "secret"));
  http_free(r);
  http_free(me);
  http_free(got);
  http_free(list);
  free(district);
}
END_TEST

START_TEST(district_token_mints_only_school_and_reader_of_its_district)
{
  char *a = make_district("T-B1", "Huyện B1", "Tỉnh T"), *b = make_district("T-B2", "Huyện B2", "Tỉnh T");
  char *school = make_school(a, "T-B1-S1", "Trường Tiểu học B1");
  char body[256];
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", a);
  char *office = mint_token(admin_token, body, NULL);
  /* allowed: a reader and a school token of its own district */
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"district_id\":\"%s\"}", a);
  free(mint_token(office, body, NULL));
  snprintf(body, sizeof(body), "{\"role\":\"school\",\"school_id\":\"%s\"}", school);
  char *school_token = mint_token(office, body, NULL);
  http_resp *me = http("GET", "/v1/me", school_token, NULL, NULL);
  ck_assert_str_eq(JSTR(me->json, "role"), "school");
  ck_assert_str_eq(JSTR(me->json, "school_id"), school);
  ck_assert_str_eq(JSTR(me->json, "district_id"), a); /* derived from the school */
  http_free(me);
  /* refused: another district, an admin, a district token */
  const char *refused[3];
  char other[256], dist[256];
  snprintf(other, sizeof(other), "{\"role\":\"reader\",\"district_id\":\"%s\"}", b);
  snprintf(dist, sizeof(dist), "{\"role\":\"district\",\"district_id\":\"%s\"}", a);
  refused[0] = other;
  refused[1] = "{\"role\":\"admin\"}";
  refused[2] = dist;
  for (int i = 0; i < 3; i++) {
    http_resp *r = http("POST", "/v1/tokens", office, refused[i], NULL);
    ck_assert_problem(r, 403, "forbidden");
    http_free(r);
  }
  /* a school token and a reader may not mint anything */
  http_resp *r = http("POST", "/v1/tokens", school_token, other, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(office);
  free(school_token);
  free(a);
  free(b);
  free(school);
}
END_TEST

START_TEST(token_requests_are_validated_field_by_field)
{
  char body[256];
  char *a = make_district("T-C1", "Huyện C1", "Tỉnh T");
  http_resp *r = http("POST", "/v1/tokens", admin_token,
                      "{\"role\":\"boss\",\"label\":\"\",\"expires_at\":\"tomorrow\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 3);
  ck_assert(problem_names_field(r, "role"));
  ck_assert(problem_names_field(r, "label"));
  ck_assert(problem_names_field(r, "expires_at"));
  http_free(r);
  snprintf(body, sizeof(body), "{\"role\":\"admin\",\"district_id\":\"%s\"}", a);
  r = http("POST", "/v1/tokens", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "district_id"));
  http_free(r);
  r = http("POST", "/v1/tokens", admin_token, "{\"role\":\"district\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "district_id"));
  http_free(r);
  r = http("POST", "/v1/tokens", admin_token,
           "{\"role\":\"district\",\"district_id\":\"5a1c6b4e-1111-4a4a-8a8a-000000000000\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "district_id"));
  http_free(r);
  r = http("POST", "/v1/tokens", admin_token,
           "{\"role\":\"reader\",\"expires_at\":\"2001-01-01T00:00:00Z\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "expires_at"));
  http_free(r);
  r = http("POST", "/v1/tokens", admin_token, "{\"role\":\"reader\",\"scope\":\"all\"}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "scope"));
  http_free(r);
  free(a);
}
END_TEST

START_TEST(expired_and_revoked_tokens_are_401)
{
  char id[ID_SIZE], path[64], sql[256];
  char *reader = mint_token(admin_token,
                      "{\"role\":\"reader\",\"expires_at\":\"2999-01-01T00:00:00+07:00\"}", id);
  http_resp *r = http("GET", "/v1/me", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "expires_at"), "2998-12-31T17:00:00.000000Z");
  http_free(r);
  /* expired behind the server's back (an operator, another instance): the token cache trusts
   * its last check for at most 2 s */
  snprintf(sql, sizeof(sql), "UPDATE tokens SET expires_at = now() - interval '1 second' "
           "WHERE id = '%s'", id);
  free(sql_value(sql));
  long waited = ms_until_status("/v1/me", reader, 401);
  ck_assert_int_ge(waited, 0);
  ck_assert_int_le(waited, 2100);

  /* revoked through this server: refused at once, though its check was just cached */
  char *other = mint_token(admin_token, "{\"role\":\"reader\"}", id);
  r = http("GET", "/v1/me", other, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/tokens/%s", id);
  r = http("DELETE", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 204);
  http_free(r);
  r = http("GET", "/v1/me", other, NULL, NULL);
  ck_assert_problem(r, 401, "unauthorized");
  http_free(r);
  r = http("DELETE", path, admin_token, NULL, NULL); /* revoking twice is fine */
  ck_assert_int_eq(r->status, 204);
  http_free(r);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_ptr_nonnull(JSTR(r->json, "revoked_at"));
  http_free(r);
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE entity = 'token' AND "
           "action = 'revoke' AND entity_id = '%s'", id);
  char *count = sql_value(sql);
  ck_assert_str_eq(count, "1");
  free(count);
  free(reader);
  free(other);
}
END_TEST

START_TEST(listing_tokens_is_scoped)
{
  char *a = make_district("T-D1", "Huyện D1", "Tỉnh T"), body[256];
  size_t i;
  json_t *item;
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", a);
  char *office = mint_token(admin_token, body, NULL);
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"district_id\":\"%s\"}", a);
  char *reader = mint_token(office, body, NULL);
  http_resp *r = http("GET", "/v1/tokens?limit=500", office, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 2); /* the office's own and its reader */
  json_array_foreach(json_object_get(r->json, "items"), i, item)
    ck_assert_str_eq(JSTR(item, "district_id"), a);
  http_free(r);
  r = http("GET", "/v1/tokens?role=reader&revoked=false", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  json_array_foreach(json_object_get(r->json, "items"), i, item)
    ck_assert_str_eq(JSTR(item, "role"), "reader");
  http_free(r);
  r = http("GET", "/v1/tokens.csv?sort=created_at", office, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(strncmp(r->body, "\xEF\xBB\xBFid,role,district_id,school_id,label,created_at,"
                                    "updated_at,expires_at,revoked_at\r\n", 84), 0);
  ck_assert_ptr_nonnull(strstr(r->body, ",district,"));
  ck_assert_ptr_nonnull(strstr(r->body, ",reader,"));
  ck_assert_ptr_null(strstr(r->body, office)); /* never the secret */
  http_free(r);
  r = http("GET", "/v1/tokens", reader, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/tokens?revoked=maybe&role=boss", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_uint_eq(problem_error_count(r), 2);
  http_free(r);
  free(a);
  free(office);
  free(reader);
}
END_TEST

Suite *tokens_suite(void)
{
  Suite *s = suite_create("tokens");
  TCase *tc = tcase_create("roles");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, me_describes_the_admin_token);
  tcase_add_test(tc, minted_secret_is_shown_once_and_stored_as_hash);
  tcase_add_test(tc, district_token_mints_only_school_and_reader_of_its_district);
  tcase_add_test(tc, token_requests_are_validated_field_by_field);
  tcase_add_test(tc, expired_and_revoked_tokens_are_401);
  tcase_add_test(tc, listing_tokens_is_scoped);
  suite_add_tcase(s, tc);
  return s;
}
