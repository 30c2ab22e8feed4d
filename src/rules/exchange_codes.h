/* exchange_codes.h — the codes edudx's figures travel under to a receiver (a province's DHIS2, a
 * BI tool), in one place for every exchange (the metadata answer, data value sets, ADX): the
 * school-level category and its options, the category combos, the numerator and denominator
 * data elements, DHIS2's value and aggregation types, and the period types with the conversions
 * of edudx's period codes. Pure functions, no I/O. */
#ifndef EDX_EXCHANGE_CODES_H
#define EDX_EXCHANGE_CODES_H
#include <jansson.h>
#include <stddef.h>
#include "src/rules/periods.h"

/* The data set of every value (DHIS2's dataSet, ADX's group dataSet). */
#define EDX_EXCHANGE_DATA_SET "EDUDX"
/* The category of school levels, the combo of it, and DHIS2's default combo and option combo. */
#define EDX_EXCHANGE_LEVEL_CATEGORY "SCHOOL_LEVEL"
#define EDX_EXCHANGE_LEVEL_COMBO "SCHOOL_LEVEL"
#define EDX_EXCHANGE_DEFAULT "default"
/* The suffixes of an indicator's numerator and denominator data elements. */
#define EDX_EXCHANGE_NUM_SUFFIX "_NUM"
#define EDX_EXCHANGE_DEN_SUFFIX "_DEN"
/* DHIS2's value type and aggregation type of the numerator and denominator elements. */
#define EDX_EXCHANGE_COUNT_VALUE_TYPE "INTEGER_ZERO_OR_POSITIVE"
#define EDX_EXCHANGE_COUNT_AGGREGATION "SUM"
/* The opening date given to org units in DHIS2 packages: edudx does not know when a unit
 * opened, and DHIS2 requires one. */
#define EDX_EXCHANGE_OPENING_DATE "1990-01-01"
/* The longest DHIS2 period or ADX period text of a plan year, with its NUL. */
#define EDX_EXCHANGE_PERIOD_LEN 16

typedef struct {
  const char *level;  /* edudx's school level, e.g. "lower_secondary" */
  const char *code;   /* its category option (and option combo) code, "LEVEL_LOWER_SECONDARY" */
} edx_exchange_level;

/* Every school level of edx_school_levels, in its order, with its option code; ends with
 * {NULL, NULL}. */
extern const edx_exchange_level edx_exchange_levels[];

/* The option code of a school level ("LEVEL_" and the level in capitals), or NULL. */
const char *edx_exchange_level_code(const char *level);
/* The school level of an option code, or NULL. */
const char *edx_exchange_level_of_code(const char *code);

/* DHIS2's valueType of an indicator's own data element: "NUMBER" for every value type. The
 * element carries the unit's figure as a percent, 0 to 100 with up to two decimals (a boolean
 * reported by one school is 100 or 0), and DHIS2's PERCENTAGE takes whole numbers only. NULL for
 * an unknown value type. */
const char *edx_exchange_value_type(const char *value_type);
/* DHIS2's aggregationType of an indicator's own data element: "AVERAGE" for mean and
 * office_value (edudx's total over units or offices is their mean), "NONE" for share,
 * each_school, ratio_of_sums and computed (their figure at any level is numerator / denominator:
 * the _NUM and _DEN elements, which add up). NULL for an unknown aggregation. */
const char *edx_exchange_aggregation_type(const char *aggregation);
/* 1 when an indicator of this aggregation has numerator and denominator elements (its progress
 * figures carry both: share, each_school, ratio_of_sums, computed), else 0. */
int edx_exchange_has_num_den(const char *aggregation);
/* The category combo of an indicator's data elements: SCHOOL_LEVEL when its figures break down
 * by school level into parts that make the whole (reported by schools alone, of named levels),
 * else "default" (the office's figures, the procedures', and those the office counts in). */
const char *edx_exchange_category_combo(const json_t *indicator);

/* DHIS2's periodType of an indicator's period kind: "Yearly" for calendar_year, "FinancialJuly"
 * for school_year (a Vietnamese school year, September to May, lies inside July to June); NULL
 * for anything else. */
const char *edx_exchange_period_type(const char *period_kind);
/* The DHIS2 period of an edudx period: "2024" for calendar year 2024, "2023July" for school
 * year 2023-2024. */
void edx_exchange_dhis2_period(const edx_period *p, char *buf, size_t len);
/* The ADX period: "2024-01-01/P1Y", or "2023-07-01/P1Y" for school year 2023-2024. */
void edx_exchange_adx_period(const edx_period *p, char *buf, size_t len);
/* The edudx period of a DHIS2 period ("2024", "2023July") or of an ADX one ("2024-01-01/P1Y",
 * "2023-07-01/P1Y"): 0 and *out set, or -1 (out untouched) for anything else. */
int edx_exchange_parse_dhis2_period(const char *s, edx_period *out);
int edx_exchange_parse_adx_period(const char *s, edx_period *out);
#endif
