/* import.h — what the bulk imports (schools, dossiers) share: their records read from a JSON
 * array or a CSV (as Excel writes it), and their end — every row problem in one 422 and nothing
 * written, or the counts of what was (with ?dry_run=true: would be) created, updated and left
 * unchanged. */
#ifndef EDX_API_IMPORT_H
#define EDX_API_IMPORT_H
#include "api/write.h"

/* The records of the request body as a JSON array of objects (application/json) or a CSV
 * (text/csv, each record's cells typed by the fields of spec); what names a record in messages
 * ("school"). Sends 415, or 400 with the reason (malformed JSON with line and column, a record
 * that is not an object, a bad CSV, no records), and returns NULL. */
json_t *edx_read_import_records(edx_ctx *ctx, const char *what, const edx_field *spec);
/* The same, also taking a JSON object whose member `member` is that array (a whole document,
 * e.g. {"source": ..., "tasks": [...]}). */
json_t *edx_read_import_records_in(edx_ctx *ctx, const char *what, const edx_field *spec,
                                   const char *member);

/* 1 when the client has left (looked at every 1,024 rows, from row 0): the import is abandoned
 * (answered 503 to no one, logged), nothing written. Long imports call it as they go. */
int edx_import_client_left(edx_ctx *ctx, size_t row);

/* What a checked import would do to its rows. */
typedef struct {
  long created, updated, unchanged;
} edx_import_counts;
/* Answers an import whose rows have been checked: 422 listing every row problem in
 * row_errors (nothing written); otherwise, unless the client has left, apply(ctx, run) in one
 * transaction unless dry_run, and 200 with the counts. */
void edx_finish_import(edx_ctx *ctx, json_t *row_errors, int dry_run, edx_change_fn apply,
                       void *run, size_t rows, const edx_import_counts *counts);
#endif
