/* csv.h — CSV export of list items (RFC 4180, UTF-8 with a byte-order mark so Excel shows
 * Vietnamese correctly, header row of field codes). */
#ifndef EDX_CSV_H
#define EDX_CSV_H
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* Renders items (an array of objects) with the given NULL-terminated columns. Strings are quoted
 * when they hold a comma, quote, CR or LF; null is empty; nested values are their JSON text.
 * Returns a malloc'ed buffer (caller frees) and its length in *len. */
char *edx_csv_render(const json_t *items, const char *const *columns, size_t *len);
/* The same, a line at a time (for answers written as they are read): the byte-order mark and
 * the header line, and one item's line, appended to f. */
void edx_csv_write_header(FILE *f, const char *const *columns);
void edx_csv_write_row(FILE *f, const json_t *item, const char *const *columns);
#endif
