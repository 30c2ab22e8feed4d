/* dt_scoring.c — 4725 scoring, answers (as a whole or by items), frameworks and workflow (see
 * dt_scoring.h). Points are kept in hundredths so that band edges compare exactly (50 points is
 * level 2, 75 is level 2; the same at 50 % and 75 % in versions with bands in percent). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/dt_scoring.h"
#include "src/rules/fields.h"
#include "src/rules/file_rules.h"
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

/* A scored criterion's answer in hundredths: the sum of its items' points when it is answered
 * by items (an item left out counts 0), else its points as a whole, else 0. */
static long long answer_points_h(const json_t *a)
{
  const json_t *items = json_object_get(a, "items");
  const char *code;
  json_t *v;
  long long sum = 0;
  if (!json_is_object(items))
    return json_is_number(json_object_get(a, "points")) ? to_h(json_object_get(a, "points")) : 0;
  json_object_foreach((json_t *)items, code, v)
    if (json_is_number(json_object_get(v, "points")))
      sum += to_h(json_object_get(v, "points"));
  return sum;
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
      points_h += answer_points_h(a);
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

/* points (a number from 0 to max with at most 2 decimals) of whose ("criterion" or "item");
 * returns problems added. */
static int check_points(const json_t *v, const json_t *max_points, const char *whose,
                        const char *field, json_t *errors)
{
  double p = json_number_value(v), max = json_number_value(max_points);
  if (json_is_number(v) && p >= 0 && p <= max && fabs(p * 100 - round(p * 100)) <= 1e-6)
    return 0;
  edx_errors_add(errors, field, "points must be a number from 0 to %g (the %s's maximum), with at "
                 "most 2 decimals", max, whose);
  return 1;
}

/* An answer's evidence_url and note; returns problems added. */
static int check_extras(const json_t *a, const char *field, json_t *errors)
{
  const json_t *v = json_object_get(a, "evidence_url");
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
  v = json_object_get(a, "evidence_files");
  if (v && !edx_evidence_files_ok(v)) {
    edx_errors_add(errors, field, "evidence_files must be an array of at most %d distinct file "
                   "ids", EDX_EVIDENCE_FILES_MAX);
    return 1;
  }
  return 0;
}

/* The item named code among a criterion's items, or NULL. */
static const json_t *find_item(const json_t *c, const char *code)
{
  size_t i;
  json_t *item;
  json_array_foreach(json_object_get(c, "items"), i, item)
    if (strcmp(json_string_value(json_object_get(item, "code")), code) == 0)
      return item;
  return NULL;
}

/* One item's answer {"points", "evidence_url", "note"}; returns problems added. */
static int check_item_answer(const json_t *item, const json_t *a, const char *field,
                             json_t *errors)
{
  const char *key;
  json_t *v;
  if (!json_is_object(a)) {
    edx_errors_add(errors, field, "must be {\"points\": ..., \"evidence_url\", \"note\"}");
    return 1;
  }
  json_object_foreach((json_t *)a, key, v)
    if (strcmp(key, "points") != 0 && strcmp(key, "evidence_url") != 0 && strcmp(key, "note") != 0) {
      edx_errors_add(errors, field, "'%s' does not apply: an item takes \"points\"", key);
      return 1;
    }
  if (check_points(json_object_get(a, "points"), json_object_get(item, "max_points"), "item",
                   field, errors))
    return 1;
  return check_extras(a, field, errors);
}

/* A scored criterion answered by items: {"<item>": {...}} of its own items; every bad item is
 * named "<field>.items.<item>". Returns problems added. */
static int check_items_answer(const json_t *c, const json_t *items, const char *field,
                              json_t *errors)
{
  char name[160];
  const char *code;
  json_t *v;
  int problems = 0;
  snprintf(name, sizeof(name), "%s.items", field);
  if (!json_object_get(c, "items")) {
    edx_errors_add(errors, name, "this criterion has no items: answer its points");
    return 1;
  }
  if (!json_is_object(items)) {
    edx_errors_add(errors, name, "must be {\"<item>\": {\"points\": ...}}");
    return 1;
  }
  json_object_foreach((json_t *)items, code, v) {
    const json_t *item = find_item(c, code);
    snprintf(name, sizeof(name), "%s.items.%s", field, code);
    if (!item) {
      edx_errors_add_code(errors, EDX_ERR_NOT_FOUND, name, "no such item in criterion %s",
                     json_string_value(json_object_get(c, "code")));
      problems++;
    } else {
      problems += check_item_answer(item, v, name, errors);
    }
  }
  return problems;
}

/* A scored criterion's answer: points as a whole, or items (a criterion that has them), not
 * both. Returns problems added. */
static int check_scored_answer(const json_t *c, const json_t *a, const char *field,
                               json_t *errors)
{
  const json_t *items = json_object_get(a, "items");
  if (items && json_object_get(a, "points")) {
    edx_errors_add(errors, field, "answered both as a whole (points) and by items: give one");
    return 1;
  }
  if (items)
    return check_items_answer(c, items, field, errors);
  if (json_object_get(c, "items") && !json_object_get(a, "points")) {
    edx_errors_add(errors, field, "give points (the whole criterion) or items (each item's "
                   "points)");
    return 1;
  }
  return check_points(json_object_get(a, "points"), json_object_get(c, "max_points"),
                      "criterion", field, errors);
}

/* Checks one answer; returns problems added. */
static int check_answer(const json_t *c, const json_t *a, const char *field, json_t *errors)
{
  int mandatory = json_is_true(json_object_get(c, "mandatory"));
  const char *key;
  json_t *v;
  if (!json_is_object(a)) {
    edx_errors_add(errors, field,
                   "must be {\"%s\": ..., \"evidence_url\", \"note\", \"evidence_files\"}",
                   mandatory ? "met" : "points");
    return 1;
  }
  json_object_foreach((json_t *)a, key, v) {
    int ok = strcmp(key, mandatory ? "met" : "points") == 0 || !strcmp(key, "evidence_url") ||
             !strcmp(key, "note") || !strcmp(key, "evidence_files") ||
             (!mandatory && !strcmp(key, "items"));
    if (!ok) {
      edx_errors_add(errors, field, "'%s' does not apply: a %s criterion takes \"%s\"", key,
                     mandatory ? "mandatory" : "scored", mandatory ? "met" : "points");
      return 1;
    }
  }
  if (mandatory && !json_is_boolean(json_object_get(a, "met"))) {
    edx_errors_add(errors, field, "met must be true or false");
    return 1;
  }
  if (!mandatory) {
    int problems = check_scored_answer(c, a, field, errors);
    if (problems)
      return problems;
  }
  return check_extras(a, field, errors);
}

/* The criterion that has an item named code, or NULL. */
static const json_t *item_owner(const json_t *fw, const char *code)
{
  size_t i, k;
  json_t *g, *c;
  json_array_foreach(json_object_get(fw, "groups"), i, g)
    json_array_foreach(json_object_get(g, "criteria"), k, c)
      if (find_item(c, code))
        return c;
  return NULL;
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
    if (!c && (c = item_owner(fw, code)) != NULL) {
      edx_errors_add(errors, field, "an item of criterion %s: answer it in %s.%s.items",
                     json_string_value(json_object_get(c, "code")), prefix,
                     json_string_value(json_object_get(c, "code")));
      problems++;
    } else if (!c) {
      edx_errors_add_code(errors, EDX_ERR_NOT_FOUND, field, "no such criterion in this framework");
      problems++;
    } else if (!(json_is_null(a) && allow_null)) {
      problems += check_answer(c, a, field, errors);
    }
  }
  return problems;
}

/* One item of a criterion's items: a unique code (among every code of the framework), titles
 * and max_points above 0. Returns its maximum in hundredths, or -1 after naming the problem. */
static long long check_item(const json_t *item, const char *field, json_t *seen, json_t *errors)
{
  const char *code = json_string_value(json_object_get(item, "code"));
  const json_t *mp = json_object_get(item, "max_points");
  if (!json_is_object(item) || !code || !edx_is_code(code) || json_object_get(seen, code) ||
      !json_is_string(json_object_get(item, "title_vi")) ||
      !json_is_string(json_object_get(item, "title_en")) || !json_is_number(mp) ||
      json_number_value(mp) <= 0 || json_object_size(item) != 4) {
    edx_errors_add(errors, field, "needs a code unique in the framework (1 to 32 letters, digits, "
                   "'-', '_', '.'), title_vi, title_en and max_points above 0, nothing else");
    return -1;
  }
  json_object_set_new(seen, code, json_true());
  return to_h(mp);
}

/* A criterion's items, when it has them: a scored criterion's non-empty array whose max_points
 * add up to the criterion's. Returns problems appended. */
static int check_items(const json_t *c, const char *field, json_t *seen, json_t *errors)
{
  const json_t *items = json_object_get(c, "items");
  char name[112];
  long long sum = 0, max_h;
  int problems = 0;
  size_t j;
  json_t *item;
  if (!items)
    return 0;
  snprintf(name, sizeof(name), "%s.items", field);
  if (json_is_true(json_object_get(c, "mandatory")) || !json_is_array(items) ||
      json_array_size(items) == 0 || json_array_size(items) > 50) {
    edx_errors_add(errors, name, "must be left out, or a scored criterion's array of 1 to 50 "
                   "items");
    return 1;
  }
  json_array_foreach(items, j, item) {
    snprintf(name, sizeof(name), "%s.items[%zu]", field, j);
    max_h = check_item(item, name, seen, errors);
    problems += max_h < 0;
    sum += max_h < 0 ? 0 : max_h;
  }
  max_h = to_h(json_object_get(c, "max_points"));
  if (problems == 0 && sum != max_h) {
    snprintf(name, sizeof(name), "%s.items", field);
    edx_errors_add(errors, name, "the items' max_points add up to %g, not the criterion's %g",
                   (double)sum / 100.0, (double)max_h / 100.0);
    problems++;
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
    snprintf(field, sizeof(field), "groups[%zu].criteria[%zu]", gi, k);
    *problems += check_items(c, field, seen, errors);
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

int edx_dt_parse_points(const char *s, double *out)
{
  const char *dot = strchr(s, '.');
  size_t whole = dot ? (size_t)(dot - s) : strlen(s), decimals = dot ? strlen(dot + 1) : 0;
  if (whole < 1 || whole > 4 || strspn(s, "0123456789") != whole || (dot && decimals < 1) ||
      decimals > 2 || strspn(dot ? dot + 1 : "", "0123456789") != decimals)
    return -1;
  *out = strtod(s, NULL);
  return *out <= 1000 ? 0 : -1;
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

/* status is the last column (issue 15): spreadsheets find the others where they were; state,
 * its deprecated first name, keeps its place until it is removed. */
const char *const edx_assessment_csv_columns[] = {"id", "school_id", "district_id", "year", "state",
                                                  "self_level", "external_level",
                                                  "recognized_level", "decision_ref",
                                                  "submitted_at", "recognized_at", "status", NULL};

const char *const edx_item_answer_csv_columns[] = {"assessment_id", "school_id", "school_code",
                                                   "school_name", "district_id", "year", "state",
                                                   "criterion", "item", "points", "max_points",
                                                   "status", NULL};
