/* test_list_etags.c — every list whose items can be changed with If-Match gives each item the
 * `etag` a GET of that item answers (issue 15: an edit from a list needs no read first): for
 * districts, schools, indicators, plans, procedures, dossiers, assessments, org units and
 * frameworks, the item's etag equals the ETag header of GET on the item, a write sent with it as
 * If-Match succeeds, and the same etag sent again after that write is a 412. A plan's list item
 * is written by PostgreSQL (target 100.00) and its GET by the server (100.0): the etag is the
 * GET's, not a hash of the item's own bytes. Single reads, report values and CSV lists carry no
 * etag. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *list_etags_suite(void);

/* The item of the JSON list at path whose member key is value (a new reference); fails the
 * test when the list has none. The list's raw body goes to raw when raw is not NULL. */
static json_t *list_item(const char *path, const char *key, const char *value, char **raw)
{
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  json_t *item, *found = NULL;
  size_t i;
  ck_assert_msg(r->status == 200, "GET %s: %ld %s", path, r->status, r->body);
  json_array_foreach(json_object_get(r->json, "items"), i, item) {
    if (JSTR(item, key) && strcmp(JSTR(item, key), value) == 0)
      found = json_incref(item);
  }
  ck_assert_msg(found != NULL, "GET %s: no item with %s %s", path, key, value);
  if (raw)
    *raw = strdup(r->body);
  http_free(r);
  return found;
}

/* The etag of that item (malloc'ed), after checking that it is the ETag header GET item_path
 * answers and that the single read carries no etag member itself. */
static char *item_etag(const char *list_path, const char *key, const char *value,
                       const char *item_path)
{
  json_t *item = list_item(list_path, key, value, NULL);
  const char *etag = JSTR(item, "etag");
  http_resp *g = http("GET", item_path, admin_token, NULL, NULL);
  char *copy;
  ck_assert_msg(etag != NULL, "%s: the item has no etag", list_path);
  ck_assert_int_eq(g->status, 200);
  ck_assert_str_eq(http_header(g, "ETag"), etag);
  ck_assert_ptr_null(json_object_get(g->json, "etag"));
  /* a strong tag: a quote, 16 hex digits, a quote */
  ck_assert_uint_eq(strlen(etag), 18);
  ck_assert(etag[0] == '"' && etag[17] == '"');
  copy = strdup(etag);
  http_free(g);
  json_decref(item);
  return copy;
}

/* Sends method path body with If-Match: etag; asserts status. */
static void write_if_match(const char *method, const char *path, const char *body,
                           const char *etag, long status)
{
  char im[64];
  snprintf(im, sizeof(im), "If-Match: %s", etag);
  const char *h[] = {im, NULL};
  http_resp *r = http(method, path, admin_token, body, h);
  ck_assert_msg(r->status == status, "%s %s If-Match %s: %ld %s", method, path, etag, r->status,
                r->body);
  if (status == 412)
    ck_assert_problem(r, 412, "precondition-failed");
  http_free(r);
}

/* The whole check on one item: its list etag works as If-Match once (write → 200), and is
 * stale after that write (the same write again → 412). */
static void edit_from_list(const char *list_path, const char *key, const char *value,
                           const char *item_path, const char *method, const char *write_path,
                           const char *first, const char *second)
{
  char *etag = item_etag(list_path, key, value, item_path);
  write_if_match(method, write_path, first, etag, 200);
  write_if_match(method, write_path, second, etag, 412);
  free(etag);
}

START_TEST(district_school_procedure_and_dossier_items_carry_their_etag)
{
  char *d = make_district("LE-D", "Huyện Phiên Bản", "Tỉnh T");
  char *s = new_school(d, "LE-S1", "primary", "");
  char *gone = new_school(d, "LE-S2", "primary", "");
  char *p = new_procedure(d, "LE-P1", "Thủ tục phiên bản", ",\"statutory_days\":5");
  char *dossier = new_dossier(NULL, p, "LE-0001", "online", "2024-03-04T08:00:00+07:00", "");
  char list[160], item[160];
  snprintf(item, sizeof(item), "/v1/districts/%s", d);
  edit_from_list("/v1/districts?q=LE-D", "id", d, item, "PATCH", item,
                 "{\"office_name\":\"Phòng GD&ĐT Phiên Bản\"}", "{\"office_name\":\"Khác\"}");
  snprintf(list, sizeof(list), "/v1/schools?district_id=%s", d);
  snprintf(item, sizeof(item), "/v1/schools/%s", s);
  edit_from_list(list, "id", s, item, "PATCH", item, "{\"phone\":\"0232 3000 001\"}",
                 "{\"phone\":\"0232 3000 002\"}");
  /* DELETE takes it too: stale after a PATCH (412), the list's new one deletes (204) */
  snprintf(item, sizeof(item), "/v1/schools/%s", gone);
  char *etag = item_etag(list, "id", gone, item);
  write_if_match("PATCH", item, "{\"principal\":\"Lê Văn A\"}", etag, 200);
  write_if_match("DELETE", item, NULL, etag, 412);
  free(etag);
  etag = item_etag(list, "id", gone, item);
  write_if_match("DELETE", item, NULL, etag, 204);
  free(etag);
  snprintf(list, sizeof(list), "/v1/procedures?district_id=%s", d);
  snprintf(item, sizeof(item), "/v1/procedures/%s", p);
  edit_from_list(list, "id", p, item, "PATCH", item, "{\"name\":\"Thủ tục đổi tên\"}",
                 "{\"name\":\"Thủ tục khác\"}");
  /* a dossier embeds its procedure's name: listed after the rename, its etag is current */
  snprintf(list, sizeof(list), "/v1/dossiers?district_id=%s", d);
  snprintf(item, sizeof(item), "/v1/dossiers/%s", dossier);
  edit_from_list(list, "id", dossier, item, "PATCH", item, "{\"e_receipt\":true}",
                 "{\"e_receipt\":false}");
  free(dossier);
  free(p);
  free(gone);
  free(s);
  free(d);
}
END_TEST

START_TEST(indicator_plan_and_assessment_items_carry_their_etag)
{
  char *d = make_district("LE-D2", "Huyện Phiên Bản Hai", "Tỉnh T");
  char *s = make_school(d, "LE-S3", "Trường Phiên Bản");
  char body[512], list[160], item[160], *raw = NULL;
  http_resp *r = http("POST", "/v1/indicators", admin_token,
                      "{\"code\":\"LE_ETAG\",\"name_vi\":\"Chỉ số phiên bản\","
                      "\"name_en\":\"Versioned indicator\",\"source\":\"school_report\","
                      "\"value_type\":\"percent\",\"aggregation\":\"mean\","
                      "\"levels\":[\"primary\"]}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  edit_from_list("/v1/indicators?limit=500", "code", "LE_ETAG", "/v1/indicators/LE_ETAG",
                 "PATCH", "/v1/indicators/LE_ETAG", "{\"name_en\":\"Indicator with a version\"}",
                 "{\"name_en\":\"Another name\"}");
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\","
           "\"target\":100}]}", d);
  char *plan = create_as_admin("/v1/plans", body);
  snprintf(list, sizeof(list), "/v1/plans?district_id=%s", d);
  snprintf(item, sizeof(item), "/v1/plans/%s", plan);
  /* the list passes PostgreSQL's numeric(5,2) on (100.00), the GET writes 100.0: the item's
   * etag is still the GET's */
  json_decref(list_item(list, "id", plan, &raw));
  ck_assert_ptr_nonnull(strstr(raw, "\"target\":100.00"));
  free(raw);
  r = http("GET", item, admin_token, NULL, NULL);
  ck_assert_ptr_nonnull(strstr(r->body, "\"target\":100.0}"));
  http_free(r);
  edit_from_list(list, "id", plan, item, "PATCH", item, "{\"title\":\"Kế hoạch đã sửa\"}",
                 "{\"title\":\"Kế hoạch khác\"}");
  char *a = NULL;
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":2024}", s);
  a = create_as_admin("/v1/assessments", body);
  snprintf(list, sizeof(list), "/v1/assessments?district_id=%s", d);
  snprintf(item, sizeof(item), "/v1/assessments/%s", a);
  char answers[160];
  snprintf(answers, sizeof(answers), "/v1/assessments/%s/answers", a);
  edit_from_list(list, "id", a, item, "PUT", answers,
                 "{\"answers\":{\"T1\":{\"met\":true},\"T3.1\":{\"points\":6}}}",
                 "{\"answers\":{\"T1\":{\"met\":false}}}");
  /* a move takes it too */
  snprintf(answers, sizeof(answers), "/v1/assessments/%s/submit", a);
  char *etag = item_etag(list, "id", a, item);
  write_if_match("POST", answers, NULL, etag, 200);
  free(etag);
  free(a);
  free(plan);
  free(s);
  free(d);
}
END_TEST

START_TEST(org_unit_and_framework_items_carry_their_etag)
{
  http_resp *r = http("PUT", "/v1/org-units/LE91", admin_token,
                      "{\"name\":\"Tỉnh Phiên Bản\",\"level\":\"province\"}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  edit_from_list("/v1/org-units?level=province&limit=500", "code", "LE91", "/v1/org-units/LE91",
                 "PUT", "/v1/org-units/LE91", "{\"name\":\"Tỉnh Phiên Bản Mới\",\"level\":\"province\"}",
                 "{\"name\":\"Tỉnh Khác\",\"level\":\"province\"}");
  const char *fw =
    "{\"title_vi\":\"Khung phiên bản\",\"title_en\":\"Versioned framework\",\"provisional\":true,"
    "\"groups\":[{\"code\":\"G\",\"title_vi\":\"Nhóm\",\"title_en\":\"Group\",\"criteria\":["
    "{\"code\":\"G1\",\"title_vi\":\"Điểm\",\"title_en\":\"Points\",\"mandatory\":false,"
    "\"max_points\":40}]}],\"level_bands\":{\"level2_min_percent\":50,"
    "\"level3_above_percent\":75},\"mandatory_unmet_max_level\":null}";
  r = http("PUT", "/v1/frameworks/LEFW", admin_token, fw, NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  /* a PUT adds a version, which the list and GET then show: the old etag is stale */
  edit_from_list("/v1/frameworks?limit=500", "code", "LEFW", "/v1/frameworks/LEFW", "PUT",
                 "/v1/frameworks/LEFW", fw, fw);
}
END_TEST

START_TEST(single_reads_report_values_and_csv_carry_no_etag)
{
  char *d = make_district("LE-D3", "Huyện Không Phiên Bản", "Tỉnh T");
  char *s = make_school(d, "LE-S4", "Trường Báo Cáo"), path[160];
  http_resp *r = http("PUT", "/v1/schools/code:LE-S4/reports/2024", admin_token,
                      "{\"values\":{\"BROADBAND_CONNECTED\":true}}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* report values are not what If-Match names (a school's report of a year is) */
  snprintf(path, sizeof(path), "/v1/reports?district_id=%s&year=2024", d);
  json_t *value = list_item(path, "indicator", "BROADBAND_CONNECTED", NULL);
  ck_assert_ptr_null(json_object_get(value, "etag"));
  json_decref(value);
  snprintf(path, sizeof(path), "/v1/schools/%s", s);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_ptr_null(json_object_get(r->json, "etag"));
  http_free(r);
  /* the CSV keeps its columns */
  snprintf(path, sizeof(path), "/v1/schools.csv?district_id=%s&limit=10", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_null(strstr(r->body, "etag"));
  ck_assert_ptr_null(strstr(r->body, "\"\"\""));
  http_free(r);
  free(s);
  free(d);
}
END_TEST

Suite *list_etags_suite(void)
{
  Suite *s = suite_create("list_etags");
  TCase *tc = tcase_create("an edit from a list");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, district_school_procedure_and_dossier_items_carry_their_etag);
  tcase_add_test(tc, indicator_plan_and_assessment_items_carry_their_etag);
  tcase_add_test(tc, org_unit_and_framework_items_carry_their_etag);
  tcase_add_test(tc, single_reads_report_values_and_csv_carry_no_etag);
  suite_add_tcase(s, tc);
  return s;
}
