/* errors.h — result codes shared by src/, db/ and api/, and the thread-local message that goes
 * with the last failure (libgit2 style: return a code, read the message with edx_error_last). */
#ifndef EDX_ERRORS_H
#define EDX_ERRORS_H

typedef enum {
  EDX_OK = 0,
  EDX_EINTERNAL = -1,    /* 500: a bug or an unexpected failure */
  EDX_EBADREQ = -2,      /* 400: malformed JSON, body or query */
  EDX_EUNAUTH = -3,      /* 401: no, bad, expired or revoked token */
  EDX_EFORBIDDEN = -4,   /* 403: the token may not do this */
  EDX_ENOTFOUND = -5,    /* 404 */
  EDX_EMETHOD = -6,      /* 405 */
  EDX_ECONFLICT = -7,    /* 409: duplicate, still referenced, illegal state change */
  EDX_EPRECOND = -8,     /* 412: If-Match no longer matches */
  EDX_ETOOLARGE = -9,    /* 413 */
  EDX_EMEDIA = -10,      /* 415 */
  EDX_EINVALID = -11,    /* 422: well-formed but invalid */
  EDX_EIDEMPOTENCY = -12,/* 422: Idempotency-Key reused with another body */
  EDX_EUNAVAIL = -13,    /* 503: database unavailable or too busy */
  EDX_EEXPIRED = -14,    /* 410: a change feed cursor older than what is kept */
  EDX_EUNKNOWN = -15,    /* 503: the connection was lost during COMMIT: done or not, unknown */
  EDX_ENOPLAN = -16,     /* 404: the district has no plan for the year asked */
  EDX_ELINE = -17,       /* 414: a request line longer than edudx reads */
  EDX_EHEAD = -18,       /* 431: a request head larger, or with more fields, than edudx reads */
  EDX_EVERSION = -19,    /* 505: not HTTP/1.0 or HTTP/1.1 */
  EDX_EPRECOND_REQUIRED = -20, /* 428: a write that needs If-Match came without it */
  EDX_EQUOTA = -21,      /* 507: a district's files would pass its quota */
} edx_code;

/* Sets the message that describes the failure being returned (printf style, one line). */
void edx_error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last message set on this thread ("" when none). Valid until the next edx_error_set. */
const char *edx_error_last(void);
void edx_error_clear(void);
#endif
