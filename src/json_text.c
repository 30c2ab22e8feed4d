/* json_text.c — JSON text written straight into a buffer (see json_text.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/json_text.h"
#include "src/jsonx.h"

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

void edx_text_int(edx_text *t, long long v)
{
  char digits[32];
  int n = snprintf(digits, sizeof(digits), "%lld", v);
  edx_text_rawn(t, digits, (size_t)n);
}

void edx_text_hundredths(edx_text *t, long long h)
{
  char digits[48];
  long long a = h < 0 ? -h : h;
  int n = snprintf(digits, sizeof(digits), "%s%lld.%02lld", h < 0 ? "-" : "", a / 100, a % 100);
  if (digits[n - 1] == '0')
    n--; /* 85.30 → 85.3, 100.00 → 100.0 */
  edx_text_rawn(t, digits, (size_t)n);
}

void edx_text_json(edx_text *t, const json_t *v)
{
  char *text = json_dumps(v, EDX_JSON_OUT | JSON_ENCODE_ANY);
  if (!text) {
    edx_text_free(t);
    return;
  }
  edx_text_raw(t, text);
  free(text);
}

char *edx_text_take(edx_text *t, size_t *len)
{
  char *data = t->data;
  *len = data ? t->len : 0;
  t->data = NULL;
  t->len = t->cap = 0;
  return data;
}
