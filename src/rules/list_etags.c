/* list_etags.c — list items given the ETag of their own GET (see list_etags.h). */
#include <jansson.h>
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

/* Appends the object item (n bytes, s[n - 1] its closing brace) with its etag member; 0 when it
 * is not a JSON object. */
static int append_item(edx_text *out, const char *item, size_t n)
{
  char etag[EDX_ETAG_LEN];
  json_t *value = json_loadb(item, n, 0, NULL);
  if (!json_is_object(value)) {
    json_decref(value);
    return 0;
  }
  edx_etag_of_answer(etag, value);
  edx_text_rawn(out, item, n - 1);
  edx_text_member(out, json_object_size(value) > 0 ? ",\"etag\":" : "\"etag\":", etag);
  edx_text_rawn(out, "}", 1);
  json_decref(value);
  return 1;
}

char *edx_list_items_with_etags(const char *items, size_t len, size_t *out_len)
{
  edx_text out;
  size_t i = skip_space(items, len, 0), n = 0;
  int ok = i < len && items[i] == '[';
  edx_text_init(&out, len + len / 8 + 16);
  edx_text_rawn(&out, "[", 1);
  if (ok)
    i = skip_space(items, len, i + 1);
  while (ok && i < len && items[i] != ']') {
    ok = items[i] == '{' && (n = bracketed_len(items + i, len - i)) > 0 &&
         append_item(&out, items + i, n);
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
  if (!ok) {
    edx_text_free(&out);
    return NULL;
  }
  return edx_text_take(&out, out_len);
}
