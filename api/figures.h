/* figures.h — a district's figure rows (src/rules/figures.h) read from the database, for the
 * exchange answers: GET /v1/dataValueSets (api/data_values.c) and GET /v1/exports/figures.csv
 * (api/figures.c). */
#ifndef EDX_API_FIGURES_H
#define EDX_API_FIGURES_H
#include "api/http.h"
#include "src/rules/periods.h"
#include "src/rules/time_range.h"

/* Appends to rows the figures of district (its representation) for period's plan year: the rows
 * of its progress answer (edx_progress_district_answer: any progress answer would do) and, when
 * with_schools, its schools' own values (one statement for every school), those read under
 * period only; nothing when it has no plan for the year, or when since is given and the
 * answer's as_of is before it. indicators: the catalogue by code (edx_db_indicator_map). Run
 * inside edx_db_begin_snapshot. Returns an edx code. */
int edx_figures_of_district(edx_ctx *ctx, const json_t *district, const json_t *indicators,
                            const edx_period *period, int with_schools,
                            const edx_time_bound *since, json_t *rows);
/* 1 when the progress answer's as_of is at or after since (or since is not given). */
int edx_figures_updated_since(const json_t *answer, const edx_time_bound *since);
#endif
