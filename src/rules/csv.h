/* csv.h — CSV export of list items (RFC 4180, UTF-8 with a byte-order mark so Excel shows
 * Vietnamese correctly, header row of field codes), separated by commas or, for Excel in a
 * Vietnamese locale, by semicolons (?sep=semicolon). */
#ifndef EDX_CSV_H
#define EDX_CSV_H
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* The separators a client may ask for (?sep=), and the character of each. */
extern const char *const edx_csv_separators[]; /* "comma", "semicolon" */
/* The separator named s (NULL: the default, comma) in *sep. 0 ok, -1 for any other name. */
int edx_csv_sep_parse(const char *s, char *sep);

/* Renders items (an array of objects) with the given NULL-terminated columns, separated by sep
 * (',' or ';'). A field is quoted when it holds the separator, a quote, CR or LF, and, with
 * commas, a semicolon too (so that a spreadsheet that guesses ';' still keeps it whole); null
 * is empty; nested values are their JSON text. Returns a malloc'ed buffer (caller frees) and
 * its length in *len. */
char *edx_csv_render(const json_t *items, const char *const *columns, char sep, size_t *len);
/* The same with a header line of headers (as many as columns) in place of the columns' names. */
char *edx_csv_render_headed(const json_t *items, const char *const *columns,
                            const char *const *headers, char sep, size_t *len);
/* The same, a line at a time (for answers written as they are read): the byte-order mark and
 * the header line, and one item's line, appended to f. */
void edx_csv_write_header(FILE *f, const char *const *columns, char sep);
void edx_csv_write_row(FILE *f, const json_t *item, const char *const *columns, char sep);
#endif
