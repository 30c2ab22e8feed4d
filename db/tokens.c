/* tokens.c — token storage (see tokens.h). */
#include <stdio.h>
#include <string.h>
#include "db/audit.h"
#include "db/list.h"
#include "db/query.h"
#include "db/tokens.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

const char *const edx_token_sort_fields[] = {"created_at", "updated_at", "label", "role",
                                             "expires_at", NULL};
static const edx_sort_column token_sort_sql[] = {{"t.created_at", EDX_NOT_NULL},
  {"t.updated_at", EDX_NOT_NULL}, {"t.label", EDX_NULLABLE}, {"t.role", EDX_NOT_NULL},
  {"t.expires_at", EDX_NULLABLE}};

static void copy_field(char *dst, size_t len, PGresult *res, int col)
{
  snprintf(dst, len, "%s", PQgetisnull(res, 0, col) ? "" : PQgetvalue(res, 0, col));
}

int edx_db_token_authenticate(edx_conn *c, const char *secret_hash, edx_caller *out)
{
  const char *params[] = {secret_hash};
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res,
                       "SELECT t.id, t.role, t.district_id, t.school_id, t.label,"
                       " edx_ts(t.expires_at), t.province_code, d.id"
                       " FROM tokens t LEFT JOIN districts d ON d.province_code = t.province_code"
                       " WHERE t.secret_hash = $1 AND t.revoked_at IS NULL"
                       " AND (t.expires_at IS NULL OR t.expires_at > now()) ORDER BY d.id",
                       1, params);
  if (rc != EDX_OK)
    goto cleanup;
  if (PQntuples(res) > EDX_PROVINCE_DISTRICTS_MAX) {
    edx_error_set("a reader's province has more than %d districts", EDX_PROVINCE_DISTRICTS_MAX);
    rc = EDX_EINTERNAL;
    goto cleanup;
  }
  if (PQntuples(res) < 1 || edx_role_parse(PQgetvalue(res, 0, 1), &out->role) != 0) {
    rc = EDX_ENOTFOUND;
    goto cleanup;
  }
  copy_field(out->token_id, sizeof(out->token_id), res, 0);
  copy_field(out->district_id, sizeof(out->district_id), res, 2);
  copy_field(out->school_id, sizeof(out->school_id), res, 3);
  copy_field(out->label, sizeof(out->label), res, 4);
  copy_field(out->expires_at, sizeof(out->expires_at), res, 5);
  copy_field(out->province_code, sizeof(out->province_code), res, 6);
  out->province_districts = 0;
  for (int i = 0; out->province_code[0] && i < PQntuples(res) && !PQgetisnull(res, i, 7); i++)
    snprintf(out->province_district[out->province_districts++], EDX_UUID_SIZE, "%s",
             PQgetvalue(res, i, 7));
cleanup:
  PQclear(res);
  return rc;
}

int edx_db_token_create(edx_conn *c, json_t **out, const edx_caller *actor,
                        const char *secret_hash, const edx_token_new *t)
{
  const char *params[] = {secret_hash, t->role, t->district_id, t->school_id, t->label,
                          t->expires_at, t->province_code};
  json_t *token = NULL;
  int rc = edx_db_json(c, &token,
                       "INSERT INTO tokens AS t (secret_hash, role, district_id, school_id, label,"
                       " expires_at, province_code) VALUES ($1, $2, $3::uuid, $4::uuid,"
                       " normalize($5, NFC), $6::timestamptz, $7) RETURNING edx_token_json(t)",
                       7, params);
  return edx_db_audit_end(c, rc, token, out, actor,
                          &(edx_audit_entry){"create", "token", edx_json_str(token, "id"),
                                             t->district_id, NULL});
}

int edx_db_token_get(edx_conn *c, json_t **out, const char *id)
{
  return edx_db_json_row(c, out, "SELECT edx_token_json(t) FROM tokens t WHERE t.id = $1::uuid", 0,
                         id);
}

int edx_db_token_list(edx_conn *c, edx_list_page *out, const edx_token_filter *f,
                      const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"t.role = $", f->role},
    {"t.district_id = $::uuid", f->district_id},
    {"(t.revoked_at IS NOT NULL) = $::boolean", f->revoked},
    {"t.updated_at >= $::timestamptz", f->updated_since},
  };
  return edx_db_list_filtered(c, out, "tokens t WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_token_json(t)", token_sort_sql, "t.id", lp);
}

int edx_db_token_revoke(edx_conn *c, json_t **out, const edx_caller *actor, const char *id)
{
  const char *params[] = {id};
  json_t *before = NULL, *after = NULL;
  int rc = edx_db_json_row(c, &before, "SELECT edx_token_json(t) FROM tokens t"
                                       " WHERE t.id = $1::uuid",
                           1, id);
  if (rc != EDX_OK)
    goto cleanup;
  if (!json_is_null(json_object_get(before, "revoked_at"))) {
    *out = json_incref(before);
    goto cleanup;
  }
  rc = edx_db_json(c, &after,
                   "UPDATE tokens t SET revoked_at = now(), updated_at = now()"
                   " WHERE t.id = $1::uuid RETURNING edx_token_json(t)",
                   1, params);
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, "revoke", "token", id,
                            json_string_value(json_object_get(after, "district_id")), before,
                            after);
  if (rc == EDX_OK)
    *out = json_incref(after);
cleanup:
  json_decref(before);
  json_decref(after);
  return rc;
}

int edx_db_token_link_digest(edx_conn *c, const char *token_id, char key[65])
{
  const char *params[] = {token_id};
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res,
                       "SELECT t.secret_hash FROM tokens t WHERE t.id = $1::uuid"
                       " AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())",
                       1, params);
  if (rc == EDX_OK && (PQntuples(res) != 1 || PQgetlength(res, 0, 0) != 64))
    rc = EDX_ENOTFOUND;
  if (rc == EDX_OK)
    memcpy(key, PQgetvalue(res, 0, 0), 65);
  PQclear(res);
  return rc;
}
