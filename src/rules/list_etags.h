/* list_etags.h — a list page's items, each given the ETag a GET of that item alone answers, so
 * that a client can send If-Match straight from a list (issue 15). */
#ifndef EDX_LIST_ETAGS_H
#define EDX_LIST_ETAGS_H
#include <stddef.h>

/* Adds to every object of items (len bytes: a JSON array of objects, as PostgreSQL wrote it and
 * edx_json_squeeze left it) a last member "etag" holding the quoted ETag that a GET of that
 * object answers: the ETag of the object's bytes as the GET sends them, which are jansson's
 * serialisation (EDX_JSON_OUT) of the representation, not PostgreSQL's text — 100.00 there is
 * 100.0 in the answer, 1E+20 is 1e20. That form is written here from the item's text, the
 * numbers rewritten as jansson writes them; an item holding what this does not rewrite (a \u
 * or \/ escape, spaces, the integer -0) is read and written by jansson itself. The items' own
 * bytes are kept: only the member is inserted before each closing brace. The items are the
 * database's JSON: their structure is checked, not each value. Returns the new text
 * (malloc'ed, NUL-terminated, its length in *out_len), or NULL when items is not an array of
 * objects (or an item left to jansson does not read) or memory ran out. */
char *edx_list_items_with_etags(const char *items, size_t len, size_t *out_len);
#endif
