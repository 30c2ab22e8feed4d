/* assessments.h — frameworks (every version kept) and digital-transformation assessments with
 * their workflow moves; per-year overview of a district. */
#ifndef EDX_DB_ASSESSMENTS_H
#define EDX_DB_ASSESSMENTS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

/* A framework version (version 0 = the latest). EDX_ENOTFOUND when none. */
int edx_db_framework_get(edx_conn *c, json_t **out, const char *code, int version);
int edx_db_framework_list(edx_conn *c, edx_list_page *out, const edx_list_params *lp);
/* Inside a transaction: stores the next version of code (1 when new); *created tells which. */
int edx_db_framework_put(edx_conn *c, json_t **out, int *created, const edx_caller *actor,
                         const char *code, const json_t *fw);

int edx_db_assessment_get(edx_conn *c, json_t **out, const char *id, int for_update);
/* Inside a transaction: the school's assessment for year, scored (empty answers) by scores;
 * records the creation move. EDX_ECONFLICT when the school already has one for the year. */
int edx_db_assessment_create(edx_conn *c, json_t **out, const edx_caller *actor,
                             const json_t *school, int year, const json_t *fw,
                             const json_t *scores);
int edx_db_assessment_set_answers(edx_conn *c, json_t **out, const char *id, const json_t *answers,
                                  const json_t *scores);
/* Inside a transaction: moves id from state `from` to `to`, records the move with note, and sets
 * the move's own fields (external answers and scores, recognized level and decision). */
typedef struct {
  const char *from, *to, *note, *decision_ref;
  const json_t *external_answers, *external_scores;
  int recognized_level;
} edx_assessment_move;
int edx_db_assessment_move(edx_conn *c, json_t **out, const edx_caller *actor, const char *id,
                           const edx_assessment_move *m);
int edx_db_assessment_history(edx_conn *c, json_t **out, const char *id);

typedef struct {
  const char *district_id, *school_id, *year, *status, *level, *late, *updated_since;
  const char *scope_district, *scope_school;
  const char *province;       /* province=, or a province reader's */
} edx_assessment_filter;
extern const char *const edx_assessment_sort_fields[];
int edx_db_assessment_list(edx_conn *c, edx_list_page *out, const edx_assessment_filter *f,
                           const edx_list_params *lp);
/* The answers to one item (GET /v1/assessment-items): assessments whose framework version has
 * the item, narrowed by the filters given (below: points answered by items under it). */
typedef struct {
  const char *item, *below, *district_id, *year, *status, *updated_since;
  const char *scope_school;
  const char *province;
} edx_item_answer_filter;
extern const char *const edx_item_answer_sort_fields[];
int edx_db_item_answer_list(edx_conn *c, edx_list_page *out, const edx_item_answer_filter *f,
                            const edx_list_params *lp);
/* EDX_OK when some version of some framework has an item named item, else EDX_ENOTFOUND. */
int edx_db_framework_item_known(edx_conn *c, const char *item);
int edx_db_assessment_overview(edx_conn *c, json_t **out, const char *district_id, int year);
#endif
