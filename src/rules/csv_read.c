/* csv_read.c — CSV upload parsing (see csv_read.h). One pass over the bytes: a small state
 * machine collects cells of the current record, then the record becomes an object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/csv_read.h"

typedef struct {
  json_t *cells;   /* strings of the current record */
  char *cell;      /* the cell being read */
  size_t len, cap;
} record;

static int cell_put(record *r, char ch)
{
  if (r->len + 1 >= r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 64;
    char *grown = realloc(r->cell, cap);
    if (!grown)
      return -1;
    r->cell = grown;
    r->cap = cap;
  }
  r->cell[r->len++] = ch;
  return 0;
}

/* Ends the current cell; returns -1 when it is not valid UTF-8. */
static int cell_end(record *r)
{
  json_t *s;
  size_t start = 0, end = r->len;
  while (start < end && (r->cell[start] == ' ' || r->cell[start] == '\t'))
    start++;
  while (end > start && (r->cell[end - 1] == ' ' || r->cell[end - 1] == '\t'))
    end--;
  /* the apostrophe edudx's CSV puts before text starting like a formula (csv.c) comes off, so an
   * export read back gives the text it was made from */
  if (start + 1 < end && r->cell[start] == '\'' && r->cell[start + 1] != '\0' &&
      strchr("=+-@\t\r", r->cell[start + 1]))
    start++;
  s = json_stringn(r->cell ? r->cell + start : "", end - start);
  r->len = 0;
  if (!s)
    return -1;
  json_array_append_new(r->cells, s);
  return 0;
}

/* Picks ';' when the header line has more semicolons than commas outside quotes. */
static char detect_separator(const char *p, const char *end)
{
  int commas = 0, semicolons = 0, quoted = 0;
  for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
    if (*p == '"')
      quoted = !quoted;
    else if (!quoted && *p == ',')
      commas++;
    else if (!quoted && *p == ';')
      semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

static int blank_record(const json_t *cells)
{
  size_t i;
  json_t *c;
  json_array_foreach(cells, i, c)
    if (json_string_length(c) > 0)
      return 0;
  return 1;
}

/* Turns a finished record into an object (or takes it as the header). */
static int take_record(json_t **header, json_t *rows, json_t *cells, long line, char *why,
                       size_t why_len)
{
  size_t i;
  json_t *c, *obj;
  if (blank_record(cells))
    return 0;
  if (!*header) {
    json_t *seen = json_object(); /* names met so far: one lookup each, not a pass over all */
    int bad = 0;
    if (json_array_size(cells) > EDX_CSV_MAX_COLUMNS) {
      snprintf(why, why_len, "the CSV header has %zu columns; at most %d are read",
               json_array_size(cells), EDX_CSV_MAX_COLUMNS);
      bad = 1;
    }
    json_array_foreach(cells, i, c) {
      if (bad)
        break;
      if (json_string_length(c) == 0) {
        snprintf(why, why_len, "the CSV header has an empty column name (column %zu)", i + 1);
        bad = 1;
      } else if (json_object_get(seen, json_string_value(c))) {
        snprintf(why, why_len, "the CSV header names '%s' twice", json_string_value(c));
        bad = 1;
      } else {
        json_object_set(seen, json_string_value(c), json_true());
      }
    }
    json_decref(seen);
    if (bad)
      return -1;
    *header = json_copy(cells);
    return 0;
  }
  obj = json_object();
  json_array_foreach(cells, i, c) {
    if (json_string_length(c) == 0)
      continue;
    if (i >= json_array_size(*header)) {
      snprintf(why, why_len, "record %zu (line %ld) has more cells than the header",
               json_array_size(rows) + 1, line);
      json_decref(obj);
      return -1;
    }
    json_object_set(obj, json_string_value(json_array_get(*header, i)), c);
  }
  json_array_append_new(rows, obj);
  return 0;
}

json_t *edx_csv_parse(const char *data, size_t len, char *why, size_t why_len)
{
  const char *p = data, *end = data + len;
  record r = {json_array(), NULL, 0, 0};
  json_t *header = NULL, *rows = json_array();
  int quoted = 0, ok = 0;
  long line = 1;
  char sep;
  if (memchr(data, '\0', len)) { /* no spreadsheet writes one; it would cut names short */
    snprintf(why, why_len, "the CSV holds a NUL byte (at byte %zu)",
             (size_t)((const char *)memchr(data, '\0', len) - data) + 1);
    json_decref(r.cells);
    json_decref(rows);
    return NULL;
  }
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  sep = detect_separator(p, end);
  for (; p <= end; p++) {
    char ch = p < end ? *p : '\n';
    if (quoted) {
      if (p == end) {
        snprintf(why, why_len, "a quoted cell that starts before line %ld is never closed", line);
        goto cleanup;
      }
      if (ch == '"' && p + 1 < end && p[1] == '"')
        p++; /* "" inside quotes is one quote */
      else if (ch == '"') {
        quoted = 0;
        continue;
      } else if (ch == '\n')
        line++;
      if (cell_put(&r, ch) != 0)
        goto cleanup;
      continue;
    }
    if (ch == '"' && r.len == 0) {
      quoted = 1;
    } else if (ch == sep || ch == '\n' || ch == '\r') {
      if (ch == '\r' && p + 1 < end && p[1] == '\n')
        continue; /* the \n ends the record */
      if (cell_end(&r) != 0) {
        snprintf(why, why_len, "line %ld is not valid UTF-8 text", line);
        goto cleanup;
      }
      if (ch != sep) {
        if (take_record(&header, rows, r.cells, line, why, why_len) != 0)
          goto cleanup;
        json_array_clear(r.cells);
        line++;
      }
    } else if (cell_put(&r, ch) != 0) {
      goto cleanup;
    }
  }
  if (!header) {
    snprintf(why, why_len, "the CSV has no header row");
    goto cleanup;
  }
  ok = 1;
cleanup:
  free(r.cell);
  json_decref(r.cells);
  json_decref(header);
  if (!ok) {
    json_decref(rows);
    return NULL;
  }
  return rows;
}
