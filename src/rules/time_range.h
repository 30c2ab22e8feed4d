/* time_range.h — the bounds of a time-range filter (?received_from=&received_to=, …) as clients
 * write them: a date YYYY-MM-DD, which is a whole day in Vietnam's time (UTC+7, which has kept no
 * daylight saving since 1975), or an RFC 3339 date-time, an instant. Both bounds are inclusive:
 * a from date starts at its day's first instant, a to date ends at its day's last microsecond.
 * Each bound becomes an instant in UTC text with microseconds, which the database compares with
 * >= and <= (timestamptz counts microseconds, so "<= the day's last microsecond" is "before the
 * next day"). Pure parsing. */
#ifndef EDX_TIME_RANGE_H
#define EDX_TIME_RANGE_H
#include <jansson.h>

/* "YYYY-MM-DDTHH:MM:SS.ffffffZ" (27 bytes) and its NUL, with room the compiler can prove. */
#define EDX_INSTANT_TEXT 64
/* Bounds are instants from 1900 to 9999 (UTC). */
#define EDX_TIME_BOUND_RULE "must be a date YYYY-MM-DD (a day in Vietnam's time) or an RFC 3339 " \
                            "date-time such as 2024-05-31T08:00:00Z, from 1900 to 9999"

typedef struct {
  int given;                     /* 0: no bound */
  long long usec;                /* microseconds since 1970-01-01T00:00:00Z */
  char text[EDX_INSTANT_TEXT];   /* the same in UTC text */
} edx_time_bound;

typedef struct {
  edx_time_bound from, to;
} edx_time_range;

/* Parses one bound (is_to: the range's end, where a date means the end of its day). 0 ok, -1
 * when s is neither form or lies outside 1900 to 9999. */
int edx_time_bound_parse(const char *s, int is_to, edx_time_bound *out);

/* Parses the range of parameter stem (e.g. "received"): from_text is <stem>_from and to_text
 * <stem>_to, each NULL when absent. A bad bound appends a problem naming its parameter; a from
 * after the to appends one naming <stem>_from. Returns the number of problems appended. */
int edx_time_range_parse(edx_time_range *out, const char *stem, const char *from_text,
                         const char *to_text, json_t *errors);
#endif
