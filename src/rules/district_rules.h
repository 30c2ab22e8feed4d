/* district_rules.h — what a valid district is (the fields of its create and patch bodies), and
 * the administrative units (provinces, districts, communes with their official codes) that
 * districts and province-scoped tokens refer to. */
#ifndef EDX_DISTRICT_RULES_H
#define EDX_DISTRICT_RULES_H
#include "src/rules/fields.h"

extern const edx_field edx_district_fields[];
/* The columns of the district list's CSV (and of its export), in representation order. */
extern const char *const edx_district_csv_columns[];

/* An org unit's levels: "province", "district", "commune"; NULL-terminated. */
extern const char *const edx_org_unit_levels[];
/* The fields of an org unit's PUT and PATCH bodies. */
extern const edx_field edx_org_unit_fields[];
/* The columns of the org unit list's CSV. */
extern const char *const edx_org_unit_csv_columns[];
/* The level a unit's parent must have ("province" for a district, "district" for a commune),
 * or NULL for a province (no parent). */
const char *edx_org_unit_parent_level(const char *level);
#endif
