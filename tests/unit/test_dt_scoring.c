/* test_dt_scoring.c — 4725 scoring from framework data with hand-computed cases: band edges at
 * 49/50/75/76 % and at 49/50/75/76 points of a 90-point group, groups in different bands, an unmet mandatory condition, a group maximum that is
 * not 100, answers checks, framework checks, and the workflow's legal moves. */
#include <check.h>
#include <string.h>
#include "src/rules/dt_scoring.h"

Suite *dt_scoring_suite(void);

/* Group A (max 100): A0 mandatory, A1 max 40, A2 max 60. Group B (max 90): B1 max 90. */
static json_t *framework(void)
{
  return json_loads("{\"groups\":["
                    "{\"code\":\"A\",\"criteria\":[{\"code\":\"A0\",\"mandatory\":true,\"max_points\":null},"
                    "{\"code\":\"A1\",\"mandatory\":false,\"max_points\":40},"
                    "{\"code\":\"A2\",\"mandatory\":false,\"max_points\":60}]},"
                    "{\"code\":\"B\",\"criteria\":[{\"code\":\"B1\",\"mandatory\":false,\"max_points\":90}]}],"
                    "\"level_bands\":{\"level2_min_percent\":50,\"level3_above_percent\":75},"
                    "\"mandatory_unmet_max_level\":1}", 0, NULL);
}

/* Scores A1 + A2 = a points and B1 = b points, with A0 met or not; returns the result. */
static json_t *score(double a, double b, int met)
{
  json_t *fw = framework();
  json_t *answers = json_pack("{s:{s:b},s:{s:f},s:{s:f},s:{s:f}}", "A0", "met", met, "A1", "points",
                              a > 40 ? 40.0 : a, "A2", "points", a > 40 ? a - 40 : 0.0, "B1",
                              "points", b);
  json_t *r = edx_dt_score(fw, answers);
  json_decref(fw);
  json_decref(answers);
  return r;
}

static int group_level(json_t *r, const char *g)
{
  return (int)json_integer_value(json_object_get(json_object_get(json_object_get(r, "group_scores"),
                                                                 g), "level"));
}

START_TEST(band_edges)
{
  /* group A out of 100: 49 → 1, 50 → 2, 75 → 2, 76 → 3 */
  static const struct { double a; int level; } cases[] = {{49, 1}, {50, 2}, {75, 2}, {76, 3},
                                                          {49.99, 1}, {75.01, 3}, {0, 1},
                                                          {100, 3}};
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    json_t *r = score(cases[i].a, 90, 1);
    ck_assert_msg(group_level(r, "A") == cases[i].level, "A=%g", cases[i].a);
    json_decref(r);
  }
}
END_TEST

START_TEST(group_maximum_other_than_100)
{
  /* group B out of 90: 44 = 48.89 % → 1; 45 = 50 % → 2; 67.5 = 75 % → 2; 68 = 75.56 % → 3 */
  json_t *r = score(100, 44, 1);
  ck_assert_int_eq(group_level(r, "B"), 1);
  json_t *b = json_object_get(json_object_get(r, "group_scores"), "B");
  ck_assert_double_eq_tol(json_real_value(json_object_get(b, "percent")), 48.89, 0.001);
  ck_assert_double_eq_tol(json_real_value(json_object_get(b, "max_points")), 90, 0.001);
  json_decref(r);
  r = score(100, 45, 1);
  ck_assert_int_eq(group_level(r, "B"), 2);
  json_decref(r);
  r = score(100, 67.5, 1);
  ck_assert_int_eq(group_level(r, "B"), 2);
  json_decref(r);
  r = score(100, 68, 1);
  ck_assert_int_eq(group_level(r, "B"), 3);
  json_decref(r);
}
END_TEST

/* Group B's level (max 90) for b points with bands in points of the group. */
static int points_band_level(double b)
{
  json_t *fw = framework(), *answers, *r;
  int level;
  json_object_set_new(fw, "level_bands",
                      json_pack("{s:i,s:i}", "level2_min_points", 50, "level3_above_points", 75));
  answers = json_pack("{s:{s:b},s:{s:f},s:{s:f},s:{s:f}}", "A0", "met", 1, "A1", "points", 40.0,
                      "A2", "points", 60.0, "B1", "points", b);
  r = edx_dt_score(fw, answers);
  level = group_level(r, "B");
  json_decref(r);
  json_decref(answers);
  json_decref(fw);
  return level;
}

START_TEST(bands_in_points_of_the_group)
{
  /* Decision 4725's rule in points, with a 90-point group (the provisional management group):
   * 49 → 1, 50 → 2, 75 → 2, 76 → 3; the M = 46 is level 1 (51.1 % of 90 made it 2 with
   * percent bands) and M = 68 level 2 (75.6 % made it 3) */
  static const struct { double b; int level; } cases[] = {{49, 1}, {50, 2}, {75, 2}, {76, 3},
                                                          {49.99, 1}, {75.01, 3}, {46, 1},
                                                          {68, 2}, {0, 1}, {90, 3}};
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
    ck_assert_msg(points_band_level(cases[i].b) == cases[i].level, "B=%g", cases[i].b);
}
END_TEST

START_TEST(school_level_is_the_lower_group_then_the_cap)
{
  json_t *r = score(80, 50, 1); /* A 80 % → 3, B 55.56 % → 2 → school 2 */
  ck_assert_int_eq(json_integer_value(json_object_get(r, "level")), 2);
  ck_assert_uint_eq(json_array_size(json_object_get(r, "mandatory_unmet")), 0);
  json_decref(r);
  r = score(80, 80, 0);         /* both level 3, but A0 unmet → capped at 1 */
  ck_assert_int_eq(group_level(r, "A"), 3);
  ck_assert_int_eq(json_integer_value(json_object_get(r, "level")), 1);
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r, "mandatory_unmet"), 0)),
                   "A0");
  json_decref(r);
  json_t *fw = framework(), *none = json_object();
  json_object_set_new(fw, "mandatory_unmet_max_level", json_null()); /* no cap configured */
  json_t *answers = json_pack("{s:{s:f},s:{s:f},s:{s:f}}", "A1", "points", 40.0, "A2", "points",
                              40.0, "B1", "points", 80.0);
  r = edx_dt_score(fw, answers);
  ck_assert_int_eq(json_integer_value(json_object_get(r, "level")), 3); /* A0 unanswered, no cap */
  json_decref(r);
  r = edx_dt_score(fw, none); /* nothing answered: 0 points */
  ck_assert_int_eq(json_integer_value(json_object_get(r, "level")), 1);
  json_decref(r);
  json_decref(answers);
  json_decref(none);
  json_decref(fw);
}
END_TEST

START_TEST(answers_are_checked_against_the_framework)
{
  json_t *fw = framework(), *errors = json_array();
  json_t *ok = json_loads("{\"A0\":{\"met\":false},\"A1\":{\"points\":40,\"evidence_url\":"
                          "\"https://a.vn/x\",\"note\":\"đủ\"},\"B1\":null}", 0, NULL);
  ck_assert_int_eq(edx_dt_answers_check(fw, ok, "answers", 1, errors), 0);
  ck_assert_int_eq(edx_dt_answers_check(fw, ok, "answers", 0, errors), 1); /* null not allowed */
  json_array_clear(errors);
  json_t *bad = json_loads("{\"A1\":{\"points\":41},\"A2\":{\"points\":-1},\"A0\":{\"points\":1},"
                           "\"B1\":{\"met\":true},\"Z9\":{\"points\":1},\"A1b\":1}", 0, NULL);
  ck_assert_int_eq(edx_dt_answers_check(fw, bad, "answers", 1, errors), 6);
  json_decref(ok);
  json_decref(bad);
  json_decref(errors);
  json_decref(fw);
}
END_TEST

START_TEST(frameworks_are_checked_and_maxima_computed)
{
  json_t *fw = framework(), *errors = json_array();
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 2); /* both groups lack titles */
  json_decref(fw);
  json_array_clear(errors);
  fw = json_loads("{\"groups\":[{\"code\":\"A\",\"title_vi\":\"a\",\"title_en\":\"a\",\"criteria\":["
                  "{\"code\":\"A1\",\"title_vi\":\"x\",\"title_en\":\"x\",\"mandatory\":false,\"max_points\":30},"
                  "{\"code\":\"A2\",\"title_vi\":\"x\",\"title_en\":\"x\",\"mandatory\":true,\"max_points\":null}]}],"
                  "\"level_bands\":{\"level2_min_percent\":50,\"level3_above_percent\":75},"
                  "\"mandatory_unmet_max_level\":1}", 0, NULL);
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 0);
  ck_assert_double_eq_tol(json_number_value(json_object_get(json_array_get(json_object_get(fw,
                          "groups"), 0), "max_points")), 30, 0.001);
  json_object_set_new(json_object_get(fw, "level_bands"), "level3_above_percent", json_integer(40));
  json_object_set_new(fw, "mandatory_unmet_max_level", json_integer(4));
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 2);
  json_object_set_new(fw, "mandatory_unmet_max_level", json_integer(1));
  json_array_clear(errors);
  json_object_set_new(fw, "level_bands",
                      json_pack("{s:i,s:i}", "level2_min_points", 50, "level3_above_points", 75));
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 0); /* points: no upper bound of 100 */
  json_object_set_new(fw, "level_bands",
                      json_pack("{s:i,s:i}", "level2_min_points", 50, "level3_above_percent", 75));
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1); /* the two forms mixed */
  json_object_set_new(fw, "level_bands",
                      json_pack("{s:i,s:i,s:i}", "level2_min_points", 50, "level3_above_points",
                                75, "level2_min_percent", 50));
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1); /* something more */
  json_object_set_new(fw, "level_bands",
                      json_pack("{s:i,s:i}", "level2_min_points", 80, "level3_above_points", 75));
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1); /* upside down */
  json_object_set_new(fw, "level_bands",
                      json_pack("{s:i,s:i}", "level2_min_points", 50, "level3_above_points", 75));
  json_object_set_new(fw, "level_names",
                      json_loads("{\"1\":{\"vi\":\"Mức 1\",\"en\":\"Level 1\"},"
                                 "\"2\":{\"vi\":\"Mức 2\",\"en\":\"Level 2\"},"
                                 "\"3\":{\"vi\":\"Mức 3\",\"en\":\"Level 3\"}}", 0, NULL));
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 0);
  json_object_del(json_object_get(fw, "level_names"), "3");
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1); /* a level without a name */
  json_object_set_new(fw, "level_names", json_null());
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 0); /* no names at all */
  json_decref(fw);
  json_decref(errors);
}
END_TEST

START_TEST(workflow_moves)
{
  ck_assert_str_eq(edx_dt_next_state("submit", "draft"), "submitted");
  ck_assert_str_eq(edx_dt_next_state("submit", "returned"), "submitted");
  ck_assert_str_eq(edx_dt_next_state("return", "submitted"), "returned");
  ck_assert_str_eq(edx_dt_next_state("approve", "submitted"), "approved");
  ck_assert_str_eq(edx_dt_next_state("external", "approved"), "externally_assessed");
  ck_assert_str_eq(edx_dt_next_state("recognize", "externally_assessed"), "recognized");
  ck_assert_ptr_null(edx_dt_next_state("approve", "draft"));
  ck_assert_ptr_null(edx_dt_next_state("recognize", "approved"));
  ck_assert_ptr_null(edx_dt_next_state("submit", "recognized"));
  ck_assert_ptr_null(edx_dt_next_state("external", "submitted"));
  ck_assert_ptr_null(edx_dt_next_state("return", "approved"));
  ck_assert_ptr_null(edx_dt_next_state("fly", "draft"));
}
END_TEST

Suite *dt_scoring_suite(void)
{
  Suite *s = suite_create("dt_scoring");
  TCase *tc = tcase_create("scoring");
  tcase_add_test(tc, band_edges);
  tcase_add_test(tc, group_maximum_other_than_100);
  tcase_add_test(tc, bands_in_points_of_the_group);
  tcase_add_test(tc, school_level_is_the_lower_group_then_the_cap);
  tcase_add_test(tc, answers_are_checked_against_the_framework);
  tcase_add_test(tc, frameworks_are_checked_and_maxima_computed);
  tcase_add_test(tc, workflow_moves);
  suite_add_tcase(s, tc);
  return s;
}
