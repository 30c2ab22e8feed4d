/* figures.c — a district's figures as flat rows (see figures.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "src/rules/figures.h"
#include "src/rules/school_rules.h"

const char *const edx_figures_csv_columns[] = {
  "indicator", "indicator_version", "period", "org_unit", "org_unit_level", "category",
  "numerator", "denominator", "value", "target", "status", "last_updated", NULL};

int edx_figures_data_element(const char *indicator, const char *suffix, char *buf, size_t len)
{
  int n = snprintf(buf, len, "%s%s", indicator, suffix);
  return n < 0 || (size_t)n >= len ? -1 : 0;
}

void edx_figures_number_text(double v, char *buf, size_t len)
{
  size_t n;
  snprintf(buf, len, "%.2f", v);
  if (!strchr(buf, '.'))
    return;
  n = strlen(buf);
  while (n > 0 && buf[n - 1] == '0')
    buf[--n] = '\0';
  if (n > 0 && buf[n - 1] == '.')
    buf[--n] = '\0';
  if (strcmp(buf, "-0") == 0)
    snprintf(buf, len, "0");
}

/* The indicator's version: its definition's integer "version", else null. */
static json_t *version_of(const json_t *indicators, const char *code)
{
  const json_t *v = json_object_get(json_object_get(indicators, code), "version");
  return json_is_integer(v) ? json_integer(json_integer_value(v)) : json_null();
}

/* A count of the answer (an integer), else null. */
static json_t *count_of(const json_t *obj, const char *key)
{
  const json_t *v = json_object_get(obj, key);
  return json_is_integer(v) ? json_integer(json_integer_value(v)) : json_null();
}

static json_t *number_or_null(const json_t *v)
{
  return json_is_number(v) ? json_real(json_number_value(v)) : json_null();
}

static json_t *string_or_null(const json_t *v)
{
  return json_is_string(v) ? json_string(json_string_value(v)) : json_null();
}

/* One row: what it is (indicator, org unit, category) from the arguments, the figures from
 * figures ({numerator, denominator, actual, status}), period and target from entry. */
static json_t *row_of(const json_t *answer, const json_t *indicators, const json_t *entry,
                      const char *org_unit, const char *level_of_unit, const char *category,
                      const json_t *figures)
{
  const char *code = json_string_value(json_object_get(entry, "code"));
  return json_pack("{s:s,s:s,s:o,s:o,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "indicator", code,
                   "category_combo",
                   edx_exchange_category_combo(json_object_get(indicators, code)),
                   "indicator_version", version_of(indicators, code), "period",
                   string_or_null(json_object_get(entry, "period")), "org_unit", org_unit,
                   "org_unit_level", level_of_unit, "category", category, "numerator",
                   count_of(figures, "numerator"), "denominator",
                   count_of(figures, "denominator"), "value",
                   number_or_null(json_object_get(figures, "actual")), "target",
                   number_or_null(json_object_get(entry, "target")), "status",
                   string_or_null(json_object_get(figures, "status")), "last_updated",
                   string_or_null(json_object_get(answer, "as_of")));
}

static const char *district_code(const json_t *answer)
{
  const char *code = json_string_value(json_object_get(json_object_get(answer, "district"),
                                                       "code"));
  return code ? code : "";
}

json_t *edx_figures_district_rows(const json_t *answer, const json_t *indicators)
{
  json_t *rows = json_array(), *entry;
  const char *district = district_code(answer);
  size_t i;
  json_array_foreach(json_object_get(answer, "indicators"), i, entry)
  {
    const json_t *by_level = json_object_get(entry, "by_level");
    json_t *row = row_of(answer, indicators, entry, district, "district", EDX_EXCHANGE_DEFAULT,
                         entry);
    if (row)
      json_array_append_new(rows, row);
    for (int l = 0; edx_school_levels[l]; l++) {
      const json_t *level = json_object_get(by_level, edx_school_levels[l]);
      if (level && (row = row_of(answer, indicators, entry, district, "district",
                                 edx_school_levels[l], level)))
        json_array_append_new(rows, row);
    }
  }
  return rows;
}

/* The answer's entry of indicator code, or NULL. */
static const json_t *entry_of(const json_t *answer, const char *code)
{
  const json_t *entry;
  size_t i;
  json_array_foreach(json_object_get(answer, "indicators"), i, entry)
    if (code && json_is_string(json_object_get(entry, "code")) &&
        strcmp(json_string_value(json_object_get(entry, "code")), code) == 0)
      return entry;
  return NULL;
}

/* A school's value as the figures of a row ({numerator, denominator, actual, status}), by its
 * indicator's value type. */
static json_t *school_figures(const json_t *value, const char *value_type)
{
  const json_t *meets = json_object_get(value, "meets");
  const char *status = json_is_true(meets) ? "met" : json_is_false(meets) ? "not_met" : "no_data";
  json_t *figures = json_pack("{s:s}", "status", status);
  if (value_type && strcmp(value_type, "boolean") == 0) {
    int yes = json_is_true(json_object_get(value, "is_true"));
    json_object_set_new(figures, "numerator", json_integer(yes));
    json_object_set_new(figures, "denominator", json_integer(1));
    json_object_set_new(figures, "actual", json_integer(100 * yes)); /* a percent: 100 or 0 */
  } else if (value_type && strcmp(value_type, "fraction") == 0) {
    const json_t *num = json_object_get(value, "numerator"),
                 *den = json_object_get(value, "denominator");
    json_object_set(figures, "numerator", (json_t *)num);
    json_object_set(figures, "denominator", (json_t *)den);
    if (json_is_integer(num) && json_is_integer(den) && json_integer_value(den) > 0) {
      long long n = json_integer_value(num), d = json_integer_value(den);
      long long hundredths = (20000 * n + d) / (2 * d); /* 100 × n / d to 2 decimals, half up */
      json_object_set_new(figures, "actual", json_real((double)hundredths / 100.0));
    }
  } else {
    json_object_set(figures, "actual", (json_t *)json_object_get(value, "value_num"));
  }
  return figures;
}

void edx_figures_add_school_rows(json_t *rows, const json_t *answer, const json_t *indicators,
                                 const json_t *values)
{
  const json_t *value;
  size_t i;
  json_array_foreach(values, i, value)
  {
    const char *code = json_string_value(json_object_get(value, "indicator"));
    const char *school = json_string_value(json_object_get(value, "school"));
    const char *level = json_string_value(json_object_get(value, "level"));
    const json_t *entry = entry_of(answer, code), *definition = json_object_get(indicators, code);
    const char *source = json_string_value(json_object_get(entry, "source"));
    json_t *figures, *row;
    if (!entry || !school || !level || !source || strcmp(source, "school_report") != 0)
      continue;
    figures = school_figures(value, json_string_value(json_object_get(definition, "value_type")));
    row = row_of(answer, indicators, entry, school, "school", level, figures);
    if (row)
      json_array_append_new(rows, row);
    json_decref(figures);
  }
}

int edx_figures_row_in_period(const json_t *row, const edx_period *p)
{
  edx_period read;
  const char *code = json_string_value(json_object_get(row, "period"));
  return code && edx_parse_period(code, &read) == 0 && read.year == p->year &&
         edx_period_admits(p, read.kind);
}

/* The text of a number member (null stays null). */
static json_t *text_of(const json_t *v)
{
  char buf[64];
  if (!json_is_number(v))
    return json_null();
  edx_figures_number_text(json_number_value(v), buf, sizeof(buf));
  return json_string(buf);
}

json_t *edx_figures_csv_items(const json_t *rows)
{
  json_t *items = json_array(), *row;
  size_t i;
  json_array_foreach(rows, i, row)
  {
    json_t *item = json_deep_copy(row);
    if (!item)
      continue;
    json_object_set_new(item, "value", text_of(json_object_get(row, "value")));
    json_object_set_new(item, "target", text_of(json_object_get(row, "target")));
    json_array_append_new(items, item);
  }
  return items;
}
