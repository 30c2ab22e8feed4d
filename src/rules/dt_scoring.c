/* dt_scoring.c — 4725 scoring, answers, frameworks and workflow (see dt_scoring.h). Points are
 * kept in hundredths so that band edges compare exactly (50 points is level 2, 75 is level 2;
 * the same at 50 % and 75 % in versions with bands in percent). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "src/rules/dt_scoring.h"
#include "src/rules/fields.h"
#include "src/rules/progress_rules.h"
#include "src/rules/validate.h"

const edx_field edx_assessment_fields[] = {
  {.name = "school_id", .kind = EDX_FIELD_UUID, .required = 1},
  {.name = "year", .kind = EDX_FIELD_INT, .required = 1, .min = EDX_YEAR_MIN, .max = EDX_YEAR_MAX},
  {.name = "framework", .kind = EDX_FIELD_STRING, .min = 1, .max = 32, .check = edx_is_code,
   .check_message = "must be a framework code"},
  {NULL},
};

const edx_field edx_framework_fields[] = {
  {.name = "title_vi", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 300},
  {.name = "title_en", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 300},
  {.name = "provisional", .kind = EDX_FIELD_BOOL},
  {.name = "groups", .kind = EDX_FIELD_ARRAY, .required = 1, .max = 20},
  {.name = "mandatory_unmet_max_level", .kind = EDX_FIELD_INT, .nullable = 1, .min = 1, .max = 3},
  {NULL},
};

const char *const edx_assessment_states[] = {"draft", "submitted", "returned", "approved",
                                             "externally_assessed", "recognized", NULL};

static long long to_h(const json_t *v)
{
  return llround(json_number_value(v) * 100);
}

/* The criterion named code, and its group, or NULL. */
static const json_t *find_criterion(const json_t *fw, const char *code)
{
  size_t i, k;
  json_t *g, *c;
  json_array_foreach(json_object_get(fw, "groups"), i, g)
    json_array_foreach(json_object_get(g, "criteria"), k, c)
      if (strcmp(json_string_value(json_object_get(c, "code")), code) == 0)
        return c;
  return NULL;
}

/* A group's level from its points and maximum (hundredths): bands in points of the group, the
 * rule of Decision 4725 (below 50 level 1, 50 to 75 level 2, above 75 level 3, whatever the
 * group's maximum: with the provisional management group summing to 90, 46 points are level 1,
 * not the 51.1 % of level 2), or, in framework versions written before, in percent of the
 * group's maximum. */
static int band_level(long long points_h, long long max_h, const json_t *bands)
{
  if (json_object_get(bands, "level2_min_points")) {
    long long l2 = to_h(json_object_get(bands, "level2_min_points"));
    long long l3 = to_h(json_object_get(bands, "level3_above_points"));
    if (points_h < l2)
      return 1;
    return points_h > l3 ? 3 : 2;
  }
  long long l2 = to_h(json_object_get(bands, "level2_min_percent"));
  long long l3 = to_h(json_object_get(bands, "level3_above_percent"));
  /* percent = points / max × 100; compare points·100·100 with band·max, in hundredths */
  if (points_h * 10000 < l2 * max_h)
    return 1;
  return points_h * 10000 > l3 * max_h ? 3 : 2;
}

json_t *edx_dt_score(const json_t *fw, const json_t *answers)
{
  json_t *groups = json_object(), *unmet = json_array(), *g, *c;
  const json_t *cap = json_object_get(fw, "mandatory_unmet_max_level");
  int level = 3;
  size_t i, k;
  json_array_foreach(json_object_get(fw, "groups"), i, g) {
    long long points_h = 0, max_h = 0;
    int glevel;
    json_array_foreach(json_object_get(g, "criteria"), k, c) {
      const char *code = json_string_value(json_object_get(c, "code"));
      const json_t *a = json_object_get(answers, code);
      if (json_is_true(json_object_get(c, "mandatory"))) {
        if (!json_is_true(json_object_get(a, "met")))
          json_array_append_new(unmet, json_string(code));
        continue;
      }
      max_h += to_h(json_object_get(c, "max_points"));
      points_h += json_is_number(json_object_get(a, "points")) ? to_h(json_object_get(a, "points"))
                                                                : 0;
    }
    glevel = max_h > 0 ? band_level(points_h, max_h, json_object_get(fw, "level_bands")) : 1;
    level = glevel < level ? glevel : level;
    json_object_set_new(groups, json_string_value(json_object_get(g, "code")),
                        json_pack("{s:f,s:f,s:f,s:i}", "points", (double)points_h / 100.0,
                                  "max_points", (double)max_h / 100.0, "percent",
                                  max_h ? (double)edx_pct_round_h(100 * points_h, max_h) / 100.0
                                        : 0.0,
                                  "level", glevel));
  }
  if (json_array_size(unmet) > 0 && json_is_integer(cap) && json_integer_value(cap) < level)
    level = (int)json_integer_value(cap);
  return json_pack("{s:o,s:o,s:i}", "group_scores", groups, "mandatory_unmet", unmet, "level",
                   level);
}

/* Checks one answer; returns problems added. */
static int check_answer(const json_t *c, const json_t *a, const char *field, json_t *errors)
{
  int mandatory = json_is_true(json_object_get(c, "mandatory"));
  const char *key;
  json_t *v;
  if (!json_is_object(a)) {
    edx_errors_add(errors, field, "must be {\"%s\": ..., \"evidence_url\", \"note\"}",
                   mandatory ? "met" : "points");
    return 1;
  }
  json_object_foreach((json_t *)a, key, v) {
    int ok = strcmp(key, mandatory ? "met" : "points") == 0 || !strcmp(key, "evidence_url") ||
             !strcmp(key, "note");
    if (!ok) {
      edx_errors_add(errors, field, "'%s' does not apply: a %s criterion takes \"%s\"", key,
                     mandatory ? "mandatory" : "scored", mandatory ? "met" : "points");
      return 1;
    }
  }
  v = json_object_get(a, mandatory ? "met" : "points");
  if (mandatory && !json_is_boolean(v)) {
    edx_errors_add(errors, field, "met must be true or false");
    return 1;
  }
  if (!mandatory) {
    double p = json_number_value(v), max = json_number_value(json_object_get(c, "max_points"));
    if (!json_is_number(v) || p < 0 || p > max || fabs(p * 100 - round(p * 100)) > 1e-6) {
      edx_errors_add(errors, field, "points must be a number from 0 to %g (the criterion's "
                     "maximum), with at most 2 decimals", max);
      return 1;
    }
  }
  v = json_object_get(a, "evidence_url");
  if (v && !json_is_null(v) && (!json_is_string(v) || !edx_is_http_url(json_string_value(v), 500))) {
    edx_errors_add(errors, field, "evidence_url must be an http(s) address of at most 500 characters");
    return 1;
  }
  v = json_object_get(a, "note");
  if (v && !json_is_null(v) && (!json_is_string(v) || edx_utf8_length(json_string_value(v)) < 0 ||
                                edx_utf8_length(json_string_value(v)) > 1000)) {
    edx_errors_add(errors, field, "note must be text of at most 1000 characters");
    return 1;
  }
  return 0;
}

int edx_dt_answers_check(const json_t *fw, const json_t *answers, const char *prefix,
                         int allow_null, json_t *errors)
{
  const char *code;
  json_t *a;
  int problems = 0;
  json_object_foreach((json_t *)answers, code, a) {
    char field[96];
    const json_t *c = find_criterion(fw, code);
    snprintf(field, sizeof(field), "%s.%s", prefix, code);
    if (!c) {
      edx_errors_add(errors, field, "no such criterion in this framework");
      problems++;
    } else if (!(json_is_null(a) && allow_null)) {
      problems += check_answer(c, a, field, errors);
    }
  }
  return problems;
}

/* Checks one group's criteria; returns its maximum in hundredths (problems appended). */
static long long check_group(json_t *g, size_t gi, json_t *seen, int *problems, json_t *errors)
{
  long long max_h = 0;
  size_t k;
  json_t *c;
  char field[80];
  json_array_foreach(json_object_get(g, "criteria"), k, c) {
    const char *code = json_string_value(json_object_get(c, "code"));
    const json_t *mp = json_object_get(c, "max_points");
    int mandatory = json_is_true(json_object_get(c, "mandatory"));
    snprintf(field, sizeof(field), "groups[%zu].criteria[%zu]", gi, k);
    if (!json_is_object(c) || !code || !edx_is_code(code) || json_object_get(seen, code) ||
        !json_is_string(json_object_get(c, "title_vi")) ||
        !json_is_string(json_object_get(c, "title_en")) ||
        !json_is_boolean(json_object_get(c, "mandatory"))) {
      edx_errors_add(errors, field, "needs a unique code (1 to 32 letters, digits, '-', '_', '.'),"
                     " title_vi, title_en and mandatory (true or false)");
      (*problems)++;
      continue;
    }
    json_object_set_new(seen, code, json_true());
    if (mandatory ? !json_is_null(mp) && mp != NULL
                  : !json_is_number(mp) || json_number_value(mp) <= 0) {
      snprintf(field, sizeof(field), "groups[%zu].criteria[%zu].max_points", gi, k);
      edx_errors_add(errors, field, mandatory ? "must be null for a mandatory criterion"
                                              : "must be a number above 0");
      (*problems)++;
      continue;
    }
    max_h += mandatory ? 0 : to_h(mp);
  }
  return max_h;
}

/* Two numbers named low and high with 0 < low <= high (and high < below, when below > 0). */
static int band_pair(const json_t *bands, const char *low, const char *high, double below)
{
  const json_t *a = json_object_get(bands, low), *b = json_object_get(bands, high);
  double l2 = json_number_value(a), l3 = json_number_value(b);
  return json_is_number(a) && json_is_number(b) && l2 > 0 && l3 >= l2 && (below <= 0 || l3 < below);
}

/* Level bands in points of a group, or in percent of its maximum; one form, nothing else. */
static int bands_ok(const json_t *bands)
{
  if (!json_is_object(bands) || json_object_size(bands) != 2)
    return 0;
  return band_pair(bands, "level2_min_points", "level3_above_points", 0) ||
         band_pair(bands, "level2_min_percent", "level3_above_percent", 100);
}

/* 1, 2 and 3, each {"vi", "en"} of 1 to 100 characters; or null (no names). */
static int level_names_ok(const json_t *names)
{
  static const char *const levels[] = {"1", "2", "3"};
  if (!json_is_object(names))
    return names == NULL || json_typeof(names) == JSON_NULL;
  if (json_object_size(names) != 3)
    return 0;
  for (int i = 0; i < 3; i++) {
    const json_t *n = json_object_get(names, levels[i]);
    const char *vi = json_string_value(json_object_get(n, "vi"));
    const char *en = json_string_value(json_object_get(n, "en"));
    if (!json_is_object(n) || json_object_size(n) != 2 || !vi || !en ||
        edx_utf8_length(vi) < 1 || edx_utf8_length(vi) > 100 || edx_utf8_length(en) < 1 ||
        edx_utf8_length(en) > 100)
      return 0;
  }
  return 1;
}

int edx_dt_framework_check(json_t *fw, json_t *errors)
{
  json_t *seen = json_object(), *g, *bands = json_object_get(fw, "level_bands");
  const json_t *cap = json_object_get(fw, "mandatory_unmet_max_level");
  int problems = 0;
  size_t i;
  if (!json_is_array(json_object_get(fw, "groups")) ||
      json_array_size(json_object_get(fw, "groups")) == 0) {
    edx_errors_add(errors, "groups", "must be a non-empty array of groups");
    problems++;
  }
  json_array_foreach(json_object_get(fw, "groups"), i, g) {
    char field[48];
    const char *code = json_string_value(json_object_get(g, "code"));
    long long max_h;
    snprintf(field, sizeof(field), "groups[%zu]", i);
    if (!json_is_object(g) || !code || !edx_is_code(code) || json_object_get(seen, code) ||
        !json_is_string(json_object_get(g, "title_vi")) ||
        !json_is_string(json_object_get(g, "title_en")) ||
        !json_is_array(json_object_get(g, "criteria"))) {
      edx_errors_add(errors, field, "needs a unique code, title_vi, title_en and criteria");
      problems++;
      continue;
    }
    json_object_set_new(seen, code, json_true());
    max_h = check_group(g, i, seen, &problems, errors);
    if (max_h == 0) {
      edx_errors_add(errors, field, "needs at least one scored criterion");
      problems++;
    }
    json_object_set_new(g, "max_points", json_real((double)max_h / 100.0));
  }
  if (!bands_ok(bands)) {
    edx_errors_add(errors, "level_bands", "must be {\"level2_min_points\", "
                   "\"level3_above_points\"} with 0 < level2_min_points <= level3_above_points "
                   "(points of a group), or {\"level2_min_percent\", \"level3_above_percent\"} "
                   "with 0 < level2_min_percent <= level3_above_percent < 100 (percent of a "
                   "group's maximum)");
    problems++;
  }
  if (!level_names_ok(json_object_get(fw, "level_names"))) {
    edx_errors_add(errors, "level_names", "must be null or {\"1\", \"2\", \"3\"}, each "
                   "{\"vi\", \"en\"} of 1 to 100 characters");
    problems++;
  }
  if (cap && !json_is_null(cap) &&
      (!json_is_integer(cap) || json_integer_value(cap) < 1 || json_integer_value(cap) > 3)) {
    edx_errors_add(errors, "mandatory_unmet_max_level", "must be 1, 2, 3 or null");
    problems++;
  }
  json_decref(seen);
  return problems;
}

const char *edx_dt_next_state(const char *move, const char *state)
{
  static const struct { const char *move, *from, *to; } moves[] = {
    {"submit", "draft", "submitted"},       {"submit", "returned", "submitted"},
    {"return", "submitted", "returned"},    {"approve", "submitted", "approved"},
    {"external", "approved", "externally_assessed"},
    {"recognize", "externally_assessed", "recognized"},
  };
  for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
    if (strcmp(moves[i].move, move) == 0 && strcmp(moves[i].from, state) == 0)
      return moves[i].to;
  return NULL;
}

const char *const edx_assessment_csv_columns[] = {"id", "school_id", "district_id", "year", "state",
                                                  "self_level", "external_level",
                                                  "recognized_level", "decision_ref",
                                                  "submitted_at", "recognized_at", NULL};
