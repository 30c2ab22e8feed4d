/* indicator_rules.c — indicator coherence and reported values (see indicator_rules.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "src/rules/file_rules.h"
#include "src/rules/indicator_rules.h"
#include "src/rules/school_rules.h"
#include "src/rules/validate.h"

const char *const edx_indicator_sources[] = {"school_report", "office_report", "assessments",
                                             "procedures", "dossiers", NULL};
static const char *const value_types[] = {"percent", "boolean", "fraction", NULL};
static const char *const aggregations[] = {"share", "each_school", "mean", "ratio_of_sums",
                                           "office_value", "computed", NULL};

static int is_indicator_code(const char *s)
{
  size_t n = strlen(s);
  if (n < 1 || n > 64 || s[0] < 'A' || s[0] > 'Z')
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
      return 0;
  return 1;
}

/* The school registry's counts a fraction's denominator may count. */
static const char *const registry_counts[] = {"students", "teachers", "satellite_sites", NULL};
static const char *const period_kinds[] = {"calendar_year", "school_year", NULL};
static const char *const units[] = {"schools", "office", "office_and_schools", NULL};

const edx_field edx_indicator_fields[] = {
  {.name = "code", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 64,
   .check = is_indicator_code,
   .check_message = "must be 1 to 64 capital letters, digits or '_', starting with a letter"},
  {.name = "name_vi", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 300},
  {.name = "name_en", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 300},
  {.name = "category", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 64},
  {.name = "source", .kind = EDX_FIELD_ENUM, .required = 1, .choices = edx_indicator_sources},
  {.name = "value_type", .kind = EDX_FIELD_ENUM, .required = 1, .choices = value_types},
  {.name = "aggregation", .kind = EDX_FIELD_ENUM, .required = 1, .choices = aggregations},
  {.name = "levels", .kind = EDX_FIELD_ENUM_ARRAY, .choices = edx_school_levels},
  {.name = "measure", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 1000},
  {.name = "registry_count", .kind = EDX_FIELD_ENUM, .nullable = 1, .choices = registry_counts},
  {.name = "period_kind", .kind = EDX_FIELD_ENUM, .choices = period_kinds},
  {.name = "units", .kind = EDX_FIELD_ENUM, .choices = units},
  {.name = "jump_warning_points", .kind = EDX_FIELD_INT, .nullable = 1, .min = 1, .max = 100},
  {.name = "created_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "updated_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "version", .kind = EDX_FIELD_INT, .read_only = 1},
  {.name = "version_changed_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = NULL},
};

static int is(const json_t *obj, const char *key, const char *value)
{
  const char *v = json_string_value(json_object_get(obj, key));
  return v && strcmp(v, value) == 0;
}

void edx_indicator_defaults(json_t *ind)
{
  int by_schools = is(ind, "source", "school_report") || is(ind, "source", "assessments");
  if (!json_object_get(ind, "period_kind"))
    json_object_set_new(ind, "period_kind",
                        json_string(by_schools ? "school_year" : "calendar_year"));
  if (!json_object_get(ind, "units"))
    json_object_set_new(ind, "units", json_string(by_schools ? "schools" : "office"));
}

/* Who reports fits the source: schools (or schools and the office) a school_report, the office
 * an office_report, procedures and dossiers; assessments are the schools'. */
static int units_problems(const json_t *ind, json_t *errors)
{
  const char *want = is(ind, "source", "school_report") ? NULL
                     : is(ind, "source", "assessments") ? "schools"
                                                         : "office";
  if (want ? is(ind, "units", want) : !is(ind, "units", "office"))
    return 0;
  if (want)
    edx_errors_add(errors, "units", "must be %s for this source", want);
  else
    edx_errors_add(errors, "units", "must be schools or office_and_schools for a school_report "
                   "indicator (an office_report indicator is the office's alone)");
  return 1;
}

int edx_indicator_coherence(const json_t *ind, json_t *errors)
{
  size_t nlevels = json_array_size(json_object_get(ind, "levels"));
  int problems = units_problems(ind, errors);
  if (json_is_integer(json_object_get(ind, "jump_warning_points")) &&
      !(is(ind, "source", "school_report") && !is(ind, "value_type", "boolean")) && ++problems)
    edx_errors_add(errors, "jump_warning_points", "only school-reported percents and fractions "
                   "are compared with the previous period");
  if (is(ind, "source", "school_report")) {
    int ok = (is(ind, "aggregation", "share") && is(ind, "value_type", "boolean")) ||
             ((is(ind, "aggregation", "each_school") || is(ind, "aggregation", "mean")) &&
              is(ind, "value_type", "percent")) ||
             (is(ind, "aggregation", "ratio_of_sums") && is(ind, "value_type", "fraction"));
    if (!ok && ++problems)
      edx_errors_add(errors, "aggregation", "a school_report indicator aggregates booleans by "
                     "share, percents by each_school or mean, fractions by ratio_of_sums");
    if (nlevels == 0 && ++problems)
      edx_errors_add(errors, "levels", "a school_report indicator must name the levels it "
                     "applies to");
    if (json_is_string(json_object_get(ind, "registry_count")) &&
        !is(ind, "value_type", "fraction") && ++problems)
      edx_errors_add(errors, "registry_count", "only a fraction's denominator counts what the "
                     "registry counts");
  } else {
    const char *want = is(ind, "source", "office_report") ? "office_value" : "computed";
    if (!is(ind, "aggregation", want) && ++problems)
      edx_errors_add(errors, "aggregation", "must be %s for this source", want);
    if (!is(ind, "value_type", "percent") && ++problems)
      edx_errors_add(errors, "value_type", "must be percent for this source");
    if (is(ind, "source", "office_report") && nlevels > 0 && ++problems)
      edx_errors_add(errors, "levels", "must be empty for an office_report indicator");
    if (json_is_string(json_object_get(ind, "registry_count")) && ++problems)
      edx_errors_add(errors, "registry_count", "only a school-reported fraction counts what the "
                     "school registry counts");
  }
  return problems;
}

/* Checks the bare value against the value type; fills row. Returns problems added. */
static int check_value(const char *type, const json_t *v, const char *field, json_t *row,
                       json_t *errors)
{
  char text[32];
  if (strcmp(type, "boolean") == 0) {
    if (!json_is_boolean(v)) {
      edx_errors_add(errors, field, "must be true or false");
      return 1;
    }
    json_object_set(row, "value_bool", (json_t *)v);
  } else if (strcmp(type, "percent") == 0) {
    double d = json_number_value(v), h = round(d * 100);
    if (!json_is_number(v) || d < 0 || d > 100 || fabs(d * 100 - h) > 1e-6) {
      edx_errors_add(errors, field, "must be a percent from 0 to 100 with at most 2 decimals");
      return 1;
    }
    snprintf(text, sizeof(text), "%lld.%02lld", (long long)h / 100, (long long)h % 100);
    json_object_set_new(row, "value_num", json_string(text));
  } else {
    const json_t *n = json_object_get(v, "numerator"), *d = json_object_get(v, "denominator");
    if (!json_is_object(v) || json_object_size(v) != 2 || !json_is_integer(n) ||
        !json_is_integer(d) || json_integer_value(n) < 0 ||
        json_integer_value(n) > json_integer_value(d) || json_integer_value(d) > 1000000) {
      edx_errors_add(errors, field, "must be {\"numerator\", \"denominator\"}: integers with "
                     "0 <= numerator <= denominator <= 1000000");
      return 1;
    }
    json_object_set(row, "numerator", (json_t *)n);
    json_object_set(row, "denominator", (json_t *)d);
  }
  return 0;
}

/* Checks that the indicator is one this reporter reports. Returns problems added. */
static int check_applies(const json_t *ind, const char *school_level, const char *field,
                         json_t *errors)
{
  size_t i;
  json_t *level;
  if (!school_level) {
    if (is(ind, "source", "office_report") ||
        (is(ind, "source", "school_report") && is(ind, "units", "office_and_schools")))
      return 0;
    edx_errors_add(errors, field, "is not reported by the district office");
    return 1;
  }
  if (!is(ind, "source", "school_report")) {
    edx_errors_add(errors, field, "is not reported by schools");
    return 1;
  }
  json_array_foreach(json_object_get(ind, "levels"), i, level)
    if (strcmp(json_string_value(level), school_level) == 0)
      return 0;
  edx_errors_add(errors, field, "does not apply to %s schools", school_level);
  return 1;
}

/* Splits a wrapped entry into value, note, evidence_url and evidence_files; 0 or problems
 * added. */
static int unwrap(const json_t *entry, const json_t **value, const json_t **note,
                  const json_t **url, const json_t **files, const char *field, json_t *errors)
{
  const char *key;
  json_t *v;
  *value = entry;
  *note = *url = *files = NULL;
  if (!json_is_object(entry) || !json_object_get(entry, "value"))
    return 0;
  *value = json_object_get(entry, "value");
  *note = json_object_get(entry, "note");
  *url = json_object_get(entry, "evidence_url");
  *files = json_object_get(entry, "evidence_files");
  json_object_foreach((json_t *)entry, key, v)
    if (strcmp(key, "value") && strcmp(key, "note") && strcmp(key, "evidence_url") &&
        strcmp(key, "evidence_files")) {
      edx_errors_add_code(errors, EDX_ERR_UNKNOWN_FIELD, field,
                          "has an unknown member '%s' (value, note, evidence_url, "
                          "evidence_files)", key);
      return 1;
    }
  if (*files && !edx_evidence_files_ok(*files)) {
    edx_errors_add(errors, field, "evidence_files must be an array of at most %d distinct file "
                   "ids", EDX_EVIDENCE_FILES_MAX);
    return 1;
  }
  if (*note && !json_is_null(*note) &&
      (!json_is_string(*note) || edx_utf8_length(json_string_value(*note)) < 0 ||
       edx_utf8_length(json_string_value(*note)) > 1000)) {
    edx_errors_add(errors, field, "note must be text of at most 1000 characters");
    return 1;
  }
  if (*url && !json_is_null(*url) &&
      (!json_is_string(*url) || !edx_is_http_url(json_string_value(*url), 500))) {
    edx_errors_add(errors, field, "evidence_url must be an http(s) address of at most 500 "
                   "characters");
    return 1;
  }
  return 0;
}

int edx_report_entry_check(const json_t *indicator, const char *school_level, const json_t *entry,
                           const char *field, json_t *row, json_t *errors)
{
  const json_t *value, *note, *url, *files;
  json_t *scratch = row ? row : json_object();
  int problems = check_applies(indicator, school_level, field, errors);
  if (!problems)
    problems = unwrap(entry, &value, &note, &url, &files, field, errors);
  if (!problems)
    problems = check_value(json_string_value(json_object_get(indicator, "value_type")), value,
                           field, scratch, errors);
  if (!problems) {
    json_object_set(scratch, "indicator", json_object_get(indicator, "code"));
    json_object_set_new(scratch, "note", note ? json_incref((json_t *)note) : json_null());
    json_object_set_new(scratch, "evidence_url", url ? json_incref((json_t *)url) : json_null());
    json_object_set_new(scratch, "evidence_files",
                        json_is_array(files) ? json_deep_copy(files) : json_array());
  }
  if (!row)
    json_decref(scratch);
  return problems;
}

int edx_report_period_check(const json_t *indicator, const edx_period *period, const char *field,
                            json_t *errors)
{
  edx_period_kind kind = EDX_PERIOD_CALENDAR_YEAR;
  char asked[EDX_PERIOD_CODE_LEN], plan[EDX_PERIOD_CODE_LEN];
  edx_period_kind_parse(json_string_value(json_object_get(indicator, "period_kind")), &kind);
  if (edx_period_admits(period, kind))
    return 0;
  edx_period_code(period->year, period->kind, asked, sizeof(asked));
  edx_period_code(period->year, kind, plan, sizeof(plan));
  edx_errors_add(errors, field, "is reported per calendar year: report it under %s (the period "
                 "%s holds the indicators reported per school year)", plan, asked);
  return 1;
}

/* A reported value as a message writes it: 95.5, or 3/4. */
static void value_text(const json_t *v, char *buf, size_t len)
{
  if (json_is_number(v))
    snprintf(buf, len, "%.2f", json_number_value(v));
  else
    snprintf(buf, len, "%lld/%lld",
             (long long)json_integer_value(json_object_get(v, "numerator")),
             (long long)json_integer_value(json_object_get(v, "denominator")));
}

json_t *edx_report_jump_warnings(const json_t *jumps, int year, const json_t *indicators)
{
  json_t *warnings = json_array(), *j;
  size_t i;
  json_array_foreach(jumps, i, j) {
    const char *code = json_string_value(json_object_get(j, "indicator"));
    char field[96], now[48], before[48], period[EDX_PERIOD_CODE_LEN];
    json_t *w;
    edx_period_code_of_kind(json_string_value(json_object_get(json_object_get(indicators, code),
                                                              "period_kind")),
                            year - 1, period, sizeof(period));
    value_text(json_object_get(j, "value"), now, sizeof(now));
    value_text(json_object_get(j, "previous"), before, sizeof(before));
    snprintf(field, sizeof(field), "values.%s", code ? code : "");
    w = json_pack("{s:s,s:O,s:O,s:s,s:O}", "field", field, "value", json_object_get(j, "value"),
                  "previous", json_object_get(j, "previous"), "previous_period", period,
                  "change_points", json_object_get(j, "change_points"));
    if (!w)
      continue;
    json_object_set_new(w, "message", json_sprintf(
      "is %s, %.2f percentage points from the %s reported for %s (this indicator warns beyond "
      "%lld); saved, and listed as suspect in the district's progress", now, json_number_value(json_object_get(j, "change_points")), before,
      period, (long long)json_integer_value(json_object_get(j, "jump_warning_points"))));
    json_array_append_new(warnings, w);
  }
  return warnings;
}

/* What one of the registry's counts is called in a message. */
static const char *registry_noun(const char *count)
{
  return strcmp(count, "satellite_sites") == 0 ? "satellite site(s)"
         : strcmp(count, "teachers") == 0      ? "teacher(s)"
                                               : "student(s)";
}

int edx_report_registry_check(const json_t *indicator, const json_t *school, const json_t *row,
                              const char *field, json_t *errors)
{
  const char *count = json_string_value(json_object_get(indicator, "registry_count"));
  const json_t *registered = count ? json_object_get(school, count) : NULL;
  static const char *const parts[] = {"numerator", "denominator"};
  json_int_t has;
  if (!json_is_integer(registered))
    return 0; /* not counted by the indicator, or not registered: nothing to compare with */
  has = json_integer_value(registered);
  for (int i = 1; i >= 0; i--) { /* the denominator first: it bounds the numerator */
    const json_t *v = json_object_get(row, parts[i]);
    if (json_is_integer(v) && json_integer_value(v) > has) {
      char at[128];
      snprintf(at, sizeof(at), "%s.%s", field, parts[i]);
      edx_errors_add(errors, at, "is %lld, more than the %lld %s the school has registered "
                     "(%s); correct the report or the school's registry first",
                     (long long)json_integer_value(v), (long long)has, registry_noun(count),
                     count);
      return 1;
    }
  }
  return 0;
}

const edx_field edx_plan_fields[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "district_id", .kind = EDX_FIELD_UUID},
  {.name = "year", .kind = EDX_FIELD_INT, .required = 1, .min = EDX_YEAR_MIN, .max = EDX_YEAR_MAX},
  {.name = "title", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 300},
  {.name = "document_ref", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 100},
  {.name = "targets", .kind = EDX_FIELD_ARRAY, .max = 200},
  {.name = "created_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "updated_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {NULL},
};

/* Checks one target; returns problems added. */
static int check_target(const json_t *t, size_t i, const json_t *indicators, json_t *seen,
                        json_t *errors)
{
  char field[48];
  const char *code = json_string_value(json_object_get(t, "indicator"));
  const char *cmp = json_string_value(json_object_get(t, "comparator"));
  const json_t *target = json_object_get(t, "target");
  double d = json_number_value(target);
  int problems = 0;
  if (!json_is_object(t) || json_object_size(t) != 3) {
    snprintf(field, sizeof(field), "targets[%zu]", i);
    edx_errors_add(errors, field, "must be {\"indicator\", \"comparator\", \"target\"}");
    return 1;
  }
  snprintf(field, sizeof(field), "targets[%zu].indicator", i);
  if (!code || !json_object_get(indicators, code))
    problems++, edx_errors_add(errors, field, "must be the code of an indicator");
  else if (json_object_get(seen, code))
    problems++, edx_errors_add_code(errors, EDX_ERR_CONFLICT, field,
                                    "names an indicator that already has a target");
  else
    json_object_set_new(seen, code, json_true());
  snprintf(field, sizeof(field), "targets[%zu].comparator", i);
  if (!cmp || (strcmp(cmp, ">=") != 0 && strcmp(cmp, ">") != 0))
    problems++, edx_errors_add(errors, field, "must be \">=\" or \">\"");
  snprintf(field, sizeof(field), "targets[%zu].target", i);
  if (!json_is_number(target) || d < 0 || d > 100 || fabs(d * 100 - round(d * 100)) > 1e-6)
    problems++, edx_errors_add(errors, field, "must be a percent from 0 to 100 with at most 2 "
                               "decimals");
  return problems;
}

int edx_plan_targets_check(const json_t *targets, const json_t *indicators, json_t *errors)
{
  json_t *seen = json_object(), *t;
  size_t i;
  int problems = 0;
  json_array_foreach(targets, i, t)
    problems += check_target(t, i, indicators, seen, errors);
  json_decref(seen);
  return problems;
}

const char *const edx_plan_csv_columns[] = {"id", "district_id", "year", "title", "document_ref",
                                            "targets", "created_at", "updated_at", NULL};

const char *const edx_indicator_csv_columns[] = {"code", "name_vi", "name_en", "category", "source",
                                                 "value_type", "aggregation", "levels", "measure",
                                                 "registry_count", "period_kind", "units",
                                                 "jump_warning_points", "created_at",
                                                 "updated_at", "version",
                                                 "version_changed_at", NULL};

const char *const edx_report_csv_columns[] = {"id", "school_id", "school_code", "district_id",
                                              "year", "indicator", "value", "note",
                                              "evidence_url", "set_by_token_id", "set_at", NULL};
