/* district_rules.c — the district and org unit field specs (see district_rules.h). */
#include <stddef.h>
#include <string.h>
#include "src/rules/district_rules.h"
#include "src/rules/validate.h"

const edx_field edx_district_fields[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "code", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 32,
   .check = edx_is_code, .check_message = EDX_CODE_RULE},
  {.name = "name", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 200},
  {.name = "province", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 200},
  {.name = "province_code", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 32,
   .check = edx_is_code, .check_message = EDX_CODE_RULE},
  {.name = "office_name", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 200},
  {.name = "created_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "updated_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {NULL},
};

const char *const edx_district_csv_columns[] = {"id", "code", "name", "province",
                                                "province_code", "office_name", "created_at",
                                                "updated_at", NULL};

const char *const edx_org_unit_levels[] = {"province", "district", "commune", NULL};

const edx_field edx_org_unit_fields[] = {
  {.name = "code", .kind = EDX_FIELD_STRING, .min = 1, .max = 32, .check = edx_is_code,
   .check_message = EDX_CODE_RULE},
  {.name = "name", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 200},
  {.name = "level", .kind = EDX_FIELD_ENUM, .required = 1, .choices = edx_org_unit_levels},
  {.name = "parent_code", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 32,
   .check = edx_is_code, .check_message = EDX_CODE_RULE},
  {.name = "official", .kind = EDX_FIELD_BOOL},
  {.name = "note", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 1000},
  {.name = "created_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "updated_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {NULL},
};

const char *const edx_org_unit_csv_columns[] = {"code", "name", "level", "parent_code",
                                                "official", "note", "created_at", "updated_at",
                                                NULL};

const char *edx_org_unit_parent_level(const char *level)
{
  if (level && strcmp(level, "district") == 0)
    return "province";
  if (level && strcmp(level, "commune") == 0)
    return "district";
  return NULL;
}
