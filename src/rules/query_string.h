/* query_string.h — a request target's query string split into its parameters, decoded as
 * browsers and libmicrohttpd encode them ('+' is a space, %XX a byte), so that edudx reads any
 * number of parameters itself instead of libmicrohttpd keeping each in the connection's small
 * memory pool (where 1,000 of them made it drop the request without an answer). */
#ifndef EDX_QUERY_STRING_H
#define EDX_QUERY_STRING_H

/* Calls each(cls, key, value) for every parameter of query (the text after '?', NULL or "" for
 * none), in order: "a=1&flag&b=" gives ("a", "1"), ("flag", NULL), ("b", ""). Empty pieces
 * ("a=1&&b=2") are skipped; a '%' not followed by two hex digits is kept as it is; a decoded
 * NUL ends its text (as it did in libmicrohttpd's C strings). Returns 0, or -1 when out of
 * memory or when each returns non-zero (which stops the walk). */
int edx_query_string_each(const char *query,
                          int (*each)(void *cls, const char *key, const char *value), void *cls);
/* The value of the hexadecimal digit c (either case), or -1 when c is not one. */
int edx_hex_digit(char c);
#endif
