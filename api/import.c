/* import.c — what both bulk imports share (see import.h): reading the records of a JSON array or
 * a CSV one at a time, the rows to write kept as text and staged in batches, and ending with
 * every row problem at once or the counts of what was (or would be) written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "api/import.h"
#include "api/write.h"
#include "db/query.h"
#include "db/staged.h"
#include "src/rules/csv_read.h"
#include "src/rules/errors.h"

/* The records of a JSON body: an array of objects (or, when member is not NULL, an object whose
 * member of that name is one), or NULL with the reason in why. */
static json_t *json_records(const char *body, size_t len, const char *what, const char *member,
                            char *why, size_t why_len)
{
  json_error_t err;
  json_t *records = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
  size_t i = 0;
  if (!records) {
    snprintf(why, why_len, "malformed JSON at line %d, column %d: %s", err.line, err.column,
             err.text);
    return NULL;
  }
  if (member && json_is_object(records) && json_is_array(json_object_get(records, member))) {
    json_t *inner = json_incref(json_object_get(records, member));
    json_decref(records);
    records = inner;
  }
  if (!json_is_array(records))
    snprintf(why, why_len, "the body must be a JSON array of %s objects", what);
  else
    for (; i < json_array_size(records) && json_is_object(json_array_get(records, i)); i++)
      ;
  if (json_is_array(records) && i == json_array_size(records))
    return records;
  if (json_is_array(records))
    snprintf(why, why_len, "record %zu is not a JSON object", i + 1);
  json_decref(records);
  return NULL;
}

/* The first pass over a CSV body: every record read (cells typed by spec) and handed to each;
 * 0 when the whole body reads, or -1 with the reason in why. */
static int csv_pass(edx_import_reader *r, const char *body, size_t len,
                    void (*each)(const json_t *record, void *arg), void *arg, char *why,
                    size_t why_len)
{
  edx_csv_reader *rd = edx_csv_open(body, len, why, why_len);
  json_t *rec;
  int rc = -1;
  if (rd)
    while ((rc = edx_csv_next(rd, &rec, why, why_len)) == 1) {
      edx_fields_coerce_csv(r->spec, rec);
      each(rec, arg);
      json_decref(rec);
      r->rows++;
    }
  edx_csv_close(rd);
  return rc;
}

int edx_import_open(edx_ctx *ctx, edx_import_reader *r, const char *what, const edx_field *spec,
                    void (*each)(const json_t *record, void *arg), void *arg)
{
  const char *type = edx_header(ctx, "Content-Type");
  const char *body = ctx->req->binary_body;
  size_t len = ctx->req->binary_body_length, i;
  char why[256] = "the import holds no records";
  json_t *rec;
  memset(r, 0, sizeof(*r));
  r->spec = spec;
  if (type && strncasecmp(type, "text/csv", 8) == 0) {
    /* read whole first: a bad CSV anywhere is a 400 before any row is checked */
    if (len && csv_pass(r, body, len, each, arg, why, sizeof(why)) == 0 && r->rows > 0)
      r->csv = edx_csv_open(body, len, why, sizeof(why));
  } else if (type && strncasecmp(type, "application/json", 16) == 0) {
    r->array = len ? json_records(body, len, what, NULL, why, sizeof(why)) : NULL;
    r->rows = json_array_size(r->array);
    json_array_foreach(r->array, i, rec)
      each(rec, arg);
  } else {
    snprintf(why, sizeof(why), "send %ss as application/json (an array) or text/csv", what);
    edx_problem(ctx, EDX_EMEDIA, why, NULL);
    return -1;
  }
  if (r->rows > 0 && (r->csv || r->array))
    return 0;
  edx_problem(ctx, EDX_EBADREQ, why, NULL);
  return -1;
}

int edx_import_check_rows(edx_ctx *ctx, edx_import_reader *r,
                          void (*check)(void *arg, size_t row, json_t *record), void *arg)
{
  char why[256];
  for (size_t i = 0; i < r->rows; i++) {
    json_t *rec = NULL;
    if (edx_import_client_left(ctx, i))
      return -1;
    if (r->array) {
      rec = json_incref(json_array_get(r->array, i));
      json_array_set_new(r->array, i, json_null()); /* let go once checked */
    } else if (edx_csv_next(r->csv, &rec, why, sizeof(why)) == 1) {
      edx_fields_coerce_csv(r->spec, rec);
    }
    if (!rec) { /* read once already: only memory can be short */
      edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
      return -1;
    }
    check(arg, i + 1, rec);
    json_decref(rec);
  }
  return 0;
}

void edx_import_close(edx_import_reader *r)
{
  json_decref(r->array);
  edx_csv_close(r->csv);
  r->array = NULL;
  r->csv = NULL;
}

void edx_import_queue_init(edx_import_queue *q)
{
  memset(q, 0, sizeof(*q));
  edx_text_init(&q->text, 4096);
}

static int text_put(const char *buffer, size_t size, void *data)
{
  edx_text_rawn(data, buffer, size);
  return 0;
}

void edx_import_queue_add(edx_import_queue *q, const json_t *row)
{
  if (q->rows % EDX_IMPORT_BATCH == 0) {
    size_t *grown = realloc(q->starts, (q->batches + 1) * sizeof(*grown));
    if (grown) {
      q->starts = grown;
      q->starts[q->batches++] = q->text.len;
    } else {
      edx_text_free(&q->text); /* the queue is unusable: writing it says so */
    }
  }
  json_dump_callback(row, text_put, &q->text, JSON_COMPACT);
  edx_text_raw(&q->text, ",");
  q->rows++;
}

int edx_import_queue_stage(edx_ctx *ctx, const edx_import_queue *q)
{
  int short_of_memory = q->rows > 0 && !q->text.data;
  int rc = short_of_memory ? EDX_OK : edx_db_stage_begin(ctx->conn);
  for (size_t b = 0; rc == EDX_OK && !short_of_memory && b < q->batches; b++) {
    size_t from = q->starts[b], to = b + 1 < q->batches ? q->starts[b + 1] : q->text.len;
    edx_text batch;
    edx_text_init(&batch, to - from + 2);
    edx_text_raw(&batch, "[");
    edx_text_rawn(&batch, q->text.data + from, to - from - 1); /* less the last comma */
    edx_text_raw(&batch, "]");
    if (batch.data)
      rc = edx_db_stage_rows(ctx->conn, batch.data);
    else
      short_of_memory = 1;
    edx_text_free(&batch);
  }
  if (short_of_memory) {
    edx_error_set("out of memory writing the import");
    rc = EDX_EINTERNAL;
  }
  return rc;
}

void edx_import_queue_free(edx_import_queue *q)
{
  edx_text_free(&q->text);
  free(q->starts);
  q->starts = NULL;
}

/* The whole-body reader the small imports (tasks) use: every record at once. */
json_t *edx_read_import_records_in(edx_ctx *ctx, const char *what, const edx_field *spec,
                                   const char *member)
{
  const char *type = edx_header(ctx, "Content-Type");
  const char *body = ctx->req->binary_body;
  size_t len = ctx->req->binary_body_length;
  char why[256] = "the import holds no records";
  json_t *records = NULL;
  if (type && strncasecmp(type, "text/csv", 8) == 0) {
    records = len ? edx_csv_parse(body, len, why, sizeof(why)) : NULL;
    for (size_t i = 0; records && i < json_array_size(records); i++)
      edx_fields_coerce_csv(spec, json_array_get(records, i));
  } else if (type && strncasecmp(type, "application/json", 16) == 0) {
    records = len ? json_records(body, len, what, member, why, sizeof(why)) : NULL;
  } else {
    snprintf(why, sizeof(why), "send %ss as application/json (an array) or text/csv", what);
    edx_problem(ctx, EDX_EMEDIA, why, NULL);
    return NULL;
  }
  if (records && json_array_size(records) == 0) {
    json_decref(records);
    records = NULL;
  }
  if (!records)
    edx_problem(ctx, EDX_EBADREQ, why, NULL);
  return records;
}

void edx_import_take_errors(json_t *errors, size_t row, json_t *problems)
{
  size_t i;
  json_t *e;
  json_array_foreach(problems, i, e) {
    json_t *item = json_pack("{s:I}", "row", (json_int_t)row);
    json_object_update(item, e);
    json_array_append_new(errors, item);
  }
  json_array_clear(problems);
}

int edx_import_client_left(edx_ctx *ctx, size_t row)
{
  if (row % 1024 != 0 || !edx_client_gone(ctx))
    return 0;
  edx_problem(ctx, EDX_EUNAVAIL, "the client closed its connection: the import was abandoned "
                                 "and nothing was written", NULL);
  return 1;
}

/* An import's writes, with the statement time of bulk work: a 30 MB import's upsert takes longer
 * than the default statement timeout of 10 s (170,000 schools were cut after 22 s). */
typedef struct {
  edx_change_fn apply;
  void *run;
} bulk_write;

static int apply_in_bulk(edx_ctx *ctx, void *arg)
{
  bulk_write *w = arg;
  int rc = edx_db_allow_bulk_statements(ctx->conn);
  return rc == EDX_OK ? w->apply(ctx, w->run) : rc;
}

void edx_finish_import(edx_ctx *ctx, json_t *row_errors, int dry_run, edx_change_fn apply,
                       void *run, size_t rows, const edx_import_counts *counts)
{
  json_t *result;
  if (json_array_size(row_errors) > 0) {
    char detail[128];
    snprintf(detail, sizeof(detail), "%zu problem(s) in the import; nothing was imported",
             json_array_size(row_errors));
    edx_problem(ctx, EDX_EINVALID, detail, json_incref(row_errors));
    return;
  }
  bulk_write w = {apply, run};
  if (edx_import_client_left(ctx, 0) ||
      (!dry_run && edx_run_in_transaction(ctx, apply_in_bulk, &w) != EDX_OK))
    return;
  result = json_pack("{s:b,s:I,s:I,s:I,s:I}", "dry_run", dry_run, "rows", (json_int_t)rows,
                     "created", (json_int_t)counts->created, "updated",
                     (json_int_t)counts->updated, "unchanged", (json_int_t)counts->unchanged);
  edx_respond_json(ctx, 200, result);
  json_decref(result);
}
