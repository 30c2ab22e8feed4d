/* content_coding.c — Accept-Encoding, the gzip threshold and Vary lists (content_coding.h). */
#include <ctype.h>
#include <string.h>
#include "src/rules/content_coding.h"

#define NOT_LISTED (-1)

typedef struct {
  int gzip;     /* weights in thousandths (0–1000), NOT_LISTED when absent */
  int identity;
  int star;
} weights;

static const char *skip_ows(const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* 1 when p[0..len) is word, ignoring case. */
static int same_word(const char *p, size_t len, const char *word)
{
  if (strlen(word) != len)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (tolower((unsigned char)p[i]) != tolower((unsigned char)word[i]))
      return 0;
  return 1;
}

/* Reads a weight (RFC 9110 §12.4.2: "0", "0.5", "0.125", "1", "1.000") at p into *q in
 * thousandths; returns the end, or NULL when malformed. */
static const char *parse_qvalue(const char *p, int *q)
{
  int value, scale = 100;
  if (*p != '0' && *p != '1')
    return NULL;
  value = (*p++ - '0') * 1000;
  if (*p == '.')
    for (p++; isdigit((unsigned char)*p) && scale > 0; p++, scale /= 10)
      value += (*p - '0') * scale;
  if (value > 1000)
    return NULL;
  *q = value;
  return p;
}

/* Reads one entry "coding *( OWS ; OWS name = value )" at p; sets *name, *name_len and *q (1000
 * without a weight). Returns the end of the entry (a ',' or the end of the text); *ok is 0 when
 * the entry is malformed. */
static const char *parse_entry(const char *p, const char **name, size_t *name_len, int *q,
                               int *ok)
{
  *name = p;
  *name_len = strcspn(p, " \t;,");
  *q = 1000;
  *ok = *name_len > 0;
  p = skip_ows(p + *name_len);
  while (*ok && *p == ';') {
    const char *param = skip_ows(p + 1);
    size_t param_len = strcspn(param, " \t=;,");
    p = skip_ows(param + param_len);
    if (*p != '=') {
      *ok = 0;
      break;
    }
    p = skip_ows(p + 1);
    if (same_word(param, param_len, "q")) {
      p = parse_qvalue(p, q);
      *ok = p != NULL;
    } else {
      p += strcspn(p, " \t;,"); /* another parameter: not ours to judge */
    }
    if (*ok)
      p = skip_ows(p);
  }
  if (!*ok || (*p && *p != ','))
    *ok = 0;
  return p ? p + strcspn(p, ",") : NULL;
}

/* A coding's weight after another entry for it: the lowest one counts. */
static void note(int *slot, int q)
{
  if (*slot == NOT_LISTED || q < *slot)
    *slot = q;
}

int edx_accepts_gzip(const char *accept_encoding)
{
  weights w = {NOT_LISTED, NOT_LISTED, NOT_LISTED};
  const char *p = accept_encoding;
  int gzip, identity;
  while (p && *p) {
    const char *name, *end;
    size_t len;
    int q, ok;
    p = skip_ows(p);
    if (*p == ',') {
      p++;
      continue;
    }
    if (!*p)
      break;
    end = parse_entry(p, &name, &len, &q, &ok);
    if (!end) /* a malformed weight: skip to the next entry */
      end = name + strcspn(name, ",");
    if (ok && (same_word(name, len, "gzip") || same_word(name, len, "x-gzip")))
      note(&w.gzip, q);
    else if (ok && same_word(name, len, "identity"))
      note(&w.identity, q);
    else if (ok && same_word(name, len, "*"))
      note(&w.star, q);
    p = end;
  }
  gzip = w.gzip != NOT_LISTED ? w.gzip : w.star != NOT_LISTED ? w.star : 0;
  identity = w.identity != NOT_LISTED ? w.identity : w.star;
  return gzip > 0 && gzip >= identity;
}

int edx_use_gzip(const char *accept_encoding, size_t len)
{
  return len >= EDX_GZIP_MIN_BYTES && edx_accepts_gzip(accept_encoding);
}

int edx_header_lists(const char *list, const char *token)
{
  const char *p = list;
  while (p && *p) {
    size_t len;
    p = skip_ows(p);
    len = strcspn(p, ",");
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
      len--;
    if (same_word(p, len, token))
      return 1;
    p += strcspn(p, ",");
    if (*p == ',')
      p++;
  }
  return 0;
}
