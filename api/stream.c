/* stream.c — answers streamed from the database a row at a time (see stream.h): the database
 * connection is held by the stream until its rows are read, then given back while the last
 * bytes go out; gzip-encoded as it goes when asked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/stream.h"
#include "src/rules/content_coding.h"
#include "src/rules/csv.h"
#include "src/rules/errors.h"
#include "src/rules/json_text.h"
#include "src/runtime/gzip.h"
#include "src/runtime/gzip_cache.h"

#define EXPORT_BLOCK (64 * 1024)
#define GZIP_CHUNK (32 * 1024) /* rows handed to the deflater at a time */

typedef struct {
  edx_pool *pool;
  edx_db_export rows;
  int open;                        /* rows (and the connection) still held */
  const char *const *csv_columns;  /* NULL: NDJSON */
  char sep;                        /* the CSV's separator */
  char cursor[EDX_FEED_CURSOR_LEN];
  edx_text out;                    /* bytes written, not yet handed out */
  edx_gzip_stream *gz;             /* when gzip-encoded: rows go to raw, compressed to out */
  edx_text raw;
} export_stream;

static void release_rows(export_stream *x)
{
  if (!x->open)
    return;
  edx_db_export_close(&x->rows);
  edx_pool_release(x->pool, x->rows.conn);
  x->open = 0;
}

/* Where rows are written: out, or raw when they are compressed on their way out. */
static edx_text *rows_text(export_stream *x)
{
  return x->gz ? &x->raw : &x->out;
}

/* With gzip, compresses what raw holds into out (and ends the gzip member when last). */
static int deflate_rows(export_stream *x, int last)
{
  const char *z;
  size_t z_len;
  if (!x->gz)
    return 0;
  if (x->raw.len > 0 && edx_gzip_stream_add(x->gz, x->raw.data, x->raw.len, &z, &z_len) != EDX_OK)
    return -1;
  if (x->raw.len > 0)
    edx_text_rawn(&x->out, z, z_len);
  x->raw.len = 0;
  if (last && edx_gzip_stream_finish(x->gz, &z, &z_len) == EDX_OK)
    edx_text_rawn(&x->out, z, z_len);
  else if (last)
    return -1;
  return x->out.data ? 0 : -1;
}

/* Appends one row: its JSON without the database's spaces and a newline, or its CSV line. */
static int append_row(export_stream *x, const char *row, size_t len)
{
  edx_text *t = rows_text(x);
  size_t start = t->len;
  if (!x->csv_columns) {
    edx_text_rawn(t, row, len);
    if (!t->data)
      return -1;
    t->len = start + edx_json_squeeze(t->data + start, len);
    edx_text_raw(t, "\n");
    return t->data ? 0 : -1;
  }
  json_t *item = json_loadb(row, len, 0, NULL);
  char *line = NULL;
  size_t line_len = 0;
  FILE *f = item ? open_memstream(&line, &line_len) : NULL;
  if (f) {
    edx_csv_write_row(f, item, x->csv_columns, x->sep);
    fclose(f);
    edx_text_rawn(t, line, line_len);
  }
  free(line);
  json_decref(item);
  return f && t->data ? 0 : -1;
}

/* Reads rows until at least want bytes wait or the rows end (then the NDJSON trailer goes out
 * and the connection is given back). 0, or -1 when the database or memory failed. */
static int fill(export_stream *x, size_t want)
{
  const char *row;
  size_t len;
  while (x->open && x->out.len < want) {
    int got = edx_db_export_next(&x->rows, &row, &len);
    if (got < 0 || (got == 1 && append_row(x, row, len) != 0))
      return -1;
    if (got == 1 && x->gz && x->raw.len >= GZIP_CHUNK && deflate_rows(x, 0) != 0)
      return -1;
    if (got == 0) {
      release_rows(x);
      if (!x->csv_columns) {
        edx_text_raw(rows_text(x), "{\"cursor\":\"");
        edx_text_raw(rows_text(x), x->cursor);
        edx_text_raw(rows_text(x), "\"}\n");
      }
      if (deflate_rows(x, 1) != 0)
        return -1;
    }
  }
  return x->out.data ? 0 : -1;
}

static ssize_t stream_block(void *cls, uint64_t offset, char *buf, size_t max)
{
  export_stream *x = cls;
  size_t n;
  (void)offset;
  if (fill(x, max) != 0)
    return U_STREAM_ERROR;
  n = x->out.len < max ? x->out.len : max;
  if (n == 0)
    return U_STREAM_END;
  memcpy(buf, x->out.data, n);
  /* What is left moves to the front, so the buffer stays about one block long however long the
   * export (left where it was, it grew with the export: 60 MB for the country's report values). */
  memmove(x->out.data, x->out.data + n, x->out.len - n);
  x->out.len -= n;
  x->out.data[x->out.len] = '\0';
  return (ssize_t)n;
}

static void stream_free(void *cls)
{
  export_stream *x = cls;
  release_rows(x);
  edx_text_free(&x->out);
  edx_text_free(&x->raw);
  edx_gzip_stream_free(x->gz);
  free(x);
}

static void start_stream(edx_ctx *ctx, export_stream *x, const char *name)
{
  edx_text_init(&x->out, EXPORT_BLOCK);
  if (edx_accepts_gzip(edx_header(ctx, "Accept-Encoding")) &&
      (x->gz = edx_gzip_stream_new(EDX_GZIP_LEVEL_FAST)) != NULL) {
    edx_text_init(&x->raw, GZIP_CHUNK * 2);
    edx_add_header(ctx, "Content-Encoding", "gzip");
  }
  if (x->csv_columns) {
    char disposition[96], *header = NULL;
    size_t header_len = 0;
    const char **names = edx_csv_header_names(ctx, x->csv_columns);
    FILE *f = names ? open_memstream(&header, &header_len) : NULL;
    if (f) {
      edx_csv_write_header(f, names, x->sep);
      fclose(f);
      edx_text_rawn(rows_text(x), header, header_len);
    }
    free(header);
    free(names);
    snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s.csv\"", name);
    edx_add_header(ctx, "Content-Disposition", disposition);
  }
  u_map_put(ctx->res->map_header, "Content-Type",
            x->csv_columns ? "text/csv; charset=utf-8" : "application/x-ndjson");
  if (x->cursor[0]) /* an export's; a list has none */
    edx_add_header(ctx, "Edudx-Cursor", x->cursor);
  ctx->stream_waits = 1; /* its blocks are read from the database */
  if (!x->out.data || (x->gz && !x->raw.data) ||
      ulfius_set_stream_response(ctx->res, 200, stream_block, stream_free, U_STREAM_SIZE_UNKNOWN,
                                 EXPORT_BLOCK, x) != U_OK) {
    stream_free(x);
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
  }
}

void edx_stream_rows(edx_ctx *ctx, const edx_db_export *rows, const char *const *columns,
                     const char *cursor, const char *name)
{
  export_stream *x = calloc(1, sizeof(*x));
  if (!x) {
    edx_db_export rest = *rows;
    edx_db_export_close(&rest);
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
    return;
  }
  x->pool = ctx->app->pool;
  x->rows = *rows;
  x->open = 1;
  x->csv_columns = columns;
  x->sep = edx_csv_sep_of(ctx);
  snprintf(x->cursor, sizeof(x->cursor), "%s", cursor);
  ctx->conn = NULL; /* the stream gives it back */
  start_stream(ctx, x, name);
}
