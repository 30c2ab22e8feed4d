/* school_rules.h — what a valid school is (the field spec shared by the API and bulk import),
 * the levels of general education, and the level filter's syntax. Pure functions. */
#ifndef EDX_SCHOOL_RULES_H
#define EDX_SCHOOL_RULES_H
#include <jansson.h>
#include <stddef.h>
#include "src/rules/fields.h"

extern const edx_field edx_school_fields[];
extern const char *const edx_school_levels[];     /* preschool, primary, ... */
extern const char *const edx_school_csv_columns[]; /* every field, in representation order */

/* 1 for the levels of general education (trường phổ thông: primary, lower_secondary,
 * primary_lower_secondary), which assess their digital transformation under Decision 4725. */
int edx_school_level_general(const char *level);

/* Turns "primary,lower_secondary" into the SQL array literal "{primary,lower_secondary}" in out.
 * Returns 0, or -1 when a level is unknown, empty or repeated. */
int edx_school_levels_literal(const char *param, char *out, size_t len);

#endif
