/* cursor.c — after= cursors (see cursor.h). A cursor is the base64url text (RFC 4648 §5, no
 * padding) of the JSON array [1, list, sort, [key, ..., id]]: a format version, the list's route,
 * the sort as sent, then the page's last row's key values as text (null for NULL). */
#include <stdlib.h>
#include <string.h>
#include "src/rules/cursor.h"
#include "src/rules/fields.h"

#define CURSOR_VERSION 1

static const char alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static int sextet(char c)
{
  const char *p = c ? strchr(alphabet, c) : NULL;
  return p ? (int)(p - alphabet) : -1;
}

/* base64url without padding of bytes[0..len); malloc'ed. */
static char *encode(const char *bytes, size_t len)
{
  char *out = malloc((len + 2) / 3 * 4 + 1), *o = out;
  if (!out)
    return NULL;
  for (size_t i = 0; i < len; i += 3) {
    unsigned long v = (unsigned long)(unsigned char)bytes[i] << 16;
    if (i + 1 < len)
      v |= (unsigned long)(unsigned char)bytes[i + 1] << 8;
    if (i + 2 < len)
      v |= (unsigned char)bytes[i + 2];
    *o++ = alphabet[(v >> 18) & 63];
    *o++ = alphabet[(v >> 12) & 63];
    if (i + 1 < len)
      *o++ = alphabet[(v >> 6) & 63];
    if (i + 2 < len)
      *o++ = alphabet[v & 63];
  }
  *o = '\0';
  return out;
}

/* Decodes base64url text (no padding, unused bits zero, so that each cursor has one spelling)
 * into out (at most cap bytes); the byte count, or -1 when text is not such base64url. */
static long decode(const char *text, char *out, size_t cap)
{
  unsigned long bits = 0;
  int nbits = 0;
  size_t o = 0;
  for (const char *p = text; *p; p++) {
    int s = sextet(*p);
    if (s < 0)
      return -1;
    bits = (bits << 6 | (unsigned long)s) & 0xFFFFFul;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      if (o == cap)
        return -1;
      out[o++] = (char)(bits >> nbits & 0xFFul);
    }
  }
  /* a lone last character (6 bits) is no byte; fewer bits left over are padding, all zero */
  if (nbits >= 6 || (bits & ((1ul << nbits) - 1)) != 0)
    return -1;
  return (long)o;
}

/* Copies the keys (strings or nulls, the last a string) into c; -1 when they are not such. */
static int keep_keys(edx_cursor *c, const json_t *keys)
{
  size_t used = 0, n = json_array_size(keys);
  if (!json_is_array(keys) || n < 2 || n > EDX_KEYS_MAX ||
      !json_is_string(json_array_get(keys, n - 1)))
    return -1;
  memset(c, 0, sizeof(*c));
  for (size_t i = 0; i < n; i++) {
    const json_t *k = json_array_get(keys, i);
    size_t len = json_string_length(k);
    c->at[i] = (unsigned short)used;
    if (json_is_null(k)) {
      c->nulls |= 1u << i;
      continue;
    }
    if (!json_is_string(k) || used + len + 1 > sizeof(c->text))
      return -1;
    memcpy(c->text + used, json_string_value(k), len + 1);
    used += len + 1;
  }
  c->nkeys = (int)n;
  return 0;
}

/* The payload [version, list, sort, keys] of text, or NULL when text is not a cursor. */
static json_t *payload_of(const char *text)
{
  char *bytes = malloc(EDX_CURSOR_TEXT_MAX);
  long len = bytes && strlen(text) <= EDX_CURSOR_MAX_CHARS
               ? decode(text, bytes, EDX_CURSOR_TEXT_MAX) : -1;
  json_t *p = len > 0 ? json_loadb(bytes, (size_t)len, 0, NULL) : NULL;
  free(bytes);
  if (p && (json_array_size(p) != 4 ||
            json_integer_value(json_array_get(p, 0)) != CURSOR_VERSION ||
            !json_is_integer(json_array_get(p, 0)) || !json_is_string(json_array_get(p, 1)) ||
            !json_is_string(json_array_get(p, 2)))) {
    json_decref(p);
    p = NULL;
  }
  return p;
}

int edx_cursor_parse(edx_list_params *lp, const char *after, json_t *errors)
{
  json_t *p;
  const char *list, *sort;
  int problems = 1;
  memset(&lp->after, 0, sizeof(lp->after));
  if (!after)
    return 0;
  if (lp->offset != 0) {
    edx_errors_add(errors, "after", "cannot be combined with a non-zero offset: the cursor "
                                    "already says where the page starts");
    return 1;
  }
  p = payload_of(after);
  list = json_string_value(json_array_get(p, 1));
  sort = json_string_value(json_array_get(p, 2));
  if (!p || keep_keys(&lp->after, json_array_get(p, 3)) != 0)
    edx_errors_add(errors, "after", EDX_CURSOR_NOT_OURS);
  else if (strcmp(list, lp->list ? lp->list : "") != 0)
    edx_errors_add(errors, "after", "this cursor belongs to another list (%s); start this list "
                                    "again without after", list);
  else if (lp->sort_text[0] && strcmp(sort, lp->sort_text) != 0)
    edx_errors_add(errors, "after", "this cursor was made for sort=%s; send it with that sort, "
                                    "or start again without after", sort);
  else if (lp->sort_text[0] && lp->after.nkeys != lp->nsort + 1)
    edx_errors_add(errors, "after", EDX_CURSOR_NOT_OURS);
  else
    problems = 0;
  if (problems)
    memset(&lp->after, 0, sizeof(lp->after));
  json_decref(p);
  return problems;
}

char *edx_cursor_make(const edx_list_params *lp, const json_t *keys)
{
  edx_cursor check;
  json_t *p = NULL;
  char *text = NULL, *cursor = NULL;
  if ((int)json_array_size(keys) != lp->nsort + 1 || keep_keys(&check, keys) != 0)
    return NULL;
  p = json_pack("[i,s,s,O]", CURSOR_VERSION, lp->list ? lp->list : "", lp->sort_text, keys);
  text = p ? json_dumps(p, JSON_COMPACT) : NULL;
  if (text && strlen(text) < EDX_CURSOR_TEXT_MAX)
    cursor = encode(text, strlen(text));
  free(text);
  json_decref(p);
  return cursor;
}

const char *edx_cursor_key(const edx_cursor *c, int i)
{
  if (i < 0 || i >= c->nkeys || (c->nulls >> i & 1u))
    return NULL;
  return c->text + c->at[i];
}
