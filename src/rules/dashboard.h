/* dashboard.h — the dashboard answers' pieces, pure functions over JSON: a district progress
 * answer cut down to what a landing screen or a trend shows, the counts of what is late, and a
 * progress series pivoted from per-year answers to per-indicator rows. */
#ifndef EDX_DASHBOARD_H
#define EDX_DASHBOARD_H
#include <jansson.h>

/* {"plan", "as_of", "summary", "indicators": [{"code", "name_vi", "name_en", "actual",
 * "target", "comparator", "status"}]} from a district progress answer (src/rules/progress_build.h),
 * its figures copied as they are; answer NULL (no plan for the year): plan and as_of null,
 * summary all 0, indicators []. Caller decrefs. */
json_t *edx_dashboard_progress_brief(const json_t *answer);

/* {"overdue_dossiers", "late_submission", "late_recognition"}: metrics_total's overdue_now and
 * the lengths of the assessment overview's late lists. Caller decrefs. */
json_t *edx_dashboard_late(const json_t *assessment_overview, const json_t *metrics_total);

/* From briefs [{"year", "brief": <edx_dashboard_progress_brief>}] in year order:
 * {"years": [{"year", "plan", "as_of", "summary"}], "indicators": [{"code", "name_vi",
 * "name_en", "values": [{"year", "in_plan", "actual", "target", "comparator", "status"}]}]}
 * with one value per year for every indicator of any year's plan (in_plan false and the figures
 * null for a year whose plan lacks it or that has no plan). Indicators in order of first
 * appearance. Caller decrefs. */
json_t *edx_dashboard_series(const json_t *briefs);
#endif
