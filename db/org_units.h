/* org_units.h — the administrative units (provinces, districts, communes) with their official
 * codes: lookup, list, create and update; every change writes its audit row. */
#ifndef EDX_DB_ORG_UNITS_H
#define EDX_DB_ORG_UNITS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

/* The unit with this code (for_update locks it). EDX_ENOTFOUND when none. */
int edx_db_org_unit_get(edx_conn *c, json_t **out, const char *code, int for_update);

typedef struct {
  const char *level, *parent_code;
} edx_org_unit_filter;
extern const char *const edx_org_unit_sort_fields[];
int edx_db_org_unit_list(edx_conn *c, edx_list_page *out, const edx_org_unit_filter *f,
                         const edx_list_params *lp);

/* Inside a transaction: a new unit from body (validated, with its code). */
int edx_db_org_unit_create(edx_conn *c, json_t **out, const edx_caller *actor,
                           const json_t *body);
/* Inside a transaction, after edx_db_org_unit_get(for_update): writes merged (its code may be
 * new: districts, tokens and child units that name the old code follow it). */
int edx_db_org_unit_update(edx_conn *c, json_t **out, const edx_caller *actor,
                           const json_t *before, const json_t *merged);
#endif
