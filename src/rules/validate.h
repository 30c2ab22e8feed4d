/* validate.h — small, pure checks of text that arrives from clients: UTF-8, UUIDs, codes,
 * RFC 3339 timestamps, integers and booleans in query strings, `code:` references. */
#ifndef EDX_VALIDATE_H
#define EDX_VALIDATE_H
#include <stddef.h>

/* Bytes that hold a UUID's canonical text and its NUL. */
#define EDX_UUID_SIZE 37
/* Years the service keeps data for (plans, reports, assessments; the database checks the same). */
#define EDX_YEAR_MIN 2000
#define EDX_YEAR_MAX 2100
#define EDX_YEAR_RULE "a year from 2000 to 2100"
/* What edx_is_code accepts, as a message. */
#define EDX_CODE_RULE "must be 1 to 32 letters, digits, '-', '_' or '.'"

/* Number of Unicode code points in s, or -1 when s is not valid UTF-8 (or holds NUL/controls
 * other than tab, CR, LF). */
long edx_utf8_length(const char *s);
/* 1 when s is a canonical textual UUID (8-4-4-4-12 hex digits, any case). */
int edx_is_uuid(const char *s);
/* 1 when s is 1–32 characters of letters, digits, '-', '_' or '.'. */
int edx_is_code(const char *s);
/* 1 when s is an RFC 3339 date-time with seconds and a zone ("Z" or ±HH:MM). */
int edx_is_rfc3339(const char *s);
/* Seconds since the epoch of a valid RFC 3339 date-time (leap seconds count as :59). */
long long edx_rfc3339_epoch(const char *s);
/* Parses a decimal integer in [min, max] with nothing else around it. 0 ok, -1 otherwise. */
int edx_parse_int(const char *s, long min, long max, long *out);
/* Parses a year from EDX_YEAR_MIN to EDX_YEAR_MAX. 0 ok, -1 otherwise. */
int edx_parse_year(const char *s, int *out);
/* Parses "true" or "false". 0 ok, -1 otherwise. */
int edx_parse_bool(const char *s, int *out);
/* 1 when s is a usable Idempotency-Key: 1–255 visible ASCII characters. */
int edx_is_idempotency_key(const char *s);
/* 1 when s is an http(s) URL without spaces or controls, at most max_len bytes. */
int edx_is_http_url(const char *s, size_t max_len);
/* 1 when s is a phone number as people write them: 6–20 characters of digits, spaces and
 * + - . ( ), with at least 6 digits. */
int edx_is_phone(const char *s);
/* 1 when s looks like an e-mail address (one '@', a dot in the domain, no spaces). */
int edx_is_email(const char *s);

typedef enum { EDX_REF_ID, EDX_REF_CODE, EDX_REF_INVALID } edx_ref_kind;
/* Classifies a path segment that names a resource: a UUID, or "code:<code>" (value then points
 * past the prefix). */
edx_ref_kind edx_ref_parse(const char *segment, const char **value);
#endif
