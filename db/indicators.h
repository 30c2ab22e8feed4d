/* indicators.h — the indicator catalogue and district plans with their targets; every change
 * audited in the same transaction. */
#ifndef EDX_DB_INDICATORS_H
#define EDX_DB_INDICATORS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

int edx_db_indicator_get(edx_conn *c, json_t **out, const char *code, int for_update);
/* Every indicator as {code: indicator} (caller decrefs). */
int edx_db_indicator_map(edx_conn *c, json_t **out);
typedef struct {
  const char *source, *level, *updated_since;
} edx_indicator_filter;
extern const char *const edx_indicator_sort_fields[];
int edx_db_indicator_list(edx_conn *c, edx_list_page *out, const edx_indicator_filter *f,
                          const edx_list_params *lp);
int edx_db_indicator_create(edx_conn *c, json_t **out, const edx_caller *actor,
                            const json_t *body);
/* EDX_ECONFLICT when source, value_type or aggregation change after values were reported. */
int edx_db_indicator_update(edx_conn *c, json_t **out, const edx_caller *actor,
                            const json_t *before, const json_t *merged);

int edx_db_plan_get(edx_conn *c, json_t **out, const char *id, int for_update);
typedef struct {
  const char *district_id, *year, *updated_since, *province;
} edx_plan_filter;
extern const char *const edx_plan_sort_fields[];
int edx_db_plan_list(edx_conn *c, edx_list_page *out, const edx_plan_filter *f,
                     const edx_list_params *lp);
/* body: validated district_id, year, title, document_ref, targets. EDX_ECONFLICT when the
 * district already has a plan for the year. */
int edx_db_plan_create(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *body);
int edx_db_plan_update(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *before,
                       const json_t *merged);
#endif
