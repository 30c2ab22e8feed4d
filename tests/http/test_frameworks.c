/* test_frameworks.c — frameworks as data: PUT validates and adds a version, earlier versions are
 * kept, and an assessment stays scored by the version it was created with; criteria with items
 * (their maxima adding up to the criterion's, codes unique) and an assessment answered by them. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *frameworks_suite(void);

/* A framework body with one group G: a mandatory G0 and a scored G1 of max points. */
static void body_with_max(char *out, size_t len, int max)
{
  snprintf(out, len,
           "{\"title_vi\":\"Khung thử\",\"title_en\":\"Test framework\",\"provisional\":true,"
           "\"groups\":[{\"code\":\"G\",\"title_vi\":\"Nhóm\",\"title_en\":\"Group\",\"criteria\":["
           "{\"code\":\"G0\",\"title_vi\":\"Bắt buộc\",\"title_en\":\"Mandatory\",\"mandatory\":true,"
           "\"max_points\":null},{\"code\":\"G1\",\"title_vi\":\"Điểm\",\"title_en\":\"Points\","
           "\"mandatory\":false,\"max_points\":%d}]}],\"level_bands\":{\"level2_min_percent\":50,"
           "\"level3_above_percent\":75},\"mandatory_unmet_max_level\":null}", max);
}

START_TEST(versions_are_kept_and_assessments_keep_theirs)
{
  char body[1024], path[128];
  body_with_max(body, sizeof(body), 40);
  http_resp *r = http("PUT", "/v1/frameworks/TESTFW", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  ck_assert_int_eq(JINT(r->json, "version"), 1);
  http_free(r);
  char *d = make_district("FW-D", "Huyện Khung", "Tỉnh T");
  char *s1 = make_school(d, "FW-S1", "Trường Một"), *s2 = make_school(d, "FW-S2", "Trường Hai");
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":2024,\"framework\":\"TESTFW\"}", s1);
  r = http("POST", "/v1/assessments", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  snprintf(path, sizeof(path), "/v1/assessments/%s/answers", JSTR(r->json, "id"));
  http_free(r);
  /* version 2 doubles G1's maximum */
  body_with_max(body, sizeof(body), 80);
  r = http("PUT", "/v1/frameworks/TESTFW", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "version"), 2);
  http_free(r);
  /* the first assessment is still scored out of 40: 30/40 = 75 % → level 2 */
  r = http("PUT", path, admin_token, "{\"answers\":{\"G1\":{\"points\":30}}}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(json_object_get(r->json, "framework"), "version"), 1);
  json_t *g = json_object_get(json_object_get(r->json, "group_scores"), "G");
  ck_assert_double_eq_tol(json_number_value(json_object_get(g, "percent")), 75.0, 0.001);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2); /* G0 unmet but the cap is null */
  http_free(r);
  /* a new one uses version 2, where 45 points are allowed (v1's maximum was 40) */
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":2024,\"framework\":\"TESTFW\"}", s2);
  r = http("POST", "/v1/assessments", admin_token, body, NULL);
  snprintf(path, sizeof(path), "/v1/assessments/%s/answers", JSTR(r->json, "id"));
  ck_assert_int_eq(JINT(json_object_get(r->json, "framework"), "version"), 2);
  http_free(r);
  r = http("PUT", path, admin_token, "{\"answers\":{\"G1\":{\"points\":45,\"note\":\"ghi chú\"}}}",
           NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "self_level"), 2); /* 45/80 = 56.25 % → level 2 */
  http_free(r);
  /* replacing an answer replaces it whole: the note goes */
  r = http("PUT", path, admin_token, "{\"answers\":{\"G1\":{\"points\":20}}}", NULL);
  ck_assert_ptr_null(json_object_get(json_object_get(json_object_get(r->json, "answers"), "G1"),
                                     "note"));
  http_free(r);
  r = http("GET", "/v1/frameworks/TESTFW?version=1", admin_token, NULL, NULL);
  ck_assert_double_eq_tol(json_number_value(json_object_get(json_array_get(json_object_get(
    r->json, "groups"), 0), "max_points")), 40, 0.001);
  http_free(r);
  free(d);
  free(s1);
  free(s2);
}
END_TEST

START_TEST(a_bad_framework_is_refused_whole)
{
  const char *bad = "{\"title_vi\":\"x\",\"title_en\":\"x\",\"groups\":[{\"code\":\"G\","
                    "\"title_vi\":\"n\",\"title_en\":\"n\",\"criteria\":[{\"code\":\"G\","
                    "\"title_vi\":\"a\",\"title_en\":\"a\",\"mandatory\":false,\"max_points\":10},"
                    "{\"code\":\"G2\",\"title_vi\":\"b\",\"title_en\":\"b\",\"mandatory\":false,"
                    "\"max_points\":0}]}],\"level_bands\":{\"level2_min_percent\":80,"
                    "\"level3_above_percent\":60},\"level_names\":{\"1\":{\"vi\":\"Mức 1\","
                    "\"en\":\"\"},\"2\":{\"vi\":\"Mức 2\",\"en\":\"Level 2\"}}}";
  http_resp *r = http("PUT", "/v1/frameworks/BADFW", admin_token, bad, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  /* a criterion coded like its group, a zero maximum, bands out of order, and so no scored
   * criterion left in the group; level names without level 3 and with an empty English one */
  ck_assert(problem_names_field(r, "groups[0].criteria[0]"));
  ck_assert(problem_names_field(r, "groups[0].criteria[1].max_points"));
  ck_assert(problem_names_field(r, "level_bands"));
  ck_assert(problem_names_field(r, "level_names"));
  http_free(r);
  r = http("GET", "/v1/frameworks/BADFW", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  char *d = make_district("FW-D2", "Huyện Khung Hai", "Tỉnh T"), body[200];
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\"}", d);
  http_resp *m = http("POST", "/v1/tokens", admin_token, body, NULL);
  r = http("PUT", "/v1/frameworks/4725", JSTR(m->json, "token"), bad, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  http_free(m);
  free(d);
}
END_TEST

/* A framework body whose scored G1 (max 20) has items G1.1 (max a) and G1.2 (code c2, max b). */
static void body_with_items(char *out, size_t len, int a, const char *c2, int b)
{
  snprintf(out, len,
           "{\"title_vi\":\"Khung mục\",\"title_en\":\"Items framework\",\"groups\":[{\"code\":\"G\","
           "\"title_vi\":\"Nhóm\",\"title_en\":\"Group\",\"criteria\":[{\"code\":\"G1\","
           "\"title_vi\":\"Điểm\",\"title_en\":\"Points\",\"mandatory\":false,\"max_points\":20,"
           "\"items\":[{\"code\":\"G1.1\",\"title_vi\":\"Mục 1\",\"title_en\":\"Item 1\","
           "\"max_points\":%d},{\"code\":\"%s\",\"title_vi\":\"Mục 2\",\"title_en\":\"Item 2\","
           "\"max_points\":%d}]},{\"code\":\"G2\",\"title_vi\":\"Khác\",\"title_en\":\"Other\","
           "\"mandatory\":false,\"max_points\":80}]}],\"level_bands\":{\"level2_min_points\":50,"
           "\"level3_above_points\":75}}", a, c2, b);
}

START_TEST(criteria_with_items)
{
  char body[2048], path[128];
  /* 15 + 4 is not G1's 20; an item coded like a criterion (G2), or like another item */
  body_with_items(body, sizeof(body), 15, "G1.2", 4);
  http_resp *r = http("PUT", "/v1/frameworks/ITEMFW", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "groups[0].criteria[0].items"));
  ck_assert_uint_eq(problem_error_count(r), 1);
  http_free(r);
  /* the code seen second is named: here the criterion G2, after G1's item G2 */
  body_with_items(body, sizeof(body), 15, "G2", 5);
  r = http("PUT", "/v1/frameworks/ITEMFW", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "groups[0].criteria[1]"));
  ck_assert_uint_eq(problem_error_count(r), 1);
  http_free(r);
  body_with_items(body, sizeof(body), 15, "G1.1", 5);
  r = http("PUT", "/v1/frameworks/ITEMFW", admin_token, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "groups[0].criteria[0].items[1]"));
  http_free(r);
  r = http("GET", "/v1/frameworks/ITEMFW", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  /* 15 + 5 = 20: stored, items shown */
  body_with_items(body, sizeof(body), 15, "G1.2", 5);
  r = http("PUT", "/v1/frameworks/ITEMFW", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  json_t *g1 = json_array_get(json_object_get(json_array_get(json_object_get(r->json, "groups"), 0),
                                              "criteria"), 0);
  ck_assert_uint_eq(json_array_size(json_object_get(g1, "items")), 2);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(g1, "items"), 1), "code"), "G1.2");
  http_free(r);
  /* an assessment answered by items: G1 = 15 + 4.5 = 19.5, G2 40 → G 59.5 of 100 → level 2;
   * G2 41 → 60.5; G1.2 above its 5 is refused */
  char *d = make_district("FW-I", "Huyện Mục", "Tỉnh T");
  char *s = make_school(d, "FW-I1", "Trường Mục");
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":2024,\"framework\":\"ITEMFW\"}", s);
  r = http("POST", "/v1/assessments", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  snprintf(path, sizeof(path), "/v1/assessments/%s/answers", JSTR(r->json, "id"));
  http_free(r);
  r = http("PUT", path, admin_token, "{\"answers\":{\"G1\":{\"items\":{\"G1.1\":{\"points\":15},"
           "\"G1.2\":{\"points\":4.5}}},\"G2\":{\"points\":40}}}", NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  json_t *g = json_object_get(json_object_get(r->json, "group_scores"), "G");
  ck_assert_double_eq_tol(json_number_value(json_object_get(g, "points")), 59.5, 0.001);
  ck_assert_int_eq(JINT(g, "level"), 2);
  http_free(r);
  r = http("PUT", path, admin_token, "{\"answers\":{\"G1\":{\"items\":{\"G1.2\":{\"points\":6}}}}}",
           NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "answers.G1.items.G1.2"));
  http_free(r);
  free(d);
  free(s);
}
END_TEST

Suite *frameworks_suite(void)
{
  Suite *s = suite_create("frameworks");
  TCase *tc = tcase_create("versions");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, versions_are_kept_and_assessments_keep_theirs);
  tcase_add_test(tc, a_bad_framework_is_refused_whole);
  tcase_add_test(tc, criteria_with_items);
  suite_add_tcase(s, tc);
  return s;
}
