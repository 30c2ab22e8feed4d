/* log_redact.h — what the access log may keep of a request target: the path and the names of its
 * query parameters, never their values (a token sent as ?access_token=, a search for a person's
 * name, a cursor: none of it belongs in a log file). */
#ifndef EDX_LOG_REDACT_H
#define EDX_LOG_REDACT_H
#include <stddef.h>

/* Writes target (a path with an optional query string) into out[0..len) with every query
 * value replaced by "…": "/v1/schools?q=Lan&limit=5" becomes "/v1/schools?q=…&limit=…"; a
 * parameter with no '=' is kept as it is. Cut short (still NUL-terminated) when out is too small.
 */
void edx_redact_target(char *out, size_t len, const char *target);
#endif
