/* test_i18n.c — problem documents in Vietnamese on Accept-Language: vi (titles, the shared
 * checks' messages, each with its machine code), English by default and for other languages,
 * with Content-Language and Vary: Accept-Language. */
#include <stdlib.h>
#include "testutil.h"

Suite *i18n_suite(void);

/* The errors[] item of the problem r for field; fails the test when absent. */
static json_t *error_for(const http_resp *r, const char *field)
{
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(r->json, "errors"), i, e)
    if (strcmp(JSTR(e, "field"), field) == 0)
      return e;
  ck_abort_msg("no error for %s in %s", field, r->body);
  return NULL;
}

/* POSTs a school with a bad level and a negative size to district d in language header lang
 * (NULL: no Accept-Language). */
static http_resp *bad_school(const char *d, const char *lang)
{
  char body[256], header[64];
  const char *headers[] = {header, NULL};
  snprintf(body, sizeof(body),
           "{\"code\":\"VI-S1\",\"name\":\"Trường Kim Hóa\",\"level\":\"college\","
           "\"district_id\":\"%s\",\"students\":-5}", d);
  snprintf(header, sizeof(header), "Accept-Language: %s", lang ? lang : "");
  return http("POST", "/v1/schools", admin_token, body, lang ? headers : NULL);
}

START_TEST(validation_in_vietnamese_names_the_field_with_its_code)
{
  char *d = make_district("VI-D1", "Huyện Ngôn Ngữ", "Tỉnh T");
  http_resp *r = bad_school(d, "vi-VN,vi;q=0.9,en;q=0.8");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_str_eq(JSTR(r->json, "title"), "Dữ liệu không hợp lệ");
  ck_assert_str_eq(http_header(r, "Content-Language"), "vi");
  ck_assert_ptr_nonnull(strstr(http_header(r, "Vary"), "Accept-Language"));
  ck_assert_uint_eq(problem_error_count(r), 2);
  ck_assert_str_eq(JSTR(error_for(r, "level"), "code"), "not_allowed_value");
  ck_assert_str_eq(JSTR(error_for(r, "level"), "message"),
                   "phải là một trong các giá trị preschool, primary, lower_secondary, "
                   "primary_lower_secondary");
  ck_assert_str_eq(JSTR(error_for(r, "students"), "code"), "out_of_range");
  ck_assert_str_eq(JSTR(error_for(r, "students"), "message"), "phải là số nguyên từ 0 đến 100000");
  ck_assert_ptr_null(json_object_get(error_for(r, "students"), "message_vi"));
  http_free(r);
  free(d);
}
END_TEST

START_TEST(english_is_the_default_and_for_other_languages)
{
  char *d = make_district("VI-D2", "Huyện Mặc Định", "Tỉnh T");
  const char *langs[] = {NULL, "en", "fr, vi;q=0.5", "vi;q=0", "*"};
  for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
    http_resp *r = bad_school(d, langs[i]);
    ck_assert_problem(r, 422, "validation-failed");
    ck_assert_str_eq(JSTR(r->json, "title"), "Validation failed");
    ck_assert_str_eq(http_header(r, "Content-Language"), "en");
    ck_assert_ptr_nonnull(strstr(http_header(r, "Vary"), "Accept-Language"));
    ck_assert_str_eq(JSTR(error_for(r, "students"), "code"), "out_of_range");
    ck_assert_str_eq(JSTR(error_for(r, "students"), "message"),
                     "must be an integer from 0 to 100000");
    http_free(r);
  }
  free(d);
}
END_TEST

START_TEST(query_parameters_and_titles_in_vietnamese)
{
  const char *vi[] = {"Accept-Language: vi", NULL};
  http_resp *r = http("GET", "/v1/schools?limit=0&page=2&active=maybe", admin_token, NULL, vi);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_str_eq(JSTR(r->json, "title"), "Yêu cầu không hợp lệ");
  ck_assert_str_eq(JSTR(error_for(r, "page"), "code"), "unknown_field");
  ck_assert_str_eq(JSTR(error_for(r, "page"), "message"), "là tham số truy vấn không được hỗ trợ");
  ck_assert_str_eq(JSTR(error_for(r, "limit"), "code"), "out_of_range");
  ck_assert_str_eq(JSTR(error_for(r, "limit"), "message"), "phải là số nguyên từ 1 đến 500");
  ck_assert_str_eq(JSTR(error_for(r, "active"), "code"), "invalid_format");
  ck_assert_str_eq(JSTR(error_for(r, "active"), "message"), "phải là true hoặc false");
  http_free(r);
  r = http("GET", "/v1/schools/code:NO-SUCH-SCHOOL", admin_token, NULL, vi);
  ck_assert_problem(r, 404, "not-found");
  ck_assert_str_eq(JSTR(r->json, "title"), "Không tìm thấy");
  ck_assert_str_eq(http_header(r, "Content-Language"), "vi");
  http_free(r);
  r = http("GET", "/v1/schools", NULL, NULL, vi);
  ck_assert_problem(r, 401, "unauthorized");
  ck_assert_str_eq(JSTR(r->json, "title"), "Chưa xác thực");
  http_free(r);
}
END_TEST

/* The label of value in enum name of the labels answer r. */
static const char *label(const http_resp *r, const char *name, const char *value)
{
  return JSTR(json_object_get(r->json, name), value);
}

START_TEST(labels_in_vietnamese_english_by_default_with_etags)
{
  char inm[128];
  const char *headers[] = {inm, NULL};
  http_resp *vi = http("GET", "/v1/labels?lang=vi", NULL, NULL, NULL);
  http_resp *en = http("GET", "/v1/labels", NULL, NULL, NULL);
  http_resp *fr = http("GET", "/v1/labels?lang=fr", admin_token, NULL, NULL);
  http_resp *r;
  ck_assert_int_eq(vi->status, 200);
  ck_assert_str_eq(http_header(vi, "Content-Language"), "vi");
  ck_assert_str_eq(label(vi, "school_level", "primary"), "Tiểu học");
  ck_assert_str_eq(label(vi, "dossier_status", "supplement_requested"), "Yêu cầu bổ sung");
  ck_assert_str_eq(label(vi, "assessment_status", "recognized"), "Đã công nhận");
  ck_assert_str_eq(label(vi, "assessment_state", "recognized"), "Đã công nhận"); /* old key */
  ck_assert_str_eq(label(en, "assessment_status", "externally_assessed"), "Externally assessed");
  ck_assert_str_eq(label(vi, "online_mode", "full"), "Trực tuyến toàn trình");
  ck_assert_str_eq(label(vi, "progress_status", "not_met"), "Chưa đạt");
  ck_assert_str_eq(label(vi, "assignment_status", "blocked"), "Gặp vướng mắc");
  ck_assert_str_eq(label(vi, "task_lead", "office_and_schools"), "Phòng GD&ĐT và các trường");
  ck_assert_str_eq(label(vi, "task_due_kind", "continuous"), "Thường xuyên");
  ck_assert_str_eq(label(en, "task_due_every", "half_year"), "Every six months");
  ck_assert_uint_eq(json_object_size(json_object_get(vi->json, "assignment_status")), 6);
  ck_assert_uint_eq(json_object_size(json_object_get(en->json, "task_due_kind")), 5);
  ck_assert_str_eq(label(vi, "submission_state", "returned"), "Trả lại để chỉnh sửa");
  ck_assert_uint_eq(json_object_size(json_object_get(en->json, "submission_state")), 5);
  ck_assert_uint_eq(json_object_size(vi->json), 20);
  ck_assert_int_eq(en->status, 200);
  ck_assert_str_eq(http_header(en, "Content-Language"), "en");
  ck_assert_str_eq(label(en, "school_level", "primary"), "Primary");
  ck_assert_str_eq(label(en, "role", "reader"), "Reader");
  ck_assert_str_eq(fr->body, en->body); /* any other language: English */
  snprintf(inm, sizeof(inm), "If-None-Match: %s", http_header(vi, "ETag"));
  ck_assert_ptr_null(strstr(inm, http_header(en, "ETag"))); /* each language its own ETag */
  r = http("GET", "/v1/labels?lang=vi-VN", NULL, NULL, headers);
  ck_assert_int_eq(r->status, 304);
  http_free(r);
  r = http("GET", "/v1/labels", NULL, NULL, headers); /* the English answer is another */
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* without lang, Accept-Language decides (a UI's browser sends it), and the answer says it
   * varies with it; lang, when given, wins */
  {
    const char *accept_vi[] = {"Accept-Language: vi-VN,vi;q=0.9,en;q=0.5", NULL};
    r = http("GET", "/v1/labels", NULL, NULL, accept_vi);
    ck_assert_int_eq(r->status, 200);
    ck_assert_str_eq(http_header(r, "Content-Language"), "vi");
    ck_assert_ptr_nonnull(strstr(http_header(r, "Vary"), "Accept-Language"));
    ck_assert_str_eq(r->body, vi->body);
    http_free(r);
    r = http("GET", "/v1/labels?lang=en", NULL, NULL, accept_vi);
    ck_assert_str_eq(http_header(r, "Content-Language"), "en");
    ck_assert_str_eq(r->body, en->body);
    http_free(r);
  }
  r = http("GET", "/v1/labels?language=vi", NULL, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_int_eq(problem_names_field(r, "language"), 1);
  http_free(r);
  http_free(vi);
  http_free(en);
  http_free(fr);
}
END_TEST

/* The header line (after the byte-order mark) of the CSV answer r, with its CRLF. */
static const char *csv_header(const http_resp *r, char *out, size_t size)
{
  const char *start = r->body + 3, *end = strstr(start, "\r\n");
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(memcmp(r->body, "\xEF\xBB\xBF", 3), 0);
  ck_assert_ptr_nonnull(end);
  snprintf(out, size, "%.*s", (int)(end + 2 - start), start);
  return out;
}

/* The header line of GET path (a CSV) as admin. */
static const char *csv_header_of(const char *path, char *out, size_t size)
{
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, (long)r->status, r->body);
  csv_header(r, out, size);
  http_free(r);
  return out;
}

START_TEST(progress_csv_headers_in_vietnamese_with_lang_vi)
{
  /* the column names as src/rules/labels.c gives them, written out here by hand */
  static const char district_vi[] =
    "Mã,Tên tiếng Việt,Tên tiếng Anh,Nguồn số liệu,Mục tiêu,Phép so sánh,Kết quả,Tử số,Mẫu số,"
    "Trạng thái,Còn thiếu,Số đơn vị phải báo cáo,Số đơn vị đã báo cáo,Số đơn vị chưa báo cáo,"
    "Số đơn vị chưa đạt,Kỳ,Trung bình\r\n";
  static const char district_en[] =
    "code,name_vi,name_en,source,target,comparator,actual,numerator,denominator,status,gap,"
    "expected,reported,missing,below,period,mean\r\n";
  static const char all_vi[] =
    "Mã huyện,Tên huyện,Mã,Mục tiêu,Phép so sánh,Kết quả,Tử số,Mẫu số,Trạng thái,Còn thiếu,"
    "Số đơn vị phải báo cáo,Số đơn vị đã báo cáo,Kỳ,Trung bình\r\n";
  static const char scorecard_vi[] =
    "Mã,Tên tiếng Việt,Tên tiếng Anh,Mục tiêu,Phép so sánh,Giá trị,Trạng thái\r\n";
  static const char scorecards_vi[] =
    "Mã trường,Tên trường,Mã,Mục tiêu,Phép so sánh,Giá trị,Trạng thái\r\n";
  static const char metrics_vi[] =
    "Mã,Tên,Mức độ trực tuyến,Số hồ sơ tiếp nhận,Hồ sơ nộp trực tuyến,Thanh toán trực tuyến,"
    "Số hóa hồ sơ,Mức độ hài lòng,Đánh giá hài lòng,Đúng hạn,Đang quá hạn\r\n";
  char *d = make_district("VI-D4", "Huyện Tiến Độ", "Tỉnh T"), path[256], line[1024], body[512];
  char *s = make_school(d, "VI-S4", "Trường Tiến Độ");
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":100}]}", d);
  http_free(http("POST", "/v1/plans", admin_token, body, NULL));
  /* English first, then Vietnamese, then English again: each its own cached answer */
  snprintf(path, sizeof(path), "/v1/districts/%s/progress.csv?year=2024", d);
  ck_assert_str_eq(csv_header_of(path, line, sizeof(line)), district_en);
  snprintf(path, sizeof(path), "/v1/districts/%s/progress.csv?year=2024&lang=vi", d);
  ck_assert_str_eq(csv_header_of(path, line, sizeof(line)), district_vi);
  snprintf(path, sizeof(path), "/v1/districts/%s/progress?year=2024&format=csv&lang=vi", d);
  {
    http_resp *older = http_unrecorded("GET", path, admin_token, NULL); /* the older way */
    ck_assert_str_eq(csv_header(older, line, sizeof(line)), district_vi);
    http_free(older);
  }
  snprintf(path, sizeof(path), "/v1/districts/%s/progress.csv?year=2024&lang=en", d);
  ck_assert_str_eq(csv_header_of(path, line, sizeof(line)), district_en);
  snprintf(path, sizeof(path), "/v1/districts/%s/progress.csv?year=2024&lang=vi&sep=semicolon", d);
  ck_assert_ptr_nonnull(strstr(csv_header_of(path, line, sizeof(line)), "Mã;Tên tiếng Việt;"));
  snprintf(path, sizeof(path), "/v1/progress.csv?year=2024&district_id=%s&lang=vi", d);
  ck_assert_str_eq(csv_header_of(path, line, sizeof(line)), all_vi);
  snprintf(path, sizeof(path), "/v1/schools/%s/scorecard.csv?year=2024&lang=vi", s);
  ck_assert_str_eq(csv_header_of(path, line, sizeof(line)), scorecard_vi);
  snprintf(path, sizeof(path), "/v1/districts/%s/scorecards.csv?year=2024&lang=vi", d);
  ck_assert_str_eq(csv_header_of(path, line, sizeof(line)), scorecards_vi);
  snprintf(path, sizeof(path), "/v1/districts/%s/procedure-metrics.csv?year=2024&lang=vi", d);
  ck_assert_str_eq(csv_header_of(path, line, sizeof(line)), metrics_vi);
  /* a JSON answer takes lang and is unchanged */
  snprintf(path, sizeof(path), "/v1/districts/%s/progress?year=2024&lang=vi", d);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "indicators"), 0), "status"),
                   "no_data");
  http_free(r);
  free(s);
  free(d);
}
END_TEST

START_TEST(list_csv_headers_in_vietnamese_with_lang_vi)
{
  static const char vi_header[] =
    "ID,Mã,Tên,Cấp,ID huyện,Xã,Địa chỉ,Điện thoại,Email,Trang web,Hiệu trưởng,Số học sinh,"
    "Số giáo viên,Số điểm trường lẻ,Đang hoạt động,Ngày tạo,Ngày cập nhật\r\n";
  static const char en_header[] =
    "id,code,name,level,district_id,commune,address,phone,email,website,principal,students,"
    "teachers,satellite_sites,active,created_at,updated_at\r\n";
  char *d = make_district("VI-D3", "Huyện Tiêu Đề", "Tỉnh T"), path[200], line[512];
  char *s = make_school(d, "VI-S3", "Trường Tiêu Đề");
  http_resp *r;
  /* streamed (no limit), a page (limit), and with semicolons */
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s&lang=vi", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(csv_header(r, line, sizeof(line)), vi_header);
  ck_assert_ptr_nonnull(strstr(r->body, ",VI-S3,Trường Tiêu Đề,primary,")); /* values as they are */
  http_free(r);
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s&lang=vi-VN&limit=5", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(csv_header(r, line, sizeof(line)), vi_header);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s&lang=vi&sep=semicolon", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_ptr_nonnull(strstr(csv_header(r, line, sizeof(line)), "ID;Mã;Tên;Cấp;ID huyện;"));
  http_free(r);
  /* English field names by default and for any other language */
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s&limit=5", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(csv_header(r, line, sizeof(line)), en_header);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s&lang=en", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(csv_header(r, line, sizeof(line)), en_header);
  http_free(r);
  /* JSON takes it and is unchanged */
  snprintf(path, sizeof(path), "/v1/schools?district_id=%s&lang=vi", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "level"), "primary");
  http_free(r);
  free(s);
  free(d);
}
END_TEST

Suite *i18n_suite(void)
{
  Suite *s = suite_create("i18n");
  TCase *tc = tcase_create("languages");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, validation_in_vietnamese_names_the_field_with_its_code);
  tcase_add_test(tc, english_is_the_default_and_for_other_languages);
  tcase_add_test(tc, query_parameters_and_titles_in_vietnamese);
  tcase_add_test(tc, labels_in_vietnamese_english_by_default_with_etags);
  tcase_add_test(tc, list_csv_headers_in_vietnamese_with_lang_vi);
  tcase_add_test(tc, progress_csv_headers_in_vietnamese_with_lang_vi);
  suite_add_tcase(s, tc);
  return s;
}
