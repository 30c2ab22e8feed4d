/* time_range.c — bounds of time-range filters (see time_range.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "src/rules/fields.h"
#include "src/rules/time_range.h"
#include "src/rules/validate.h"

#define USEC 1000000LL
#define DAY_SECONDS 86400LL
#define VIETNAM_OFFSET_SECONDS (7 * 3600LL)

/* Seconds since 1970 of UTC midnight of a valid YYYY-MM-DD, or -1 (and *ok = 0) when s is not
 * one. */
static long long date_seconds(const char *s, int *ok)
{
  struct tm tm = {0};
  char stamp[32];
  *ok = 0;
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return -1;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
      return -1;
  /* a real day of its month: what the date-time check says of its midnight */
  snprintf(stamp, sizeof(stamp), "%sT00:00:00Z", s);
  if (!edx_is_rfc3339(stamp))
    return -1;
  tm.tm_year = (int)strtol(s, NULL, 10) - 1900;
  tm.tm_mon = (int)strtol(s + 5, NULL, 10) - 1;
  tm.tm_mday = (int)strtol(s + 8, NULL, 10);
  *ok = 1;
  return (long long)timegm(&tm);
}

/* Microseconds of an RFC 3339 date-time's fraction (its first six digits; more are dropped). */
static long long fraction_usec(const char *s)
{
  const char *dot = strchr(s + 19, '.');
  long long usec = 0, scale = 100000;
  if (s[19] != '.' || !dot)
    return 0;
  for (const char *p = dot + 1; isdigit((unsigned char)*p) && scale > 0; p++, scale /= 10)
    usec += (*p - '0') * scale;
  return usec;
}

/* Writes usec as UTC text; -1 when its year is outside 1900 to 9999. */
static int format_instant(long long usec, char *text)
{
  long long seconds = usec / USEC, micro = usec % USEC;
  time_t t;
  struct tm tm;
  if (micro < 0) {
    micro += USEC;
    seconds--;
  }
  t = (time_t)seconds;
  if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 < 1900 || tm.tm_year + 1900 > 9999)
    return -1;
  snprintf(text, EDX_INSTANT_TEXT, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micro);
  return 0;
}

int edx_time_bound_parse(const char *s, int is_to, edx_time_bound *out)
{
  int is_date = 0;
  long long seconds;
  memset(out, 0, sizeof(*out));
  if (!s)
    return -1;
  seconds = date_seconds(s, &is_date);
  if (is_date) {
    /* the Vietnamese day starts 7 hours before UTC's; a to date ends where the next one starts */
    out->usec = (seconds - VIETNAM_OFFSET_SECONDS) * USEC;
    if (is_to)
      out->usec += DAY_SECONDS * USEC - 1;
  } else if (edx_is_rfc3339(s)) {
    out->usec = edx_rfc3339_epoch(s) * USEC + fraction_usec(s);
  } else {
    return -1;
  }
  if (format_instant(out->usec, out->text) != 0)
    return -1;
  out->given = 1;
  return 0;
}

int edx_time_range_parse(edx_time_range *out, const char *stem, const char *from_text,
                         const char *to_text, json_t *errors)
{
  char from_name[64], to_name[64];
  int problems = 0;
  memset(out, 0, sizeof(*out));
  snprintf(from_name, sizeof(from_name), "%s_from", stem);
  snprintf(to_name, sizeof(to_name), "%s_to", stem);
  if (from_text && edx_time_bound_parse(from_text, 0, &out->from) != 0) {
    edx_errors_add(errors, from_name, EDX_TIME_BOUND_RULE);
    problems++;
  }
  if (to_text && edx_time_bound_parse(to_text, 1, &out->to) != 0) {
    edx_errors_add(errors, to_name, EDX_TIME_BOUND_RULE);
    problems++;
  }
  if (out->from.given && out->to.given && out->from.usec > out->to.usec) {
    edx_errors_add(errors, from_name, "must not be after %s", to_name);
    problems++;
  }
  return problems;
}
