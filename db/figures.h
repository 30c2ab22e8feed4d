/* figures.h — what the exchange formats read besides the progress answers (db/progress.h): the
 * org unit a code names, the districts of a request's scope, and every active school's own
 * reported values of a district and year in one statement whatever the number of schools. */
#ifndef EDX_DB_FIGURES_H
#define EDX_DB_FIGURES_H
#include <jansson.h>
#include "db/pool.h"

/* The org unit code names, first as a district's code, then a school's, then a province's:
 * {"kind": "district" | "school" | "province", "district_id", "school_id"} (null where they do
 * not apply). EDX_ENOTFOUND when it names none. */
int edx_db_figures_org_unit(edx_conn *c, json_t **out, const char *code);
/* The districts (as GET /v1/districts/{id} gives them) with id district_id, in province and of
 * code, each filter NULL for any, by code. */
int edx_db_figures_districts(edx_conn *c, json_t **out, const char *district_id,
                             const char *province, const char *code);
/* The reported values of the district's active schools for the targets of its plan of year that
 * schools report: [{"indicator", "school" (code), "level", "is_true", "value_num", "numerator",
 * "denominator", "meets"}] by school code and plan position (progress_school_cells, migration
 * 0020; values not reported are left out). */
int edx_db_figures_school_values(edx_conn *c, json_t **out, const char *district_id, int year);
#endif
