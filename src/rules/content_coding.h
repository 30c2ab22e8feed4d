/* content_coding.h — when an answer is sent gzip-encoded: the request's Accept-Encoding read as
 * RFC 9110 §12.5.3 says (q-values, "identity", "*", case and whitespace ignored), the size from
 * which compressing pays, and the Vary list that says so to caches. */
#ifndef EDX_CONTENT_CODING_H
#define EDX_CONTENT_CODING_H
#include <stddef.h>

/* Bodies shorter than this are sent as they are: with its headers such an answer fits in one
 * TCP segment (1,460 bytes) anyway, so gzip would save no round trip and only cost time. */
#define EDX_GZIP_MIN_BYTES 1024

/* 1 when an Accept-Encoding value lets the answer be gzip-encoded and prefers it to identity:
 * gzip (or x-gzip), or else "*", has a weight above 0 that is not below identity's (identity's
 * weight: its own entry, else "*"'s, else none). A coding listed twice counts with its lowest
 * weight; an entry with a malformed weight is ignored. NULL (no header) or "" gives 0. */
int edx_accepts_gzip(const char *accept_encoding);
/* 1 when an answer of len bytes to a request with this Accept-Encoding is sent gzip-encoded. */
int edx_use_gzip(const char *accept_encoding, size_t len);
/* 1 when a comma-separated header value (Vary, Connection …) lists token, ignoring case. */
int edx_header_lists(const char *list, const char *token);
#endif
