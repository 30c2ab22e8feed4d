/* progress.h — the progress answers as JSON for handlers that put them together (the dashboard
 * endpoints, api/dashboard.c), built by the same code as GET /v1/districts/{district}/progress
 * and GET /v1/schools/{school}/scorecard. */
#ifndef EDX_API_PROGRESS_H
#define EDX_API_PROGRESS_H
#include "api/http.h"

/* The district's progress answer for year, as GET /v1/districts/{district}/progress gives it,
 * into *out (caller decrefs), or NULL when the district has no plan for the year. Reads several
 * statements: run it inside edx_db_begin_snapshot. Returns an edx code. */
int edx_progress_district_answer(edx_ctx *ctx, const json_t *district, int year, json_t **out);
/* A school's scorecard as GET /v1/schools/{school}/scorecard gives it, from the plan (an element
 * of edx_db_progress_plans), the catalogue, the school's cells (edx_db_progress_scorecard) and
 * the district's as_of (NULL or JSON null: none). Caller decrefs. */
json_t *edx_progress_scorecard_doc(const json_t *school, int year, const json_t *plan,
                                   const json_t *indicators, const json_t *cells,
                                   const json_t *as_of);
#endif
