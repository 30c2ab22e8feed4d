/* figures.h — a district's figures as flat rows, the one model every exchange format is written
 * from (DHIS2 dataValueSets and ADX, src/rules/data_values.h; the long CSV for BI tools): rows
 * {indicator, indicator_version, period, org_unit, org_unit_level, category, numerator,
 * denominator, value, target, status, last_updated} made from a district's progress answer (as
 * GET /v1/districts/{district}/progress gives it, whichever way it was obtained) and its schools'
 * own reported values. Pure functions. */
#ifndef EDX_FIGURES_H
#define EDX_FIGURES_H
#include <jansson.h>
#include <stddef.h>
#include "src/rules/exchange_codes.h"
#include "src/rules/periods.h"

/* The codes rows travel under (data set, school-level category and option combos, _NUM/_DEN
 * data elements) are src/rules/exchange_codes.h's, shared with the metadata a receiver loads
 * (GET /v1/exchange/metadata). */
/* Room for a data element or option combo code and its NUL. */
#define EDX_FIGURES_CODE_LEN 96

/* The long CSV's columns, in the order of the rows' members. */
extern const char *const edx_figures_csv_columns[];

/* The data element of indicator with suffix ("" for the value itself) into buf. 0, or -1 when it
 * does not fit. */
int edx_figures_data_element(const char *indicator, const char *suffix, char *buf, size_t len);
/* A value as its exchange text: at most 2 decimals, trailing zeros dropped (85.5, 66.67, 100). */
void edx_figures_number_text(double v, char *buf, size_t len);

/* The district's rows of a progress answer (its "district" code, "as_of" and "indicators"):
 * one per entry (category "default") and one per level of its "by_level" (in the order of
 * edx_school_levels), org_unit_level "district". indicators (code → definition) gives each
 * row's indicator_version (the definition's integer "version"; null without one) and its
 * category_combo (edx_exchange_category_combo: which of the rows DHIS2 and ADX send). A new
 * array. */
json_t *edx_figures_district_rows(const json_t *answer, const json_t *indicators);
/* Appends to rows each school's own reported values: values is
 * [{"indicator", "school", "level", "is_true", "value_num", "numerator", "denominator",
 * "meets"}] (db/figures.h), read for the answer's district and year; a value whose indicator has
 * no entry in the answer, or whose entry's source is not school_report, is left out. percent:
 * value; fraction: numerator, denominator and 100 × numerator / denominator rounded to 2
 * decimals (null for 0/0); boolean: value 100 or 0 (a percent, as the indicator's data
 * element), numerator 1 or 0 over 1. Category: the school's level; status
 * met, not_met or no_data from "meets"; period, target and last_updated: the entry's and the
 * answer's. */
void edx_figures_add_school_rows(json_t *rows, const json_t *answer, const json_t *indicators,
                                 const json_t *values);
/* 1 when the row's period is read under p (a school year admits the school-year rows only, a
 * calendar year the plan year's every row: edx_period_admits). */
int edx_figures_row_in_period(const json_t *row, const edx_period *p);
/* The rows as the long CSV's items: value and target as their exchange text. A new array. */
json_t *edx_figures_csv_items(const json_t *rows);
#endif
