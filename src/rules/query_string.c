/* query_string.c — query strings split and decoded (see query_string.h). */
#include <stdlib.h>
#include <string.h>
#include "src/rules/query_string.h"

int edx_hex_digit(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes s in place: '+' is a space, %XX a byte. */
static void decode(char *s)
{
  char *w = s;
  for (const char *r = s; *r; w++) {
    if (*r == '%' && edx_hex_digit(r[1]) >= 0 && edx_hex_digit(r[2]) >= 0) {
      *w = (char)(edx_hex_digit(r[1]) * 16 + edx_hex_digit(r[2]));
      r += 3;
    } else {
      *w = *r == '+' ? ' ' : *r;
      r++;
    }
  }
  *w = '\0';
}

int edx_query_string_each(const char *query,
                          int (*each)(void *cls, const char *key, const char *value), void *cls)
{
  char *copy, *piece, *next;
  int rc = 0;
  if (!query || !*query)
    return 0;
  if (!(copy = strdup(query)))
    return -1;
  for (piece = copy; piece && rc == 0; piece = next) {
    char *equals;
    next = strchr(piece, '&');
    if (next)
      *next++ = '\0';
    if (!*piece)
      continue;
    equals = strchr(piece, '=');
    if (equals)
      *equals++ = '\0';
    decode(piece);
    if (equals)
      decode(equals);
    rc = each(cls, piece, equals) != 0 ? -1 : 0;
  }
  free(copy);
  return rc;
}
