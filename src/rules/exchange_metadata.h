/* exchange_metadata.h — what a receiver loads before it takes edudx's figures by code
 * (GET /v1/exchange/metadata): the data elements of the indicators (and of their numerators and
 * denominators), the school-level category, the category combos and option combos, the org
 * unit tree and the period types; and the same as a DHIS2 metadata import package, codes as
 * identifiers (GET /v1/exchange/metadata/dhis2). Built from the indicators' representations and
 * the org units the caller sees; the codes are exchange_codes.h's. Pure functions. */
#ifndef EDX_EXCHANGE_METADATA_H
#define EDX_EXCHANGE_METADATA_H
#include <jansson.h>
#include <stddef.h>

/* DHIS2's limits on a name and a short name, in characters. */
#define EDX_DHIS2_NAME_MAX 230
#define EDX_DHIS2_SHORT_NAME_MAX 50

/* s cut to at most max characters as DHIS2 counts them (UTF-16 code units: a character beyond
 * U+FFFF counts two), on a character boundary and never between a letter and the combining
 * marks that follow it; spaces left at the end of a cut are dropped. s is valid UTF-8. A new
 * string (malloc'ed), or NULL when out of memory. */
char *edx_utf8_cut(const char *s, size_t max);

/* The metadata answer: {dataElements, categories, categoryCombos, categoryOptionCombos,
 * orgUnits, periodTypes, conflicts}. indicators: an array of indicator representations, in the
 * order to list them; units: an array of {code, name, level, parent_code, school_level, active},
 * parents before children (taken as they are). Every code is once in its list: a unit whose
 * code an earlier unit has (a school coded as a district) and a numerator or denominator
 * element coded as an indicator are left out, each said in conflicts ({list, code, detail}).
 * New reference, or NULL when out of memory. */
json_t *edx_exchange_metadata(const json_t *indicators, const json_t *units);
/* The DHIS2 metadata package of the same: {dataElements, categoryOptions, categories,
 * categoryCombos, categoryOptionCombos, organisationUnits}, names in Vietnamese within DHIS2's
 * limits, short names unique among the data elements, without what the answer lists in
 * conflicts. New reference, or NULL. */
json_t *edx_exchange_dhis2_package(const json_t *indicators, const json_t *units);
#endif
