/* submissions.h — period reports (báo cáo định kỳ): the frozen progress of a district for a
 * period with its metadata, the moves between states with their history, the province's
 * summary and the deadlines of each period. */
#ifndef EDX_DB_SUBMISSIONS_H
#define EDX_DB_SUBMISSIONS_H
#include <jansson.h>
#include <stddef.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

/* One submission's metadata (edx_submission_json), locked when for_update. */
int edx_db_submission_get(edx_conn *c, json_t **out, const char *id, int for_update);
/* The frozen document of a submission as stored: its bytes (malloc'ed, NUL-terminated, *len
 * bytes), its SHA-256 in hex and in base64 (RFC 9530), each malloc'ed. */
typedef struct {
  char *bytes, *sha256_hex, *sha256_b64;
  size_t len;
} edx_frozen;
int edx_db_submission_frozen(edx_conn *c, edx_frozen *out, const char *id);
void edx_frozen_free(edx_frozen *f);
/* {"items": [...]}: a submission's events, oldest first. */
int edx_db_submission_history(edx_conn *c, json_t **out, const char *id);

/* The counts a district's progress for plan year year is computed from, as the frozen
 * document's "inputs": plan_id, active_schools, school_report_values, office_report_values,
 * assessments, active_procedures, dossiers (received in the year, Vietnam's time). */
int edx_db_submission_inputs(edx_conn *c, json_t **out, const char *district_id, int year);
/* [indicator, ...]: the catalogue's representation (edx_indicator_json) of the codes given (a
 * JSON array of strings), by code. */
int edx_db_submission_indicators(edx_conn *c, json_t **out, const json_t *codes);

/* What a creation stores. */
typedef struct {
  const char *district_id, *period, *title, *document_number, *signed_by, *note;
  int year;
  const char *frozen; /* the document's exact bytes (JSON text) */
} edx_submission_new;
/* Inserts a draft (its supersedes: the latest sent submission of the district and plan year,
 * if any), its first event and its audit row; its SHA-256 is computed by the database from the
 * stored text. */
int edx_db_submission_create(edx_conn *c, json_t **out, const edx_caller *actor,
                             const edx_submission_new *s);
/* Moves before (locked) to state `to` with note (NULL: none): submitted sets submitted_at and
 * supersedes every other sent submission of the district and plan year (each gets an event by
 * edudx itself and an audit row; supersedes names the latest of them); accepted and returned set
 * decided_at and decision_note. Writes the event and the audit row. */
int edx_db_submission_move(edx_conn *c, json_t **out, const edx_caller *actor,
                           const json_t *before, const char *to, const char *note);

typedef struct {
  const char *district_id, *province, *year, *state, *updated_since;
} edx_submission_filter;
extern const char *const edx_submission_sort_fields[];
int edx_db_submission_list(edx_conn *c, edx_list_page *out, const edx_submission_filter *f,
                           const edx_list_params *lp);

/* The rows of a province's summary for plan year year and the deadline of period: {"due": date
 * or null, "now": epoch seconds, "districts": [{district {id, code, name}, submission (the
 * latest created, {id, state, created_at, submitted_at}) or null, first_submitted (epoch seconds
 * or null), first_submitted_at, accepted (bool)}]} by district code. */
int edx_db_submission_summary(edx_conn *c, json_t **out, const char *province_code, int year,
                              const char *period);

/* {"period", "deadlines": [{"province_code", "due"}]} (the one for every province first). */
int edx_db_submission_deadlines(edx_conn *c, json_t **out, const char *period);
/* Replaces a period's deadlines with list (checked: submission_rules.h), audited; answers them
 * as edx_db_submission_deadlines. EDX_EINVALID with the message naming the code when a
 * province_code names no province. */
int edx_db_submission_deadlines_put(edx_conn *c, json_t **out, const edx_caller *actor,
                                    const char *period, const json_t *list);
#endif
