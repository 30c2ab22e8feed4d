/* csv_read.h — reading CSV uploads as Excel writes them: UTF-8 with or without a byte-order mark,
 * comma- or semicolon-separated (Vietnamese-locale Excel uses ';'), CRLF or LF, RFC 4180 quoting
 * with embedded newlines. The header row names the fields. A cell starting with an apostrophe
 * followed by = + - @, TAB or CR (how edudx's CSV guards text a spreadsheet would run) is read
 * without the apostrophe. */
#ifndef EDX_CSV_READ_H
#define EDX_CSV_READ_H
#include <jansson.h>
#include <stddef.h>

/* More header columns than this refuse the upload (every import names far fewer fields). */
#define EDX_CSV_MAX_COLUMNS 256

/* Reads data record by record, so that an upload is never held as objects all at once: open
 * checks the whole of data for a NUL byte, skips a byte-order mark, picks the separator and reads
 * the header row; next gives one record at a time. data must outlive the reader. */
typedef struct edx_csv_reader edx_csv_reader;
/* The reader, or NULL with a one-line reason in why: a NUL byte, no header, an empty or repeated
 * header name, more than EDX_CSV_MAX_COLUMNS columns, an unterminated quote or text that is not
 * UTF-8 in the header. */
edx_csv_reader *edx_csv_open(const char *data, size_t len, char *why, size_t why_len);
/* The next record as an object keyed by the trimmed header names, with every non-empty cell as a
 * string (empty cells are left out: "not given"); blank lines are skipped. Returns 1 with the
 * record in *record (caller decrefs), 0 after the last one, or -1 with a one-line reason in why:
 * an unterminated quote, a record with more non-empty cells than the header, or text that is not
 * UTF-8. */
int edx_csv_next(edx_csv_reader *r, json_t **record, char *why, size_t why_len);
void edx_csv_close(edx_csv_reader *r);

/* Every record at once (edx_csv_open, then edx_csv_next to the end): the array of objects
 * (caller decrefs), or NULL with the reason in why. */
json_t *edx_csv_parse(const char *data, size_t len, char *why, size_t why_len);
#endif
