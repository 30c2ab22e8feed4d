/* list_etags.c — list items given the ETag of their own GET (see list_etags.h). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/etag.h"
#include "src/rules/json_text.h"
#include "src/rules/list_etags.h"

/* The length of the JSON value s starts with, an object or array (s[0] is '{' or '['), up to
 * and with its closing bracket; 0 when it does not end within len. */
static size_t bracketed_len(const char *s, size_t len)
{
  int depth = 0, in_string = 0;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (in_string) {
      if (c == '\\')
        i++; /* the escaped character cannot end the string */
      else if (c == '"')
        in_string = 0;
    } else if (c == '"') {
      in_string = 1;
    } else if (c == '{' || c == '[') {
      depth++;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return 0;
}

/* Skips JSON whitespace from i; the index of the next other byte (len at the end). */
static size_t skip_space(const char *s, size_t len, size_t i)
{
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

/* Appends a number token of PostgreSQL's (len bytes) as jansson writes it; 0 when this does not
 * (an integer out of jansson's range or -0, which it writes 0; a real it cannot read). An integer
 * stays as it is; a number with a fraction or an exponent is read as a double (strtod, as
 * jansson does in the C locale) and written as jansson's EDX_JSON_OUT does: "%.15g", ".0" added
 * when that has neither a dot nor an exponent, and the exponent without '+' or leading zeros
 * (100.00 → 100.0, 89.30 → 89.3, 1E+20 → 1e20, 0.0000001 → 1e-7). */
static int append_number(edx_text *out, const char *tok, size_t len)
{
  char in[64], buf[64], *e;
  double v;
  size_t k = 0;
  while (k < len && tok[k] != '.' && tok[k] != 'e' && tok[k] != 'E')
    k++;
  if (k == len) { /* an integer */
    if (len > 18 || (len == 2 && tok[0] == '-' && tok[1] == '0'))
      return 0;
    edx_text_rawn(out, tok, len);
    return 1;
  }
  if (len >= sizeof(in))
    return 0;
  memcpy(in, tok, len);
  in[len] = '\0';
  v = strtod(in, NULL);
  if (!isfinite(v))
    return 0;
  snprintf(buf, sizeof(buf) - 2, "%.15g", v);
  if (!strchr(buf, '.') && !strchr(buf, 'e'))
    strcat(buf, ".0");
  if ((e = strchr(buf, 'e'))) {
    char *digits = e + 1 + (e[1] == '-'), *from = e + 1 + (e[1] == '-' || e[1] == '+');
    while (*from == '0' && from[1])
      from++;
    memmove(digits, from, strlen(from) + 1);
  }
  edx_text_raw(out, buf);
  return 1;
}

/* Writes the object item (n bytes, as PostgreSQL wrote it and edx_json_squeeze left it) into
 * out as jansson writes it with EDX_JSON_OUT, which is what a GET of it sends: the same bytes
 * but for its numbers (append_number). 0 when it holds what this does not rewrite — a \u
 * escape (PostgreSQL writes \u001f, jansson \u001F) or \/ (jansson writes /), whitespace
 * outside strings, a number append_number leaves — for jansson itself to do. */
static int as_jansson(edx_text *out, const char *item, size_t n)
{
  size_t i = 0;
  while (i < n) {
    size_t start = i;
    char c = item[i];
    if (c == '"') { /* a string: copied; jansson writes \" \\ \b \f \n \r \t as they are */
      for (i++; i < n && item[i] != '"'; i++)
        if (item[i] == '\\' && (++i >= n || !strchr("\"\\bfnrt", item[i]) || item[i] == '\0'))
          return 0;
      if (i >= n)
        return 0;
      edx_text_rawn(out, item + start, ++i - start);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      while (i < n && strchr("0123456789.eE+-", item[i]) && item[i] != '\0')
        i++;
      if (!append_number(out, item + start, i - start))
        return 0;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      return 0;
    } else {
      edx_text_rawn(out, item + i++, 1);
    }
  }
  return out->data != NULL;
}

/* The ETag of the object item (n bytes) as a GET of it answers: of its jansson form, written
 * here (as_jansson) or by jansson (edx_etag_of_answer of the object it reads); 0 when it is not
 * a JSON object jansson reads. */
static int item_etag(char etag[EDX_ETAG_LEN], edx_text *scratch, const char *item, size_t n)
{
  json_t *value;
  int ok;
  scratch->len = 0;
  if (scratch->data)
    scratch->data[0] = '\0';
  if (as_jansson(scratch, item, n)) {
    edx_etag_of_bytes(etag, scratch->data, scratch->len);
    return 1;
  }
  value = json_loadb(item, n, 0, NULL);
  ok = json_is_object(value);
  if (ok)
    edx_etag_of_answer(etag, value);
  json_decref(value);
  return ok;
}

/* Appends the object item (n bytes, item[n - 1] its closing brace) with its etag member; 0 when
 * its etag could not be had. */
static int append_item(edx_text *out, edx_text *scratch, const char *item, size_t n)
{
  char etag[EDX_ETAG_LEN];
  if (item[n - 1] != '}' || !item_etag(etag, scratch, item, n))
    return 0;
  edx_text_rawn(out, item, n - 1);
  edx_text_member(out, n > 2 ? ",\"etag\":" : "\"etag\":", etag);
  edx_text_rawn(out, "}", 1);
  return 1;
}

char *edx_list_items_with_etags(const char *items, size_t len, size_t *out_len)
{
  edx_text out, scratch;
  size_t i = skip_space(items, len, 0);
  int ok = i < len && items[i] == '[';
  edx_text_init(&out, len + len / 8 + 16);
  edx_text_init(&scratch, 4096);
  edx_text_rawn(&out, "[", 1);
  if (ok)
    i = skip_space(items, len, i + 1);
  while (ok && i < len && items[i] != ']') {
    size_t n = items[i] == '{' ? bracketed_len(items + i, len - i) : 0;
    ok = n > 0 && append_item(&out, &scratch, items + i, n);
    i = ok ? skip_space(items, len, i + n) : len;
    ok = ok && i < len && (items[i] == ',' || items[i] == ']');
    if (ok && items[i] == ',') {
      edx_text_rawn(&out, ",", 1);
      i = skip_space(items, len, i + 1);
      ok = i < len && items[i] != ']'; /* another item must follow */
    }
  }
  ok = ok && i < len && items[i] == ']' && skip_space(items, len, i + 1) == len;
  edx_text_rawn(&out, "]", 1);
  edx_text_free(&scratch);
  if (!ok) {
    edx_text_free(&out);
    return NULL;
  }
  return edx_text_take(&out, out_len);
}
