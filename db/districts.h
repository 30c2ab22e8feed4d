/* districts.h — district storage: lookup by id or code, list, create, update, delete; every
 * change writes its audit row in the same transaction. */
#ifndef EDX_DB_DISTRICTS_H
#define EDX_DB_DISTRICTS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"
#include "src/rules/validate.h"

/* The district named by a path reference (id or code). for_update locks the row (inside a
 * transaction). EDX_ENOTFOUND when none. */
int edx_db_district_get(edx_conn *c, json_t **out, edx_ref_kind kind, const char *ref,
                        int for_update);

typedef struct {
  const char *province, *q, *updated_since, *only_id;
} edx_district_filter;
extern const char *const edx_district_sort_fields[];
int edx_db_district_list(edx_conn *c, edx_list_page *out, const edx_district_filter *f,
                         const edx_list_params *lp);

/* Inside a transaction. body holds validated fields. EDX_ECONFLICT on a duplicate code. */
int edx_db_district_create(edx_conn *c, json_t **out, const edx_caller *actor,
                           const json_t *body);
/* Inside a transaction, after edx_db_district_get(for_update): writes the merged fields. */
int edx_db_district_update(edx_conn *c, json_t **out, const edx_caller *actor,
                           const json_t *before, const json_t *merged);
/* Inside a transaction. EDX_ECONFLICT while schools belong to the district. */
int edx_db_district_delete(edx_conn *c, const edx_caller *actor, const json_t *before);
#endif
