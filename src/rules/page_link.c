/* page_link.c — the next page's Link header (see page_link.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/page_link.h"

/* 1 for the characters RFC 3986 allows in a path or query besides percent escapes. */
static int uri_char(unsigned char c)
{
  return isalnum(c) || (c && strchr("-._~!$&'()*+,;=:@/?", c));
}

/* Appends s[0..len) to out at *o, percent-encoding what a URI may not hold (a '%' counts as an
 * escape only when two hex digits follow). out has room for 3 bytes per input byte. */
static void put(char *out, size_t *o, const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (uri_char(c) || (c == '%' && i + 2 < len && isxdigit((unsigned char)s[i + 1]) &&
                        isxdigit((unsigned char)s[i + 2])))
      out[(*o)++] = (char)c;
    else
      *o += (size_t)sprintf(out + *o, "%%%02X", c);
  }
}

/* 1 when the query component s[0..len) is the parameter name (its name percent-decoded). */
static int names(const char *s, size_t len, const char *name)
{
  size_t n = strcspn(s, "=");
  size_t k = 0;
  if (n > len)
    n = len;
  for (size_t i = 0; i < n; i++, k++) {
    char c = s[i];
    if (c == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
        isxdigit((unsigned char)s[i + 2])) {
      char hex[3] = {s[i + 1], s[i + 2], '\0'};
      c = (char)strtol(hex, NULL, 16);
      i += 2;
    }
    if (!name[k] || name[k] != c)
      return 0;
  }
  return name[k] == '\0';
}

char *edx_page_link_next(const char *target, const char *cursor)
{
  const char *q = strchr(target, '?');
  size_t path_len = q ? (size_t)(q - target) : strlen(target);
  char *out = malloc(strlen(target) * 3 + strlen(cursor) * 3 + 32);
  size_t o = 0;
  if (!out)
    return NULL;
  out[o++] = '<';
  put(out, &o, target, path_len);
  out[o++] = '?';
  for (const char *s = q ? q + 1 : NULL; s && *s;) {
    size_t len = strcspn(s, "&");
    if (len > 0 && !names(s, len, "after") && !names(s, len, "offset")) {
      put(out, &o, s, len);
      out[o++] = '&';
    }
    s += len + (s[len] == '&');
  }
  memcpy(out + o, "after=", 6);
  o += 6;
  put(out, &o, cursor, strlen(cursor));
  strcpy(out + o, ">; rel=\"next\"");
  return out;
}
