/* roles.c — pure authorisation rules (see roles.h). */
#include <jansson.h>
#include <string.h>
#include "src/rules/fields.h"
#include "src/rules/roles.h"

static const char *const role_names[] = {"admin", "district", "school", "reader"};

const char *edx_role_name(edx_role role)
{
  return (unsigned)role < 4 ? role_names[role] : NULL;
}

int edx_role_parse(const char *name, edx_role *out)
{
  for (int i = 0; name && i < 4; i++)
    if (strcmp(name, role_names[i]) == 0) {
      *out = (edx_role)i;
      return 0;
    }
  return -1;
}

int edx_caller_unscoped(const edx_caller *c)
{
  return c->role == EDX_ROLE_ADMIN || (c->role == EDX_ROLE_READER && c->district_id[0] == '\0');
}

int edx_caller_sees_district(const edx_caller *c, const char *district_id)
{
  return edx_caller_unscoped(c) || (district_id && strcmp(c->district_id, district_id) == 0);
}

int edx_caller_sees_school(const edx_caller *c, const char *district_id, const char *school_id)
{
  return edx_caller_sees_district(c, district_id) &&
         (c->role != EDX_ROLE_SCHOOL || (school_id && strcmp(c->school_id, school_id) == 0));
}

int edx_may_manage_districts(const edx_caller *c)
{
  return c->role == EDX_ROLE_ADMIN;
}

int edx_may_patch_district(const edx_caller *c, const char *district_id, int changes_code)
{
  if (c->role == EDX_ROLE_ADMIN)
    return 1;
  return c->role == EDX_ROLE_DISTRICT && !changes_code && strcmp(c->district_id, district_id) == 0;
}

int edx_may_mint_token(const edx_caller *c, edx_role role, const char *district_id)
{
  if (c->role == EDX_ROLE_ADMIN)
    return 1;
  return c->role == EDX_ROLE_DISTRICT && (role == EDX_ROLE_SCHOOL || role == EDX_ROLE_READER) &&
         district_id && strcmp(c->district_id, district_id) == 0;
}

int edx_may_administer(const edx_caller *c)
{
  return c->role == EDX_ROLE_ADMIN || c->role == EDX_ROLE_DISTRICT;
}

int edx_may_manage_schools(const edx_caller *c, const char *district_id)
{
  if (c->role == EDX_ROLE_ADMIN)
    return 1;
  return c->role == EDX_ROLE_DISTRICT && district_id && strcmp(c->district_id, district_id) == 0;
}

int edx_school_fields_denied(const char *const *fields, json_t *errors)
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
