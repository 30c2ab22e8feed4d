/* periods.c — reporting periods (see periods.h). */
#include <stdio.h>
#include <string.h>
#include "src/rules/periods.h"
#include "src/rules/validate.h"

static int four_digits(const char *s, int *out)
{
  int v = 0;
  for (int i = 0; i < 4; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 0;
}

int edx_parse_period(const char *s, edx_period *out)
{
  int first, second;
  size_t n = s ? strlen(s) : 0;
  if (n == 4 && four_digits(s, &first) == 0 && first >= EDX_YEAR_MIN && first <= EDX_YEAR_MAX) {
    *out = (edx_period){first, EDX_PERIOD_CALENDAR_YEAR};
    return 0;
  }
  if (n == 9 && s[4] == '-' && four_digits(s, &first) == 0 && four_digits(s + 5, &second) == 0 &&
      second == first + 1 && second >= EDX_YEAR_MIN && second <= EDX_YEAR_MAX) {
    *out = (edx_period){second, EDX_PERIOD_SCHOOL_YEAR};
    return 0;
  }
  return -1;
}

void edx_period_code(int year, edx_period_kind kind, char *buf, size_t len)
{
  if (kind == EDX_PERIOD_SCHOOL_YEAR)
    snprintf(buf, len, "%d-%d", year - 1, year);
  else
    snprintf(buf, len, "%d", year);
}

const char *edx_period_kind_name(edx_period_kind kind)
{
  return kind == EDX_PERIOD_SCHOOL_YEAR ? "school_year" : "calendar_year";
}

int edx_period_kind_parse(const char *name, edx_period_kind *out)
{
  if (name && strcmp(name, "school_year") == 0)
    *out = EDX_PERIOD_SCHOOL_YEAR;
  else if (name && strcmp(name, "calendar_year") == 0)
    *out = EDX_PERIOD_CALENDAR_YEAR;
  else
    return -1;
  return 0;
}

void edx_period_code_of_kind(const char *kind_name, int year, char *buf, size_t len)
{
  edx_period_kind kind = EDX_PERIOD_CALENDAR_YEAR;
  edx_period_kind_parse(kind_name, &kind);
  edx_period_code(year, kind, buf, len);
}

int edx_period_admits(const edx_period *p, edx_period_kind indicator)
{
  return p->kind == EDX_PERIOD_CALENDAR_YEAR || indicator == EDX_PERIOD_SCHOOL_YEAR;
}

void edx_period_member_to_year(json_t *obj, const char *key)
{
  edx_period p;
  if (edx_parse_period(json_string_value(json_object_get(obj, key)), &p) == 0)
    json_object_set_new(obj, key, json_integer(p.year));
}
