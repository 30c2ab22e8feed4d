/* exchange_codes.c — the codes figures travel under to a receiver (see exchange_codes.h). */
#include <stdio.h>
#include <string.h>
#include "src/rules/exchange_codes.h"

const edx_exchange_level edx_exchange_levels[] = {
  {"preschool", "LEVEL_PRESCHOOL"},
  {"primary", "LEVEL_PRIMARY"},
  {"lower_secondary", "LEVEL_LOWER_SECONDARY"},
  {"primary_lower_secondary", "LEVEL_PRIMARY_LOWER_SECONDARY"},
  {NULL, NULL},
};

const char *edx_exchange_level_code(const char *level)
{
  for (const edx_exchange_level *l = edx_exchange_levels; level && l->level; l++)
    if (strcmp(l->level, level) == 0)
      return l->code;
  return NULL;
}

const char *edx_exchange_level_of_code(const char *code)
{
  for (const edx_exchange_level *l = edx_exchange_levels; code && l->level; l++)
    if (strcmp(l->code, code) == 0)
      return l->level;
  return NULL;
}

/* The value of key in a NULL-ended {key, value, …} table, or NULL. */
static const char *lookup(const char *const *table, const char *key)
{
  for (; key && table[0]; table += 2)
    if (strcmp(table[0], key) == 0)
      return table[1];
  return NULL;
}

const char *edx_exchange_value_type(const char *value_type)
{
  static const char *const types[] = {"percent", "NUMBER", "boolean", "NUMBER",
                                      "fraction", "NUMBER", NULL};
  return lookup(types, value_type);
}

const char *edx_exchange_aggregation_type(const char *aggregation)
{
  static const char *const types[] = {"mean", "AVERAGE", "office_value", "AVERAGE",
                                      "share", "NONE", "each_school", "NONE",
                                      "ratio_of_sums", "NONE", "computed", "NONE", NULL};
  return lookup(types, aggregation);
}

int edx_exchange_has_num_den(const char *aggregation)
{
  static const char *const with[] = {"share", "1", "each_school", "1", "ratio_of_sums", "1",
                                     "computed", "1", NULL};
  return lookup(with, aggregation) != NULL;
}

const char *edx_exchange_category_combo(const json_t *indicator)
{
  const char *units = json_string_value(json_object_get(indicator, "units"));
  size_t levels = json_array_size(json_object_get(indicator, "levels"));
  return units && strcmp(units, "schools") == 0 && levels > 0 ? EDX_EXCHANGE_LEVEL_COMBO
                                                               : EDX_EXCHANGE_DEFAULT;
}

const char *edx_exchange_period_type(const char *period_kind)
{
  static const char *const types[] = {"calendar_year", "Yearly", "school_year", "FinancialJuly",
                                      NULL};
  return lookup(types, period_kind);
}

void edx_exchange_dhis2_period(const edx_period *p, char *buf, size_t len)
{
  if (p->kind == EDX_PERIOD_SCHOOL_YEAR)
    snprintf(buf, len, "%dJuly", p->year - 1);
  else
    snprintf(buf, len, "%d", p->year);
}

void edx_exchange_adx_period(const edx_period *p, char *buf, size_t len)
{
  if (p->kind == EDX_PERIOD_SCHOOL_YEAR)
    snprintf(buf, len, "%d-07-01/P1Y", p->year - 1);
  else
    snprintf(buf, len, "%d-01-01/P1Y", p->year);
}

/* Four digits at s, as a year from 1999 to 2100 (a school year 1999-2000 ends in 2000); -1
 * otherwise. */
static int four_digit_year(const char *s)
{
  int y = 0;
  for (int i = 0; i < 4; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    y = y * 10 + (s[i] - '0');
  }
  return y >= 1999 && y <= 2100 ? y : -1;
}

/* The period that starts in year y: calendar year y, or the school year y-(y+1) when school;
 * 0 and *out set when edudx knows it (edx_parse_period's range), -1 otherwise. */
static int period_from(int y, int school, edx_period *out)
{
  char code[EDX_PERIOD_CODE_LEN];
  if (y < 0)
    return -1;
  if (school)
    snprintf(code, sizeof(code), "%d-%d", y, y + 1);
  else
    snprintf(code, sizeof(code), "%d", y);
  return edx_parse_period(code, out);
}

int edx_exchange_parse_dhis2_period(const char *s, edx_period *out)
{
  if (!s || strlen(s) < 4)
    return -1;
  if (strcmp(s + 4, "July") == 0)
    return period_from(four_digit_year(s), 1, out);
  return s[4] == '\0' ? period_from(four_digit_year(s), 0, out) : -1;
}

int edx_exchange_parse_adx_period(const char *s, edx_period *out)
{
  if (!s || strlen(s) != 14 || strcmp(s + 10, "/P1Y") != 0 || s[4] != '-')
    return -1;
  if (strncmp(s + 5, "07-01", 5) == 0)
    return period_from(four_digit_year(s), 1, out);
  return strncmp(s + 5, "01-01", 5) == 0 ? period_from(four_digit_year(s), 0, out) : -1;
}
