/* query.h — a handler's query-string parameters: each filter parsed strictly, every problem
 * collected, and one 400 naming them all (with the unknown parameters the pipeline found). */
#ifndef EDX_API_QUERY_H
#define EDX_API_QUERY_H
#include "api/http.h"
#include "src/rules/periods.h"
#include "src/rules/listq.h"
#include "src/rules/time_range.h"

/* The list conventions' limit, offset and sort (against the resource's sortable fields, with
 * default_sort when absent) and the after= cursor, which belongs to this route and the sort;
 * problems go to errors. */
void edx_query_list(const edx_ctx *ctx, edx_list_params *lp, const char *const *sort_fields,
                    const char *default_sort, json_t *errors);
/* A CSV-capable answer's ?format= (json or csv) and ?sep= (comma or semicolon, the CSV's
 * separator; taken and ignored for JSON); problems to errors. */
void edx_query_format(const edx_ctx *ctx, json_t *errors);
/* Ends a list's query: ?format= and ?sep= are checked last, then as edx_query_errors. */
int edx_query_list_end(edx_ctx *ctx, json_t *errors);

/* Query-string filters: each returns the value (NULL when absent) and appends a problem to
 * errors when the value is malformed. */
const char *edx_query_uuid(const edx_ctx *ctx, const char *name, json_t *errors);
const char *edx_query_timestamp(const edx_ctx *ctx, const char *name, json_t *errors);
/* ?<stem>_from= and ?<stem>_to= as a time range (time_range.h: dates in Vietnam's time or
 * RFC 3339 date-times, both ends inclusive); problems name the parameter. */
void edx_query_time_range(const edx_ctx *ctx, const char *stem, edx_time_range *range,
                          json_t *errors);
const char *edx_query_bool(const edx_ctx *ctx, const char *name, json_t *errors);
const char *edx_query_enum(const edx_ctx *ctx, const char *name, const char *const *choices,
                           json_t *errors);
/* ?name= from choices, or ?alias=, its deprecated name (edx_alias_pick: both given and
 * different is a problem under each name). A bad value is named alone, without the conflict. */
const char *edx_query_enum_alias(const edx_ctx *ctx, const char *name, const char *alias,
                                 const char *const *choices, json_t *errors);
const char *edx_query_text(const edx_ctx *ctx, const char *name, long max_chars, json_t *errors);
/* ?name= as a code (EDX_CODE_RULE): a province's `province=`. */
const char *edx_query_code(const edx_ctx *ctx, const char *name, json_t *errors);
/* ?name= as an integer from min to max: its value, dflt when absent. */
long edx_query_long(const edx_ctx *ctx, const char *name, long min, long max, long dflt,
                    json_t *errors);
/* ?name= as a year (EDX_YEAR_MIN..EDX_YEAR_MAX): its text, NULL when absent; *year (may be NULL)
 * gets its value, 0 when absent or bad. A bad value, or an absent one when required, appends a
 * problem. */
const char *edx_query_year(const edx_ctx *ctx, const char *name, int required, int *year,
                           json_t *errors);
/* The query of an answer about one calendar year: the required ?year= and the optional ?format=
 * (json or csv). Sends 400 and returns -1 when either is bad. */
int edx_query_year_format(edx_ctx *ctx, int *year);
/* ?name= as a period (src/rules/periods.h: "2024" or "2023-2024"), for what is kept per plan
 * year: its plan year's text ("2024" for both forms; the parameter is rewritten so), NULL when
 * absent; *p (may be NULL) gets the period, year 0 when absent or bad. A bad value, or an absent
 * one when required, appends a problem. */
const char *edx_query_period(edx_ctx *ctx, const char *name, int required, edx_period *p,
                             json_t *errors);
/* edx_query_year_format for a period. */
int edx_query_period_format(edx_ctx *ctx, edx_period *p);
/* Sends a 400 naming every bad query parameter and returns -1 when errors is not empty;
 * returns 0 otherwise. Steals errors either way. */
int edx_query_errors(edx_ctx *ctx, json_t *errors);
#endif
