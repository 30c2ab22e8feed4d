/* dt_scoring.h — Decision 4725 digital-transformation scoring and workflow rules, all from the
 * framework's data: group totals and levels by the framework's bands, the school's level as the
 * lowest group level, the cap when a mandatory condition is unmet; checking answers and framework
 * definitions; which workflow move leads from which state. Pure functions. */
#ifndef EDX_DT_SCORING_H
#define EDX_DT_SCORING_H
#include <jansson.h>
#include "src/rules/fields.h"

/* The fields of POST /v1/assessments: school_id, year, framework (a code, default 4725). */
extern const edx_field edx_assessment_fields[];
/* The fields of a framework's PUT body but level_bands, an object that edx_dt_framework_check
 * checks. */
extern const edx_field edx_framework_fields[];
/* An assessment's states, in workflow order, NULL-terminated. */
extern const char *const edx_assessment_states[];

/* Scores answers ({"<criterion>": {"points": n} | {"items": {"<item>": {"points": n}}} |
 * {"met": bool}}) against a framework ({"groups", "level_bands", "mandatory_unmet_max_level"}):
 * a criterion answered by items has the sum of its items' points (an item left out counts 0). Returns {"group_scores": {"<G>":
 * {"points", "max_points", "percent", "level"}}, "mandatory_unmet": [...], "level": n}. */
json_t *edx_dt_score(const json_t *framework, const json_t *answers);

/* Checks answers against the framework: known criterion, "points" (0..max, at most 2 decimals)
 * for scored and "met" (bool) for mandatory ones, evidence_url and note; a criterion with items
 * may be answered by "items" instead of "points" (not both), each a known item of it with
 * points 0..the item's max. null entries are removals, allowed when allow_null. Problems name
 * "<prefix>.<code>", an item's "<prefix>.<code>.items.<item>". Returns how many. */
int edx_dt_answers_check(const json_t *framework, const json_t *answers, const char *prefix,
                         int allow_null, json_t *errors);

/* Checks a framework definition for PUT and fills each group's computed "max_points". A scored
 * criterion may have "items" [{code, title_vi, title_en, max_points}], codes unique in the
 * framework, whose max_points add up to the criterion's.
 * Returns how many problems were appended. */
int edx_dt_framework_check(json_t *framework, json_t *errors);

/* 0 and *out set when s is a number of points from 0 to 1000 with at most 2 decimals, written
 * in digits with an optional '.' (a query's threshold); -1 otherwise. */
int edx_dt_parse_points(const char *s, double *out);

/* The state a move leads to from state, or NULL when the move is illegal there. Moves: submit,
 * return, approve, external, recognize. */
const char *edx_dt_next_state(const char *move, const char *state);
/* The columns of the CSV of an item's answers (GET /v1/assessment-items). */
extern const char *const edx_item_answer_csv_columns[];
/* The columns of the assessment list's CSV (and of its export): the representation's, with
 * status appended last (state, its deprecated name, keeps its place). */
extern const char *const edx_assessment_csv_columns[];
#endif
