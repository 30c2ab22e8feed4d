/* dossiers.h — dossiers received by a district office: read, list, create, update, and the
 * set-based upsert behind bulk import. */
#ifndef EDX_DB_DOSSIERS_H
#define EDX_DB_DOSSIERS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

int edx_db_dossier_get(edx_conn *c, json_t **out, const char *id, int for_update);
/* A list's filters, each NULL when not given; the time bounds are UTC instants (time_range.h),
 * each inclusive. */
typedef struct {
  const char *district_id, *procedure_id, *channel, *status, *year, *overdue, *updated_since;
  const char *province;
  const char *q;          /* a part of the reference, case and accents ignored */
  const char *reference;  /* the whole reference */
  const char *received_from, *received_to, *due_from, *due_to, *resolved_from, *resolved_to;
} edx_dossier_filter;
extern const char *const edx_dossier_sort_fields[];
int edx_db_dossier_list(edx_conn *c, edx_list_page *out, const edx_dossier_filter *f,
                        const edx_list_params *lp);
/* Inside a transaction: writes a complete dossier (every column from d; "id" absent = new),
 * upserting by (district, reference), audited. */
int edx_db_dossier_save(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *d);
/* Inside a transaction: upserts complete dossiers (rows: a JSON array text, or NULL for the rows
 * staged in the transaction, staged.h) by (district, reference); counts. */
int edx_db_dossiers_upsert(edx_conn *c, const edx_caller *actor, const char *rows,
                           long *created, long *updated);
/* Existing dossiers of a district among references (a JSON array text of strings):
 * {reference: dossier}. */
int edx_db_dossiers_by_reference(edx_conn *c, json_t **out, const char *district_id,
                                 const char *references);
/* The district's procedures: {"by_id": {id: procedure}, "by_code": {code: [ids]}}. */
int edx_db_procedure_maps(edx_conn *c, json_t **out, const char *district_id);
#endif
