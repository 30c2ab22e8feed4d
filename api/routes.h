/* routes.h — the table of every route the service answers, and the handlers it names. */
#ifndef EDX_API_ROUTES_H
#define EDX_API_ROUTES_H
#include "api/http.h"

extern const edx_route edx_routes[]; /* ends with a NULL method */

void edx_health_healthz(edx_ctx *ctx);
void edx_health_readyz(edx_ctx *ctx);
void edx_health_metrics(edx_ctx *ctx);
void edx_health_openapi(edx_ctx *ctx);
/* docs.c */
void edx_docs_page(edx_ctx *ctx);
void edx_docs_script(edx_ctx *ctx);
/* labels.c */
void edx_labels_get(edx_ctx *ctx);
void edx_tokens_me(edx_ctx *ctx);
void edx_tokens_list(edx_ctx *ctx);
void edx_tokens_create(edx_ctx *ctx);
void edx_tokens_get(edx_ctx *ctx);
void edx_tokens_revoke(edx_ctx *ctx);
void edx_districts_list(edx_ctx *ctx);
void edx_districts_create(edx_ctx *ctx);
void edx_districts_get(edx_ctx *ctx);
void edx_districts_patch(edx_ctx *ctx);
void edx_districts_delete(edx_ctx *ctx);
void edx_schools_list(edx_ctx *ctx);
void edx_schools_create(edx_ctx *ctx);
void edx_schools_get(edx_ctx *ctx);
void edx_schools_patch(edx_ctx *ctx);
void edx_schools_delete(edx_ctx *ctx);
void edx_schools_import(edx_ctx *ctx);
void edx_indicators_list(edx_ctx *ctx);
void edx_indicators_create(edx_ctx *ctx);
void edx_indicators_get(edx_ctx *ctx);
void edx_indicators_patch(edx_ctx *ctx);
void edx_plans_list(edx_ctx *ctx);
void edx_plans_create(edx_ctx *ctx);
void edx_plans_get(edx_ctx *ctx);
void edx_plans_patch(edx_ctx *ctx);
void edx_reports_school_get(edx_ctx *ctx);
void edx_reports_school_put(edx_ctx *ctx);
void edx_reports_school_patch(edx_ctx *ctx);
void edx_reports_school_history(edx_ctx *ctx);
void edx_reports_office_get(edx_ctx *ctx);
void edx_reports_office_put(edx_ctx *ctx);
void edx_reports_office_patch(edx_ctx *ctx);
void edx_reports_office_history(edx_ctx *ctx);
void edx_reports_list(edx_ctx *ctx);
void edx_progress_district(edx_ctx *ctx);
void edx_submissions_create(edx_ctx *ctx);
void edx_submissions_list(edx_ctx *ctx);
void edx_submissions_get(edx_ctx *ctx);
void edx_submissions_frozen(edx_ctx *ctx);
void edx_submissions_history(edx_ctx *ctx);
void edx_submissions_submit(edx_ctx *ctx);
void edx_submissions_accept(edx_ctx *ctx);
void edx_submissions_return(edx_ctx *ctx);
void edx_submissions_summary(edx_ctx *ctx);
void edx_submission_deadlines_get(edx_ctx *ctx);
void edx_submission_deadlines_put(edx_ctx *ctx);
void edx_progress_all(edx_ctx *ctx);
void edx_progress_scorecard(edx_ctx *ctx);
void edx_progress_series(edx_ctx *ctx);
void edx_progress_scorecards(edx_ctx *ctx);
/* figures.c, data_values.c */
void edx_figures_export(edx_ctx *ctx);
void edx_data_values_get(edx_ctx *ctx);
void edx_districts_overview(edx_ctx *ctx);
void edx_frameworks_list(edx_ctx *ctx);
void edx_frameworks_get(edx_ctx *ctx);
void edx_frameworks_put(edx_ctx *ctx);
void edx_assessments_list(edx_ctx *ctx);
void edx_assessments_create(edx_ctx *ctx);
void edx_assessments_get(edx_ctx *ctx);
void edx_assessments_answers(edx_ctx *ctx);
void edx_assessments_submit(edx_ctx *ctx);
void edx_assessments_return(edx_ctx *ctx);
void edx_assessments_approve(edx_ctx *ctx);
void edx_assessments_external(edx_ctx *ctx);
void edx_assessments_recognize(edx_ctx *ctx);
void edx_assessments_history(edx_ctx *ctx);
void edx_assessments_items(edx_ctx *ctx);
void edx_assessments_overview(edx_ctx *ctx);
void edx_procedures_list(edx_ctx *ctx);
void edx_procedures_create(edx_ctx *ctx);
void edx_procedures_get(edx_ctx *ctx);
void edx_procedures_patch(edx_ctx *ctx);
void edx_procedures_metrics(edx_ctx *ctx);
void edx_procedures_district_metrics(edx_ctx *ctx);
void edx_dossiers_list(edx_ctx *ctx);
void edx_dossiers_create(edx_ctx *ctx);
void edx_dossiers_get(edx_ctx *ctx);
void edx_dossiers_patch(edx_ctx *ctx);
void edx_dossiers_import(edx_ctx *ctx);
void edx_tasks_list(edx_ctx *ctx);
void edx_tasks_create(edx_ctx *ctx);
void edx_tasks_import(edx_ctx *ctx);
void edx_tasks_get(edx_ctx *ctx);
void edx_tasks_patch(edx_ctx *ctx);
void edx_tasks_delete(edx_ctx *ctx);
void edx_tasks_assignments(edx_ctx *ctx);
void edx_tasks_assignment_get(edx_ctx *ctx);
void edx_tasks_assignment_patch(edx_ctx *ctx);
void edx_tasks_assignment_history(edx_ctx *ctx);
void edx_schools_tasks(edx_ctx *ctx);
void edx_tasks_overview(edx_ctx *ctx);
void edx_districts_reminders(edx_ctx *ctx);
void edx_audit_list(edx_ctx *ctx);
void edx_changes_list(edx_ctx *ctx);
void edx_exports_get(edx_ctx *ctx);
void edx_download_links_create(edx_ctx *ctx);
/* 1 when route is a GET whose answer has a CSV form (it takes ?format=): what a download link
 * may be made for. */
int edx_route_serves_csv(const edx_route *route);
/* The GET route of path (its query, if any, is not looked at; a ".csv" path is the CSV-capable
 * route of the path without it when there is one, as a request is matched), or NULL. */
const edx_route *edx_route_get(const char *path);
/* exchange_metadata.c */
void edx_exchange_metadata_get(edx_ctx *ctx);
void edx_exchange_metadata_dhis2(edx_ctx *ctx);
void edx_org_units_list(edx_ctx *ctx);
void edx_org_units_get(edx_ctx *ctx);
void edx_calendars_get(edx_ctx *ctx);
void edx_calendars_put(edx_ctx *ctx);
void edx_org_units_put(edx_ctx *ctx);
/* files.c */
void edx_files_create(edx_ctx *ctx);
void edx_files_get(edx_ctx *ctx);
void edx_files_meta(edx_ctx *ctx);
/* file_quota.c */
void edx_file_quota_get(edx_ctx *ctx);
void edx_file_quota_put(edx_ctx *ctx);
#endif
