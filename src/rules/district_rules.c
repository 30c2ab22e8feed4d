/* district_rules.c — the district field spec (see district_rules.h). */
#include <stddef.h>
#include "src/rules/district_rules.h"
#include "src/rules/validate.h"

const edx_field edx_district_fields[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "code", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 32,
   .check = edx_is_code, .check_message = EDX_CODE_RULE},
  {.name = "name", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 200},
  {.name = "province", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 200},
  {.name = "office_name", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 200},
  {.name = "created_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "updated_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {NULL},
};

const char *const edx_district_csv_columns[] = {"id", "code", "name", "province", "office_name",
                                                "created_at", "updated_at", NULL};
