/* reports.h — values reported by schools and district offices for a year: read, write (merge or
 * replace, with history), the history itself, and the flat list for provincial pulls. */
#ifndef EDX_DB_REPORTS_H
#define EDX_DB_REPORTS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

/* {"school_id", "district_id", "year", "values": {...}} of a school (school_id) or of the
 * district office (school_id NULL). */
int edx_db_report_get(edx_conn *c, json_t **out, const char *school_id, const char *district_id,
                      int year);
/* Inside a transaction: upserts rows (checked, from edx_report_entry_check), removes the codes
 * in removals, or when replace every code not in rows; records history for what changed. */
int edx_db_report_write(edx_conn *c, const edx_caller *actor, const char *school_id,
                        const char *district_id, int year, const json_t *rows,
                        const json_t *removals, int replace);

typedef struct {
  const char *indicator;
} edx_history_filter;
int edx_db_report_history(edx_conn *c, edx_list_page *out, const char *school_id,
                          const char *district_id, int year, const char *indicator,
                          const edx_list_params *lp);

typedef struct {
  const char *year, *indicator, *district_id, *school_id, *updated_since;
  const char *scope_district; /* a scoped token's district */
  const char *scope_school;   /* a school token's school */
  const char *province;       /* province=, or a province reader's */
} edx_report_filter;
extern const char *const edx_report_sort_fields[];
extern const char *const edx_history_sort_fields[];
int edx_db_reports_list(edx_conn *c, edx_list_page *out, const edx_report_filter *f,
                        const edx_list_params *lp);
#endif
