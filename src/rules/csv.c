/* csv.c — CSV rendering of list items (see csv.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/csv.h"

const char *const edx_csv_separators[] = {"comma", "semicolon", NULL};

int edx_csv_sep_parse(const char *s, char *sep)
{
  if (!s || strcmp(s, "comma") == 0)
    *sep = ',';
  else if (strcmp(s, "semicolon") == 0)
    *sep = ';';
  else
    return -1;
  return 0;
}

/* 1 when s must be quoted between fields separated by sep. */
static int needs_quotes(const char *s, char sep)
{
  return strpbrk(s, "\"\r\n") != NULL || strchr(s, sep) != NULL ||
         (sep == ',' && strchr(s, ';') != NULL);
}

static void put_field(FILE *f, const char *s, char sep)
{
  if (!needs_quotes(s, sep)) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

/* A text cell a spreadsheet would take for a formula (or a cell starting with TAB or CR, which
 * some take as one too) is written with a leading apostrophe, so that Excel shows the text and
 * runs nothing (OWASP's CSV injection advice). Numbers are written as they are. */
static int looks_like_formula(const char *s)
{
  return *s && strchr("=+-@\t\r", *s) != NULL;
}

static void put_value(FILE *f, const json_t *v, char sep)
{
  char *text;
  if (!v || json_typeof(v) == JSON_NULL)
    return;
  if (json_is_string(v) && looks_like_formula(json_string_value(v))) {
    char *guarded = NULL;
    if (asprintf(&guarded, "'%s", json_string_value(v)) >= 0)
      put_field(f, guarded, sep);
    free(guarded);
    return;
  }
  if (json_is_string(v)) {
    put_field(f, json_string_value(v), sep);
    return;
  }
  text = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY);
  if (text)
    put_field(f, text, sep);
  free(text);
}

void edx_csv_write_header(FILE *f, const char *const *columns, char sep)
{
  fputs("\xEF\xBB\xBF", f);
  for (int c = 0; columns[c]; c++) {
    if (c)
      fputc(sep, f);
    put_field(f, columns[c], sep);
  }
  fputs("\r\n", f);
}

void edx_csv_write_row(FILE *f, const json_t *item, const char *const *columns, char sep)
{
  for (int c = 0; columns[c]; c++) {
    if (c)
      fputc(sep, f);
    put_value(f, json_object_get(item, columns[c]), sep);
  }
  fputs("\r\n", f);
}

char *edx_csv_render(const json_t *items, const char *const *columns, char sep, size_t *len)
{
  return edx_csv_render_headed(items, columns, columns, sep, len);
}

char *edx_csv_render_headed(const json_t *items, const char *const *columns,
                            const char *const *headers, char sep, size_t *len)
{
  char *buf = NULL;
  size_t i;
  json_t *item;
  FILE *f = open_memstream(&buf, len);
  if (!f)
    return NULL;
  edx_csv_write_header(f, headers, sep);
  json_array_foreach(items, i, item)
    edx_csv_write_row(f, item, columns, sep);
  fclose(f);
  return buf;
}
