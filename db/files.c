/* files.c — evidence files' rows and chunks (see files.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/audit.h"
#include "db/files.h"
#include "db/query.h"
#include "src/rules/errors.h"

/* The district's quota and what its files take now, the district locked: EDX_EQUOTA when size
 * more bytes do not fit. */
static int check_quota(edx_conn *c, const char *district_id, size_t size)
{
  const char *params[] = {district_id};
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res,
                       "SELECT d.file_quota_bytes, (SELECT coalesce(sum(f.size), 0) FROM files f"
                       " WHERE f.district_id = d.id) FROM districts d WHERE d.id = $1::uuid"
                       " FOR NO KEY UPDATE",
                       1, params);
  if (rc == EDX_OK && PQntuples(res) == 1) {
    long long quota = atoll(PQgetvalue(res, 0, 0)), used = atoll(PQgetvalue(res, 0, 1));
    if (used + (long long)size > quota) {
      edx_error_set("the district's files would take %lld bytes, over its quota of %lld bytes "
                    "(%lld used): delete or attach fewer files, or ask an administrator for a "
                    "larger quota", used + (long long)size, quota, used);
      rc = EDX_EQUOTA;
    }
  }
  PQclear(res);
  return rc;
}

/* Stores the bytes of file id as chunks, each sent as bytea text ("\x" and hex digits). */
static int store_chunks(edx_conn *c, const char *id, const unsigned char *bytes, size_t size)
{
  static const char hex[] = "0123456789abcdef";
  char *text = malloc(2 * EDX_FILE_CHUNK + 3), n[16];
  const char *params[] = {id, n, text};
  int rc = text ? EDX_OK : EDX_EINTERNAL;
  for (size_t at = 0, i = 0; rc == EDX_OK && at < size; at += EDX_FILE_CHUNK, i++) {
    size_t len = size - at;
    if (len > EDX_FILE_CHUNK)
      len = EDX_FILE_CHUNK;
    text[0] = '\\';
    text[1] = 'x';
    for (size_t k = 0; k < len; k++) {
      text[2 + 2 * k] = hex[bytes[at + k] >> 4];
      text[3 + 2 * k] = hex[bytes[at + k] & 15];
    }
    text[2 + 2 * len] = '\0';
    snprintf(n, sizeof(n), "%zu", i);
    rc = edx_db_run(c, NULL,
                    "INSERT INTO file_chunks (file_id, n, data) VALUES ($1::uuid, $2::int,"
                    " $3::bytea)",
                    3, params);
  }
  free(text);
  return rc;
}

/* Inserts f's row; *row its JSON. */
static int insert_row(edx_conn *c, json_t **row, const edx_caller *actor,
                      const edx_db_new_file *f)
{
  char size[24];
  const char *who[3];
  snprintf(size, sizeof(size), "%zu", f->size);
  edx_db_actor_params(actor, who);
  const char *params[] = {f->district_id, f->filename, f->content_type, size, f->sha256,
                          who[0], who[1], who[2]};
  return edx_db_json(c, row,
                     "INSERT INTO files (district_id, filename, content_type, size, sha256,"
                     " created_by_token, created_by_role, created_by_label) VALUES ($1::uuid,"
                     " normalize($2, NFC), $3, $4::bigint, $5, $6::uuid, $7, $8)"
                     " RETURNING edx_file_json(files)",
                     8, params);
}

int edx_db_file_create(edx_conn *c, json_t **out, const edx_caller *actor,
                       const edx_db_new_file *f)
{
  json_t *row = NULL;
  int rc = f->district_id ? check_quota(c, f->district_id, f->size) : EDX_OK;
  if (rc == EDX_OK)
    rc = insert_row(c, &row, actor, f);
  if (rc == EDX_OK)
    rc = store_chunks(c, json_string_value(json_object_get(row, "id")), f->bytes, f->size);
  edx_audit_entry e = {"create", "file", json_string_value(json_object_get(row, "id")),
                       f->district_id, NULL};
  return edx_db_audit_end(c, rc, row, out, actor, &e);
}

int edx_db_file_get(edx_conn *c, json_t **out, const char *id)
{
  return edx_db_json_row(c, out,
                         "SELECT json_build_object('file', edx_file_json(f), 'owner',"
                         " f.created_by_token, 'school_id', f.school_id) FROM files f"
                         " WHERE f.id = $1::uuid",
                         0, id);
}

int edx_db_file_chunks_open(edx_db_export *x, edx_conn *c, const char *id)
{
  const char *params[] = {id};
  return edx_db_export_open_sql(x, c,
                                "SELECT data FROM file_chunks WHERE file_id = $1::uuid"
                                " ORDER BY n",
                                1, params);
}

int edx_db_files_sweep(edx_conn *c, long max_age_seconds, long *rows)
{
  char age[24];
  const char *params[] = {age};
  snprintf(age, sizeof(age), "%ld", max_age_seconds);
  return edx_db_run(c, rows,
                    "DELETE FROM files WHERE attached_at IS NULL"
                    " AND created_at < now() - make_interval(secs => $1::bigint)",
                    1, params);
}

/* Which of $1's files (a JSON array of ids) the token $3 may attach to data of district $2. */
#define USABLE_FILES                                                                              \
  " f.id IN (SELECT x::uuid FROM jsonb_array_elements_text($1::jsonb) x)"                        \
  " AND (f.district_id = $2::uuid OR (f.district_id IS NULL AND f.created_by_token = $3::uuid))" \
  " AND (f.attached_at IS NOT NULL OR f.created_by_token = $3::uuid)"

int edx_db_files_usable(edx_conn *c, long *count, const json_t *ids, const char *district_id,
                        const char *token_id)
{
  char *text = json_dumps(ids, JSON_COMPACT);
  const char *params[] = {text, district_id, token_id};
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res, "SELECT count(*) FROM files f WHERE" USABLE_FILES, 3, params);
  if (rc == EDX_OK)
    *count = atol(PQgetvalue(res, 0, 0));
  PQclear(res);
  free(text);
  return rc;
}

int edx_db_files_unusable(edx_conn *c, json_t **out, const json_t *ids, const char *district_id,
                          const char *token_id)
{
  char *text = json_dumps(ids, JSON_COMPACT);
  const char *params[] = {text, district_id, token_id};
  int rc = edx_db_json(c, out,
                       "SELECT coalesce(json_agg(x.n - 1 ORDER BY x.n), '[]')"
                       " FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY x (id, n)"
                       " WHERE x.id::uuid NOT IN (SELECT f.id FROM files f WHERE" USABLE_FILES
                       ")",
                       3, params);
  free(text);
  return rc;
}

/* Writes an audit row for each file of files (their JSON). */
static int audit_attached(edx_conn *c, const edx_caller *actor, const json_t *files)
{
  size_t i;
  json_t *file;
  int rc = EDX_OK;
  json_array_foreach(files, i, file) {
    if (rc == EDX_OK)
      rc = edx_db_audit_write(c, actor, "update", "file",
                              json_string_value(json_object_get(file, "id")),
                              json_string_value(json_object_get(file, "district_id")), NULL,
                              file);
  }
  return rc;
}

int edx_db_files_attach(edx_conn *c, const edx_caller *actor, const json_t *ids,
                        const char *district_id, const char *school_id)
{
  char *text = json_dumps(ids, JSON_COMPACT);
  const char *token_id = actor && actor->token_id[0] ? actor->token_id : NULL;
  const char *params[] = {text, district_id, token_id, school_id};
  json_t *files = NULL;
  long rows = 0;
  int rc = edx_db_run(c, &rows,
                      "UPDATE files f SET attached_at = coalesce(f.attached_at, now()),"
                      " district_id = $2::uuid, school_id = CASE WHEN f.attached_at IS NULL"
                      " THEN $4::uuid ELSE f.school_id END WHERE" USABLE_FILES,
                      4, params);
  if (rc == EDX_OK && rows != (long)json_array_size(ids)) {
    edx_error_set("an evidence file changed while it was being attached; try again");
    rc = EDX_ECONFLICT;
  }
  if (rc == EDX_OK)
    rc = edx_db_json(c, &files,
                     "SELECT coalesce(json_agg(edx_file_json(f) ORDER BY f.id), '[]') FROM files f"
                     " WHERE f.id IN (SELECT x::uuid FROM jsonb_array_elements_text($1::jsonb) x)",
                     1, params);
  if (rc == EDX_OK)
    rc = audit_attached(c, actor, files);
  json_decref(files);
  free(text);
  return rc;
}

int edx_db_file_quota(edx_conn *c, json_t **out, const char *district_id)
{
  const char *params[] = {district_id};
  return edx_db_json(c, out,
                     "SELECT json_build_object('district_id', d.id, 'quota_bytes',"
                     " d.file_quota_bytes, 'used_bytes', coalesce(sum(f.size), 0), 'files',"
                     " count(f.id)) FROM districts d LEFT JOIN files f ON f.district_id = d.id"
                     " WHERE d.id = $1::uuid GROUP BY d.id",
                     1, params);
}

int edx_db_file_quota_set(edx_conn *c, json_t **out, const edx_caller *actor,
                          const char *district_id, long long quota_bytes)
{
  char quota[24];
  const char *params[] = {district_id, quota};
  json_t *before = NULL, *after = NULL;
  int rc;
  snprintf(quota, sizeof(quota), "%lld", quota_bytes);
  rc = edx_db_json(c, &before,
                   "SELECT json_build_object('file_quota_bytes', file_quota_bytes) FROM districts"
                   " WHERE id = $1::uuid FOR NO KEY UPDATE",
                   1, params);
  if (rc == EDX_OK)
    rc = edx_db_json(c, &after,
                     "UPDATE districts SET file_quota_bytes = $2::bigint WHERE id = $1::uuid"
                     " RETURNING json_build_object('file_quota_bytes', file_quota_bytes)",
                     2, params);
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, "update", "district", district_id, district_id, before,
                            after);
  if (rc == EDX_OK)
    rc = edx_db_file_quota(c, out, district_id);
  json_decref(before);
  json_decref(after);
  return rc;
}
