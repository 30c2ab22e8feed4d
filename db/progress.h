/* progress.h — the inputs of progress answers, in a fixed number of queries whatever the number
 * of schools: the plans with their targets, the per-indicator counts and sums over schools
 * (with per-level and per-commune breakdowns and the missing / below lists for one district),
 * the offices' own values, and the time of the latest input change. */
#ifndef EDX_DB_PROGRESS_H
#define EDX_DB_PROGRESS_H
#include <jansson.h>
#include "db/pool.h"
#include "src/rules/progress_all.h"

/* Rows borrowed from a query result; free with edx_db_progress_targets_free. */
typedef struct {
  edx_target_row *rows;
  size_t n;
  void *result;
} edx_target_rows;

/* Plans of the year (of one district when district_id is not NULL), each {"id", "title",
 * "document_ref", "district": {"id", "code", "name"}, "targets": [{"indicator", "comparator",
 * "target"}]}, by district code. The indicators themselves: edx_db_indicator_map. */
int edx_db_progress_plans(edx_conn *c, json_t **out, const char *district_id, int year);
/* Which districts an all-districts answer covers: those listed (a uuid[] literal "{id,…}") and
 * those of a province (a code), each when not NULL. */
typedef struct {
  const char *district_ids, *province;
} edx_progress_scope;

/* Every target of the year's plans (of the scope's districts) with its district, plan and kept
 * counts (progress_counts, migration 0006), and its district's own as_of (the latest change of
 * anything the district's entries show), by district code and target position: what the
 * all-districts answer reads, as rows rather than JSON. Two queries that must see one snapshot:
 * run it inside edx_db_begin_snapshot. */
int edx_db_progress_targets(edx_conn *c, edx_target_rows *out, const edx_progress_scope *scope,
                            int year);
void edx_db_progress_targets_free(edx_target_rows *rows);
/* Count rows: {"district_id", "code", "g" (3 total, 1 per level, 2 per commune), "level",
 * "commune", "expected", "reported", "true_count", "meeting", "sum_value" (text), "sum_num",
 * "sum_den", and for g = 3 "missing" and "below"}: one district's totals, breakdowns and lists,
 * added up from its schools' cells (progress_school_cells, migration 0007). */
int edx_db_progress_stats(edx_conn *c, json_t **out, const char *district_id, int year);
/* Count rows of the indicators computed from procedures and dossiers, g = 3: numerator as
 * "true_count" and "meeting", denominator as "expected" and "reported", "procedures_below",
 * "below" (eligible procedures not offered online, for PROC_ONLINE_PROVISION) and for
 * DOSSIER_ONLINE_RATE "per_procedure" [{"procedure_id", "code", "name", "numerator",
 * "denominator", "below_target"}]: added up from progress_procedure_cells (its rows with a
 * procedure; a district without procedures has no entry). */
int edx_db_progress_procedure_stats(edx_conn *c, json_t **out, const char *district_id, int year);
/* A school's cells for the plan targets reported by schools of its level, in the plan's order:
 * [{"indicator", "value" (null when not reported), "meets" (true, false or null)}]. */
int edx_db_progress_scorecard(edx_conn *c, json_t **out, const char *school_id, int year);
/* The same for every active school of a district, by code: [{"school": <the school as GET
 * /v1/schools/{id} gives it>, "cells": [...]}]. One statement whatever the number of schools. */
int edx_db_progress_scorecards(edx_conn *c, json_t **out, const char *district_id, int year);
/* {"values": {"<district_id>/<code>": "<value>"}} of the offices' values, "as_of": the latest
 * change among the inputs (RFC 3339), and "fingerprint": the transaction snapshot. Run inside
 * edx_db_begin_snapshot, every query of an answer sees that one snapshot, so an answer built
 * under a fingerprint can be reused for as long as the database shows the same snapshot (any
 * committed write changes it). */
int edx_db_progress_office(edx_conn *c, json_t **out, const char *district_id, int year);
/* The fingerprint alone (the statement's snapshot, malloc'ed into *out): what finds a kept
 * answer without reading its inputs. */
int edx_db_snapshot_fingerprint(edx_conn *c, char **out);
/* The same over the districts of scope. */
int edx_db_progress_office_scoped(edx_conn *c, json_t **out, const edx_progress_scope *scope,
                                  int year);
#endif
