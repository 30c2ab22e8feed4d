/* test_dt_scoring.c — 4725 scoring from framework data with hand-computed cases: band edges at
 * 49/50/75/76 % and at 49/50/75/76 points of a 90-point group, groups in different bands, an unmet mandatory condition, a group maximum that is
 * not 100, answers checks, framework checks, criteria answered by items (points the sum of the
 * items', the 49/50/75/76 edges reached through items, the item problems named), and the
 * workflow's legal moves. */
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
  /* evidence files: distinct file ids, on scored and mandatory criteria alike */
  json_t *files = json_loads("{\"A0\":{\"met\":true,\"evidence_files\":[\"5b1c7e2a-9d3f-4e8a-"
                             "b6c1-2f4d8e9a0b7c\"]},\"A1\":{\"points\":6,\"evidence_files\":null}}",
                             0, NULL);
  json_array_clear(errors);
  ck_assert_int_eq(edx_dt_answers_check(fw, files, "answers", 1, errors), 0);
  json_decref(files);
  files = json_loads("{\"A0\":{\"met\":true,\"evidence_files\":[\"x\"]},\"A1\":{\"points\":6,"
                     "\"evidence_files\":[\"5b1c7e2a-9d3f-4e8a-b6c1-2f4d8e9a0b7c\","
                     "\"5b1c7e2a-9d3f-4e8a-b6c1-2f4d8e9a0b7c\"]},\"A2\":{\"points\":1,"
                     "\"evidence_files\":{}}}", 0, NULL);
  ck_assert_int_eq(edx_dt_answers_check(fw, files, "answers", 1, errors), 3);
  json_decref(files);
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

/* The framework with B1 (max 90) made of items B1.1 (max 50) and B1.2 (max 40), bands in points
 * of the group. */
static json_t *framework_with_items(void)
{
  json_t *fw = framework();
  json_t *b1 = json_array_get(json_object_get(json_array_get(json_object_get(fw, "groups"), 1),
                                              "criteria"), 0);
  json_object_set_new(b1, "items", json_loads("[{\"code\":\"B1.1\",\"max_points\":50},"
                                              "{\"code\":\"B1.2\",\"max_points\":40}]", 0,
                                              NULL));
  json_object_set_new(fw, "level_bands",
                      json_pack("{s:i,s:i}", "level2_min_points", 50, "level3_above_points", 75));
  return fw;
}

/* Scores B1 answered by items (x < 0: the item left out); returns the result. */
static json_t *score_items(double b11, double b12)
{
  json_t *fw = framework_with_items(), *items = json_object(), *answers, *r;
  if (b11 >= 0)
    json_object_set_new(items, "B1.1", json_pack("{s:f}", "points", b11));
  if (b12 >= 0)
    json_object_set_new(items, "B1.2", json_pack("{s:f}", "points", b12));
  answers = json_pack("{s:{s:b},s:{s:f},s:{s:f},s:{s:o}}", "A0", "met", 1, "A1", "points", 40.0,
                      "A2", "points", 60.0, "B1", "items", items);
  r = edx_dt_score(fw, answers);
  json_decref(answers);
  json_decref(fw);
  return r;
}

static double group_points(json_t *r, const char *g)
{
  return json_number_value(json_object_get(json_object_get(json_object_get(r, "group_scores"), g),
                                           "points"));
}

START_TEST(criterion_points_are_the_sum_of_its_items)
{
  /* B (max 90) = B1 = B1.1 + B1.2, bands in points: 30 + 19 = 49 → 1, 30 + 20 = 50 → 2,
   * 50 + 25 = 75 → 2, 50 + 26 = 76 → 3, 50 + 25.01 = 75.01 → 3, 40 + 6 = 46 → 1 (the issue's
   * M = 46), 50 + 18 = 68 → 2; B1.1 alone at 50 (B1.2 left out, 0) → 50 → 2; nothing → 0 → 1 */
  static const struct { double b11, b12, points; int level; } cases[] = {
    {30, 19, 49, 1}, {30, 20, 50, 2}, {50, 25, 75, 2}, {50, 26, 76, 3}, {50, 25.01, 75.01, 3},
    {40, 6, 46, 1}, {50, 18, 68, 2}, {50, -1, 50, 2}, {-1, -1, 0, 1}, {50, 40, 90, 3}};
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    json_t *r = score_items(cases[i].b11, cases[i].b12);
    ck_assert_msg(group_level(r, "B") == cases[i].level, "B1.1=%g B1.2=%g", cases[i].b11,
                  cases[i].b12);
    ck_assert_double_eq_tol(group_points(r, "B"), cases[i].points, 0.001);
    /* A = 100 → 3, so the school's level is B's */
    ck_assert_int_eq(json_integer_value(json_object_get(r, "level")), cases[i].level);
    json_decref(r);
  }
}
END_TEST

/* The fields edx_dt_answers_check names for answers (a JSON text), joined by spaces. */
static void check_fields(const char *answers_text, int allow_null, const char *expected)
{
  json_t *fw = framework_with_items(), *errors = json_array(), *e;
  json_t *answers = json_loads(answers_text, 0, NULL);
  char got[512] = "";
  size_t i;
  int n;
  ck_assert_ptr_nonnull(answers);
  n = edx_dt_answers_check(fw, answers, "answers", allow_null, errors);
  json_array_foreach(errors, i, e) {
    strcat(got, i ? " " : "");
    strcat(got, json_string_value(json_object_get(e, "field")));
  }
  ck_assert_msg(strcmp(got, expected) == 0, "%s: got '%s', expected '%s'", answers_text, got,
                expected);
  ck_assert_int_eq(n, (int)json_array_size(errors));
  json_decref(answers);
  json_decref(errors);
  json_decref(fw);
}

START_TEST(item_answers_are_checked)
{
  /* by items, some left out, with a note; or as a whole */
  check_fields("{\"B1\":{\"items\":{\"B1.1\":{\"points\":50},\"B1.2\":{\"points\":0.5,"
               "\"note\":\"x\"}},\"note\":\"y\"}}", 0, "");
  check_fields("{\"B1\":{\"items\":{\"B1.2\":{\"points\":40}}}}", 0, "");
  check_fields("{\"B1\":{\"items\":{}}}", 0, "");
  check_fields("{\"B1\":{\"points\":90}}", 0, "");
  /* above an item's maximum (40, though under the criterion's 90), unknown items, both forms */
  check_fields("{\"B1\":{\"items\":{\"B1.2\":{\"points\":41},\"B1.9\":{\"points\":1},"
               "\"A1\":{\"points\":1}}}}", 0, "answers.B1.items.B1.2 answers.B1.items.B1.9 "
               "answers.B1.items.A1");
  check_fields("{\"B1\":{\"points\":10,\"items\":{\"B1.1\":{\"points\":10}}}}", 0,
               "answers.B1");
  /* an item answered at the top, as if a criterion; items of a criterion that has none */
  check_fields("{\"B1.1\":{\"points\":1},\"A1\":{\"items\":{\"A1.1\":{\"points\":1}}}}", 0,
               "answers.B1.1 answers.A1.items");
  /* neither points nor items; an item's answer that is not {points}; negative, 3 decimals */
  check_fields("{\"B1\":{\"note\":\"x\"}}", 0, "answers.B1");
  check_fields("{\"B1\":{\"items\":{\"B1.1\":5,\"B1.2\":{\"met\":true}}}}", 0,
               "answers.B1.items.B1.1 answers.B1.items.B1.2");
  check_fields("{\"B1\":{\"items\":{\"B1.1\":{\"points\":-1},\"B1.2\":{\"points\":1.005}}}}",
               0, "answers.B1.items.B1.1 answers.B1.items.B1.2");
  check_fields("{\"B1\":{\"items\":[1]}}", 0, "answers.B1.items");
  check_fields("{\"B1\":null}", 1, "");
}
END_TEST

START_TEST(framework_items_are_checked)
{
  json_t *errors = json_array();
  json_t *fw = json_loads("{\"groups\":[{\"code\":\"A\",\"title_vi\":\"a\",\"title_en\":\"a\","
                          "\"criteria\":[{\"code\":\"A1\",\"title_vi\":\"x\",\"title_en\":\"x\","
                          "\"mandatory\":false,\"max_points\":20,\"items\":["
                          "{\"code\":\"A1.1\",\"title_vi\":\"x\",\"title_en\":\"x\",\"max_points\":15},"
                          "{\"code\":\"A1.2\",\"title_vi\":\"x\",\"title_en\":\"x\",\"max_points\":5}]},"
                          "{\"code\":\"A2\",\"title_vi\":\"x\",\"title_en\":\"x\",\"mandatory\":true,"
                          "\"max_points\":null}]}],"
                          "\"level_bands\":{\"level2_min_points\":50,\"level3_above_points\":75}}",
                          0, NULL);
  json_t *a1 = json_array_get(json_object_get(json_array_get(json_object_get(fw, "groups"), 0),
                                              "criteria"), 0);
  json_t *items = json_object_get(a1, "items"), *a12 = json_array_get(items, 1);
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 0);
  /* 15 + 4 is not the criterion's 20 */
  json_object_set_new(a12, "max_points", json_integer(4));
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")),
                   "groups[0].criteria[0].items");
  json_object_set_new(a12, "max_points", json_integer(5));
  /* an item code used twice, or the code of a criterion */
  json_object_set_new(a12, "code", json_string("A1.1"));
  json_array_clear(errors);
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")),
                   "groups[0].criteria[0].items[1]");
  json_object_set_new(a12, "code", json_string("A2"));
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1);
  json_object_set_new(a12, "code", json_string("A1.2"));
  /* a field an item does not have; no items at all; items on a mandatory criterion */
  json_object_set_new(a12, "points", json_integer(1));
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1);
  json_object_del(a12, "points");
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 0);
  json_incref(items); /* a1 lets it go next; it moves to the mandatory criterion after */
  json_object_set_new(a1, "items", json_array());
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1);
  json_object_set_new(json_array_get(json_object_get(json_array_get(json_object_get(fw, "groups"),
                                                                    0), "criteria"), 1),
                      "items", items);
  json_object_del(a1, "items");
  json_array_clear(errors);
  ck_assert_int_eq(edx_dt_framework_check(fw, errors), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")),
                   "groups[0].criteria[1].items");
  json_decref(fw);
  json_decref(errors);
}
END_TEST

START_TEST(points_thresholds_parse)
{
  double v = -1;
  ck_assert_int_eq(edx_dt_parse_points("5", &v), 0);
  ck_assert_double_eq(v, 5);
  ck_assert_int_eq(edx_dt_parse_points("0.25", &v), 0);
  ck_assert_double_eq_tol(v, 0.25, 1e-9);
  ck_assert_int_eq(edx_dt_parse_points("1000", &v), 0);
  static const char *const bad[] = {"", "-1", "1.", ".5", "1.234", "1e2", "0x10", "inf", "nan",
                                    "1001", "5 ", " 5", "1,5", "10000"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    ck_assert_msg(edx_dt_parse_points(bad[i], &v) == -1, "'%s'", bad[i]);
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
  tcase_add_test(tc, criterion_points_are_the_sum_of_its_items);
  tcase_add_test(tc, item_answers_are_checked);
  tcase_add_test(tc, framework_items_are_checked);
  tcase_add_test(tc, points_thresholds_parse);
  tcase_add_test(tc, workflow_moves);
  suite_add_tcase(s, tc);
  return s;
}
