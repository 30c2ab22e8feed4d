/* fuzz_query.c — feeds the query-string side: the input's lines are limit, offset, sort, after
 * (empty: not given; starting with '[': a cursor's JSON payload, base64url-encoded first), a
 * request target, then cursor keys. Checks the contracts of edx_list_params_parse and
 * edx_cursor_parse (problems returned = problems appended; a cursor made for a list reads back),
 * edx_page_link_next (a well-formed Link value), edx_redact_target (no query value kept) and
 * edx_query_string_each (one call per non-empty piece, nothing decoded longer than its text). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/cursor.h"
#include "src/rules/listq.h"
#include "src/rules/log_redact.h"
#include "src/rules/query_string.h"
#include "src/rules/page_link.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { LIMIT, OFFSET, SORT, AFTER, TARGET, KEYS, PARTS = KEYS + EDX_KEYS_MAX };

static const char *const school_sort[] = {"name", "code", "level", "updated_at", NULL};

static void broken(const char *what)
{
  fprintf(stderr, "fuzz_query: invariant broken: %s\n", what);
  abort();
}

static int utf8(const char *s)
{
  json_t *j = json_string(s);
  json_decref(j);
  return j != NULL;
}

/* A query parameter as handlers see it: an empty line is one not given, and only valid UTF-8
 * arrives (ulfius drops the rest). */
static const char *param(const char *s)
{
  return s && *s && utf8(s) ? s : NULL;
}

/* base64url (no padding) of s, malloc'ed. */
static char *base64url(const char *s)
{
  static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t len = strlen(s), o = 0;
  char *out = malloc(len / 3 * 4 + 5);
  for (size_t i = 0; out && i < len; i += 3) {
    size_t n = len - i < 3 ? len - i : 3;
    unsigned long v = 0;
    for (size_t k = 0; k < 3; k++)
      v = v << 8 | (k < n ? (unsigned char)s[i + k] : 0u);
    for (size_t k = 0; k <= n; k++)
      out[o++] = abc[v >> (18 - 6 * k) & 63];
  }
  if (out)
    out[o] = '\0';
  return out;
}

/* errors gained `added` items, each {"field", "message"}, since it held `before`. */
static void check_errors(const json_t *errors, size_t before, int added, const char *who)
{
  size_t i;
  json_t *e;
  if (added < 0 || json_array_size(errors) != before + (size_t)added) {
    fprintf(stderr, "fuzz_query: %s returned %d problems and appended %zu\n", who, added,
            json_array_size(errors) - before);
    broken("the problems returned are not the problems appended");
  }
  json_array_foreach(errors, i, e)
    if (!json_is_string(json_object_get(e, "field")) ||
        !json_is_string(json_object_get(e, "message")))
      broken("a problem is not {\"field\", \"message\"}");
}

static void check_list_params(const edx_list_params *lp)
{
  int allowed = (int)(sizeof(school_sort) / sizeof(school_sort[0])) - 1;
  if (lp->limit < 1 || lp->limit > EDX_LIMIT_MAX || lp->offset < 0)
    broken("limit or offset out of range without a problem");
  if (lp->nsort < 1 || lp->nsort > EDX_SORT_MAX || lp->sort_text[0] == '\0')
    broken("no sort without a problem");
  for (int i = 0; i < lp->nsort; i++)
    if (lp->sort[i].field < 0 || lp->sort[i].field >= allowed)
      broken("a sort field outside the allowed names");
}

static void check_cursor_keys(const edx_cursor *c)
{
  const char *end = c->text + sizeof(c->text);
  for (int i = 0; i < c->nkeys; i++) {
    const char *k = edx_cursor_key(c, i);
    if (k && (k < c->text || k >= end || !memchr(k, '\0', (size_t)(end - k))))
      broken("a cursor key lies outside the cursor's text");
  }
}

/* A cursor made for lp's list and sort from the KEYS lines ("" for a NULL key; the last one is
 * the id) reads back to those keys. */
static void check_round_trip(edx_list_params *lp, char *const *part, json_t *errors)
{
  json_t *keys = json_array();
  char *cursor;
  size_t before = json_array_size(errors);
  for (int i = 0; i <= lp->nsort; i++) {
    const char *text = part[KEYS + i];
    if (!text || !utf8(text))
      goto done;
    json_array_append_new(keys, i < lp->nsort && !text[0] ? json_null() : json_string(text));
  }
  cursor = edx_cursor_make(lp, keys);
  if (cursor) {
    int n = edx_cursor_parse(lp, cursor, errors);
    check_errors(errors, before, n, "edx_cursor_parse");
    if (n != 0 || lp->after.nkeys != lp->nsort + 1)
      broken("a cursor made for this list and sort does not read back");
    for (int i = 0; i <= lp->nsort; i++) {
      const char *want = json_string_value(json_array_get(keys, (size_t)i));
      const char *got = edx_cursor_key(&lp->after, i);
      if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0))
        broken("a cursor's keys do not read back as they were made");
    }
  }
  free(cursor);
done:
  json_decref(keys);
}

/* `<URL>; rel="next"`, URL only of URI characters and %XX escapes, ending in after=cursor with
 * no other after or offset parameter (when the cursor is base64url, as the server's are). */
static void check_link(const char *link, const char *cursor)
{
  const char *tail = ">; rel=\"next\"";
  size_t len = strlen(link), url_len = len - strlen(tail), clen = strlen(cursor);
  const char *query;
  if (len <= strlen(tail) || link[0] != '<' || strcmp(link + url_len, tail) != 0)
    broken("the Link value is not <URL>; rel=\"next\"");
  for (size_t i = 1; i < url_len; i++) {
    unsigned char c = (unsigned char)link[i];
    if (c == '%' && i + 2 < url_len && isxdigit((unsigned char)link[i + 1]) &&
        isxdigit((unsigned char)link[i + 2]))
      i += 2;
    else if (!isalnum(c) && !strchr("-._~!$&'()*+,;=:@/?", c))
      broken("the Link URL holds a byte a URI may not");
  }
  if (strspn(cursor, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != clen)
    return;
  query = memchr(link, '?', url_len);
  if (!query || url_len < clen + 7 || memcmp(link + url_len - clen - 6, "after=", 6) != 0 ||
      !strchr("?&", link[url_len - clen - 7]))
    broken("the Link URL does not end in after=cursor");
  for (const char *p = query + 1; p < link + url_len - clen - 7; p += strcspn(p, "&") + 1) {
    size_t name = strcspn(p, "=&");
    if ((name == 5 && memcmp(p, "after", 5) == 0) || (name == 6 && memcmp(p, "offset", 6) == 0))
      broken("the Link URL keeps an after or offset parameter");
  }
}

/* NUL-terminated, the path kept, and every '=' of the query followed by "…" and then '&' or the
 * end (or by the start of "…" where a copy filling out was cut short). */
typedef struct {
  size_t calls, longest; /* parameters seen, and the longest piece of the query */
} query_walk;

static int count_parameter(void *cls, const char *key, const char *value)
{
  query_walk *w = cls;
  if (!key || strlen(key) + (value ? strlen(value) + 1 : 0) > w->longest)
    broken("a decoded parameter is longer than its piece of the query");
  w->calls++;
  return 0;
}

/* Splits target's query and checks the walk against the pieces counted here. */
static void check_query_string(const char *target)
{
  const char *query = strchr(target, '?');
  query_walk w = {0, 0};
  size_t pieces = 0, run = 0;
  if (!query)
    return;
  for (const char *p = query + 1;; p++) {
    if (*p == '&' || !*p) {
      pieces += run > 0;
      w.longest = run > w.longest ? run : w.longest;
      run = 0;
      if (!*p)
        break;
    } else {
      run++;
    }
  }
  if (edx_query_string_each(query + 1, count_parameter, &w) != 0 || w.calls != pieces)
    broken("the query string walk does not call once per non-empty piece");
}

static void check_redacted(const char *out, size_t size, const char *target)
{
  const char *query, *ellipsis = "\xE2\x80\xA6";
  size_t len, path;
  if (!memchr(out, '\0', size))
    broken("the redacted target is not NUL-terminated");
  len = strlen(out);
  path = strcspn(target, "?");
  if (strncmp(out, target, len < path ? len : path) != 0)
    broken("the redacted target does not keep the path");
  query = strchr(out, '?');
  for (const char *eq = query ? strchr(query, '=') : NULL; eq; eq = strchr(eq + 1, '=')) {
    const char *v = eq + 1;
    int whole = strncmp(v, ellipsis, 3) == 0 && (v[3] == '&' || v[3] == '\0');
    int cut = len == size - 1 && strncmp(v, ellipsis, strlen(v)) == 0;
    if (!whole && !cut)
      broken("a query value survives redaction");
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const size_t out_sizes[] = {1, 16, 64, 512};
  char *text = malloc(size + 1), *part[PARTS] = {0}, *cursor = NULL, *link;
  const char *target, *after;
  json_t *errors = json_array();
  edx_list_params lp;
  size_t before;
  int n;
  if (!text || !errors)
    abort();
  memcpy(text, data, size);
  text[size] = '\0';
  for (size_t i = 0, start = 0; i < PARTS && start <= size; i++) {
    char *nl = memchr(text + start, '\n', size - start);
    part[i] = text + start;
    if (nl)
      *nl = '\0';
    start = nl ? (size_t)(nl - text) + 1 : size + 1;
  }
  if (part[AFTER] && part[AFTER][0] == '[')
    cursor = base64url(part[AFTER]);
  else if (part[AFTER] && part[AFTER][0])
    cursor = strdup(part[AFTER]);
  after = param(cursor);
  target = part[TARGET] ? part[TARGET] : "";

  n = edx_list_params_parse(&lp, param(part[LIMIT]), param(part[OFFSET]),
                            param(part[SORT]), school_sort, "code", errors);
  check_errors(errors, 0, n, "edx_list_params_parse");
  if (n == 0)
    check_list_params(&lp);
  lp.list = "/v1/schools";
  before = json_array_size(errors);
  n = edx_cursor_parse(&lp, after, errors);
  check_errors(errors, before, n, "edx_cursor_parse");
  if (n > 1 || (n == 1 && !after))
    broken("edx_cursor_parse reported more than one problem, or one without a cursor");
  if (n == 0 && after && lp.sort_text[0] && lp.after.nkeys != lp.nsort + 1)
    broken("an accepted cursor does not hold nsort + 1 keys");
  check_cursor_keys(&lp.after);
  if (json_array_size(errors) == 0 && lp.offset == 0)
    check_round_trip(&lp, part, errors);

  link = edx_page_link_next(target, cursor ? cursor : "");
  if (link)
    check_link(link, cursor ? cursor : "");
  free(link);
  for (size_t i = 0; i < sizeof(out_sizes) / sizeof(out_sizes[0]); i++) {
    char out[512];
    memset(out, 'x', sizeof(out));
    edx_redact_target(out, out_sizes[i], target);
    check_redacted(out, out_sizes[i], target);
  }
  check_query_string(target);
  free(cursor);
  free(text);
  json_decref(errors);
  return 0;
}
