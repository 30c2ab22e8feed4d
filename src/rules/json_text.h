/* json_text.h — writing JSON text straight into a growing buffer, for answers too large to build
 * as a jansson tree first (the all-districts progress of a whole country). The output matches
 * jansson's compact form with EDX_JSON_OUT: strings escaped the same way, exact hundredths
 * written as 85.37, 85.3 or 100.0. */
#ifndef EDX_JSON_TEXT_H
#define EDX_JSON_TEXT_H
#include <stddef.h>

typedef struct {
  char *data;  /* NUL-terminated; NULL after an allocation failure */
  size_t len, cap;
} edx_text;

/* An empty buffer with room for about hint bytes. */
void edx_text_init(edx_text *t, size_t hint);
void edx_text_free(edx_text *t);
/* Appends bytes as they are. */
void edx_text_raw(edx_text *t, const char *s);
void edx_text_rawn(edx_text *t, const char *s, size_t n);
/* Appends s as a JSON string (quoted, escaped), or null when s is NULL. */
void edx_text_str(edx_text *t, const char *s);
/* Appends prefix as it is, then value as edx_text_str does: one member, e.g. ",\"name\":". */
void edx_text_member(edx_text *t, const char *prefix, const char *value);
void edx_text_int(edx_text *t, long long v);
/* Appends hundredths h as a JSON number with at most 2 decimals and at least one. */
void edx_text_hundredths(edx_text *t, long long h);
/* Removes the whitespace outside strings from the JSON text s (len bytes, s[len] a NUL) in
 * place, e.g. PostgreSQL's {"a" : 1, "b" : [1, 2]} becomes {"a":1,"b":[1,2]}; returns the new
 * length (s is NUL-terminated there). */
size_t edx_json_squeeze(char *s, size_t len);
/* Hands the text over (caller frees) and leaves t empty; NULL after an allocation failure. */
char *edx_text_take(edx_text *t, size_t *len);
#endif
