/* stream.h — answers streamed from the database a row at a time, in constant memory however
 * many rows: the exports of GET /v1/exports/{entity} (NDJSON or CSV) and a list asked for whole
 * as CSV. */
#ifndef EDX_API_STREAM_H
#define EDX_API_STREAM_H
#include "api/http.h"
#include "db/exports.h"

/* Answers 200 streamed as rows are read: with columns, CSV (the byte-order mark and the header
 * line once, then one line per row) as the attachment "<name>.csv"; without, NDJSON (one row a
 * line, then {"cursor": cursor}). A non-empty cursor goes in the Edudx-Cursor header. gzip-encoded
 * on the way when the client accepts it. rows (open on ctx's connection) is taken, and the
 * connection with it: the stream gives it back to the pool once the rows are read. */
void edx_stream_rows(edx_ctx *ctx, const edx_db_export *rows, const char *const *columns,
                     const char *cursor, const char *name);
#endif
