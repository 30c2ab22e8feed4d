/* routes.c — every route: method, path pattern, handler, flags and allowed query parameters.
 * Unknown query parameters are refused with 400, so a typo never silently widens a result. */
#include <stddef.h>
#include <string.h>
#include "api/routes.h"

#define LIST_PARAMS "limit", "offset", "after", "sort", "updated_since", "format", "sep", "lang"

static const char *const tokens_query[] = {LIST_PARAMS, "role", "district_id", "revoked", NULL};
static const char *const districts_query[] = {LIST_PARAMS, "province", "q", NULL};
static const char *const schools_query[] = {LIST_PARAMS, "district_id", "level", "commune",
                                            "active", "q", "province", NULL};
static const char *const import_query[] = {"dry_run", NULL};
static const char *const indicators_query[] = {LIST_PARAMS, "source", "level", NULL};
static const char *const plans_query[] = {LIST_PARAMS, "district_id", "year", "province", NULL};
static const char *const history_query[] = {"limit", "offset", "after", "sort", "format", "sep",
                                            "lang", "indicator", NULL};
static const char *const reports_query[] = {LIST_PARAMS, "year", "indicator", "district_id",
                                            "school_id", "province", NULL};
static const char *const progress_query[] = {"year", "format", "sep", "lang", NULL};
static const char *const progress_all_query[] = {"year", "format", "sep", "lang", "district_id",
                                                 "province", NULL};
static const char *const frameworks_query[] = {"limit", "offset", "after", "sort", NULL};
static const char *const framework_query[] = {"version", NULL};
static const char *const labels_query[] = {"lang", NULL};
static const char *const assessments_query[] = {LIST_PARAMS, "district_id", "school_id", "year",
                                                "status", "state", "level", "late", "province",
                                                NULL};
static const char *const assessment_items_query[] = {LIST_PARAMS, "item", "below", "district_id",
                                                    "year", "status", "state", "province", NULL};
static const char *const overview_query[] = {"year", NULL};
static const char *const reminders_query[] = {"year", "within_days", NULL};
static const char *const series_query[] = {"from", "to", NULL};
static const char *const procedures_query[] = {LIST_PARAMS, "district_id", "online_mode",
                                               "active", "q", "province", NULL};
static const char *const metrics_query[] = {"year", "format", "sep", "lang", NULL};
static const char *const dossiers_query[] = {LIST_PARAMS, "district_id", "procedure_id",
                                             "channel", "status", "year", "overdue", "province",
                                             "q", "reference", "received_from", "received_to",
                                             "due_from", "due_to", "resolved_from",
                                             "resolved_to", NULL};
static const char *const tasks_query[] = {LIST_PARAMS, "district_id", "year", "lead", "status",
                                          "overdue", "indicator", "q", "province", NULL};
static const char *const submissions_query[] = {"limit", "offset", "after", "sort",
                                                "updated_since", "district_id", "period", "state",
                                                "province", NULL};
static const char *const summary_query[] = {"period", NULL};
static const char *const school_tasks_query[] = {"year", NULL};
static const char *const task_import_query[] = {"dry_run", "district_id", "year", NULL};
static const char *const dossier_import_query[] = {"dry_run", "district_id", NULL};
static const char *const audit_query[] = {"limit", "offset", "after", "sort", "format", "sep",
                                          "lang", "entity", "entity_id", "actor_token_id", "action",
                                          "district_id", "since", "until", NULL};
static const char *const changes_query[] = {"after", "limit", "province", NULL};
static const char *const exports_query[] = {"format", "sep", "province", NULL};
static const char *const figures_export_query[] = {"period", "province", "district_id", "format",
                                                   "sep", NULL};
static const char *const data_values_query[] = {"period", "orgUnit", "children", "lastUpdated",
                                                "format", "submission", NULL};
static const char *const org_units_query[] = {"limit", "offset", "after", "sort", "format", "sep",
                                              "lang", "level", "parent_code", NULL};

const edx_route edx_routes[] = {
  {"GET", "/healthz", edx_health_healthz, EDX_ROUTE_PUBLIC | EDX_ROUTE_NO_DB, NULL},
  {"GET", "/readyz", edx_health_readyz, EDX_ROUTE_PUBLIC, NULL},
  {"GET", "/metrics", edx_health_metrics, EDX_ROUTE_PUBLIC | EDX_ROUTE_NO_DB, NULL},
  {"GET", "/v1/openapi.yaml", edx_health_openapi, EDX_ROUTE_PUBLIC | EDX_ROUTE_NO_DB, NULL},
  {"GET", "/docs", edx_docs_page, EDX_ROUTE_PUBLIC | EDX_ROUTE_NO_DB, NULL},
  {"GET", "/docs/redoc.standalone.js", edx_docs_script, EDX_ROUTE_PUBLIC | EDX_ROUTE_NO_DB, NULL},
  {"GET", "/v1/labels", edx_labels_get, EDX_ROUTE_PUBLIC | EDX_ROUTE_NO_DB, labels_query},
  {"GET", "/v1/me", edx_tokens_me, 0, NULL},
  {"GET", "/v1/tokens", edx_tokens_list, EDX_ROUTE_CSV, tokens_query},
  {"POST", "/v1/tokens", edx_tokens_create, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/tokens/{token}", edx_tokens_get, 0, NULL},
  {"DELETE", "/v1/tokens/{token}", edx_tokens_revoke, EDX_ROUTE_SCOPES, NULL},
  {"GET", "/v1/districts", edx_districts_list, EDX_ROUTE_CSV, districts_query},
  {"POST", "/v1/districts", edx_districts_create, EDX_ROUTE_JSON_BODY | EDX_ROUTE_SCOPES,
   NULL},
  {"GET", "/v1/districts/{district}", edx_districts_get, 0, NULL},
  {"PATCH", "/v1/districts/{district}", edx_districts_patch,
   EDX_ROUTE_JSON_BODY | EDX_ROUTE_SCOPES, NULL},
  {"DELETE", "/v1/districts/{district}", edx_districts_delete, EDX_ROUTE_SCOPES, NULL},
  {"GET", "/v1/schools", edx_schools_list, EDX_ROUTE_CSV, schools_query},
  {"POST", "/v1/schools", edx_schools_create, EDX_ROUTE_JSON_BODY, NULL},
  {"POST", "/v1/schools/import", edx_schools_import, EDX_ROUTE_IMPORT | EDX_ROUTE_SCOPES,
   import_query},
  {"GET", "/v1/schools/{school}", edx_schools_get, 0, NULL},
  {"PATCH", "/v1/schools/{school}", edx_schools_patch, EDX_ROUTE_JSON_BODY | EDX_ROUTE_SCOPES,
   NULL},
  {"DELETE", "/v1/schools/{school}", edx_schools_delete, EDX_ROUTE_SCOPES, NULL},
  {"GET", "/v1/schools/{school}/reports/{year}", edx_reports_school_get, 0, NULL},
  {"PUT", "/v1/schools/{school}/reports/{year}", edx_reports_school_put, EDX_ROUTE_JSON_BODY, NULL},
  {"PATCH", "/v1/schools/{school}/reports/{year}", edx_reports_school_patch, EDX_ROUTE_JSON_BODY,
   NULL},
  {"GET", "/v1/schools/{school}/reports/{year}/history", edx_reports_school_history, EDX_ROUTE_CSV,
   history_query},
  {"GET", "/v1/schools/{school}/scorecard", edx_progress_scorecard, EDX_ROUTE_CSV, progress_query},
  {"GET", "/v1/districts/{district}/reports/{year}", edx_reports_office_get, 0, NULL},
  {"PUT", "/v1/districts/{district}/reports/{year}", edx_reports_office_put, EDX_ROUTE_JSON_BODY,
   NULL},
  {"PATCH", "/v1/districts/{district}/reports/{year}", edx_reports_office_patch,
   EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/districts/{district}/reports/{year}/history", edx_reports_office_history,
   EDX_ROUTE_CSV, history_query},
  {"GET", "/v1/districts/{district}/progress", edx_progress_district,
   EDX_ROUTE_CSV, progress_query},
  {"GET", "/v1/districts/{district}/progress/series", edx_progress_series, 0, series_query},
  {"GET", "/v1/districts/{district}/scorecards", edx_progress_scorecards,
   EDX_ROUTE_CSV, progress_query},
  {"GET", "/v1/districts/{district}/overview", edx_districts_overview, 0, overview_query},
  {"GET", "/v1/progress", edx_progress_all, EDX_ROUTE_CSV, progress_all_query},
  {"GET", "/v1/reports", edx_reports_list, EDX_ROUTE_CSV, reports_query},
  {"GET", "/v1/indicators", edx_indicators_list, EDX_ROUTE_CSV, indicators_query},
  {"POST", "/v1/indicators", edx_indicators_create, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/indicators/{indicator}", edx_indicators_get, 0, NULL},
  {"PATCH", "/v1/indicators/{indicator}", edx_indicators_patch, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/plans", edx_plans_list, EDX_ROUTE_CSV, plans_query},
  {"POST", "/v1/plans", edx_plans_create, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/plans/{plan}", edx_plans_get, 0, NULL},
  {"PATCH", "/v1/plans/{plan}", edx_plans_patch, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/frameworks", edx_frameworks_list, 0, frameworks_query},
  {"GET", "/v1/frameworks/{framework}", edx_frameworks_get, 0, framework_query},
  {"PUT", "/v1/frameworks/{framework}", edx_frameworks_put, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/assessments", edx_assessments_list, EDX_ROUTE_CSV, assessments_query},
  {"POST", "/v1/assessments", edx_assessments_create, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/assessments/{assessment}", edx_assessments_get, 0, NULL},
  {"PUT", "/v1/assessments/{assessment}/answers", edx_assessments_answers, EDX_ROUTE_JSON_BODY,
   NULL},
  {"POST", "/v1/assessments/{assessment}/submit", edx_assessments_submit, 0, NULL},
  {"POST", "/v1/assessments/{assessment}/return", edx_assessments_return, EDX_ROUTE_JSON_BODY,
   NULL},
  {"POST", "/v1/assessments/{assessment}/approve", edx_assessments_approve, 0, NULL},
  {"POST", "/v1/assessments/{assessment}/external", edx_assessments_external,
   EDX_ROUTE_JSON_BODY, NULL},
  {"POST", "/v1/assessments/{assessment}/recognize", edx_assessments_recognize,
   EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/assessments/{assessment}/history", edx_assessments_history, 0, NULL},
  {"GET", "/v1/assessment-items", edx_assessments_items, EDX_ROUTE_CSV, assessment_items_query},
  {"GET", "/v1/districts/{district}/assessments/overview", edx_assessments_overview, 0,
   overview_query},
  {"GET", "/v1/procedures", edx_procedures_list, EDX_ROUTE_CSV, procedures_query},
  {"POST", "/v1/procedures", edx_procedures_create, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/procedures/{procedure}", edx_procedures_get, 0, NULL},
  {"PATCH", "/v1/procedures/{procedure}", edx_procedures_patch, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/procedures/{procedure}/metrics", edx_procedures_metrics, 0, metrics_query},
  {"GET", "/v1/districts/{district}/procedure-metrics", edx_procedures_district_metrics,
   EDX_ROUTE_CSV, metrics_query},
  {"GET", "/v1/dossiers", edx_dossiers_list, EDX_ROUTE_CSV, dossiers_query},
  {"POST", "/v1/dossiers", edx_dossiers_create, EDX_ROUTE_JSON_BODY, NULL},
  {"POST", "/v1/dossiers/import", edx_dossiers_import, EDX_ROUTE_IMPORT, dossier_import_query},
  {"GET", "/v1/dossiers/{dossier}", edx_dossiers_get, 0, NULL},
  {"PATCH", "/v1/dossiers/{dossier}", edx_dossiers_patch, EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/tasks", edx_tasks_list, EDX_ROUTE_CSV, tasks_query},
  {"POST", "/v1/tasks", edx_tasks_create, EDX_ROUTE_JSON_BODY, NULL},
  {"POST", "/v1/tasks/import", edx_tasks_import, EDX_ROUTE_IMPORT, task_import_query},
  {"GET", "/v1/tasks/{task}", edx_tasks_get, 0, NULL},
  {"PATCH", "/v1/tasks/{task}", edx_tasks_patch, EDX_ROUTE_JSON_BODY, NULL},
  {"DELETE", "/v1/tasks/{task}", edx_tasks_delete, 0, NULL},
  {"GET", "/v1/tasks/{task}/assignments", edx_tasks_assignments, 0, NULL},
  {"GET", "/v1/tasks/{task}/assignments/{assignment}", edx_tasks_assignment_get, 0, NULL},
  {"PATCH", "/v1/tasks/{task}/assignments/{assignment}", edx_tasks_assignment_patch,
   EDX_ROUTE_JSON_BODY, NULL},
  {"GET", "/v1/tasks/{task}/assignments/{assignment}/history", edx_tasks_assignment_history, 0,
   NULL},
  {"GET", "/v1/schools/{school}/tasks", edx_schools_tasks, 0, school_tasks_query},
  {"GET", "/v1/districts/{district}/tasks/overview", edx_tasks_overview, 0, overview_query},
  {"GET", "/v1/districts/{district}/reminders", edx_districts_reminders, 0, reminders_query},
  {"POST", "/v1/districts/{district}/submissions", edx_submissions_create, EDX_ROUTE_JSON_BODY,
   NULL},
  {"GET", "/v1/submissions", edx_submissions_list, 0, submissions_query},
  {"GET", "/v1/submissions/{submission}", edx_submissions_get, 0, NULL},
  {"GET", "/v1/submissions/{submission}/frozen", edx_submissions_frozen, 0, NULL},
  {"GET", "/v1/submissions/{submission}/history", edx_submissions_history, 0, NULL},
  {"POST", "/v1/submissions/{submission}/submit", edx_submissions_submit, 0, NULL},
  /* readers of the district's province review (their only write): roles.c decides */
  {"POST", "/v1/submissions/{submission}/accept", edx_submissions_accept, EDX_ROUTE_REVIEW, NULL},
  {"POST", "/v1/submissions/{submission}/return", edx_submissions_return, EDX_ROUTE_REVIEW, NULL},
  {"GET", "/v1/provinces/{province}/submissions/summary", edx_submissions_summary, 0,
   summary_query},
  {"GET", "/v1/submission-deadlines/{period}", edx_submission_deadlines_get, 0, NULL},
  {"PUT", "/v1/submission-deadlines/{period}", edx_submission_deadlines_put, EDX_ROUTE_JSON_BODY,
   NULL},
  {"GET", "/v1/audit", edx_audit_list, EDX_ROUTE_CSV, audit_query},
  {"GET", "/v1/changes", edx_changes_list, 0, changes_query},
  /* before /v1/exports/{entity}: the first route that matches answers */
  {"GET", "/v1/exports/figures", edx_figures_export, EDX_ROUTE_CSV, figures_export_query},
  {"GET", "/v1/exports/{entity}", edx_exports_get, EDX_ROUTE_CSV, exports_query},
  {"GET", "/v1/dataValueSets", edx_data_values_get, 0, data_values_query},
  {"POST", "/v1/download-links", edx_download_links_create,
   EDX_ROUTE_JSON_BODY | EDX_ROUTE_READS, NULL},
  {"GET", "/v1/org-units", edx_org_units_list, EDX_ROUTE_CSV, org_units_query},
  {"GET", "/v1/org-units/{org_unit}", edx_org_units_get, 0, NULL},
  {"GET", "/v1/exchange/metadata", edx_exchange_metadata_get, 0, NULL},
  {"GET", "/v1/exchange/metadata/dhis2", edx_exchange_metadata_dhis2, 0, NULL},
  {"GET", "/v1/calendars/{country}/{year}", edx_calendars_get, 0, NULL},
  {"PUT", "/v1/calendars/{country}/{year}", edx_calendars_put, EDX_ROUTE_JSON_BODY, NULL},
  {"PUT", "/v1/org-units/{org_unit}", edx_org_units_put, EDX_ROUTE_JSON_BODY | EDX_ROUTE_SCOPES,
   NULL},
  {"POST", "/v1/files", edx_files_create, EDX_ROUTE_UPLOAD, NULL},
  {"GET", "/v1/files/{file}", edx_files_get, 0, NULL},
  {"GET", "/v1/files/{file}/meta", edx_files_meta, 0, NULL},
  {"GET", "/v1/districts/{district}/file-quota", edx_file_quota_get, 0, NULL},
  {"PUT", "/v1/districts/{district}/file-quota", edx_file_quota_put, EDX_ROUTE_JSON_BODY, NULL},
  {NULL, NULL, NULL, 0, NULL},
};

int edx_route_serves_csv(const edx_route *route)
{
  if (!route || strcmp(route->method, "GET") != 0)
    return 0;
  for (int i = 0; route->query && route->query[i]; i++)
    if (strcmp(route->query[i], "format") == 0)
      return 1;
  return 0;
}

const edx_route *edx_route_get(const char *path)
{
  char plain[2049], stem[2049]; /* a download link's path is at most 2048 characters */
  edx_path_params params;
  size_t n = strcspn(path, "?");
  if (n >= sizeof(plain))
    return NULL;
  memcpy(plain, path, n);
  plain[n] = '\0';
  if (edx_route_csv_stem(plain, stem, sizeof(stem))) /* first, as api/dispatch.c matches */
    for (const edx_route *r = edx_routes; r->method; r++)
      if ((r->flags & EDX_ROUTE_CSV) && edx_route_match(r->pattern, stem, &params))
        return r;
  for (const edx_route *r = edx_routes; r->method; r++)
    if (strcmp(r->method, "GET") == 0 && edx_route_match(r->pattern, plain, &params))
      return r;
  return NULL;
}
