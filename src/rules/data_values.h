/* data_values.h — figure rows (figures.h) written for an aggregate-data receiver: DHIS2's
 * dataValueSets JSON (idScheme CODE: codes, not UIDs) and IHE ADX XML, with their period
 * notations, and the XML escaping ADX needs. Pure functions.
 *
 * Periods: a calendar year is DHIS2's yearly period "2024" (ADX "2024-01-01/P1Y"); a school year
 * 2023-2024 is DHIS2's FinancialJuly period "2023July", July 2023 to June 2024 (ADX
 * "2023-07-01/P1Y"): the Vietnamese school year runs from September to May and falls inside it. */
#ifndef EDX_DATA_VALUES_H
#define EDX_DATA_VALUES_H
#include <jansson.h>
#include <stddef.h>
#include "src/rules/periods.h"

/* Room for a period in either notation and its NUL. */
#define EDX_DATA_VALUES_PERIOD_LEN 24
/* What a request's period may be, for messages. */
#define EDX_DATA_VALUES_PERIOD_RULE                                                          \
  "a calendar year (2024) or a school year (2023-2024, or in DHIS2's notation 2023July), "    \
  "from 2000 to 2100"

/* The DHIS2 period of an edudx period code ("2024" → "2024", "2023-2024" → "2023July"). 0, or
 * -1 when code is not a period code. */
int edx_dhis2_period(const char *code, char *buf, size_t len);
/* The ADX period of an edudx period code ("2024" → "2024-01-01/P1Y", "2023-2024" →
 * "2023-07-01/P1Y"). 0, or -1 when code is not a period code. */
int edx_adx_period(const char *code, char *buf, size_t len);
/* A requested period: an edudx code ("2024", "2023-2024") or DHIS2's ("2024", "2023July", the
 * school year 2023-2024). 0, or -1 (out untouched). */
int edx_data_values_period_parse(const char *s, edx_period *out);

/* DHIS2's dataValues of rows: for each row with a value, the indicator's data element with the
 * value as text; with a numerator and a denominator, <CODE>_NUM and <CODE>_DEN too. orgUnit the
 * row's org unit, categoryOptionCombo "default" but for a district's by-level rows
 * (LEVEL_<LEVEL>), lastUpdated the row's last_updated. A new array. */
json_t *edx_dhis2_data_values(const json_t *rows);

/* s with &, <, >, " and ' escaped for XML text and attribute values; tab, LF and CR as character
 * references (kept in an attribute); other control characters, which XML 1.0 cannot carry, as
 * U+FFFD; everything else (Vietnamese included) kept as UTF-8. malloc'ed, NULL when out of
 * memory. */
char *edx_xml_escape(const char *s);

/* The ADX document of rows: <adx xmlns="urn:ihe:qrph:adx:2015" exported="...">, one <group
 * orgUnit period dataSet="EDUDX"> per org unit and period (ordered by their codes),
 * holding the same data values as edx_dhis2_data_values, a level's disaggregation as the
 * SCHOOL_LEVEL attribute. exported: an RFC 3339 time. malloc'ed text and its length; NULL when
 * out of memory. */
char *edx_adx_document(const json_t *rows, const char *exported, size_t *len);
#endif
