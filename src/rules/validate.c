/* validate.c — pure checks of client-supplied text (see validate.h). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "src/rules/validate.h"

long edx_utf8_length(const char *s)
{
  const unsigned char *p = (const unsigned char *)s;
  long n = 0;
  while (*p) {
    unsigned c = *p;
    int extra;
    unsigned cp;
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return -1;
      extra = 0;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return -1;
    }
    p++;
    for (int i = 0; i < extra; i++, p++) {
      if ((*p & 0xC0) != 0x80)
        return -1;
      cp = (cp << 6) | (*p & 0x3F);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return -1;
    n++;
  }
  return n;
}

int edx_is_uuid(const char *s)
{
  static const int dash_at[] = {8, 13, 18, 23};
  if (!s || strlen(s) != 36)
    return 0;
  for (int i = 0, d = 0; i < 36; i++) {
    if (d < 4 && i == dash_at[d]) {
      if (s[i] != '-')
        return 0;
      d++;
    } else if (!isxdigit((unsigned char)s[i])) {
      return 0;
    }
  }
  return 1;
}

int edx_is_code(const char *s)
{
  size_t n = s ? strlen(s) : 0;
  if (n < 1 || n > 32)
    return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!isalnum(c) && c != '-' && c != '_' && c != '.')
      return 0;
  }
  return 1;
}

/* Reads exactly n digits at *p into *out and advances *p. */
static int read_digits(const char **p, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (!isdigit((unsigned char)(*p)[i]))
      return -1;
    v = v * 10 + ((*p)[i] - '0');
  }
  *p += n;
  *out = v;
  return 0;
}

static int days_in_month(int year, int month)
{
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

int edx_is_rfc3339(const char *s)
{
  const char *p = s;
  int y, mo, d, h, mi, se, zh, zm;
  if (!s || read_digits(&p, 4, &y) || *p++ != '-' || read_digits(&p, 2, &mo) || *p++ != '-' ||
      read_digits(&p, 2, &d))
    return 0;
  if (*p != 'T' && *p != 't')
    return 0;
  p++;
  if (read_digits(&p, 2, &h) || *p++ != ':' || read_digits(&p, 2, &mi) || *p++ != ':' ||
      read_digits(&p, 2, &se))
    return 0;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
      se > 60)
    return 0;
  if (*p == '.') {
    p++;
    if (!isdigit((unsigned char)*p))
      return 0;
    while (isdigit((unsigned char)*p))
      p++;
  }
  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    return 1;
  if (*p != '+' && *p != '-')
    return 0;
  p++;
  if (read_digits(&p, 2, &zh) || *p++ != ':' || read_digits(&p, 2, &zm) || *p != '\0')
    return 0;
  return zh <= 23 && zm <= 59;
}

long long edx_rfc3339_epoch(const char *s)
{
  struct tm tm = {0};
  const char *p = s + 19;
  long long epoch;
  tm.tm_year = atoi(s) - 1900;
  tm.tm_mon = atoi(s + 5) - 1;
  tm.tm_mday = atoi(s + 8);
  tm.tm_hour = atoi(s + 11);
  tm.tm_min = atoi(s + 14);
  tm.tm_sec = atoi(s + 17) > 59 ? 59 : atoi(s + 17);
  epoch = (long long)timegm(&tm);
  if (*p == '.')
    while (isdigit((unsigned char)*++p))
      ;
  if (*p == '+' || *p == '-') {
    long long offset = atoi(p + 1) * 3600LL + atoi(p + 4) * 60LL;
    epoch += *p == '+' ? -offset : offset;
  }
  return epoch;
}

int edx_parse_int(const char *s, long min, long max, long *out)
{
  char *end = NULL;
  long v;
  if (!s || !*s || isspace((unsigned char)*s) || *s == '+')
    return -1;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno || *end != '\0' || v < min || v > max)
    return -1;
  *out = v;
  return 0;
}

int edx_parse_year(const char *s, int *out)
{
  long y;
  if (edx_parse_int(s, EDX_YEAR_MIN, EDX_YEAR_MAX, &y) != 0)
    return -1;
  *out = (int)y;
  return 0;
}

int edx_parse_bool(const char *s, int *out)
{
  if (s && strcmp(s, "true") == 0)
    *out = 1;
  else if (s && strcmp(s, "false") == 0)
    *out = 0;
  else
    return -1;
  return 0;
}

int edx_is_idempotency_key(const char *s)
{
  size_t n = s ? strlen(s) : 0;
  if (n < 1 || n > 255)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < 0x21 || s[i] > 0x7e)
      return 0;
  return 1;
}

int edx_is_http_url(const char *s, size_t max_len)
{
  size_t n = s ? strlen(s) : 0;
  size_t scheme;
  if (n == 0 || n > max_len)
    return 0;
  if (strncmp(s, "https://", 8) == 0)
    scheme = 8;
  else if (strncmp(s, "http://", 7) == 0)
    scheme = 7;
  else
    return 0;
  if (n == scheme || s[scheme] == '/')
    return 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
      return 0;
  return 1;
}

int edx_is_phone(const char *s)
{
  size_t n = s ? strlen(s) : 0;
  int digits = 0;
  if (n < 6 || n > 20)
    return 0;
  for (size_t i = 0; i < n; i++) {
    if (isdigit((unsigned char)s[i]))
      digits++;
    else if (!strchr(" +-.()", s[i]))
      return 0;
  }
  return digits >= 6;
}

int edx_is_email(const char *s)
{
  const char *at = s ? strchr(s, '@') : NULL;
  size_t n = s ? strlen(s) : 0;
  if (!at || at == s || strchr(at + 1, '@') || n > 254)
    return 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
      return 0;
  const char *dot = strrchr(at + 1, '.');
  return dot && dot > at + 1 && dot[1] != '\0';
}

edx_ref_kind edx_ref_parse(const char *segment, const char **value)
{
  if (segment && strncmp(segment, "code:", 5) == 0 && edx_is_code(segment + 5)) {
    *value = segment + 5;
    return EDX_REF_CODE;
  }
  if (edx_is_uuid(segment)) {
    *value = segment;
    return EDX_REF_ID;
  }
  return EDX_REF_INVALID;
}
