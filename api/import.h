/* import.h — what the bulk imports (schools, dossiers) share: their records read from a JSON
 * array or a CSV (as Excel writes it), and their end — every row problem in one 422 and nothing
 * written, or the counts of what was (with ?dry_run=true: would be) created, updated and left
 * unchanged. */
#ifndef EDX_API_IMPORT_H
#define EDX_API_IMPORT_H
#include "api/write.h"
#include "src/rules/csv_read.h"
#include "src/rules/json_text.h"

/* The records of the request body at once, for the small imports (tasks): a JSON array of
 * objects (application/json) — or a JSON object whose member `member` is that array (a whole
 * document, e.g. {"source": ..., "tasks": [...]}) — or a CSV (text/csv, each record's cells typed
 * by the fields of spec); what names a record in messages ("task"). Sends 415, or 400 with the
 * reason (malformed JSON with line and column, a record that is not an object, a bad CSV, no
 * records), and returns NULL. */
json_t *edx_read_import_records_in(edx_ctx *ctx, const char *what, const edx_field *spec,
                                   const char *member);

/* The records of the request body, read twice: once whole, to check the body and collect what
 * the rows' lookups need, then one record at a time as each row is checked (a CSV is never held
 * as objects all at once). */
typedef struct {
  json_t *array;           /* a JSON body's records, each let go once checked */
  edx_csv_reader *csv;     /* or a CSV body's reader */
  const edx_field *spec;   /* the fields a CSV's cells are typed by */
  size_t rows;             /* records in the body */
} edx_import_reader;
/* Opens the body as a JSON array of objects (application/json) or a CSV (text/csv, each record's
 * cells typed by the fields of spec), calling each(record, arg) for every record in order; what
 * names a record in messages ("school"). Sends 415, or 400 with the reason (malformed JSON with
 * line and column, a record that is not an object, a bad CSV anywhere, no records), and returns
 * -1; 0 when open (edx_import_close it either way). */
int edx_import_open(edx_ctx *ctx, edx_import_reader *r, const char *what, const edx_field *spec,
                    void (*each)(const json_t *record, void *arg), void *arg);
/* Calls check(arg, row, record) for every record in order (row from 1; the record is let go
 * after), looking every 1,024 rows whether the client has left (edx_import_client_left). 0, or
 * -1 with the answer sent. */
int edx_import_check_rows(edx_ctx *ctx, edx_import_reader *r,
                          void (*check)(void *arg, size_t row, json_t *record), void *arg);
void edx_import_close(edx_import_reader *r);

/* The rows an import writes, kept as compact JSON text rather than jansson objects, and sent to
 * the database in batches of EDX_IMPORT_BATCH rows (each one statement with a JSON array
 * parameter) into the rows staged in the import's transaction (db/staged.h), which one
 * set-based upsert then writes. */
#define EDX_IMPORT_BATCH 2000
typedef struct {
  edx_text text;   /* "row,row,…," */
  size_t *starts;  /* where each batch starts in text */
  size_t rows, batches;
} edx_import_queue;
void edx_import_queue_init(edx_import_queue *q);
void edx_import_queue_add(edx_import_queue *q, const json_t *row);
/* Inside the import's transaction: stages every queued row, a batch at a time; the first failure's
 * code (EDX_EINTERNAL when the queue ran out of memory). */
int edx_import_queue_stage(edx_ctx *ctx, const edx_import_queue *q);
void edx_import_queue_free(edx_import_queue *q);

/* Moves {"field", "code", "message"} problems into errors as a row's, with "row" first (the
 * rows' problems of an import's 422). */
void edx_import_take_errors(json_t *errors, size_t row, json_t *problems);

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
