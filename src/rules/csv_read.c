/* csv_read.c — CSV upload parsing (see csv_read.h). A small state machine collects the cells of
 * one record at a time, then the record becomes an object. */
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

struct edx_csv_reader {
  const char *p, *end; /* the next byte to read; the end of the data */
  char sep;
  int quoted;
  long line;           /* the line being read */
  size_t count;        /* records given so far */
  record r;
  json_t *header;      /* the header's names */
};

/* Reads up to the end of the next non-blank record, its cells left in rd->r.cells: 1 (with the
 * line it ends on in *line), 0 at the end of the data, or -1 with the reason in why. */
static int read_record(edx_csv_reader *rd, long *line, char *why, size_t why_len)
{
  record *r = &rd->r;
  json_array_clear(r->cells);
  for (; rd->p <= rd->end; rd->p++) {
    const char *p = rd->p, *end = rd->end;
    char ch = p < end ? *p : '\n';
    if (rd->quoted) {
      if (p == end) {
        snprintf(why, why_len, "a quoted cell that starts before line %ld is never closed",
                 rd->line);
        return -1;
      }
      if (ch == '"' && p + 1 < end && p[1] == '"')
        rd->p++; /* "" inside quotes is one quote */
      else if (ch == '"') {
        rd->quoted = 0;
        continue;
      } else if (ch == '\n')
        rd->line++;
      if (cell_put(r, ch) != 0)
        break;
      continue;
    }
    if (ch == '"' && r->len == 0) {
      rd->quoted = 1;
    } else if (ch == rd->sep || ch == '\n' || ch == '\r') {
      if (ch == '\r' && p + 1 < end && p[1] == '\n')
        continue; /* the \n ends the record */
      if (cell_end(r) != 0) {
        snprintf(why, why_len, "line %ld is not valid UTF-8 text", rd->line);
        return -1;
      }
      if (ch != rd->sep) {
        *line = rd->line++;
        if (!blank_record(r->cells)) {
          rd->p++;
          return 1;
        }
        json_array_clear(r->cells);
      }
    } else if (cell_put(r, ch) != 0) {
      break;
    }
  }
  if (rd->p <= rd->end) {
    snprintf(why, why_len, "out of memory reading the CSV");
    return -1;
  }
  return 0;
}

/* Takes the header's names from cells: 0, or -1 with the reason in why. */
static int take_header(edx_csv_reader *rd, char *why, size_t why_len)
{
  json_t *cells = rd->r.cells, *c;
  json_t *seen = json_object(); /* names met so far: one lookup each, not a pass over all */
  size_t i;
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
  if (!bad)
    rd->header = json_copy(cells);
  return bad ? -1 : 0;
}

void edx_csv_close(edx_csv_reader *rd)
{
  if (!rd)
    return;
  free(rd->r.cell);
  json_decref(rd->r.cells);
  json_decref(rd->header);
  free(rd);
}

edx_csv_reader *edx_csv_open(const char *data, size_t len, char *why, size_t why_len)
{
  edx_csv_reader *rd;
  const char *nul = memchr(data, '\0', len);
  long line;
  int rc;
  if (nul) { /* no spreadsheet writes one; it would cut names short */
    snprintf(why, why_len, "the CSV holds a NUL byte (at byte %zu)", (size_t)(nul - data) + 1);
    return NULL;
  }
  if (!(rd = calloc(1, sizeof(*rd))) || !(rd->r.cells = json_array())) {
    snprintf(why, why_len, "out of memory reading the CSV");
    free(rd);
    return NULL;
  }
  rd->p = data;
  rd->end = data + len;
  rd->line = 1;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    rd->p += 3;
  rd->sep = detect_separator(rd->p, rd->end);
  rc = read_record(rd, &line, why, why_len);
  if (rc == 0)
    snprintf(why, why_len, "the CSV has no header row");
  if (rc != 1 || take_header(rd, why, why_len) != 0) {
    edx_csv_close(rd);
    return NULL;
  }
  return rd;
}

int edx_csv_next(edx_csv_reader *rd, json_t **out, char *why, size_t why_len)
{
  size_t i;
  json_t *c, *obj;
  long line;
  int rc = read_record(rd, &line, why, why_len);
  if (rc != 1)
    return rc;
  obj = json_object();
  json_array_foreach(rd->r.cells, i, c) {
    if (json_string_length(c) == 0)
      continue;
    if (i >= json_array_size(rd->header)) {
      snprintf(why, why_len, "record %zu (line %ld) has more cells than the header",
               rd->count + 1, line);
      json_decref(obj);
      return -1;
    }
    json_object_set(obj, json_string_value(json_array_get(rd->header, i)), c);
  }
  rd->count++;
  *out = obj;
  return 1;
}

json_t *edx_csv_parse(const char *data, size_t len, char *why, size_t why_len)
{
  edx_csv_reader *rd = edx_csv_open(data, len, why, why_len);
  json_t *rows, *rec;
  int rc;
  if (!rd)
    return NULL;
  rows = json_array();
  while ((rc = edx_csv_next(rd, &rec, why, why_len)) == 1)
    json_array_append_new(rows, rec);
  edx_csv_close(rd);
  if (rc != 0) {
    json_decref(rows);
    return NULL;
  }
  return rows;
}
