/* list_etags.h — a list page's items, each given the ETag a GET of that item alone answers, so
 * that a client can send If-Match straight from a list (issue 15). */
#ifndef EDX_LIST_ETAGS_H
#define EDX_LIST_ETAGS_H
#include <stddef.h>

/* Adds to every object of items (len bytes: a JSON array of objects, as PostgreSQL wrote it) a
 * last member "etag" holding the quoted ETag that a GET of that object answers:
 * edx_etag_of_answer of the object as jansson reads it, because a GET sends jansson's
 * serialisation of the representation, which may differ from PostgreSQL's text (100.00 there is
 * 100.0 in the answer; \u001f is \u001F). The items' own bytes are kept as they are; only the
 * member is inserted before each closing brace. Returns the new text (malloc'ed, NUL-terminated,
 * its length in *out_len), or NULL when items is not an array of objects or memory ran out. */
char *edx_list_items_with_etags(const char *items, size_t len, size_t *out_len);
#endif
