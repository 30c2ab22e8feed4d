/* dashboard.c — the dashboard answers' pieces (see dashboard.h). */
#include "src/rules/dashboard.h"

static const char *const brief_fields[] = {"code", "name_vi", "name_en", "actual", "target",
                                           "comparator", "status", NULL};
static const char *const figure_fields[] = {"actual", "target", "comparator", "status", NULL};

/* A copy of the members names of from (null when absent) into a new object. */
static json_t *pick(const json_t *from, const char *const *names)
{
  json_t *out = json_object();
  for (int i = 0; names[i]; i++) {
    json_t *v = json_object_get(from, names[i]);
    json_object_set_new(out, names[i], v ? json_deep_copy(v) : json_null());
  }
  return out;
}

json_t *edx_dashboard_progress_brief(const json_t *answer)
{
  json_t *indicators = json_array(), *entry;
  size_t i;
  json_array_foreach(json_object_get(answer, "indicators"), i, entry)
    json_array_append_new(indicators, pick(entry, brief_fields));
  if (!answer)
    return json_pack("{s:n,s:n,s:{s:i,s:i,s:i},s:o}", "plan", "as_of", "summary", "met", 0,
                     "not_met", 0, "no_data", 0, "indicators", indicators);
  return json_pack("{s:O,s:O,s:O,s:o}", "plan", json_object_get(answer, "plan"), "as_of",
                   json_object_get(answer, "as_of"), "summary",
                   json_object_get(answer, "summary"), "indicators", indicators);
}

static json_int_t length_of(const json_t *o, const char *key)
{
  return (json_int_t)json_array_size(json_object_get(o, key));
}

json_t *edx_dashboard_late(const json_t *assessment_overview, const json_t *metrics_total)
{
  return json_pack("{s:I,s:I,s:I}", "overdue_dossiers",
                   json_integer_value(json_object_get(metrics_total, "overdue_now")),
                   "late_submission", length_of(assessment_overview, "late_submission"),
                   "late_recognition", length_of(assessment_overview, "late_recognition"));
}

/* The row of code in rows (created, with its names and empty values, in index order when new). */
static json_t *row_of(json_t *rows, json_t *index, const json_t *entry)
{
  const char *code = json_string_value(json_object_get(entry, "code"));
  json_t *row = json_object_get(index, code);
  if (row)
    return row;
  row = json_pack("{s:s,s:O,s:O,s:[]}", "code", code, "name_vi",
                  json_object_get(entry, "name_vi"), "name_en",
                  json_object_get(entry, "name_en"), "values");
  json_array_append_new(rows, row);
  json_object_set(index, code, row);
  return row;
}

/* The value of one indicator in one year: its figures when the year's plan has it. */
static json_t *value_of(json_int_t year, const json_t *entry)
{
  json_t *v = pick(entry, figure_fields);
  json_object_set_new(v, "year", json_integer(year));
  json_object_set_new(v, "in_plan", json_boolean(entry != NULL));
  return v;
}

json_t *edx_dashboard_series(const json_t *briefs)
{
  json_t *years = json_array(), *rows = json_array(), *index = json_object(), *b, *entry, *row;
  size_t i, j;
  const char *code;
  json_array_foreach(briefs, i, b) {
    const json_t *brief = json_object_get(b, "brief");
    json_array_append_new(years, json_pack("{s:O,s:O,s:O,s:O}", "year", json_object_get(b, "year"),
                                           "plan", json_object_get(brief, "plan"), "as_of",
                                           json_object_get(brief, "as_of"), "summary",
                                           json_object_get(brief, "summary")));
    json_array_foreach(json_object_get(brief, "indicators"), j, entry)
      row_of(rows, index, entry);
  }
  json_array_foreach(briefs, i, b) {
    json_int_t year = json_integer_value(json_object_get(b, "year"));
    json_t *seen = json_object();
    json_array_foreach(json_object_get(json_object_get(b, "brief"), "indicators"), j, entry)
      json_object_set(seen, json_string_value(json_object_get(entry, "code")), entry);
    json_array_foreach(rows, j, row) {
      code = json_string_value(json_object_get(row, "code"));
      json_array_append_new(json_object_get(row, "values"),
                            value_of(year, json_object_get(seen, code)));
    }
    json_decref(seen);
  }
  json_decref(index);
  return json_pack("{s:o,s:o}", "years", years, "indicators", rows);
}
