/* test_pipeline.c — the rules every request goes through: health and metrics, 404, 405 + Allow,
 * 401, 413, 415, malformed JSON and duplicate keys, unknown fields and query parameters, CORS. */
#include <stdlib.h>
#include "testutil.h"

Suite *pipeline_suite(void);

START_TEST(health_and_ready)
{
  http_resp *r = http("GET", "/healthz", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "status"), "ok");
  http_free(r);
  r = http("GET", "/readyz", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "status"), "ready");
  ck_assert_int_eq(JINT(r->json, "schema_version"), 29);
  http_free(r);
}
END_TEST

START_TEST(metrics_are_prometheus_text)
{
  http_resp *warm = http("GET", "/v1/districts", admin_token, NULL, NULL);
  http_resp *r = http("GET", "/metrics", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(http_header(r, "Content-Type"), "text/plain; version=0.0.4"));
  ck_assert_ptr_nonnull(strstr(r->body, "edudx_http_requests_total{method=\"GET\","
                                        "route=\"/v1/districts\",status=\"200\"}"));
  ck_assert_ptr_nonnull(strstr(r->body, "edudx_http_request_duration_seconds_bucket{route=\""
                                        "/v1/districts\",le=\"+Inf\"}"));
  ck_assert_ptr_nonnull(strstr(r->body, "edudx_db_pool_connections{state=\"in_use\"}"));
  ck_assert_ptr_nonnull(strstr(r->body, "edudx_db_pool_waiting 0"));
  http_free(warm);
  http_free(r);
}
END_TEST

START_TEST(openapi_is_served_without_token)
{
  http_resp *r = http("GET", "/v1/openapi.yaml", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "application/yaml");
  ck_assert_int_eq(strncmp(r->body, "openapi: 3.1", 12), 0);
  http_free(r);
}
END_TEST

/* The reference page is served without a token and loads its script from this server only. */
START_TEST(api_reference_is_served_without_token)
{
  http_resp *r = http("GET", "/docs", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/html; charset=utf-8");
  ck_assert_ptr_nonnull(strstr(r->body, "edudx API"));
  ck_assert_ptr_nonnull(strstr(r->body, "getApiReference")); /* made from this contract */
  ck_assert_ptr_nonnull(strstr(r->body, "from \"/docs/redoc.standalone.js\""));
  ck_assert_ptr_null(strstr(r->body, "cdn.redocly.com"));
  http_free(r);
  r = http("GET", "/docs/redoc.standalone.js", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/javascript; charset=utf-8");
  ck_assert_ptr_nonnull(strstr(r->body, "export{RedocStandalone,hydrate,init}"));
  http_free(r);
}
END_TEST

START_TEST(unknown_path_is_problem_404)
{
  http_resp *r = http("GET", "/v1/nothing-here", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  ck_assert_str_eq(JSTR(r->json, "instance"), "/v1/nothing-here");
  http_free(r);
  r = http("GET", "/v1/districts/", NULL, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
}
END_TEST

START_TEST(wrong_method_is_405_with_allow)
{
  http_resp *r = http("PUT", "/v1/districts", admin_token, "{}", NULL);
  ck_assert_problem(r, 405, "method-not-allowed");
  ck_assert_str_eq(http_header(r, "Allow"), "GET, HEAD, POST, OPTIONS");
  http_free(r);
  r = http("POST", "/v1/districts/code:453", admin_token, "{}", NULL);
  ck_assert_problem(r, 405, "method-not-allowed");
  ck_assert_str_eq(http_header(r, "Allow"), "GET, HEAD, PATCH, DELETE, OPTIONS");
  http_free(r);
}
END_TEST

START_TEST(missing_or_bad_token_is_401)
{
  const char *bad_scheme[] = {"Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l", NULL};
  http_resp *r = http("GET", "/v1/me", NULL, NULL, NULL);
  ck_assert_problem(r, 401, "unauthorized");
  ck_assert_str_eq(http_header(r, "WWW-Authenticate"), "Bearer realm=\"edudx\"");
  http_free(r);
  r = http("GET", "/v1/me", NULL, NULL, bad_scheme);
  ck_assert_problem(r, 401, "unauthorized");
  http_free(r);
  r = http("GET", "/v1/me", "edx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, NULL);
  ck_assert_problem(r, 401, "unauthorized");
  http_free(r);
  r = http("GET", "/v1/me", "not-a-token", NULL, NULL);
  ck_assert_problem(r, 401, "unauthorized");
  http_free(r);
}
END_TEST

START_TEST(body_over_one_mebibyte_is_413)
{
  size_t n = 1024 * 1024 + 10;
  char *big = malloc(n + 1);
  memset(big, ' ', n);
  big[0] = '{';
  big[n - 1] = '}';
  big[n] = '\0';
  http_resp *r = http("POST", "/v1/districts", admin_token, big, NULL);
  ck_assert_problem(r, 413, "payload-too-large");
  http_free(r);
  free(big);
}
END_TEST

START_TEST(non_json_body_is_415)
{
  const char *text[] = {"Content-Type: text/plain", NULL};
  const char *form[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
  http_resp *r = http("POST", "/v1/districts", admin_token, "code=1", text);
  ck_assert_problem(r, 415, "unsupported-media-type");
  http_free(r);
  r = http("POST", "/v1/districts", admin_token, "code=1", form);
  ck_assert_problem(r, 415, "unsupported-media-type");
  http_free(r);
}
END_TEST

START_TEST(malformed_json_is_400)
{
  static const char *const bodies[] = {"{\"code\": ", "[1, 2]", "42", "{\"code\":\"a\",\"code\":\"b\"}",
                                       "", "{\"name\": \"x\"} trailing"};
  for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
    http_resp *r = http("POST", "/v1/districts", admin_token, bodies[i], NULL);
    ck_assert_problem(r, 400, "bad-request");
    http_free(r);
  }
  http_resp *r = http("POST", "/v1/districts", admin_token, "{\"a\":1,\"a\":2}", NULL);
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "duplicate"));
  http_free(r);
}
END_TEST

START_TEST(unknown_fields_are_400_naming_each)
{
  http_resp *r = http("POST", "/v1/districts", admin_token,
                      "{\"code\":\"U1\",\"name\":\"n\",\"province\":\"p\",\"colour\":1,"
                      "\"id\":\"00000000-0000-0000-0000-000000000000\"}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_uint_eq(problem_error_count(r), 2);
  ck_assert(problem_names_field(r, "colour"));
  ck_assert(problem_names_field(r, "id"));
  http_free(r);
  r = http("GET", "/v1/districts?code=U1", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 400);
  http_free(r);
  r = http("GET", "/v1/districts?q=U1", admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 0);
  http_free(r);
}
END_TEST

START_TEST(bad_query_parameters_are_400_all_at_once)
{
  http_resp *r = http("GET", "/v1/districts?limit=0&offset=-1&sort=colour&updated_since=yesterday"
                      "&fields=x", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_uint_eq(problem_error_count(r), 5);
  ck_assert(problem_names_field(r, "limit"));
  ck_assert(problem_names_field(r, "offset"));
  ck_assert(problem_names_field(r, "sort"));
  ck_assert(problem_names_field(r, "updated_since"));
  ck_assert(problem_names_field(r, "fields"));
  http_free(r);
  r = http("GET", "/v1/districts?limit=501", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("GET", "/v1/districts?limit=1x", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
}
END_TEST

START_TEST(cors_allow_list_and_preflight)
{
  const char *allowed[] = {"Origin: https://app.example.org",
                           "Access-Control-Request-Method: PATCH", NULL};
  const char *other[] = {"Origin: https://evil.example", "Access-Control-Request-Method: GET",
                         NULL};
  http_resp *r = http("OPTIONS", "/v1/districts/code:453", NULL, NULL, allowed);
  ck_assert_int_eq(r->status, 204);
  ck_assert_str_eq(http_header(r, "Access-Control-Allow-Origin"), "https://app.example.org");
  ck_assert_str_eq(http_header(r, "Access-Control-Allow-Methods"),
                   "GET, HEAD, PATCH, DELETE, OPTIONS");
  ck_assert_ptr_nonnull(strstr(http_header(r, "Access-Control-Allow-Headers"), "If-Match"));
  ck_assert_str_eq(http_header(r, "Vary"), "Origin");
  http_free(r);
  r = http("OPTIONS", "/v1/districts", NULL, NULL, other);
  ck_assert_problem(r, 403, "forbidden");
  ck_assert_ptr_null(http_header(r, "Access-Control-Allow-Origin"));
  http_free(r);
  r = http("GET", "/v1/me", admin_token, NULL, allowed);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Access-Control-Allow-Origin"), "https://app.example.org");
  ck_assert_ptr_nonnull(strstr(http_header(r, "Access-Control-Expose-Headers"), "ETag"));
  http_free(r);
  r = http("GET", "/v1/me", admin_token, NULL, other);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_null(http_header(r, "Access-Control-Allow-Origin"));
  /* an answer with a body may be gzip-encoded: caches must also key on Accept-Encoding */
  ck_assert_str_eq(http_header(r, "Vary"), "Origin, Accept-Encoding");
  http_free(r);
}
END_TEST

START_TEST(head_answers_without_body)
{
  http_resp *r = http("HEAD", "/v1/districts/code:453", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(r->body_len, 0);
  ck_assert_ptr_nonnull(http_header(r, "ETag"));
  http_free(r);
}
END_TEST

Suite *pipeline_suite(void)
{
  Suite *s = suite_create("pipeline");
  TCase *tc = tcase_create("rules");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, health_and_ready);
  tcase_add_test(tc, metrics_are_prometheus_text);
  tcase_add_test(tc, openapi_is_served_without_token);
  tcase_add_test(tc, api_reference_is_served_without_token);
  tcase_add_test(tc, unknown_path_is_problem_404);
  tcase_add_test(tc, wrong_method_is_405_with_allow);
  tcase_add_test(tc, missing_or_bad_token_is_401);
  tcase_add_test(tc, body_over_one_mebibyte_is_413);
  tcase_add_test(tc, non_json_body_is_415);
  tcase_add_test(tc, malformed_json_is_400);
  tcase_add_test(tc, unknown_fields_are_400_naming_each);
  tcase_add_test(tc, bad_query_parameters_are_400_all_at_once);
  tcase_add_test(tc, cors_allow_list_and_preflight);
  tcase_add_test(tc, head_answers_without_body);
  suite_add_tcase(s, tc);
  return s;
}
