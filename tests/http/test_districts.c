/* test_districts.c — /v1/districts: create, read by id and code:, ETag / If-None-Match /
 * If-Match, JSON Merge Patch, Idempotency-Key, list conventions, accent-insensitive search, CSV,
 * delete rules and district-scoped tokens. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *districts_suite(void);

START_TEST(create_then_read_by_id_and_code)
{
  http_resp *r = http("POST", "/v1/districts", admin_token,
                      "{\"code\":\"D-100\",\"name\":\"Huyện Minh Hóa\",\"province\":\"Tỉnh Quảng "
                      "Bình\",\"office_name\":\"Phòng GD&ĐT Minh Hóa\"}", NULL);
  char path[80];
  ck_assert_int_eq(r->status, 201);
  snprintf(path, sizeof(path), "/v1/districts/%s", JSTR(r->json, "id"));
  ck_assert_str_eq(http_header(r, "Location"), path);
  ck_assert_str_eq(JSTR(r->json, "name"), "Huyện Minh Hóa");
  ck_assert_str_eq(JSTR(r->json, "office_name"), "Phòng GD&ĐT Minh Hóa");
  ck_assert_str_eq(JSTR(r->json, "created_at"), JSTR(r->json, "updated_at"));
  char etag[40];
  snprintf(etag, sizeof(etag), "%s", http_header(r, "ETag"));
  http_resp *by_id = http("GET", path, admin_token, NULL, NULL);
  http_resp *by_code = http("GET", "/v1/districts/code:D-100", admin_token, NULL, NULL);
  http_resp *encoded = http("GET", "/v1/districts/code%3AD-100", admin_token, NULL, NULL);
  ck_assert_int_eq(by_id->status, 200);
  ck_assert_str_eq(by_id->body, r->body);
  ck_assert_str_eq(by_code->body, r->body);
  ck_assert_int_eq(encoded->status, 200);
  ck_assert_str_eq(http_header(by_id, "ETag"), etag);
  ck_assert_str_eq(http_header(by_code, "ETag"), etag);
  http_free(r);
  http_free(by_id);
  http_free(by_code);
  http_free(encoded);
  r = http("GET", "/v1/districts/code:NOPE", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("GET", "/v1/districts/not-an-id", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
}
END_TEST

START_TEST(if_none_match_gives_304)
{
  http_resp *r = http("GET", "/v1/districts/code:453", admin_token, NULL, NULL);
  char inm[80], *etag = strdup(http_header(r, "ETag"));
  snprintf(inm, sizeof(inm), "If-None-Match: %s", etag);
  const char *h[] = {inm, NULL};
  http_resp *again = http("GET", "/v1/districts/code:453", admin_token, NULL, h);
  ck_assert_int_eq(again->status, 304);
  ck_assert_uint_eq(again->body_len, 0);
  const char *stale[] = {"If-None-Match: \"0000000000000000\"", NULL};
  http_resp *changed = http("GET", "/v1/districts/code:453", admin_token, NULL, stale);
  ck_assert_int_eq(changed->status, 200);
  http_free(r);
  http_free(again);
  http_free(changed);
  /* lists carry an ETag too */
  r = http("GET", "/v1/districts?sort=code", admin_token, NULL, NULL);
  snprintf(inm, sizeof(inm), "If-None-Match: %s", http_header(r, "ETag"));
  again = http("GET", "/v1/districts?sort=code", admin_token, NULL, h);
  ck_assert_int_eq(again->status, 304);
  http_free(r);
  http_free(again);
  free(etag);
}
END_TEST

START_TEST(duplicate_code_is_409_and_invalid_fields_422_all_at_once)
{
  free(make_district("D-200", "Huyện Hai", "Tỉnh T"));
  http_resp *r = http("POST", "/v1/districts", admin_token,
                      "{\"code\":\"D-200\",\"name\":\"Khác\",\"province\":\"Tỉnh T\"}", NULL);
  ck_assert_problem(r, 409, "conflict");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "D-200"));
  http_free(r);
  r = http("POST", "/v1/districts", admin_token,
           "{\"code\":\"has space\",\"name\":\"   \",\"office_name\":7}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 4);
  ck_assert(problem_names_field(r, "code"));
  ck_assert(problem_names_field(r, "name"));
  ck_assert(problem_names_field(r, "province"));
  ck_assert(problem_names_field(r, "office_name"));
  http_free(r);
  /* 201 code points are too many for name, 200 are fine (Vietnamese letters are 2-3 bytes) */
  char body[2048] = "{\"code\":\"D-201\",\"province\":\"P\",\"name\":\"";
  for (int i = 0; i < 201; i++)
    strcat(body, "Ệ");
  strcat(body, "\"}");
  r = http("POST", "/v1/districts", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "name"));
  http_free(r);
  strcpy(strstr(body, "\"}") - strlen("Ệ"), "\"}");
  r = http("POST", "/v1/districts", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
}
END_TEST

START_TEST(merge_patch_sets_clears_and_refuses)
{
  char *id = make_district("D-300", "Huyện Ba", "Tỉnh T"), path[80];
  snprintf(path, sizeof(path), "/v1/districts/%s", id);
  const char *mp[] = {"Content-Type: application/merge-patch+json", NULL};
  http_resp *r = http("PATCH", path, admin_token, "{\"office_name\":\"Phòng GD&ĐT Ba\"}", mp);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "office_name"), "Phòng GD&ĐT Ba");
  ck_assert_str_eq(JSTR(r->json, "name"), "Huyện Ba");
  ck_assert_str_ne(JSTR(r->json, "updated_at"), JSTR(r->json, "created_at"));
  http_free(r);
  r = http("PATCH", path, admin_token, "{\"office_name\":null}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_null(json_object_get(r->json, "office_name")));
  http_free(r);
  r = http("PATCH", path, admin_token, "{\"name\":null,\"province\":\"\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 2);
  http_free(r);
  r = http("PATCH", path, admin_token, "{\"created_at\":\"2020-01-01T00:00:00Z\"}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  free(make_district("D-301", "Huyện Ba Mốt", "Tỉnh T"));
  r = http("PATCH", path, admin_token, "{\"code\":\"D-301\"}", NULL);
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "code"), "D-300");
  ck_assert_str_eq(JSTR(r->json, "name"), "Huyện Ba");
  http_free(r);
  free(id);
}
END_TEST

START_TEST(stale_if_match_is_412_and_changes_nothing)
{
  char *id = make_district("D-400", "Huyện Bốn", "Tỉnh T"), path[80], im[80];
  snprintf(path, sizeof(path), "/v1/districts/%s", id);
  http_resp *first = http("GET", path, admin_token, NULL, NULL);
  snprintf(im, sizeof(im), "If-Match: %s", http_header(first, "ETag"));
  const char *h[] = {im, NULL};
  http_resp *ok = http("PATCH", path, admin_token, "{\"name\":\"Huyện Bốn Mới\"}", h);
  ck_assert_int_eq(ok->status, 200);
  char old_etag[40];
  snprintf(old_etag, sizeof(old_etag), "%s", http_header(first, "ETag"));
  ck_assert_str_ne(http_header(ok, "ETag"), old_etag);
  http_resp *stale = http("PATCH", path, admin_token, "{\"name\":\"Huyện Khác\"}", h);
  ck_assert_problem(stale, 412, "precondition-failed");
  http_resp *del = http("DELETE", path, admin_token, NULL, h);
  ck_assert_problem(del, 412, "precondition-failed");
  http_resp *now = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(now->json, "name"), "Huyện Bốn Mới");
  char sql[200];
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE entity_id = '%s'", id);
  char *count = sql_value(sql);
  ck_assert_str_eq(count, "2"); /* create + one update; the refused requests wrote nothing */
  free(count);
  http_free(first);
  http_free(ok);
  http_free(stale);
  http_free(del);
  http_free(now);
  free(id);
}
END_TEST

START_TEST(idempotency_key_replays_and_refuses_other_bodies)
{
  const char *key[] = {"Idempotency-Key: test-key-500", NULL};
  const char *body = "{\"code\":\"D-500\",\"name\":\"Huyện Năm\",\"province\":\"Tỉnh T\"}";
  http_resp *first = http("POST", "/v1/districts", admin_token, body, key);
  http_resp *again = http("POST", "/v1/districts", admin_token,
                          "{\"province\":\"Tỉnh T\",\"name\":\"Huyện Năm\",\"code\":\"D-500\"}", key);
  ck_assert_int_eq(first->status, 201);
  ck_assert_int_eq(again->status, 201);
  ck_assert_str_eq(again->body, first->body);
  ck_assert_str_eq(http_header(again, "Idempotent-Replayed"), "true");
  ck_assert_str_eq(http_header(again, "Location"), http_header(first, "Location"));
  char *count = sql_value("SELECT count(*) FROM districts WHERE code = 'D-500'");
  ck_assert_str_eq(count, "1");
  free(count);
  http_resp *other = http("POST", "/v1/districts", admin_token,
                          "{\"code\":\"D-501\",\"name\":\"Huyện Khác\",\"province\":\"Tỉnh T\"}", key);
  ck_assert_problem(other, 422, "idempotency-key-reused");
  count = sql_value("SELECT count(*) FROM districts WHERE code = 'D-501'");
  ck_assert_str_eq(count, "0");
  free(count);
  const char *bad[] = {"Idempotency-Key: has space", NULL};
  http_resp *malformed = http("POST", "/v1/districts", admin_token, body, bad);
  ck_assert_problem(malformed, 400, "bad-request");
  http_free(first);
  http_free(again);
  http_free(other);
  http_free(malformed);
}
END_TEST

/* Codes of the items of a list response, joined with commas. */
static void codes_of(const http_resp *r, char *out, size_t len)
{
  size_t i;
  json_t *item;
  out[0] = '\0';
  json_array_foreach(json_object_get(r->json, "items"), i, item)
    snprintf(out + strlen(out), len - strlen(out), "%s%s", i ? "," : "", JSTR(item, "code"));
}

START_TEST(list_pages_sorts_and_filters)
{
  char codes[256];
  free(make_district("L-3", "Huyện Cờ", "Tỉnh Lọc"));
  free(make_district("L-1", "Huyện Bê", "Tỉnh Lọc"));
  free(make_district("L-2", "Huyện An", "Tỉnh Lọc"));
  http_resp *r = http("GET", "/v1/districts?province=T%E1%BB%89nh%20L%E1%BB%8Dc&limit=2", admin_token,
                      NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 3);
  ck_assert_int_eq(JINT(r->json, "limit"), 2);
  ck_assert_int_eq(JINT(r->json, "offset"), 0);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "L-1,L-2"); /* default sort: code */
  http_free(r);
  r = http("GET", "/v1/districts?province=T%E1%BB%89nh%20L%E1%BB%8Dc&limit=2&offset=2", admin_token,
           NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "L-3");
  ck_assert_int_eq(JINT(r->json, "total"), 3);
  http_free(r);
  r = http("GET", "/v1/districts?province=T%E1%BB%89nh%20L%E1%BB%8Dc&sort=-code", admin_token, NULL,
           NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "L-3,L-2,L-1");
  http_free(r);
  r = http("GET", "/v1/districts?province=T%E1%BB%89nh%20L%E1%BB%8Dc&sort=name", admin_token, NULL,
           NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "L-2,L-1,L-3"); /* An, Bê, Cờ */
  http_free(r);
  /* updated_since: only what changed at or after the moment of the last change */
  r = http("PATCH", "/v1/districts/code:L-1", admin_token, "{\"name\":\"Huyện Bê Mới\"}", NULL);
  char since[80], path[160];
  snprintf(since, sizeof(since), "%s", JSTR(r->json, "updated_at"));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/districts?province=T%%E1%%BB%%89nh%%20L%%E1%%BB%%8Dc"
           "&updated_since=%s", since);
  r = http("GET", path, admin_token, NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "L-1");
  http_free(r);
}
END_TEST

START_TEST(search_ignores_case_and_diacritics)
{
  char codes[256];
  free(make_district("Q-1", "Huyện Đồng Lê Thử", "Tỉnh Tìm"));
  free(make_district("Q-2", "Huyện Quy Hoá", "Tỉnh Tìm"));  /* tone mark on the a */
  free(make_district("Q-3", "Huyện Quy Hóa", "Tỉnh Tìm"));  /* tone mark on the o */
  free(make_district("Q-4", "Huyện Khác", "Tỉnh Tìm"));
  http_resp *r = http("GET", "/v1/districts?q=dong%20le", admin_token, NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "Q-1");
  http_free(r);
  r = http("GET", "/v1/districts?q=QUY%20HOA", admin_token, NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "Q-2,Q-3");
  http_free(r);
  r = http("GET", "/v1/districts?q=%C4%90%E1%BB%92NG", admin_token, NULL, NULL); /* ĐỒNG */
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "Q-1");
  http_free(r);
}
END_TEST

START_TEST(csv_export_has_bom_header_and_vietnamese)
{
  free(make_district("C-1", "Huyện Tuyên, \"Thử\"", "Tỉnh Quảng Bình"));
  const char *accept[] = {"Accept: text/csv", NULL};
  http_resp *r = http_unrecorded("GET", "/v1/districts?q=C-1", admin_token, accept);
  http_resp *f = http("GET", "/v1/districts.csv?q=C-1", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_int_eq(memcmp(r->body, "\xEF\xBB\xBF", 3), 0);
  static const char header[] = "id,code,name,province,province_code,office_name,created_at,"
                               "updated_at\r\n";
  ck_assert_int_eq(strncmp(r->body + 3, header, sizeof(header) - 1), 0);
  /* no province code, no office name: two empty fields */
  ck_assert_ptr_nonnull(strstr(r->body, ",C-1,\"Huyện Tuyên, \"\"Thử\"\"\",Tỉnh Quảng Bình,,,"));
  ck_assert_str_eq(f->body, r->body);
  http_free(r);
  http_free(f);
  r = http("GET", "/v1/districts?format=xml", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
}
END_TEST

START_TEST(delete_refuses_districts_with_schools)
{
  char *id = make_district("X-1", "Huyện Xoá", "Tỉnh T"), path[80];
  char *kept = make_district("X-2", "Huyện Giữ", "Tỉnh T");
  free(make_school(kept, "X-2-S", "Trường Mầm non Giữ"));
  http_resp *r = http("DELETE", "/v1/districts/code:X-2", admin_token, NULL, NULL);
  ck_assert_problem(r, 409, "conflict");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "school"));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/districts/%s", id);
  r = http("DELETE", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 204);
  http_free(r);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("DELETE", path, admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  free(id);
  free(kept);
}
END_TEST

START_TEST(district_tokens_see_and_edit_only_their_own)
{
  char *own = make_district("S-1", "Huyện Mình", "Tỉnh T");
  char *other = make_district("S-2", "Huyện Người", "Tỉnh T");
  char body[200], path[80];
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", own);
  http_resp *m = http("POST", "/v1/tokens", admin_token, body, NULL);
  char *office = strdup(JSTR(m->json, "token"));
  http_free(m);
  http_resp *r = http("GET", "/v1/districts", office, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "id"), own);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/districts/%s", other);
  r = http("GET", path, office, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("PATCH", path, office, "{\"name\":\"Của tôi\"}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/districts/%s", own);
  r = http("PATCH", path, office, "{\"office_name\":\"Phòng GD&ĐT Mình\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("PATCH", path, office, "{\"code\":\"S-9\"}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("POST", "/v1/districts", office, "{\"code\":\"S-3\",\"name\":\"n\",\"province\":\"p\"}",
           NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("DELETE", path, office, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(own);
  free(other);
  free(office);
}
END_TEST

Suite *districts_suite(void)
{
  Suite *s = suite_create("districts");
  TCase *tc = tcase_create("crud");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, create_then_read_by_id_and_code);
  tcase_add_test(tc, if_none_match_gives_304);
  tcase_add_test(tc, duplicate_code_is_409_and_invalid_fields_422_all_at_once);
  tcase_add_test(tc, merge_patch_sets_clears_and_refuses);
  tcase_add_test(tc, stale_if_match_is_412_and_changes_nothing);
  tcase_add_test(tc, idempotency_key_replays_and_refuses_other_bodies);
  tcase_add_test(tc, list_pages_sorts_and_filters);
  tcase_add_test(tc, search_ignores_case_and_diacritics);
  tcase_add_test(tc, csv_export_has_bom_header_and_vietnamese);
  tcase_add_test(tc, delete_refuses_districts_with_schools);
  tcase_add_test(tc, district_tokens_see_and_edit_only_their_own);
  suite_add_tcase(s, tc);
  return s;
}
