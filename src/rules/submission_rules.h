/* submission_rules.h — period reports (báo cáo định kỳ): a district's progress for a period,
 * frozen and submitted to its province. The fields of a creation, the states and the moves
 * between them, the deadlines' body, and when a district is late (Vietnam's date). Pure
 * functions; who may do what is in roles.h. */
#ifndef EDX_SUBMISSION_RULES_H
#define EDX_SUBMISSION_RULES_H
#include <jansson.h>
#include "src/rules/fields.h"

/* draft, submitted, accepted, returned, superseded; NULL-terminated. */
extern const char *const edx_submission_states[];
/* A creation's body: period (a plan-year code), title (1-300), document_number (1-100),
 * signed_by (1-200), note (null or 1-2000). */
extern const edx_field edx_submission_fields[];
/* A return's or acceptance's body: note (1-2000; a return requires it). */
extern const edx_field edx_submission_move_fields[];

/* A deadlines PUT's body: deadlines (an array of at most 100, required; its items are checked by
 * edx_submission_deadlines_check). */
extern const edx_field edx_submission_deadlines_fields[];

/* 1 when s is a period code ("2024" or "2023-2024", periods.h). */
int edx_is_period_code(const char *s);

/* The moves: the district submits a draft; the province accepts or returns a submitted one. */
typedef enum { EDX_SUBMISSION_SUBMIT, EDX_SUBMISSION_ACCEPT, EDX_SUBMISSION_RETURN }
  edx_submission_move;
/* The move's name ("submit", "accept", "return"). */
const char *edx_submission_move_name(edx_submission_move move);
/* The state a submission in state `from` reaches by move, or NULL when the move is illegal
 * there (a 409): draft -> submitted, submitted -> accepted or returned; nothing else (returned,
 * accepted and superseded are closed: a district corrects a report with a new submission). */
const char *edx_submission_next_state(edx_submission_move move, const char *from);
/* Whether a submission in state was sent to the province (submitted, accepted, returned): a
 * later submission of the same district and period supersedes it when that one is submitted. */
int edx_submission_sent(const char *state);

/* Whether a district is late for a period whose report is due on `due` (YYYY-MM-DD, the last
 * day, in Vietnam's date; NULL: no deadline, never late): its first submission of the period
 * (first_submitted, epoch seconds; < 0 when it has submitted none) came after that day in
 * Vietnam (UTC+7), or it has submitted none and that day has passed in Vietnam at now. */
int edx_submission_late(const char *due, long long first_submitted, long long now);

/* Checks a PUT /v1/submission-deadlines/{period} body: {"deadlines": [{"province_code": null or
 * a code, "due": "YYYY-MM-DD"}, ...]} (0 to 100 items, each province at most once; null: every
 * province without its own). Appends {"field", "message"} per problem ("deadlines[1].due");
 * returns how many. */
int edx_submission_deadlines_check(const json_t *body, json_t *errors);
#endif
