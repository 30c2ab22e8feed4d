/* dossiers.c — dossier storage (see dossiers.h). One upsert statement serves single writes and
 * bulk imports, so both store a dossier the same way. */
#include <stdio.h>
#include <stdlib.h>
#include "db/audit.h"
#include "db/columns.h"
#include "db/dossiers.h"
#include "db/list.h"
#include "db/query.h"
#include "src/rules/errors.h"

const char *const edx_dossier_sort_fields[] = {"received_at", "due_at", "updated_at", NULL};
static const edx_sort_column dossier_sort_sql[] = {{"d.received_at", EDX_NOT_NULL},
  {"d.due_at", EDX_NOT_NULL}, {"d.updated_at", EDX_NOT_NULL}};

int edx_db_dossier_get(edx_conn *c, json_t **out, const char *id, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_dossier_json(d) FROM dossiers d"
                                  " WHERE d.id = $1::uuid",
                           for_update, id);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no dossier with this id");
  return rc;
}

int edx_db_dossier_list(edx_conn *c, edx_list_page *out, const edx_dossier_filter *f,
                        const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"d.district_id = $::uuid", f->district_id},
    {"d.procedure_id = $::uuid", f->procedure_id},
    {"d.channel = $", f->channel},
    {"d.status = $", f->status},
    {"(d.received_at >= edx_year_start($::int)"
     " AND d.received_at < edx_year_start($::int + 1))", f->year},
    {"edx_dossier_overdue(d.status, d.due_at) = $::boolean", f->overdue},
    {"d.updated_at >= $::timestamptz", f->updated_since},
    {EDX_IN_PROVINCE("d.district_id"), f->province},
    {"d.search_folded LIKE edx_contains_folded($)", f->q}, /* the reference, folded */
    {"d.reference = normalize($, NFC)", f->reference},
    {"d.received_at >= $::timestamptz", f->received_from},
    {"d.received_at <= $::timestamptz", f->received_to},
    {"d.due_at >= $::timestamptz", f->due_from},
    {"d.due_at <= $::timestamptz", f->due_to},
    {"d.resolved_at >= $::timestamptz", f->resolved_from},
    {"d.resolved_at <= $::timestamptz", f->resolved_to},
  };
  return edx_db_list_filtered(c, out, "dossiers d WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_dossier_json(d)", dossier_sort_sql, "d.id", lp);
}

static const edx_column dossier_columns[] = {
  {"district_id", EDX_COL_UUID, NULL},
  {"procedure_id", EDX_COL_UUID, NULL},
  {"reference", EDX_COL_NFC, NULL},
  {"channel", EDX_COL_TEXT, NULL},
  {"received_at", EDX_COL_TIMESTAMP, NULL},
  {"due_at", EDX_COL_TIMESTAMP, NULL},
  {"status", EDX_COL_TEXT, "'received'"},
  {"processing_at", EDX_COL_TIMESTAMP, NULL},
  {"supplement_requested_at", EDX_COL_TIMESTAMP, NULL},
  {"resolved_at", EDX_COL_TIMESTAMP, NULL},
  {"rejected_at", EDX_COL_TIMESTAMP, NULL},
  {"withdrawn_at", EDX_COL_TIMESTAMP, NULL},
  {"paid_online", EDX_COL_BOOL, "false"},
  {"e_receipt", EDX_COL_BOOL, "false"},
  {"dossier_digitized", EDX_COL_BOOL, "false"},
  {"result_digitized", EDX_COL_BOOL, "false"},
  {"satisfaction", EDX_COL_TEXT, NULL},
  {"complaint", EDX_COL_BOOL, "false"},
  {NULL, 0, NULL},
};
static const edx_table dossiers_table = {"dossiers", "d", "edx_dossier_json", dossier_columns, 1};

/* Dossiers are upserted by (district, reference). The earlier state of each row is looked up
 * by that unique pair, one index probe per row (LATERAL … LIMIT 1, which PostgreSQL cannot
 * flatten: as a plain join it may hash the whole table with every dossier's JSON first — 12 ms
 * for 160 dossiers, growing with the table). */
static const edx_upsert dossiers_upsert = {
  &dossiers_table, "district_id, reference",
  "SELECT o.* FROM input, LATERAL (SELECT d.district_id, d.reference,"
  " edx_dossier_json(d)::jsonb AS j FROM dossiers d"
  " WHERE d.district_id = (r->>'district_id')::uuid AND d.reference = r->>'reference'"
  " LIMIT 1) o",
  "", "d.id, d.district_id, d.reference", "dossier"};

int edx_db_dossier_save(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *d)
{
  json_t *rows = json_pack("[O]", d);
  char *text = json_dumps(rows, JSON_COMPACT);
  PGresult *res = NULL;
  json_error_t err;
  int rc = edx_db_upsert(c, &res, &dossiers_upsert, actor, text, "SELECT j FROM up");
  if (rc == EDX_OK && (PQntuples(res) != 1 || !(*out = json_loads(PQgetvalue(res, 0, 0), 0, &err))))
    rc = EDX_EINTERNAL;
  if (rc == EDX_ECONFLICT)
    edx_error_set("the dossier conflicts with another one");
  PQclear(res);
  free(text);
  json_decref(rows);
  return rc;
}

int edx_db_dossiers_upsert(edx_conn *c, const edx_caller *actor, const char *rows,
                           long *created, long *updated)
{
  return edx_db_upsert_counted(c, &dossiers_upsert, actor, rows, created, updated);
}

int edx_db_dossiers_by_reference(edx_conn *c, json_t **out, const char *district_id,
                                 const char *references)
{
  const char *params[] = {district_id, references};
  return edx_db_json(c, out,
                     "SELECT coalesce(json_object_agg(d.reference, edx_dossier_json(d)), '{}')"
                     " FROM dossiers d WHERE d.district_id = $1::uuid AND d.reference IN"
                     " (SELECT jsonb_array_elements_text($2::jsonb))",
                     2, params);
}

int edx_db_procedure_maps(edx_conn *c, json_t **out, const char *district_id)
{
  const char *params[] = {district_id};
  return edx_db_json(c, out,
                     "SELECT json_build_object('by_id', coalesce(json_object_agg(p.id,"
                     " edx_procedure_json(p)), '{}'), 'by_code', coalesce((SELECT"
                     " json_object_agg(code, ids) FROM (SELECT code, json_agg(id) AS ids FROM"
                     " procedures WHERE district_id = $1::uuid AND code IS NOT NULL GROUP BY code)"
                     " x), '{}')) FROM procedures p WHERE p.district_id = $1::uuid",
                     1, params);
}
