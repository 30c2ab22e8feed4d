/* data_values.c — figure rows as DHIS2 dataValueSets and ADX (see data_values.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/data_values.h"
#include "src/rules/figures.h"

int edx_dhis2_period(const char *code, char *buf, size_t len)
{
  edx_period p;
  if (!code || edx_parse_period(code, &p) != 0)
    return -1;
  edx_exchange_dhis2_period(&p, buf, len);
  return 0;
}

int edx_adx_period(const char *code, char *buf, size_t len)
{
  edx_period p;
  if (!code || edx_parse_period(code, &p) != 0)
    return -1;
  edx_exchange_adx_period(&p, buf, len);
  return 0;
}

int edx_data_values_period_parse(const char *s, edx_period *out)
{
  if (s && edx_exchange_parse_dhis2_period(s, out) == 0) /* 2024, or FinancialJuly's 2023July */
    return 0;
  return s ? edx_parse_period(s, out) : -1;
}

/* One data value of a row. */
typedef struct {
  char element[EDX_FIGURES_CODE_LEN];
  char value[64];
} one_value;

/* The option combo of a row, by its indicator's category combo (its "category_combo",
 * exchange_codes.h): under SCHOOL_LEVEL, a district's by-level rows and the schools' rows carry
 * their level's option (LEVEL_PRIMARY) and a district's total is not sent (a receiver adds the
 * levels up: DHIS2 takes no default option combo for an element of another combo); under
 * default, a district's total and the schools' rows carry "default" and the by-level rows are
 * not sent. 0, or -1 for a row that is not sent. */
static int combo_of(const json_t *row, char *buf, size_t len)
{
  const char *unit = json_string_value(json_object_get(row, "org_unit_level"));
  const char *category = json_string_value(json_object_get(row, "category"));
  const char *combo = json_string_value(json_object_get(row, "category_combo"));
  const char *code = NULL;
  int by_level = unit && strcmp(unit, "district") == 0 && category &&
                 strcmp(category, EDX_EXCHANGE_DEFAULT) != 0;
  if (combo && strcmp(combo, EDX_EXCHANGE_LEVEL_COMBO) == 0)
    code = category ? edx_exchange_level_code(category) : NULL;
  else if (!by_level)
    code = EDX_EXCHANGE_DEFAULT;
  if (!code)
    return -1;
  snprintf(buf, len, "%s", code);
  return 0;
}

/* The data values of a row into out (up to 3): the value, then the numerator and denominator
 * when it has both. Returns how many. */
static int values_of(const json_t *row, one_value out[3])
{
  const char *code = json_string_value(json_object_get(row, "indicator"));
  const json_t *value = json_object_get(row, "value"), *num = json_object_get(row, "numerator"),
               *den = json_object_get(row, "denominator");
  int n = 0;
  if (!code)
    return 0;
  if (json_is_number(value) && edx_figures_data_element(code, "", out[n].element,
                                                        sizeof(out[n].element)) == 0) {
    edx_figures_number_text(json_number_value(value), out[n].value, sizeof(out[n].value));
    n++;
  }
  if (json_is_integer(num) && json_is_integer(den) &&
      edx_figures_data_element(code, EDX_EXCHANGE_NUM_SUFFIX, out[n].element,
                               sizeof(out[n].element)) == 0 &&
      edx_figures_data_element(code, EDX_EXCHANGE_DEN_SUFFIX, out[n + 1].element,
                               sizeof(out[n + 1].element)) == 0) {
    snprintf(out[n].value, sizeof(out[n].value), "%lld", (long long)json_integer_value(num));
    snprintf(out[n + 1].value, sizeof(out[n + 1].value), "%lld",
             (long long)json_integer_value(den));
    n += 2;
  }
  return n;
}

json_t *edx_dhis2_data_values(const json_t *rows)
{
  json_t *out = json_array(), *row;
  size_t i;
  json_array_foreach(rows, i, row)
  {
    one_value values[3];
    char period[EDX_DATA_VALUES_PERIOD_LEN], combo[EDX_FIGURES_CODE_LEN];
    const char *unit = json_string_value(json_object_get(row, "org_unit"));
    const json_t *updated = json_object_get(row, "last_updated");
    int n = values_of(row, values);
    if (!unit ||
        edx_dhis2_period(json_string_value(json_object_get(row, "period")), period,
                         sizeof(period)) != 0 ||
        combo_of(row, combo, sizeof(combo)) != 0)
      continue;
    for (int k = 0; k < n; k++) {
      json_t *v = json_pack("{s:s,s:s,s:s,s:s,s:s}", "dataElement", values[k].element, "period",
                            period, "orgUnit", unit, "categoryOptionCombo", combo, "value",
                            values[k].value);
      if (v && json_is_string(updated))
        json_object_set(v, "lastUpdated", (json_t *)updated);
      if (v)
        json_array_append_new(out, v);
    }
  }
  return out;
}

char *edx_xml_escape(const char *s)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f)
    return NULL;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&apos;", f); break;
    case '\t': fputs("&#9;", f); break;
    case '\n': fputs("&#10;", f); break;
    case '\r': fputs("&#13;", f); break;
    default:
      if (*p < 0x20 || *p == 0x7f)
        fputs("\xEF\xBF\xBD", f); /* U+FFFD: XML 1.0 has no room for it */
      else
        fputc(*p, f);
    }
  }
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* An attribute name="value" (value escaped), with a space before it. */
static void put_attribute(FILE *f, const char *name, const char *value)
{
  char *escaped = edx_xml_escape(value ? value : "");
  fprintf(f, " %s=\"%s\"", name, escaped ? escaped : "");
  free(escaped);
}

/* A row's place in the document: its org unit and ADX period, then its place among the rows. */
typedef struct {
  const char *unit;
  char period[EDX_DATA_VALUES_PERIOD_LEN];
  size_t index;
} group_key;

static int by_group(const void *a, const void *b)
{
  const group_key *x = a, *y = b;
  int c = strcmp(x->unit, y->unit);
  if (c == 0)
    c = strcmp(x->period, y->period);
  return c != 0 ? c : (x->index < y->index ? -1 : x->index > y->index);
}

/* The rows that have an org unit and a period, sorted by group, into *keys (malloc'ed); their
 * number, or -1 when out of memory. */
static long group_keys(const json_t *rows, group_key **keys)
{
  size_t n = 0, i;
  json_t *row;
  *keys = malloc((json_array_size(rows) + 1) * sizeof(**keys));
  if (!*keys)
    return -1;
  json_array_foreach(rows, i, row)
  {
    const char *unit = json_string_value(json_object_get(row, "org_unit"));
    char combo[EDX_FIGURES_CODE_LEN];
    one_value sent[3];
    if (unit && combo_of(row, combo, sizeof(combo)) == 0 && values_of(row, sent) > 0 &&
        edx_adx_period(json_string_value(json_object_get(row, "period")),
                       (*keys)[n].period, sizeof((*keys)[n].period)) == 0) {
      (*keys)[n].unit = unit;
      (*keys)[n].index = i;
      n++;
    }
  }
  qsort(*keys, n, sizeof(**keys), by_group);
  return (long)n;
}

char *edx_adx_document(const json_t *rows, const char *exported, size_t *len)
{
  group_key *keys = NULL;
  char *buf = NULL;
  long n = group_keys(rows, &keys);
  FILE *f = n < 0 ? NULL : open_memstream(&buf, len);
  if (!f)
    goto cleanup;
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<adx xmlns=\"urn:ihe:qrph:adx:2015\"", f);
  put_attribute(f, "exported", exported);
  fputs(">\n", f);
  for (long k = 0; k < n; k++) {
    const json_t *row = json_array_get(rows, keys[k].index);
    one_value values[3];
    char combo[EDX_FIGURES_CODE_LEN];
    int count = values_of(row, values);
    if (k == 0 || strcmp(keys[k - 1].unit, keys[k].unit) != 0 ||
        strcmp(keys[k - 1].period, keys[k].period) != 0) {
      if (k > 0)
        fputs("  </group>\n", f);
      fputs("  <group", f);
      put_attribute(f, "orgUnit", keys[k].unit);
      put_attribute(f, "period", keys[k].period);
      put_attribute(f, "dataSet", EDX_EXCHANGE_DATA_SET);
      fputs(">\n", f);
    }
    combo_of(row, combo, sizeof(combo));
    for (int v = 0; v < count; v++) {
      fputs("    <dataValue", f);
      put_attribute(f, "dataElement", values[v].element);
      put_attribute(f, "value", values[v].value);
      if (strcmp(combo, EDX_EXCHANGE_DEFAULT) != 0)
        put_attribute(f, EDX_EXCHANGE_LEVEL_CATEGORY, combo);
      fputs("/>\n", f);
    }
  }
  if (n > 0)
    fputs("  </group>\n", f);
  fputs("</adx>\n", f);
  if (fclose(f) != 0) {
    free(buf);
    buf = NULL;
  }
cleanup:
  free(keys);
  return buf;
}
