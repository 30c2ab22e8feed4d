/* json_text.c — JSON text written straight into a buffer (see json_text.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/json_text.h"

void edx_text_init(edx_text *t, size_t hint)
{
  t->cap = hint > 64 ? hint : 64;
  t->len = 0;
  t->data = malloc(t->cap);
  if (t->data)
    t->data[0] = '\0';
}

void edx_text_free(edx_text *t)
{
  free(t->data);
  t->data = NULL;
  t->len = t->cap = 0;
}

/* Makes room for n more bytes and the NUL; 0 when the buffer is (or becomes) unusable. */
static int reserve(edx_text *t, size_t n)
{
  char *grown;
  size_t cap = t->cap;
  if (!t->data)
    return 0;
  if (t->len + n + 1 <= t->cap)
    return 1;
  while (cap < t->len + n + 1)
    cap *= 2;
  if (!(grown = realloc(t->data, cap))) {
    edx_text_free(t);
    return 0;
  }
  t->data = grown;
  t->cap = cap;
  return 1;
}

void edx_text_rawn(edx_text *t, const char *s, size_t n)
{
  if (!reserve(t, n))
    return;
  memcpy(t->data + t->len, s, n);
  t->len += n;
  t->data[t->len] = '\0';
}

void edx_text_raw(edx_text *t, const char *s)
{
  edx_text_rawn(t, s, strlen(s));
}

void edx_text_str(edx_text *t, const char *s)
{
  const char *run;
  if (!s) {
    edx_text_raw(t, "null");
    return;
  }
  edx_text_rawn(t, "\"", 1);
  for (run = s; *s; s++) {
    unsigned char c = (unsigned char)*s;
    char escaped[8];
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    edx_text_rawn(t, run, (size_t)(s - run));
    run = s + 1;
    switch (c) {
    case '"': edx_text_rawn(t, "\\\"", 2); break;
    case '\\': edx_text_rawn(t, "\\\\", 2); break;
    case '\b': edx_text_rawn(t, "\\b", 2); break;
    case '\f': edx_text_rawn(t, "\\f", 2); break;
    case '\n': edx_text_rawn(t, "\\n", 2); break;
    case '\r': edx_text_rawn(t, "\\r", 2); break;
    case '\t': edx_text_rawn(t, "\\t", 2); break;
    default:
      snprintf(escaped, sizeof(escaped), "\\u%04X", c);
      edx_text_rawn(t, escaped, 6);
    }
  }
  edx_text_rawn(t, run, (size_t)(s - run));
  edx_text_rawn(t, "\"", 1);
}

/* Writes the decimal digits of v (>= 0) ending just before end; returns where they start. */
static char *digits_before(char *end, unsigned long long v)
{
  do {
    *--end = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return end;
}

void edx_text_member(edx_text *t, const char *prefix, const char *value)
{
  edx_text_raw(t, prefix);
  edx_text_str(t, value);
}

void edx_text_int(edx_text *t, long long v)
{
  char buf[24], *end = buf + sizeof(buf), *p;
  unsigned long long magnitude = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  p = digits_before(end, magnitude);
  if (v < 0)
    *--p = '-';
  edx_text_rawn(t, p, (size_t)(end - p));
}

void edx_text_hundredths(edx_text *t, long long h)
{
  char buf[32], *end = buf + sizeof(buf), *p;
  unsigned long long a = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
  unsigned cents = (unsigned)(a % 100);
  if (cents % 10 != 0) /* 85.37; 85.30 → 85.3; 100.00 → 100.0 */
    *--end = (char)('0' + cents % 10);
  *--end = (char)('0' + cents / 10);
  *--end = '.';
  p = digits_before(end, a / 100);
  if (h < 0)
    *--p = '-';
  edx_text_rawn(t, p, (size_t)(buf + sizeof(buf) - p));
}

char *edx_text_take(edx_text *t, size_t *len)
{
  char *data = t->data;
  *len = data ? t->len : 0;
  t->data = NULL;
  t->len = t->cap = 0;
  return data;
}

/* The end of the JSON string starting at s[i] (its opening quote): the index after its closing
 * quote, or len. Whole runs of plain characters are skipped at once (strcspn). */
static size_t string_end(const char *s, size_t i, size_t len)
{
  i++;
  while (i < len) {
    i += strcspn(s + i, "\"\\");
    if (i >= len)
      break;
    if (s[i] == '"')
      return i + 1;
    i += s[i] == '\\' ? 2 : 1; /* an escape, or a NUL inside the text */
  }
  return len;
}

size_t edx_json_squeeze(char *s, size_t len)
{
  size_t out = 0, i = 0;
  while (i < len) {
    char ch = s[i];
    if (ch == '"') {
      size_t end = string_end(s, i, len);
      memmove(s + out, s + i, end - i);
      out += end - i;
      i = end;
      continue;
    }
    if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t')
      s[out++] = ch;
    i++;
  }
  s[out] = '\0';
  return out;
}
