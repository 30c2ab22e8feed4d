/* import.c — what both bulk imports share (see import.h): reading the records of a JSON array or
 * a CSV, and ending with every row problem at once or the counts of what was (or would be)
 * written. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "api/import.h"
#include "api/write.h"
#include "db/query.h"
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

json_t *edx_read_import_records(edx_ctx *ctx, const char *what, const edx_field *spec)
{
  return edx_read_import_records_in(ctx, what, spec, NULL);
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
