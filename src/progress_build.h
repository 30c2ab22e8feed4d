/* progress_build.h — turns a plan's targets and the database's counts into progress answers:
 * one entry per target with actual, numerator, denominator, status, gap, expected / reported,
 * missing and below-target schools, breakdowns by level and commune; a summary; the total over
 * several districts; a school's scorecard. Pure functions over JSON. */
#ifndef EDX_PROGRESS_BUILD_H
#define EDX_PROGRESS_BUILD_H
#include <jansson.h>

/* Indexes stats rows (from edx_db_progress_stats) as {"<district>|<code>": {"total": row,
 * "levels": {level: row}, "communes": {commune: row}}} (caller decrefs). */
json_t *edx_progress_index(const json_t *stats);

/* indicators is the catalogue as {code: indicator} (edx_db_indicator_map).
 * Entries for one plan (an element of edx_db_progress_plans) of district_id, from the index and
 * the offices' values ({"<district>/<code>": "<value>"}). details adds missing, below, by_level
 * and by_commune. *summary gets {"met", "not_met", "no_data"}. Caller decrefs both. */
json_t *edx_progress_entries(const json_t *plan, const json_t *indicators, const json_t *index,
                             const json_t *office, int details, json_t **summary);

/* The total over several districts' entries (without details): counts and sums added up per
 * indicator code, in first-seen order; target, comparator and status only where every plan
 * agrees on the target. *summary as above. */
json_t *edx_progress_total(const json_t *plans, const json_t *indicators, const json_t *index,
                           const json_t *office, json_t **summary);

/* A school's scorecard: the plan's school-reported targets that apply to level, each with the
 * school's value and status. report is {"values": {...}} as edx_db_report_get gives it. */
json_t *edx_scorecard_entries(const json_t *plan, const json_t *indicators, const char *level,
                              const json_t *report, json_t **summary);
#endif
