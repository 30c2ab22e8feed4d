/* district_rules.h — what a valid district is: the fields of its create and patch bodies. */
#ifndef EDX_DISTRICT_RULES_H
#define EDX_DISTRICT_RULES_H
#include "src/rules/fields.h"

extern const edx_field edx_district_fields[];
/* The columns of the district list's CSV (and of its export), in representation order. */
extern const char *const edx_district_csv_columns[];
#endif
