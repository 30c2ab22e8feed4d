/* schools.h — school storage: lookup by id or code, filtered lists, create, update, delete, and
 * the set-based upsert behind bulk import; every change audited in the same transaction. */
#ifndef EDX_DB_SCHOOLS_H
#define EDX_DB_SCHOOLS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"
#include "src/rules/validate.h"

/* The school named by a path reference (id or code). EDX_ENOTFOUND when none. */
int edx_db_school_get(edx_conn *c, json_t **out, edx_ref_kind kind, const char *ref,
                      int for_update);

typedef struct {
  const char *district_id;  /* filter, or the caller's scope */
  const char *levels;       /* text[] literal such as {primary,lower_secondary}, validated */
  const char *commune, *active, *updated_since, *q;
  const char *only_school;  /* a school token's own school */
  const char *province;     /* province= (a province code), or the caller's province */
} edx_school_filter;
extern const char *const edx_school_sort_fields[];
int edx_db_school_list(edx_conn *c, edx_list_page *out, const edx_school_filter *f,
                       const edx_list_params *lp);

/* Inside a transaction; body holds validated fields and a district_id. */
int edx_db_school_create(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *body);
/* Inside a transaction, after edx_db_school_get(for_update): writes every field of merged. */
int edx_db_school_update(edx_conn *c, json_t **out, const edx_caller *actor,
                         const json_t *before, const json_t *merged);
/* Inside a transaction. EDX_ECONFLICT when reports, assessments or dossiers refer to it. */
int edx_db_school_delete(edx_conn *c, const edx_caller *actor, const json_t *before);

/* Existing schools among codes (a JSON array text of strings): {code: school} (caller decrefs). */
int edx_db_schools_by_code(edx_conn *c, json_t **out, const char *codes);
/* Every district as {id: code} and {code: id} maps (caller decrefs both). */
int edx_db_district_maps(edx_conn *c, json_t **by_id, json_t **by_code);
/* Inside a transaction: upserts complete, validated school objects by code (rows: a JSON array
 * text, or NULL for the rows staged in the transaction, staged.h) and audits each (actor NULL =
 * the command line); counts what was created and updated. */
int edx_db_schools_upsert(edx_conn *c, const edx_caller *actor, const char *rows,
                          long *created, long *updated);
#endif
