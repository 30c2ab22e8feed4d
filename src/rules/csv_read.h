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

/* Parses data into an array of objects, one per record, keyed by the trimmed header names, with
 * every non-empty cell as a string (empty cells are left out: "not given"). Blank lines are
 * skipped. Returns the array (caller decrefs), or NULL with a one-line reason in why: no header,
 * a NUL byte, an empty or repeated header name, more than EDX_CSV_MAX_COLUMNS columns, an unterminated quote, a record with more non-empty cells
 * than the header, or text that is not UTF-8. */
json_t *edx_csv_parse(const char *data, size_t len, char *why, size_t why_len);
#endif
