/* progress_all.h — the all-districts progress answer (GET /v1/progress): every district's entries
 * without details, then the total over them, written straight as JSON text (or as CSV rows) from
 * flat plan-target rows rather than through a JSON tree, so that a whole country's 16,000 entries
 * take milliseconds. Each entry is judged and written by src/rules/progress_entry.c, as in a
 * district's own answer. Pure. */
#ifndef EDX_PROGRESS_ALL_H
#define EDX_PROGRESS_ALL_H
#include <jansson.h>
#include <stddef.h>
#include "src/rules/progress_rules.h"

/* One target of one district's plan. Strings are borrowed from whoever filled the row. */
typedef struct {
  const char *district_id, *district_code, *district_name;
  const char *plan_id, *plan_title, *plan_document_ref; /* document_ref may be NULL */
  const char *as_of;                                    /* the district's own latest change */
  const char *indicator, *comparator;
  long long target_h;
  edx_stats counts; /* the target's counts (progress_counts); zero for the office's values */
} edx_target_row;

typedef struct {
  const json_t *indicators; /* the catalogue, {code: indicator} */
  const json_t *office;     /* the offices' values, {"<district>/<code>": "<value>"} */
  int year;
  const char *as_of;
} edx_progress_inputs;

/* The problem type of a year without a plan: the 404 of one district's answers, and the
 * "no_plan" member of the all-districts answer when it lists no district. */
#define EDX_NO_PLAN_TYPE "urn:edudx:problem:no-plan"

/* The answer {"year", "as_of", "districts": [{"district", "plan", "indicators", "summary"}],
 * "no_plan": null or {"type", "year", "detail"} (when no district is listed),
 * "total": {"indicators", "summary"}} for rows ordered by district, then by target position
 * within the district's plan. When csv_rows is not NULL, one row per district entry is appended
 * to it as well (district_code, district_name and the entry's figures). Returns malloc'ed text
 * of *len bytes; NULL when out of memory. The total adds up every district's counts per
 * indicator, in first-seen order (offices' values averaged), with target, comparator and status
 * only where every plan agrees on the target. */
char *edx_progress_all_text(const edx_target_row *rows, size_t n, const edx_progress_inputs *in,
                            json_t *csv_rows, size_t *len);
#endif
