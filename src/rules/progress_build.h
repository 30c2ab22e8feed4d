/* progress_build.h — turns a plan's targets and the database's counts into progress answers:
 * one entry per target with actual, numerator, denominator, status, gap, expected / reported,
 * missing and below-target schools, breakdowns by level and commune; a summary; a school's
 * scorecard; and the judgement of one target's counts, shared with the all-districts answer
 * (src/progress_all.h). Pure functions over JSON. */
#ifndef EDX_PROGRESS_BUILD_H
#define EDX_PROGRESS_BUILD_H
#include <jansson.h>
#include "src/rules/progress_rules.h"

/* Indexes stats rows (from edx_db_progress_stats) as {"<district>|<code>": {"total": row,
 * "levels": {level: row}, "communes": {commune: row}}} (caller decrefs). */
json_t *edx_progress_index(const json_t *stats);

/* indicators is the catalogue as {code: indicator} (edx_db_indicator_map).
 * Entries for one plan (an element of edx_db_progress_plans) of district_id, from the index and
 * the offices' values ({"<district>/<code>": "<value>"}), each with its details: missing, below,
 * by_level and by_commune. *summary gets {"met", "not_met", "no_data"}. Caller decrefs both. */
json_t *edx_progress_entries(const json_t *plan, const json_t *indicators, const json_t *index,
                             const json_t *office, json_t **summary);

/* The aggregation an indicator's counts are judged by: "share" for those computed from
 * assessments, procedures or dossiers (numerator over denominator), else its own. */
const char *edx_progress_judged_as(const json_t *ind);
/* 1 when the indicator (a catalogue entry) is the office's own value. */
int edx_progress_is_office(const json_t *ind);
/* The counts of an office value: expected 1, reported 0 or 1, the value as sum_value_h. */
void edx_progress_office_stats(const json_t *office, const char *district, const char *code,
                               edx_stats *s);
/* Judges the counts s of indicator ind (catalogue entry, code) against cmp target_h: the
 * aggregation's outcome, the reason of a computed indicator without data, and for
 * DOSSIER_ONLINE_RATE not met while any procedure is below the target (s->procedures_below). */
void edx_progress_judge(const json_t *ind, const char *code, edx_cmp cmp, long long target_h,
                        const edx_stats *s, edx_outcome *o);

/* A school's scorecard: the plan's school-reported targets that apply to level, each with the
 * school's value and status. report is {"values": {...}} as edx_db_report_get gives it. */
json_t *edx_scorecard_entries(const json_t *plan, const json_t *indicators, const char *level,
                              const json_t *report, json_t **summary);
#endif
