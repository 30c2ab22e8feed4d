/* indicator_rules.h — what a coherent indicator definition is, and what a valid reported value
 * for an indicator is (by value type, source and the school's level). Pure functions. */
#ifndef EDX_INDICATOR_RULES_H
#define EDX_INDICATOR_RULES_H
#include <jansson.h>
#include "src/rules/fields.h"
#include "src/rules/periods.h"

extern const edx_field edx_indicator_fields[];
/* Where an indicator's values come from, NULL-terminated. */
extern const char *const edx_indicator_sources[];

/* Fills what a new indicator may leave out, by its source: period_kind (school_year for what
 * schools report or are assessed on, calendar_year otherwise) and units (schools, or office for
 * office reports, procedures and dossiers). */
void edx_indicator_defaults(json_t *indicator);

/* Appends problems with how source, value_type, aggregation, levels, units and jump_warning_points fit together (the fields
 * themselves already valid). Returns how many. */
int edx_indicator_coherence(const json_t *indicator, json_t *errors);

/* Checks a school's fraction row (as edx_report_entry_check fills it) against the school's
 * registry: when the indicator's registry_count names a count the school has registered
 * (satellite_sites, teachers, students), neither the denominator nor the numerator may be above
 * it. The problem goes to errors under field.denominator (or .numerator), naming the registered
 * figure. Returns problems added (0 or 1). */
int edx_report_registry_check(const json_t *indicator, const json_t *school, const json_t *row,
                              const char *field, json_t *errors);

/* Checks one reported entry (bare value, or {"value", "note", "evidence_url",
 * "evidence_files"}) for indicator (its JSON), reported by a school of school_level, or by the
 * district office when school_level is NULL. Problems go to errors under field. On success
 * returns 0 and, when row is not NULL, fills it with {"indicator", "value_bool" | "value_num"
 * (text) | "numerator"+"denominator", "note", "evidence_url", "evidence_files" (ids, [] when
 * none)} ready for storage; whether the files may be attached is the database's to say. */
int edx_report_entry_check(const json_t *indicator, const char *school_level, const json_t *entry,
                           const char *field, json_t *row, json_t *errors);
/* Checks that an indicator is reported in the period a report names: a school-year period
 * ("2023-2024") holds school-year indicators only; a calendar year (the plan year) holds both.
 * The problem goes to errors under field. Returns problems added (0 or 1). */
int edx_report_period_check(const json_t *indicator, const edx_period *period, const char *field,
                            json_t *errors);
/* The warnings of a report write for its jumps (edx_db_report_jumps' rows: {"indicator", "value",
 * "previous", "change_points", "jump_warning_points"}) in plan year `year`, each indicator's period
 * kind read from indicators ({code: indicator}): [{"field": "values.<CODE>", "message",
 * "value", "previous", "previous_period", "change_points"}]. A new array. */
json_t *edx_report_jump_warnings(const json_t *jumps, int year, const json_t *indicators);
extern const edx_field edx_plan_fields[];

/* Checks a plan's targets: each {"indicator" (a code in indicators, a JSON map), "comparator"
 * (">=" or ">"), "target" (0–100, at most 2 decimals)}, no indicator twice. Problems name the
 * field as targets[i].member. Returns how many. */
int edx_plan_targets_check(const json_t *targets, const json_t *indicators, json_t *errors);
/* The columns of the plan list's CSV (and of its export), in representation order. */
extern const char *const edx_plan_csv_columns[];
/* The columns of the indicator list's CSV (and of its export), in representation order. */
extern const char *const edx_indicator_csv_columns[];
/* The columns of GET /v1/reports's CSV (and of the report_value export). */
extern const char *const edx_report_csv_columns[];
#endif
