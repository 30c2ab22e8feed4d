/* reports.h — values reported by schools and district offices for a year: read, write (merge or
 * replace, with history), the history itself, and the flat list for provincial pulls. */
#ifndef EDX_DB_REPORTS_H
#define EDX_DB_REPORTS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

/* Whose report for which period: a school's (school_id) or the district office's (school_id
 * NULL), for plan year `year`, named as `period` ("2024" or "2023-2024"); only_kind
 * ("school_year", or NULL for every indicator) keeps a school-year period to the indicators
 * reported per school year. */
typedef struct {
  const char *school_id, *district_id;
  int year;
  const char *period, *only_kind;
} edx_report_key;

/* {"school_id", "district_id", "year", "period", "values": {...}}. */
int edx_db_report_get(edx_conn *c, json_t **out, const edx_report_key *k);
/* Inside a transaction: upserts rows (checked, from edx_report_entry_check), removes the codes
 * in removals, or when replace every code of the key's kind not in rows; records history for
 * what changed. */
int edx_db_report_write(edx_conn *c, const edx_caller *actor, const edx_report_key *k,
                        const json_t *rows, const json_t *removals, int replace);
/* The key's values among rows (as edx_db_report_write takes them) that are far from the same
 * unit's value for the period before (migration 0021): [{"indicator", "value", "previous",
 * "change_points", "jump_warning_points"}], by indicator. */
int edx_db_report_jumps(edx_conn *c, json_t **out, const edx_report_key *k, const json_t *rows);
/* The history of the key's values, of one indicator when indicator is not NULL. */
int edx_db_report_history(edx_conn *c, edx_list_page *out, const edx_report_key *k,
                          const char *indicator, const edx_list_params *lp);

typedef struct {
  const char *year, *indicator, *district_id, *school_id, *updated_since;
  const char *only_kind;      /* "school_year" for a school-year period, else NULL */
  const char *scope_district; /* a scoped token's district */
  const char *scope_school;   /* a school token's school */
  const char *province;       /* province=, or a province reader's */
} edx_report_filter;
extern const char *const edx_report_sort_fields[];
extern const char *const edx_history_sort_fields[];
int edx_db_reports_list(edx_conn *c, edx_list_page *out, const edx_report_filter *f,
                        const edx_list_params *lp);
#endif
