/* test_schools.c — /v1/schools: fields and their validation, lists (levels, communes, active,
 * accent-insensitive search, paging, updated_since), ETags, merge patch, delete with history,
 * and what each role may do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

Suite *schools_suite(void);

/* Creates a school from a JSON body as the given token; asserts 201; returns its id. */
static char *create_as(const char *token, const char *body)
{
  http_resp *r = http("POST", "/v1/schools", token, body, NULL);
  char *id;
  ck_assert_msg(r->status == 201, "create %s: %ld %s", body, r->status, r->body);
  id = strdup(JSTR(r->json, "id"));
  http_free(r);
  return id;
}

/* A token of role for district (and school), minted by admin; malloc'ed secret. */
static char *token_for(const char *role, const char *district, const char *school)
{
  return school ? mint_scoped(role, "school_id", school) : mint_scoped(role, "district_id", district);
}

static void codes_of(const http_resp *r, char *out, size_t len)
{
  size_t i;
  json_t *item;
  out[0] = '\0';
  json_array_foreach(json_object_get(r->json, "items"), i, item)
    snprintf(out + strlen(out), len - strlen(out), "%s%s", i ? "," : "", JSTR(item, "code"));
}

START_TEST(create_with_every_field_and_read_back)
{
  char *d = make_district("SC-D1", "Huyện Trường", "Tỉnh T"), body[1024], path[80];
  snprintf(body, sizeof(body),
           "{\"code\":\"79000123\",\"name\":\"Trường Tiểu học Đức Hóa\",\"level\":\"primary\","
           "\"district_id\":\"%s\",\"commune\":\"Xã Đức Hóa\",\"address\":\"Thôn Kim Lũ\","
           "\"phone\":\"(0232) 3 681 234\",\"email\":\"c1duchoa@quangbinh.edu.vn\","
           "\"website\":\"https://thduchoa.edu.vn\",\"principal\":\"Nguyễn Thị Hoa\","
           "\"students\":312,\"teachers\":21,\"satellite_sites\":2}", d);
  http_resp *r = http("POST", "/v1/schools", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  ck_assert_str_eq(JSTR(r->json, "commune"), "Xã Đức Hóa");
  ck_assert_int_eq(JINT(r->json, "students"), 312);
  ck_assert_int_eq(JINT(r->json, "satellite_sites"), 2);
  ck_assert(json_is_true(json_object_get(r->json, "active"))); /* defaults to active */
  snprintf(path, sizeof(path), "/v1/schools/%s", JSTR(r->json, "id"));
  ck_assert_str_eq(http_header(r, "Location"), path);
  http_resp *by_code = http("GET", "/v1/schools/code:79000123", admin_token, NULL, NULL);
  ck_assert_int_eq(by_code->status, 200);
  ck_assert_str_eq(by_code->body, r->body);
  http_free(by_code);
  http_free(r);
  r = http("POST", "/v1/schools", admin_token, body, NULL);
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  free(d);
}
END_TEST

START_TEST(every_bad_field_is_reported_at_once)
{
  char *d = make_district("SC-D2", "Huyện Sai", "Tỉnh T"), body[1024];
  snprintf(body, sizeof(body),
           "{\"code\":\"bad code\",\"name\":\"\",\"level\":\"college\",\"district_id\":\"%s\","
           "\"phone\":\"call me\",\"email\":\"not-an-email\",\"website\":\"ftp://x\","
           "\"students\":-1,\"teachers\":\"12\",\"satellite_sites\":101,\"active\":\"yes\"}", d);
  http_resp *r = http("POST", "/v1/schools", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 10);
  static const char *const fields[] = {"code", "name", "level", "phone", "email", "website",
                                       "students", "teachers", "satellite_sites", "active"};
  for (int i = 0; i < 10; i++)
    ck_assert_msg(problem_names_field(r, fields[i]), "missing error for %s", fields[i]);
  http_free(r);
  r = http("POST", "/v1/schools", admin_token,
           "{\"code\":\"SC-X\",\"name\":\"n\",\"level\":\"primary\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed"); /* an admin must say which district */
  ck_assert(problem_names_field(r, "district_id"));
  http_free(r);
  r = http("POST", "/v1/schools", admin_token,
           "{\"code\":\"SC-X\",\"name\":\"n\",\"level\":\"primary\","
           "\"district_id\":\"5a1c6b4e-1111-4a4a-8a8a-000000000000\"}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "district_id"));
  http_free(r);
  r = http("POST", "/v1/schools", admin_token, "{\"code\":\"SC-X\",\"grade\":5}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "grade"));
  http_free(r);
  char *count = sql_value("SELECT count(*) FROM schools WHERE code IN ('SC-X', 'bad code')");
  ck_assert_str_eq(count, "0");
  free(count);
  free(d);
}
END_TEST

START_TEST(lists_filter_search_and_page)
{
  char *d = make_district("SC-D3", "Huyện Lọc", "Tỉnh T"), body[512], path[256], codes[512];
  static const char *const rows[][4] = {
    {"F-1", "Trường Mầm non Đồng Lê", "preschool", "Thị trấn Đồng Lê"},
    {"F-2", "Trường Tiểu học Tiến Hoá", "primary", "Xã Tiến Hoá"},
    {"F-3", "Trường Tiểu học Tiến Hóa số 2", "primary", "Xã Tiến Hóa"},
    {"F-4", "Trường THCS Châu Hóa", "lower_secondary", "Xã Châu Hóa"},
    {"F-5", "Trường TH&THCS Lâm Hóa", "primary_lower_secondary", "Xã Lâm Hóa"},
  };
  for (int i = 0; i < 5; i++) {
    snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"%s\",\"level\":\"%s\","
             "\"commune\":\"%s\",\"district_id\":\"%s\",\"active\":%s}", rows[i][0], rows[i][1],
             rows[i][2], rows[i][3], d, i == 4 ? "false" : "true");
    free(create_as(admin_token, body));
  }
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&level=primary,lower_secondary", d);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "F-2,F-3,F-4");
  http_free(r);
  /* both spellings of the tone mark, any case, no diacritics */
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&commune=XA%%20TIEN%%20HOA", d);
  r = http("GET", path, admin_token, NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "F-2,F-3");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&q=dong%%20le", d);
  r = http("GET", path, admin_token, NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "F-1");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&q=hoa&sort=-code", d);
  r = http("GET", path, admin_token, NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "F-5,F-4,F-3,F-2"); /* Hoá and Hóa alike */
  http_free(r);
  /* q looks in the name, the code and the commune; %, _ and & are plain characters */
  static const char *const searches[][2] = {
    {"h%26thcs", "F-5"}, {"f-3", "F-3"}, {"xa%20lam", "F-5"}, {"%25", ""}, {"_", ""},
    {"%5C", ""}, {"ng%20l", "F-1"},
  };
  for (int i = 0; i < 7; i++) {
    snprintf(path, sizeof(path), "/v1/schools?district_id=%s&q=%s&sort=code", d, searches[i][0]);
    r = http("GET", path, admin_token, NULL, NULL);
    codes_of(r, codes, sizeof(codes));
    ck_assert_msg(strcmp(codes, searches[i][1]) == 0, "q=%s: %s", searches[i][0], codes);
    http_free(r);
  }
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&active=false", d);
  r = http("GET", path, admin_token, NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "F-5");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&limit=2&offset=2&sort=name", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 5);
  codes_of(r, codes, sizeof(codes));
  /* by name: Mầm non Đồng Lê, TH&THCS Lâm, THCS Châu, Tiểu học Tiến Hoá, Tiểu học Tiến Hóa số 2 */
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 2);
  http_free(r);
  r = http("PATCH", "/v1/schools/code:F-4", admin_token, "{\"teachers\":30}", NULL);
  char since[64];
  snprintf(since, sizeof(since), "%s", JSTR(r->json, "updated_at"));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&updated_since=%s", d, since);
  r = http("GET", path, admin_token, NULL, NULL);
  codes_of(r, codes, sizeof(codes));
  ck_assert_str_eq(codes, "F-4");
  http_free(r);
  r = http("GET", "/v1/schools?level=primary,college&active=maybe", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_uint_eq(problem_error_count(r), 2);
  http_free(r);
  r = http("GET", "/v1/schools?level=primary,,preschool", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  free(d);
}
END_TEST

START_TEST(etags_and_merge_patch)
{
  char *d = make_district("SC-D4", "Huyện Sửa", "Tỉnh T"), body[512], im[80], inm[80];
  snprintf(body, sizeof(body), "{\"code\":\"P-1\",\"name\":\"Trường Mầm non Sửa\","
           "\"level\":\"preschool\",\"district_id\":\"%s\",\"phone\":\"0232 3681 234\"}", d);
  free(create_as(admin_token, body));
  http_resp *first = http("GET", "/v1/schools/code:P-1", admin_token, NULL, NULL);
  snprintf(im, sizeof(im), "If-Match: %s", http_header(first, "ETag"));
  snprintf(inm, sizeof(inm), "If-None-Match: %s", http_header(first, "ETag"));
  const char *h_im[] = {im, NULL}, *h_inm[] = {inm, NULL};
  http_resp *r = http("GET", "/v1/schools/code:P-1", admin_token, NULL, h_inm);
  ck_assert_int_eq(r->status, 304);
  http_free(r);
  r = http("PATCH", "/v1/schools/code:P-1", admin_token, "{\"phone\":null,\"students\":85}", h_im);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_null(json_object_get(r->json, "phone")));
  ck_assert_int_eq(JINT(r->json, "students"), 85);
  ck_assert_str_eq(JSTR(r->json, "name"), "Trường Mầm non Sửa");
  http_free(r);
  r = http("PATCH", "/v1/schools/code:P-1", admin_token, "{\"students\":90}", h_im);
  ck_assert_problem(r, 412, "precondition-failed");
  http_free(r);
  r = http("PATCH", "/v1/schools/code:P-1", admin_token, "{\"level\":null,\"active\":null}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 2);
  http_free(r);
  r = http("GET", "/v1/schools/code:P-1", admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "students"), 85);
  http_free(r);
  http_free(first);
  free(d);
}
END_TEST

START_TEST(deleting_a_school_with_history_is_refused)
{
  char *d = make_district("SC-D5", "Huyện Xoá", "Tỉnh T");
  char *kept = make_school(d, "DEL-1", "Trường Có Lịch Sử");
  char *gone = make_school(d, "DEL-2", "Trường Không Lịch Sử");
  char sql[256];
  /* history tables (reports, assessments, dossiers) reference schools ON DELETE RESTRICT */
  free(sql_value("CREATE TABLE IF NOT EXISTS test_school_history"
                 " (school_id uuid NOT NULL REFERENCES schools (id) ON DELETE RESTRICT)"));
  snprintf(sql, sizeof(sql), "INSERT INTO test_school_history VALUES ('%s')", kept);
  free(sql_value(sql));
  http_resp *r = http("DELETE", "/v1/schools/code:DEL-1", admin_token, NULL, NULL);
  ck_assert_problem(r, 409, "conflict");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "set active to false instead"));
  http_free(r);
  r = http("PATCH", "/v1/schools/code:DEL-1", admin_token, "{\"active\":false}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("DELETE", "/v1/schools/code:DEL-2", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 204);
  http_free(r);
  r = http("GET", "/v1/schools/code:DEL-2", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE entity = 'school' AND "
           "action = 'delete' AND entity_id = '%s'", gone);
  char *count = sql_value(sql);
  ck_assert_str_eq(count, "1");
  free(count);
  free(d);
  free(kept);
  free(gone);
}
END_TEST

START_TEST(district_tokens_manage_their_own_schools)
{
  char *own = make_district("SC-D6", "Huyện Mình", "Tỉnh T");
  char *other = make_district("SC-D7", "Huyện Người", "Tỉnh T");
  char *office = token_for("district", own, NULL), body[256];
  /* district_id may be left out: the token's own district */
  char *id = create_as(office, "{\"code\":\"R-1\",\"name\":\"Trường Mình\",\"level\":\"primary\"}");
  http_resp *r = http("GET", "/v1/schools/code:R-1", office, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "district_id"), own);
  http_free(r);
  snprintf(body, sizeof(body), "{\"code\":\"R-2\",\"name\":\"Trường Người\",\"level\":\"primary\","
           "\"district_id\":\"%s\"}", other);
  r = http("POST", "/v1/schools", office, body, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(create_as(admin_token, body));
  r = http("GET", "/v1/schools/code:R-2", office, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("PATCH", "/v1/schools/code:R-2", office, "{\"teachers\":3}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("DELETE", "/v1/schools/code:R-2", office, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\"}", other);
  r = http("PATCH", "/v1/schools/code:R-1", office, body, NULL);
  ck_assert_problem(r, 403, "forbidden"); /* only admins move schools */
  http_free(r);
  r = http("PATCH", "/v1/schools/code:R-1", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "district_id"), other);
  http_free(r);
  r = http("GET", "/v1/schools?limit=500", office, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 0); /* R-1 moved away, R-2 was never its */
  http_free(r);
  free(own);
  free(other);
  free(office);
  free(id);
}
END_TEST

START_TEST(school_tokens_change_only_contact_fields_and_readers_only_read)
{
  char *d = make_district("SC-D8", "Huyện Liên Hệ", "Tỉnh T");
  char *mine = make_school(d, "C-1", "Trường Của Tôi"), *theirs = make_school(d, "C-2", "Trường Bạn");
  char *school = token_for("school", NULL, mine), *reader = token_for("reader", d, NULL);
  http_resp *r = http("PATCH", "/v1/schools/code:C-1", school,
                      "{\"phone\":\"0232 3 555 666\",\"email\":\"c1@quangbinh.edu.vn\","
                      "\"principal\":\"Lê Văn Tâm\",\"address\":\"Thôn 1\","
                      "\"website\":\"http://c1.edu.vn\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "principal"), "Lê Văn Tâm");
  http_free(r);
  r = http("PATCH", "/v1/schools/code:C-1", school,
           "{\"phone\":\"0232 3 555 777\",\"name\":\"Tên Mới\",\"students\":1}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  ck_assert_uint_eq(problem_error_count(r), 2);
  ck_assert(problem_names_field(r, "name"));
  ck_assert(problem_names_field(r, "students"));
  http_free(r);
  r = http("GET", "/v1/schools/code:C-1", school, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "phone"), "0232 3 555 666"); /* the refused patch changed nothing */
  http_free(r);
  r = http("GET", "/v1/schools/code:C-2", school, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/schools", school, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  http_free(r);
  r = http("POST", "/v1/schools", school, "{\"code\":\"C-3\",\"name\":\"n\",\"level\":\"primary\"}",
           NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/schools/code:C-2", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("GET", "/v1/schools", reader, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "total"), 2);
  http_free(r);
  r = http("PATCH", "/v1/schools/code:C-2", reader, "{\"phone\":\"0232 3 555 888\"}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("DELETE", "/v1/schools/code:C-2", reader, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/schools/code:453-TH-01", reader, NULL, NULL); /* a demo school elsewhere */
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(d);
  free(mine);
  free(theirs);
  free(school);
  free(reader);
}
END_TEST

START_TEST(idempotent_create)
{
  char *d = make_district("SC-D9", "Huyện Lặp", "Tỉnh T"), body[256];
  const char *key[] = {"Idempotency-Key: school-once", NULL};
  snprintf(body, sizeof(body), "{\"code\":\"I-1\",\"name\":\"Trường Một Lần\",\"level\":\"primary\","
           "\"district_id\":\"%s\"}", d);
  http_resp *a = http("POST", "/v1/schools", admin_token, body, key);
  http_resp *b = http("POST", "/v1/schools", admin_token, body, key);
  ck_assert_int_eq(a->status, 201);
  ck_assert_int_eq(b->status, 201);
  ck_assert_str_eq(a->body, b->body);
  ck_assert_str_eq(http_header(b, "Idempotent-Replayed"), "true");
  http_free(a);
  http_free(b);
  free(d);
}
END_TEST

Suite *schools_suite(void)
{
  Suite *s = suite_create("schools");
  TCase *tc = tcase_create("registry");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, create_with_every_field_and_read_back);
  tcase_add_test(tc, every_bad_field_is_reported_at_once);
  tcase_add_test(tc, lists_filter_search_and_page);
  tcase_add_test(tc, etags_and_merge_patch);
  tcase_add_test(tc, deleting_a_school_with_history_is_refused);
  tcase_add_test(tc, district_tokens_manage_their_own_schools);
  tcase_add_test(tc, school_tokens_change_only_contact_fields_and_readers_only_read);
  tcase_add_test(tc, idempotent_create);
  suite_add_tcase(s, tc);
  return s;
}
