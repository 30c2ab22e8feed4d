/* test_schools_import.c — POST /v1/schools/import: JSON and CSV (BOM, comma or semicolon), upsert
 * by code, all-or-nothing with every bad row listed, dry runs, the CSV export going back in, and
 * who may import what. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *schools_import_suite(void);

static const char *csv_type[] = {"Content-Type: text/csv", NULL};

static char *count_of(const char *where)
{
  char sql[512];
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM schools WHERE %s", where);
  return sql_value(sql);
}

/* Asserts an errors[] item with this row and field exists. */
static int has_row_error(const http_resp *r, long row, const char *field)
{
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(r->json, "errors"), i, e)
    if (JINT(e, "row") == row && strcmp(JSTR(e, "field"), field) == 0)
      return 1;
  return 0;
}

START_TEST(json_import_creates_and_updates_by_code)
{
  free(make_district("IM-D1", "Huyện Nhập", "Tỉnh T"));
  const char *first = "[{\"code\":\"J-1\",\"name\":\"Trường Mầm non Nhập\",\"level\":\"preschool\","
                      "\"district_code\":\"IM-D1\",\"students\":80},"
                      "{\"code\":\"J-2\",\"name\":\"Trường Tiểu học Nhập\",\"level\":\"primary\","
                      "\"district_code\":\"IM-D1\",\"commune\":\"Xã Mai Hóa\"}]";
  http_resp *r = http("POST", "/v1/schools/import", admin_token, first, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "rows"), 2);
  ck_assert_int_eq(JINT(r->json, "created"), 2);
  ck_assert_int_eq(JINT(r->json, "updated"), 0);
  ck_assert(json_is_false(json_object_get(r->json, "dry_run")));
  http_free(r);
  /* J-1 changes one field (the others are kept), J-2 is the same, J-3 is new */
  const char *second = "[{\"code\":\"J-1\",\"students\":95},"
                       "{\"code\":\"J-2\",\"name\":\"Trường Tiểu học Nhập\"},"
                       "{\"code\":\"J-3\",\"name\":\"Trường THCS Nhập\",\"level\":\"lower_secondary\","
                       "\"district_code\":\"IM-D1\"}]";
  r = http("POST", "/v1/schools/import", admin_token, second, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "created"), 1);
  ck_assert_int_eq(JINT(r->json, "updated"), 1);
  ck_assert_int_eq(JINT(r->json, "unchanged"), 1);
  http_free(r);
  r = http("GET", "/v1/schools/code:J-1", admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "students"), 95);
  ck_assert_str_eq(JSTR(r->json, "name"), "Trường Mầm non Nhập");
  ck_assert_str_eq(JSTR(r->json, "level"), "preschool");
  http_free(r);
  char *audits = sql_value("SELECT count(*) FROM audit a JOIN schools s ON s.id::text = a.entity_id "
                           "WHERE s.code IN ('J-1', 'J-2', 'J-3') AND a.entity = 'school'");
  ck_assert_str_eq(audits, "4"); /* 3 creations + 1 update; the unchanged row wrote nothing */
  free(audits);
}
END_TEST

START_TEST(one_bad_row_imports_nothing_and_every_problem_is_listed)
{
  free(make_district("IM-D2", "Huyện Lỗi", "Tỉnh T"));
  char *before = count_of("true");
  const char *csv = "code,name,level,district_code,students\n"
                    "B-1,Trường Một,primary,IM-D2,100\n"
                    "B-2,Trường Hai,college,IM-D2,-5\n"
                    "B-3,,primary,IM-D2,\n"
                    "B-1,Trường Một Lại,primary,IM-D2,\n"
                    "B-5,Trường Năm,primary,NO-SUCH,\n"
                    "B-6,Trường Sáu,preschool,IM-D2,12\n";
  http_resp *r = http("POST", "/v1/schools/import", admin_token, csv, csv_type);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 5);
  ck_assert(has_row_error(r, 2, "level"));
  ck_assert(has_row_error(r, 2, "students"));
  ck_assert(has_row_error(r, 3, "name"));
  ck_assert(has_row_error(r, 4, "code"));
  ck_assert(has_row_error(r, 5, "district_code"));
  http_free(r);
  char *after = count_of("true");
  ck_assert_str_eq(after, before); /* rows 1 and 6 were fine, yet nothing was written */
  free(before);
  free(after);
}
END_TEST

START_TEST(dry_run_reports_and_writes_nothing)
{
  free(make_district("IM-D3", "Huyện Thử", "Tỉnh T"));
  const char *body = "[{\"code\":\"DR-1\",\"name\":\"Trường Thử\",\"level\":\"primary\","
                     "\"district_code\":\"IM-D3\"}]";
  http_resp *r = http("POST", "/v1/schools/import?dry_run=true", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_true(json_object_get(r->json, "dry_run")));
  ck_assert_int_eq(JINT(r->json, "created"), 1);
  http_free(r);
  char *n = count_of("code = 'DR-1'");
  ck_assert_str_eq(n, "0");
  free(n);
  r = http("POST", "/v1/schools/import?dry_run=perhaps", admin_token, body, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
}
END_TEST

START_TEST(semicolon_csv_with_bom_as_vietnamese_excel_writes_it)
{
  free(make_district("IM-D4", "Huyện Chấm Phẩy", "Tỉnh T"));
  const char *csv = "\xEF\xBB\xBF" "code;name;level;district_code;commune;active\r\n"
                    "SC-1;\"Trường Tiểu học Số 1; Hương Hóa\";primary;IM-D4;Xã Hương Hóa;1\r\n"
                    "SC-2;Trường Mầm non \"\"Hoa Sen\"\";preschool;IM-D4;;false\r\n";
  http_resp *r = http("POST", "/v1/schools/import", admin_token, csv, csv_type);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "created"), 2);
  http_free(r);
  r = http("GET", "/v1/schools/code:SC-1", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "name"), "Trường Tiểu học Số 1; Hương Hóa");
  ck_assert_str_eq(JSTR(r->json, "commune"), "Xã Hương Hóa");
  ck_assert(json_is_true(json_object_get(r->json, "active")));
  http_free(r);
  r = http("GET", "/v1/schools/code:SC-2", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "name"), "Trường Mầm non \"\"Hoa Sen\"\""); /* unquoted: literal */
  ck_assert(json_is_null(json_object_get(r->json, "commune")));
  ck_assert(json_is_false(json_object_get(r->json, "active")));
  http_free(r);
}
END_TEST

START_TEST(csv_export_goes_back_in_unchanged_then_edited)
{
  char *d = make_district("IM-D5", "Huyện Khứ Hồi", "Tỉnh T"), path[160];
  free(make_school(d, "RT-1", "Trường Tiểu học Đồng Lê, \"cơ sở 1\""));
  free(make_school(d, "RT-2", "Trường Tiểu học Tiến Hoá"));
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s", d);
  http_resp *exported = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(exported->status, 200);
  http_resp *r = http_raw("POST", "/v1/schools/import", admin_token, exported->body,
                          exported->body_len, csv_type);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "unchanged"), 2);
  ck_assert_int_eq(JINT(r->json, "updated"), 0);
  http_free(r);
  /* edit one Vietnamese name in the exported file, as someone would in Excel */
  char *edited = strdup(exported->body);
  char *at = strstr(edited, "Tiến Hoá");
  ck_assert_ptr_nonnull(at);
  memcpy(at, "Tiến Hóa", strlen("Tiến Hóa")); /* same length: the tone mark moves from a to o */
  r = http("POST", "/v1/schools/import", admin_token, edited, csv_type);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "updated"), 1);
  http_free(r);
  r = http("GET", "/v1/schools/code:RT-2", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "name"), "Trường Tiểu học Tiến Hóa");
  http_free(r);
  r = http("GET", "/v1/schools/code:RT-1", admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "name"), "Trường Tiểu học Đồng Lê, \"cơ sở 1\"");
  http_free(r);
  http_free(exported);
  free(edited);
  free(d);
}
END_TEST

START_TEST(malformed_uploads_are_400_or_415)
{
  const char *json_type[] = {"Content-Type: application/json", NULL};
  const char *text_type[] = {"Content-Type: text/plain", NULL};
  http_resp *r = http("POST", "/v1/schools/import", admin_token, "{\"code\":\"x\"}", json_type);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("POST", "/v1/schools/import", admin_token, "[1,2]", json_type);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("POST", "/v1/schools/import", admin_token, "[]", json_type);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("POST", "/v1/schools/import", admin_token, "code,name\n\"X-1,unterminated\n", csv_type);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("POST", "/v1/schools/import", admin_token, "code,name\n", csv_type);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
  r = http("POST", "/v1/schools/import", admin_token, "code,name", text_type);
  ck_assert_problem(r, 415, "unsupported-media-type");
  http_free(r);
  ck_import_refuses_non_records("/v1/schools/import", admin_token, "school");
  r = http("POST", "/v1/schools/import", admin_token, "[{\"code\":\"U-1\",\"colour\":\"red\"}]",
           json_type);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(has_row_error(r, 1, "colour"));
  http_free(r);
}
END_TEST

START_TEST(district_tokens_import_only_their_own)
{
  char *own = make_district("IM-D6", "Huyện Của Mình", "Tỉnh T");
  char *other = make_district("IM-D7", "Huyện Khác", "Tỉnh T"), body[256];
  free(make_school(other, "OT-1", "Trường Huyện Khác"));
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", own);
  http_resp *m = http("POST", "/v1/tokens", admin_token, body, NULL);
  char *office = strdup(JSTR(m->json, "token"));
  http_free(m);
  snprintf(body, sizeof(body), "{\"role\":\"reader\",\"district_id\":\"%s\"}", own);
  m = http("POST", "/v1/tokens", admin_token, body, NULL);
  char *reader = strdup(JSTR(m->json, "token"));
  http_free(m);
  http_resp *r = http("POST", "/v1/schools/import", office,
                      "[{\"code\":\"OW-1\",\"name\":\"Trường Mình\",\"level\":\"primary\"}]", NULL);
  ck_assert_int_eq(r->status, 200); /* no district given: the token's own */
  http_free(r);
  r = http("POST", "/v1/schools/import", office,
           "[{\"code\":\"OT-1\",\"students\":1},"
           "{\"code\":\"OW-2\",\"name\":\"Trường\",\"level\":\"primary\",\"district_code\":\"IM-D7\"}]",
           NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(has_row_error(r, 1, "code"));
  ck_assert(has_row_error(r, 2, "district_code")); /* the field that names the district */
  http_free(r);
  r = http("POST", "/v1/schools/import", reader, "[{\"code\":\"OW-3\"}]", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/schools/code:OW-1", office, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "district_id"), own);
  http_free(r);
  free(own);
  free(other);
  free(office);
  free(reader);
}
END_TEST

Suite *schools_import_suite(void)
{
  Suite *s = suite_create("schools_import");
  TCase *tc = tcase_create("import");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, json_import_creates_and_updates_by_code);
  tcase_add_test(tc, one_bad_row_imports_nothing_and_every_problem_is_listed);
  tcase_add_test(tc, dry_run_reports_and_writes_nothing);
  tcase_add_test(tc, semicolon_csv_with_bom_as_vietnamese_excel_writes_it);
  tcase_add_test(tc, csv_export_goes_back_in_unchanged_then_edited);
  tcase_add_test(tc, malformed_uploads_are_400_or_415);
  tcase_add_test(tc, district_tokens_import_only_their_own);
  suite_add_tcase(s, tc);
  return s;
}
