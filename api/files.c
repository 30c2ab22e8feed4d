/* files.c — evidence files: POST /v1/files (the body is the file: its Content-Type and its name
 * in Content-Disposition; 20 MiB at most, the route's body limit; its bytes must be what its
 * type says), GET /v1/files/{file} (the bytes, streamed a stored chunk at a time, with a strong
 * ETag from their SHA-256) and GET /v1/files/{file}/meta. Files attached to nothing are swept
 * after EDX_FILE_UNATTACHED_SECONDS whenever a file is uploaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/http.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/files.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/file_rules.h"
#include "src/rules/roles.h"
#include "src/rules/validate.h"
#include "src/runtime/secret.h"

/* How long a file attached to nothing is kept. */
#define EDX_FILE_UNATTACHED_SECONDS (24L * 60 * 60)

typedef struct {
  edx_db_new_file file;
  char name[EDX_FILE_NAME_MAX + 1];
  char sha256[EDX_SHA256_HEX];
} upload;

static int create_file(edx_ctx *ctx, void *arg, json_t **out)
{
  upload *u = arg;
  int rc = edx_db_files_sweep(ctx->conn, EDX_FILE_UNATTACHED_SECONDS, NULL);
  return rc == EDX_OK ? edx_db_file_create(ctx->conn, out, &ctx->caller, &u->file) : rc;
}

/* 415 naming Content-Type, with detail. */
static void refuse_type(edx_ctx *ctx, const char *detail)
{
  json_t *errors = json_array();
  edx_errors_add(errors, "Content-Type", "must be one of %s", edx_file_types_rule);
  edx_problem(ctx, EDX_EMEDIA, detail, errors);
}

/* Reads the upload's type, name and bytes into u; answers and returns -1 when they will not do. */
static int read_upload(edx_ctx *ctx, upload *u)
{
  int type = edx_file_type_of(edx_header(ctx, "Content-Type"));
  const unsigned char *bytes = ctx->req->binary_body;
  size_t len = ctx->req->binary_body_length;
  if (type < 0) {
    refuse_type(ctx, "files are taken as PDF, JPEG, PNG, DOCX, XLSX, ODT or ODS only");
    return -1;
  }
  if (!bytes || len == 0 || !edx_file_magic_matches((edx_file_type)type, bytes, len)) {
    char detail[160];
    snprintf(detail, sizeof(detail), "the bytes sent are not a %s file, as Content-Type says",
             edx_file_media_type((edx_file_type)type));
    refuse_type(ctx, detail);
    return -1;
  }
  if (edx_file_disposition_name(edx_header(ctx, "Content-Disposition"), u->name,
                                sizeof(u->name)) != 0) {
    json_t *errors = json_array();
    edx_errors_add(errors, "Content-Disposition",
                   "must be attachment; filename=\"<name>\" (or filename*=UTF-8''<name>): "
                   "1 to 255 bytes of UTF-8 without controls");
    edx_problem(ctx, EDX_EBADREQ, "the file's name is missing or invalid", errors);
    return -1;
  }
  edx_sha256_hex(u->sha256, bytes, len);
  u->file.filename = u->name;
  u->file.content_type = edx_file_media_type((edx_file_type)type);
  u->file.sha256 = u->sha256;
  u->file.bytes = bytes;
  u->file.size = len;
  u->file.district_id = ctx->caller.district_id[0] ? ctx->caller.district_id : NULL;
  return 0;
}

void edx_files_create(edx_ctx *ctx)
{
  upload u;
  memset(&u, 0, sizeof(u));
  if (read_upload(ctx, &u) != 0)
    return;
  /* an Idempotency-Key replays for the same bytes, type and name */
  {
    char seen[EDX_SHA256_HEX * 2 + 512];
    snprintf(seen, sizeof(seen), "%s\n%s\n%s", u.sha256, u.file.content_type, u.name);
    edx_sha256_hex(ctx->request_hash, seen, strlen(seen));
  }
  edx_run_create(ctx, create_file, &u, "/v1/files/");
}

/* The file the path names, when the caller may read it ({"file", "owner", "school_id"}); sends
 * 404 or 403 and returns NULL otherwise. */
static json_t *load_file(edx_ctx *ctx)
{
  const char *id = edx_path_param(&ctx->params, "file");
  json_t *found = NULL, *file;
  int rc;
  if (!edx_is_uuid(id)) {
    edx_problem(ctx, EDX_ENOTFOUND, "no file with this id", NULL);
    return NULL;
  }
  if (!edx_ctx_conn(ctx))
    return NULL;
  rc = edx_db_file_get(ctx->conn, &found, id);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, rc == EDX_ENOTFOUND ? "no file with this id" : NULL, NULL);
    return NULL;
  }
  file = json_object_get(found, "file");
  if (!edx_may_read_file(&ctx->caller, json_string_value(json_object_get(file, "district_id")),
                         json_string_value(json_object_get(found, "owner")),
                         json_is_true(json_object_get(file, "attached")),
                         json_string_value(json_object_get(found, "school_id")))) {
    edx_problem(ctx, EDX_EFORBIDDEN,
                json_is_true(json_object_get(file, "attached"))
                  ? "this file is attached to data outside this token's scope"
                  : "a file attached to nothing yet is read only by the token that uploaded it",
                NULL);
    json_decref(found);
    return NULL;
  }
  return found;
}

void edx_files_meta(edx_ctx *ctx)
{
  json_t *found = load_file(ctx);
  if (found)
    edx_respond_json(ctx, 200, json_object_get(found, "file"));
  json_decref(found);
}

/* A download under way: the chunks' rows, and the chunk being handed out. */
typedef struct {
  edx_pool *pool;
  edx_db_export rows;
  int open;
  unsigned char *chunk;
  size_t chunk_len, chunk_at;
} file_stream;

static void release_chunks(file_stream *x)
{
  if (!x->open)
    return;
  edx_db_export_close(&x->rows);
  edx_pool_release(x->pool, x->rows.conn);
  x->open = 0;
}

/* Makes the next chunk current; 1, 0 when there are no more (the connection given back), -1. */
static int next_chunk(file_stream *x)
{
  const char *row;
  size_t len;
  int got = x->open ? edx_db_export_next(&x->rows, &row, &len) : 0;
  PQfreemem(x->chunk);
  x->chunk = NULL;
  x->chunk_len = x->chunk_at = 0;
  if (got == 0)
    release_chunks(x);
  if (got != 1)
    return got == 0 ? 0 : -1;
  x->chunk = PQunescapeBytea((const unsigned char *)row, &x->chunk_len);
  return x->chunk ? 1 : -1;
}

static ssize_t file_block(void *cls, uint64_t offset, char *buf, size_t max)
{
  file_stream *x = cls;
  size_t n;
  (void)offset;
  if (x->chunk_at == x->chunk_len) {
    int got = next_chunk(x);
    if (got <= 0)
      return got == 0 ? U_STREAM_END : U_STREAM_ERROR;
  }
  n = x->chunk_len - x->chunk_at < max ? x->chunk_len - x->chunk_at : max;
  memcpy(buf, x->chunk + x->chunk_at, n);
  x->chunk_at += n;
  return (ssize_t)n;
}

static void file_stream_free(void *cls)
{
  file_stream *x = cls;
  release_chunks(x);
  PQfreemem(x->chunk);
  free(x);
}

/* 1 when If-None-Match names etag (or is *). */
static int none_match(const edx_ctx *ctx, const char *etag)
{
  const char *inm = edx_header(ctx, "If-None-Match");
  return inm && (strstr(inm, etag) || strcmp(inm, "*") == 0);
}

/* Streams the file's bytes (file: its edx_file_json) on ctx's connection. */
static void stream_file(edx_ctx *ctx, const json_t *file)
{
  char disposition[EDX_FILE_NAME_MAX * 4 + 128];
  file_stream *x = calloc(1, sizeof(*x));
  int rc = x ? edx_db_file_chunks_open(&x->rows, ctx->conn,
                                       json_string_value(json_object_get(file, "id")))
             : EDX_EINTERNAL;
  if (rc != EDX_OK) {
    free(x);
    edx_problem(ctx, rc, NULL, NULL);
    return;
  }
  x->pool = ctx->app->pool;
  x->open = 1;
  ctx->conn = NULL; /* the stream gives it back */
  ctx->stream_waits = 1;
  u_map_put(ctx->res->map_header, "Content-Type",
            json_string_value(json_object_get(file, "content_type")));
  if (edx_file_disposition(json_string_value(json_object_get(file, "filename")), disposition,
                           sizeof(disposition)) == 0)
    edx_add_header(ctx, "Content-Disposition", disposition);
  if (ulfius_set_stream_response(ctx->res, 200, file_block, file_stream_free,
                                 (uint64_t)json_integer_value(json_object_get(file, "size")),
                                 64 * 1024, x) != U_OK) {
    file_stream_free(x);
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
  }
}

void edx_files_get(edx_ctx *ctx)
{
  json_t *found = load_file(ctx), *file = json_object_get(found, "file");
  char etag[EDX_SHA256_HEX + 2];
  if (!found)
    return;
  snprintf(etag, sizeof(etag), "\"%s\"", json_string_value(json_object_get(file, "sha256")));
  edx_add_header(ctx, "ETag", etag);
  if (none_match(ctx, etag))
    edx_respond_empty(ctx, 304);
  else
    stream_file(ctx, file);
  json_decref(found);
}
