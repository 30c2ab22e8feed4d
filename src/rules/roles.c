/* roles.c — pure authorisation rules (see roles.h). */
#include <jansson.h>
#include <string.h>
#include "src/rules/fields.h"
#include "src/rules/roles.h"

const char *const edx_role_names[] = {"admin", "district", "school", "reader", NULL};

const edx_field edx_token_fields[] = {
  {.name = "role", .kind = EDX_FIELD_ENUM, .required = 1, .choices = edx_role_names},
  {.name = "district_id", .kind = EDX_FIELD_UUID, .nullable = 1},
  {.name = "school_id", .kind = EDX_FIELD_UUID, .nullable = 1},
  {.name = "province_code", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 32,
   .check = edx_is_code, .check_message = EDX_CODE_RULE},
  {.name = "label", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 200},
  {.name = "expires_at", .kind = EDX_FIELD_DATETIME, .nullable = 1},
  {NULL},
};

const char *edx_role_name(edx_role role)
{
  return (unsigned)role < 4 ? edx_role_names[role] : NULL;
}

int edx_role_parse(const char *name, edx_role *out)
{
  for (int i = 0; name && i < 4; i++)
    if (strcmp(name, edx_role_names[i]) == 0) {
      *out = (edx_role)i;
      return 0;
    }
  return -1;
}

int edx_caller_unscoped(const edx_caller *c)
{
  return c->role == EDX_ROLE_ADMIN || (c->role == EDX_ROLE_READER && c->district_id[0] == '\0' &&
                                       c->province_code[0] == '\0');
}

int edx_caller_sees_district(const edx_caller *c, const char *district_id)
{
  int in_province = 0;
  for (int i = 0; district_id && i < c->province_districts; i++)
    in_province |= strcmp(c->province_district[i], district_id) == 0;
  return edx_caller_unscoped(c) || in_province ||
         (district_id && c->district_id[0] && strcmp(c->district_id, district_id) == 0);
}

int edx_caller_sees_school(const edx_caller *c, const char *district_id, const char *school_id)
{
  return edx_caller_sees_district(c, district_id) &&
         (c->role != EDX_ROLE_SCHOOL || (school_id && strcmp(c->school_id, school_id) == 0));
}

const char *edx_caller_district_scope(const edx_caller *c)
{
  return c->district_id[0] ? c->district_id : NULL;
}

const char *edx_caller_province_scope(const edx_caller *c)
{
  return c->province_code[0] ? c->province_code : NULL;
}

const char *edx_caller_school_scope(const edx_caller *c)
{
  return c->role == EDX_ROLE_SCHOOL ? c->school_id : NULL;
}

int edx_caller_sees_office(const edx_caller *c)
{
  return c->role != EDX_ROLE_SCHOOL;
}

const char *edx_caller_office_district(const edx_caller *c)
{
  return c->role == EDX_ROLE_DISTRICT ? c->district_id : NULL;
}

int edx_may_see_token(const edx_caller *c, const char *token_id, const char *token_district)
{
  return c->role == EDX_ROLE_ADMIN || strcmp(c->token_id, token_id) == 0 ||
         (c->role == EDX_ROLE_DISTRICT && token_district &&
          strcmp(token_district, c->district_id) == 0);
}

int edx_may_revoke_token(const edx_caller *c, const char *token_id, const char *token_role,
                         const char *token_district)
{
  edx_role role;
  if (c->role == EDX_ROLE_ADMIN || strcmp(c->token_id, token_id) == 0)
    return 1;
  return edx_role_parse(token_role, &role) == 0 &&
         (role == EDX_ROLE_SCHOOL || role == EDX_ROLE_READER) &&
         edx_may_see_token(c, token_id, token_district);
}

int edx_token_scope_problems(edx_role role, const char *district_id, const char *school_id,
                             const char *province_code, json_t *errors)
{
  size_t before = json_array_size(errors);
  if (province_code && role != EDX_ROLE_READER)
    edx_errors_add(errors, "province_code", "is only allowed for a reader token");
  if (province_code && role == EDX_ROLE_READER && district_id)
    edx_errors_add(errors, "province_code", "a reader has a district or a province, not both");
  if (role == EDX_ROLE_ADMIN && (district_id || school_id))
    edx_errors_add(errors, district_id ? "district_id" : "school_id",
                   "must be null for an admin token");
  if (role == EDX_ROLE_DISTRICT && !district_id)
    edx_errors_add_code(errors, EDX_ERR_REQUIRED,
                        "district_id", "is required for a district token");
  if (role != EDX_ROLE_SCHOOL && school_id)
    edx_errors_add(errors, "school_id", "is only allowed for a school token");
  if (role == EDX_ROLE_SCHOOL && !school_id)
    edx_errors_add_code(errors, EDX_ERR_REQUIRED, "school_id", "is required for a school token");
  return (int)(json_array_size(errors) - before);
}

int edx_caller_read_only(const edx_caller *c)
{
  return c->role == EDX_ROLE_READER;
}

int edx_may_manage_districts(const edx_caller *c)
{
  return c->role == EDX_ROLE_ADMIN;
}

int edx_may_patch_district(const edx_caller *c, const char *district_id, int admin_fields)
{
  if (c->role == EDX_ROLE_ADMIN)
    return 1;
  return c->role == EDX_ROLE_DISTRICT && !admin_fields && strcmp(c->district_id, district_id) == 0;
}

int edx_may_mint_token(const edx_caller *c, edx_role role, const char *district_id,
                       int for_province)
{
  if (c->role == EDX_ROLE_ADMIN)
    return 1;
  if (for_province)
    return 0;
  return c->role == EDX_ROLE_DISTRICT && (role == EDX_ROLE_SCHOOL || role == EDX_ROLE_READER) &&
         district_id && strcmp(c->district_id, district_id) == 0;
}

int edx_may_administer(const edx_caller *c)
{
  return c->role == EDX_ROLE_ADMIN || c->role == EDX_ROLE_DISTRICT;
}

int edx_may_manage_catalogue(const edx_caller *c)
{
  return c->role == EDX_ROLE_ADMIN;
}

int edx_may_manage_some_district(const edx_caller *c)
{
  return c->role == EDX_ROLE_ADMIN || c->role == EDX_ROLE_DISTRICT;
}

int edx_may_manage_district(const edx_caller *c, const char *district_id)
{
  if (c->role == EDX_ROLE_ADMIN)
    return 1;
  return c->role == EDX_ROLE_DISTRICT && district_id && strcmp(c->district_id, district_id) == 0;
}

int edx_may_act_for_school(const edx_caller *c, const char *district_id, const char *school_id)
{
  return edx_may_manage_district(c, district_id) ||
         (c->role == EDX_ROLE_SCHOOL && school_id && strcmp(c->school_id, school_id) == 0);
}

/* Appends a problem for every field of a school token's patch but the contact fields; returns
 * how many. */
static int contact_fields_only(const char *const *fields, json_t *errors)
{
  static const char *const contact[] = {"phone", "email", "website", "address", "principal", NULL};
  int denied = 0;
  for (int i = 0; fields[i]; i++) {
    int ok = 0;
    for (int k = 0; contact[k]; k++)
      ok |= strcmp(fields[i], contact[k]) == 0;
    if (!ok) {
      edx_errors_add(errors, fields[i],
                     "a school token may change only phone, email, website, address and principal");
      denied++;
    }
  }
  return denied;
}

edx_school_patch_verdict edx_may_patch_school(const edx_caller *c, const char *district_id,
                                              int moves, const char *const *fields,
                                              json_t *errors)
{
  if (c->role == EDX_ROLE_SCHOOL)
    return contact_fields_only(fields, errors) ? EDX_SCHOOL_PATCH_CONTACTS_ONLY
                                               : EDX_SCHOOL_PATCH_OK;
  if (!edx_may_manage_district(c, district_id))
    return moves ? EDX_SCHOOL_PATCH_NO_MOVE : EDX_SCHOOL_PATCH_FORBIDDEN;
  return moves && c->role != EDX_ROLE_ADMIN ? EDX_SCHOOL_PATCH_NO_MOVE : EDX_SCHOOL_PATCH_OK;
}

int edx_may_read_file(const edx_caller *c, const char *district_id, const char *owner,
                      int attached, const char *school_id)
{
  if (c->role == EDX_ROLE_ADMIN)
    return 1;
  if (!attached)
    return owner && c->token_id[0] && strcmp(owner, c->token_id) == 0;
  if (!district_id)
    return edx_caller_unscoped(c);
  return school_id ? edx_caller_sees_school(c, district_id, school_id)
                   : edx_caller_sees_district(c, district_id) && edx_caller_sees_office(c);
}

int edx_may_submit_report(const edx_caller *c, const char *district_id)
{
  return edx_may_manage_district(c, district_id);
}

int edx_may_review_report(const edx_caller *c, const char *district_province)
{
  if (c->role == EDX_ROLE_ADMIN)
    return 1;
  return c->role == EDX_ROLE_READER && c->province_code[0] && district_province &&
         strcmp(c->province_code, district_province) == 0;
}

int edx_may_read_reports(const edx_caller *c)
{
  return c->role != EDX_ROLE_SCHOOL;
}

int edx_may_read_report_summary(const edx_caller *c, const char *province_code)
{
  if (edx_caller_unscoped(c))
    return 1;
  return c->role == EDX_ROLE_READER && c->province_code[0] && province_code &&
         strcmp(c->province_code, province_code) == 0;
}

int edx_may_set_report_deadlines(const edx_caller *c)
{
  return c->role == EDX_ROLE_ADMIN;
}
