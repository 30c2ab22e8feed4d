/* progress_build.h — one district's progress answer, written as JSON text from a plan's targets
 * and the database's counts: an entry per target (src/rules/progress_entry.h) with its missing
 * and below-target schools (or procedures) and breakdowns by level and commune, and a summary;
 * and a school's scorecard. Pure functions over JSON. */
#ifndef EDX_PROGRESS_BUILD_H
#define EDX_PROGRESS_BUILD_H
#include <jansson.h>
#include <stddef.h>
#include "src/rules/progress_rules.h"

/* Indexes stats rows (edx_db_progress_stats, edx_db_progress_procedure_stats) as
 * {"<district>|<code>": {"total": row, "levels": {level: row}, "communes": {commune: row}}}
 * (caller decrefs). */
json_t *edx_progress_index(const json_t *stats);

/* What one district's answer is made of. */
typedef struct {
  const json_t *district;   /* the district as GET /v1/districts/{id} gives it */
  int year;
  const json_t *plan;       /* an element of edx_db_progress_plans */
  const char *as_of;        /* the latest change among the inputs, RFC 3339 (NULL: none) */
  const json_t *indicators; /* the catalogue, {code: indicator} */
  const json_t *index;      /* edx_progress_index of the district's counts */
  const json_t *office;     /* the offices' values, {"<district>/<code>": "<value>"} */
} edx_district_inputs;

/* The answer {"district", "year", "plan", "as_of", "indicators", "summary"} as malloc'ed text of
 * *len bytes (NULL when out of memory). When csv_rows is not NULL, each entry's CSV row (with
 * the number of missing and below-target units) is appended to it. */
char *edx_progress_district_text(const edx_district_inputs *in, json_t *csv_rows, size_t *len);

/* A school's scorecard: for each of the plan's targets reported by schools of its level, in the
 * plan's order, {"code", "name_vi", "name_en", "target", "comparator", "value", "status"}, from
 * cells [{"indicator", "value", "meets"}] (edx_db_progress_scorecard). *summary gets {"met",
 * "not_met", "no_data"}. Caller decrefs both. */
json_t *edx_scorecard_entries(const json_t *plan, const json_t *indicators, const json_t *cells,
                              json_t **summary);
#endif
