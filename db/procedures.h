/* procedures.h — administrative procedures of a district office and the metrics of their
 * dossiers (a fixed number of queries whatever the number of dossiers). */
#ifndef EDX_DB_PROCEDURES_H
#define EDX_DB_PROCEDURES_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

int edx_db_procedure_get(edx_conn *c, json_t **out, const char *id, int for_update);
typedef struct {
  const char *district_id, *online_mode, *active, *q, *updated_since, *province;
} edx_procedure_filter;
extern const char *const edx_procedure_sort_fields[];
int edx_db_procedure_list(edx_conn *c, edx_list_page *out, const edx_procedure_filter *f,
                          const edx_list_params *lp);
int edx_db_procedure_create(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *p);
int edx_db_procedure_update(edx_conn *c, json_t **out, const edx_caller *actor,
                            const json_t *before, const json_t *merged);
/* Metrics of the dossiers received in year: of one procedure (procedure_id) or of every
 * procedure of a district (district_id) with a total. */
int edx_db_procedure_metrics(edx_conn *c, json_t **out, const char *procedure_id,
                             const char *district_id, int year);
#endif
