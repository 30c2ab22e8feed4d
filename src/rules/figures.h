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
#include "src/rules/periods.h"

/* The codes a receiver's metadata must hold. Kept here, in one place: the DHIS2 metadata export
 * (branch `metadata`) uses these same codes.
 * - the data set of every value, ADX's dataSet;
 * - the category of the school levels (and its category combo), ADX's disaggregation attribute;
 * - DHIS2's default category option combo (totals, and every school's own values);
 * - a level's option combo: EDX_FIGURES_LEVEL_PREFIX + the level upper-cased (LEVEL_PRIMARY);
 * - the data elements of a value's numerator and denominator: the indicator's code with these
 *   suffixes (BROADBAND_CONNECTED_NUM), so that a receiver can re-aggregate by summing. */
#define EDX_FIGURES_DATA_SET "EDUDX"
#define EDX_FIGURES_CATEGORY "SCHOOL_LEVEL"
#define EDX_FIGURES_DEFAULT "default"
#define EDX_FIGURES_LEVEL_PREFIX "LEVEL_"
#define EDX_FIGURES_NUM_SUFFIX "_NUM"
#define EDX_FIGURES_DEN_SUFFIX "_DEN"
/* Room for a data element or option combo code and its NUL. */
#define EDX_FIGURES_CODE_LEN 96

/* The long CSV's columns, in the order of the rows' members. */
extern const char *const edx_figures_csv_columns[];

/* The option combo of a school level ("primary" → "LEVEL_PRIMARY") into buf. 0, or -1 when it
 * does not fit. */
int edx_figures_level_combo(const char *level, char *buf, size_t len);
/* The data element of indicator with suffix ("" for the value itself) into buf. 0, or -1 when it
 * does not fit. */
int edx_figures_data_element(const char *indicator, const char *suffix, char *buf, size_t len);
/* A value as its exchange text: at most 2 decimals, trailing zeros dropped (85.5, 66.67, 100). */
void edx_figures_number_text(double v, char *buf, size_t len);

/* The district's rows of a progress answer (its "district" code, "as_of" and "indicators"):
 * one per entry (category "default") and one per level of its "by_level" (in the order of
 * edx_school_levels), org_unit_level "district". indicators (code → definition) gives each
 * row's indicator_version (the definition's integer "version"; null while indicators have
 * none). A new array. */
json_t *edx_figures_district_rows(const json_t *answer, const json_t *indicators);
/* Appends to rows each school's own reported values: values is
 * [{"indicator", "school", "level", "is_true", "value_num", "numerator", "denominator",
 * "meets"}] (db/figures.h), read for the answer's district and year; a value whose indicator has
 * no entry in the answer, or whose entry's source is not school_report, is left out. percent:
 * value; fraction: numerator, denominator and 100 × numerator / denominator rounded to 2
 * decimals (null for 0/0); boolean: value 1 or 0 over 1. Category: the school's level; status
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
