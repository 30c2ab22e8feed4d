/* cursor.h — the after= cursor of keyset paging: an opaque, URL-safe text (base64url of a small
 * JSON array) that holds the sort key values and the tie-breaker id of the last row of a page,
 * bound to the list and the sort it was made for. Pure: db/ makes cursors from a row's keys,
 * api/ reads the one a request sends. */
#ifndef EDX_CURSOR_H
#define EDX_CURSOR_H
#include <jansson.h>
#include "src/rules/listq.h"

/* The problem with a cursor that was not made for the list it is sent to. */
#define EDX_CURSOR_NOT_OURS \
  "is not a cursor of this list: send the next cursor of the page before, as it was given"

/* The longest cursor text accepted (what EDX_CURSOR_TEXT_MAX bytes of JSON encode to). */
#define EDX_CURSOR_MAX_CHARS ((EDX_CURSOR_TEXT_MAX + 2) / 3 * 4)

/* Reads after (NULL when the request has none) into lp->after. lp has been parsed already
 * (limit, offset, sort_text) and lp->list names the list. A cursor that this server did not make
 * for this list, one made for another sort, and a cursor together with a non-zero offset are
 * each one problem on "after" appended to errors; returns the number appended (0 or 1). */
int edx_cursor_parse(edx_list_params *lp, const char *after, json_t *errors);

/* The cursor of the row whose keys are keys: a JSON array of nsort + 1 values, the sort keys'
 * texts (or null) and then the tie-breaker id's text. Bound to lp->list and lp->sort_text.
 * Malloc'ed; NULL when keys is not such an array or the cursor would be too long to read back. */
char *edx_cursor_make(const edx_list_params *lp, const json_t *keys);

/* Key i's text in a decoded cursor, or NULL when the key is NULL. */
const char *edx_cursor_key(const edx_cursor *c, int i);
#endif
