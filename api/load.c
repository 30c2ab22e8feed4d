/* load.c — loading the resources a path names, within what the caller may see, and the
 * district scope of bodies and lists (see load.h). */
#include <stdio.h>
#include <string.h>
#include "api/load.h"
#include "db/org_units.h"
#include "api/query.h"
#include "db/districts.h"
#include "db/procedures.h"
#include "db/schools.h"
#include "src/rules/errors.h"
#include "src/rules/i18n.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

json_t *edx_load_scoped(edx_ctx *ctx, const char *param, edx_get_by_id_fn get, int for_update,
                        const char *what)
{
  const char *id = edx_path_param(&ctx->params, param);
  json_t *resource = NULL;
  char detail[64];
  int rc;
  snprintf(detail, sizeof(detail), "no %s with this id", what);
  if (!edx_is_uuid(id)) {
    edx_problem(ctx, EDX_ENOTFOUND, detail, NULL);
    return NULL;
  }
  rc = get(ctx->conn, &resource, id, for_update);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, rc == EDX_ENOTFOUND ? detail : NULL, NULL);
    return NULL;
  }
  if (!edx_caller_sees_district(&ctx->caller, edx_json_str(resource, "district_id"))) {
    json_decref(resource);
    edx_problem(ctx, EDX_EFORBIDDEN, "this token is scoped to another district", NULL);
    return NULL;
  }
  return resource;
}

json_t *edx_load_ref(edx_ctx *ctx, const char *param, edx_get_by_ref_fn get, int for_update)
{
  const char *ref = NULL;
  edx_ref_kind kind = edx_ref_parse(edx_path_param(&ctx->params, param), &ref);
  json_t *found = NULL;
  int rc;
  if (kind == EDX_REF_INVALID) {
    edx_problem(ctx, EDX_ENOTFOUND, strcmp(param, "school") == 0
                                      ? "no such school: use its id or code:<code>"
                                      : "no such district: use its id or code:<code>", NULL);
    return NULL;
  }
  rc = get(ctx->conn, &found, kind, ref, for_update);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return NULL;
  }
  return found;
}

json_t *edx_load_district(edx_ctx *ctx, int for_update)
{
  json_t *district = edx_load_ref(ctx, "district", edx_db_district_get, for_update);
  if (district && !edx_caller_sees_district(&ctx->caller, edx_json_str(district, "id"))) {
    json_decref(district);
    edx_problem(ctx, EDX_EFORBIDDEN, "this token is scoped to another district", NULL);
    return NULL;
  }
  return district;
}

json_t *edx_load_office_district(edx_ctx *ctx)
{
  json_t *district;
  if (!(district = edx_load_district(ctx, 0)))
    return NULL;
  if (edx_caller_sees_office(&ctx->caller))
    return district;
  json_decref(district);
  edx_problem(ctx, EDX_EFORBIDDEN, "school tokens have no access to the district's dashboards",
              NULL);
  return NULL;
}

json_t *edx_load_school(edx_ctx *ctx, int for_update)
{
  json_t *school = edx_load_ref(ctx, "school", edx_db_school_get, for_update);
  if (school && !edx_caller_sees_school(&ctx->caller, edx_json_str(school, "district_id"),
                                        edx_json_str(school, "id"))) {
    json_decref(school);
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not see that school", NULL);
    return NULL;
  }
  return school;
}

void edx_respond_loaded(edx_ctx *ctx, edx_loader_fn load)
{
  json_t *found;
  if (!edx_ctx_conn(ctx) || !(found = load(ctx, 0)))
    return;
  edx_respond_json(ctx, 200, found);
  json_decref(found);
}

json_t *edx_district_brief(const json_t *district)
{
  return json_pack("{s:O,s:O,s:O}", "id", json_object_get(district, "id"), "code",
                   json_object_get(district, "code"), "name", json_object_get(district, "name"));
}

int edx_scope_district(edx_ctx *ctx, const char **district_id)
{
  const char *scope = edx_caller_district_scope(&ctx->caller);
  if (*district_id && !edx_caller_sees_district(&ctx->caller, *district_id)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this token is scoped to another district or province",
                NULL);
    return -1;
  }
  if (scope)
    *district_id = scope;
  return 0;
}

int edx_scope_province(edx_ctx *ctx, const char **province)
{
  const char *scope = edx_caller_province_scope(&ctx->caller);
  if (scope && *province && strcmp(*province, scope) != 0) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this token is scoped to another province", NULL);
    return -1;
  }
  if (scope)
    *province = scope;
  return 0;
}

/* Whether the caller may write where the body's reference ref, in field, points: the district it
 * names, or the school or procedure it names (their district; for a school, the school itself).
 * A reference that names nothing is allowed only to a caller not scoped to a district, for whom
 * the body's checks say so; to the others it looks like a foreign one. 1, 0, or -1 after
 * answering a failure. */
static int may_write_at(edx_ctx *ctx, const char *field, const char *ref)
{
  int school = strcmp(field, "school_id") == 0, allowed, rc;
  json_t *found = NULL;
  if (strcmp(field, "district_id") == 0)
    return edx_may_manage_district(&ctx->caller, ref);
  if (!edx_is_uuid(ref))
    return !edx_caller_district_scope(&ctx->caller);
  if (!edx_ctx_conn(ctx))
    return -1;
  rc = school ? edx_db_school_get(ctx->conn, &found, EDX_REF_ID, ref, 0)
              : edx_db_procedure_get(ctx->conn, &found, ref, 0);
  if (rc == EDX_ENOTFOUND)
    allowed = !edx_caller_district_scope(&ctx->caller);
  else if (rc != EDX_OK)
    allowed = (edx_problem(ctx, rc, NULL, NULL), -1);
  else if (school)
    allowed = edx_may_act_for_school(&ctx->caller, edx_json_str(found, "district_id"), ref);
  else
    allowed = edx_may_manage_district(&ctx->caller, edx_json_str(found, "district_id"));
  json_decref(found);
  return allowed;
}

int edx_body_scope_first(edx_ctx *ctx, const char *detail)
{
  static const char *const fields[] = {"district_id", "school_id", "procedure_id"};
  for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
    const char *ref = json_string_value(json_object_get(ctx->body, fields[i]));
    int allowed = ref ? may_write_at(ctx, fields[i], ref) : 1;
    if (allowed == 0)
      edx_problem(ctx, EDX_EFORBIDDEN, detail, NULL);
    if (allowed <= 0)
      return -1;
  }
  return 0;
}

int edx_list_begin(edx_ctx *ctx, json_t *errors, const char **district_id,
                   const char **province, int office_only)
{
  if (edx_query_list_end(ctx, errors) != 0 || (office_only && edx_office_only(ctx) != 0) ||
      edx_scope_district(ctx, district_id) != 0 || edx_scope_province(ctx, province) != 0 ||
      !edx_ctx_conn(ctx))
    return -1;
  return 0;
}

int edx_create_in_district(edx_ctx *ctx, const char *forbidden, const char *invalid)
{
  json_t *district = NULL;
  const char *district_id = edx_json_str(ctx->body, "district_id");
  int rc;
  if (!edx_may_manage_district(&ctx->caller, district_id)) {
    edx_problem(ctx, EDX_EFORBIDDEN, forbidden, NULL);
    return -1;
  }
  if (!edx_ctx_conn(ctx))
    return -1;
  rc = district_id ? edx_db_district_get(ctx->conn, &district, EDX_REF_ID, district_id, 0)
                   : EDX_ENOTFOUND;
  json_decref(district);
  if (rc == EDX_OK)
    return 0;
  if (rc == EDX_ENOTFOUND) {
    json_t *errors = json_array();
    if (district_id)
      edx_errors_add_code(errors, EDX_ERR_NOT_FOUND, "district_id", "no district with this id");
    else
      edx_errors_say(errors, "district_id", &EDX_MSG_REQUIRED);
    edx_problem(ctx, EDX_EINVALID, invalid, errors);
  } else
    edx_problem(ctx, rc, NULL, NULL);
  return -1;
}

void edx_default_district(edx_ctx *ctx)
{
  const char *own = edx_caller_office_district(&ctx->caller);
  if (own && !json_object_get(ctx->body, "district_id"))
    json_object_set_new(ctx->body, "district_id", json_string(own));
}

int edx_office_only(edx_ctx *ctx)
{
  if (edx_caller_sees_office(&ctx->caller))
    return 0;
  edx_problem(ctx, EDX_EFORBIDDEN, "school tokens have no access to procedures and dossiers",
              NULL);
  return -1;
}

int edx_check_province_code(edx_ctx *ctx, const char *code, json_t *errors)
{
  json_t *unit = NULL;
  int rc = code ? edx_db_org_unit_get(ctx->conn, &unit, code, 0) : EDX_OK;
  if (code && rc == EDX_OK && strcmp(edx_json_str(unit, "level"), "province") != 0)
    rc = EDX_ENOTFOUND;
  json_decref(unit);
  if (rc != EDX_ENOTFOUND)
    return rc;
  edx_errors_add(errors, "province_code", "must be the code of a province (GET /v1/org-units"
                                          "?level=province)");
  return EDX_EINVALID;
}
