/* periods.h — reporting periods: a calendar year ("2024") or a school year ("2023-2024", năm học,
 * September to August). A plan year Y combines the indicators reported per calendar year Y and
 * those reported per the school year ending in Y, so both forms name plan year Y; each indicator
 * says which kind it is reported in (its period_kind, data). Pure functions. */
#ifndef EDX_PERIODS_H
#define EDX_PERIODS_H
#include <jansson.h>
#include <stddef.h>

typedef enum { EDX_PERIOD_CALENDAR_YEAR, EDX_PERIOD_SCHOOL_YEAR } edx_period_kind;

typedef struct {
  int year;             /* the plan year: the calendar year, or the year the school year ends in */
  edx_period_kind kind; /* the form it was written in */
} edx_period;

/* The rule, for messages. */
#define EDX_PERIOD_RULE "a calendar year (2024) or a school year (2023-2024), from 2000 to 2100"
/* Longest period code with its NUL ("2023-2024"). */
#define EDX_PERIOD_CODE_LEN 10

/* Parses "YYYY" (2000..2100) or "YYYY-ZZZZ" with ZZZZ = YYYY + 1 (ZZZZ 2000..2100). 0 ok, -1
 * otherwise (out untouched). */
int edx_parse_period(const char *s, edx_period *out);
/* The code of plan year `year` in kind: "2024" or "2023-2024". */
void edx_period_code(int year, edx_period_kind kind, char *buf, size_t len);
/* "calendar_year" or "school_year". */
const char *edx_period_kind_name(edx_period_kind kind);
/* The kind named (as edx_period_kind_name writes it); -1 for anything else. */
int edx_period_kind_parse(const char *name, edx_period_kind *out);
/* The code of plan year `year` for an indicator whose period_kind is kind_name: "2023-2024" for
 * "school_year", the calendar year for anything else (NULL included). */
void edx_period_code_of_kind(const char *kind_name, int year, char *buf, size_t len);
/* The indicator kinds a period form admits: a school year admits only school-year indicators, a
 * calendar year (the plan year) admits both. 1 if an indicator of kind `indicator` may be read
 * or written under period p. */
int edx_period_admits(const edx_period *p, edx_period_kind indicator);
/* A body's member `key` given as a period code ("2023-2024", or "2024" as text) is replaced by its
 * plan year as an integer, so that a year field's own check applies; anything else is left as it
 * is. */
void edx_period_member_to_year(json_t *obj, const char *key);
#endif
