/* school_rules.c — the school field spec, level filters, CSV coercion (see school_rules.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/school_rules.h"
#include "src/rules/validate.h"

const char *const edx_school_levels[] = {"preschool", "primary", "lower_secondary",
                                         "primary_lower_secondary", NULL};

static int is_url(const char *s)
{
  return edx_is_http_url(s, 300);
}

const edx_field edx_school_fields[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "code", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 32,
   .check = edx_is_code, .check_message = EDX_CODE_RULE},
  {.name = "name", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 200},
  {.name = "level", .kind = EDX_FIELD_ENUM, .required = 1, .choices = edx_school_levels},
  {.name = "district_id", .kind = EDX_FIELD_UUID},
  {.name = "commune", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 100},
  {.name = "address", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 300},
  {.name = "phone", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 20,
   .check = edx_is_phone,
   .check_message = "must be a phone number: 6 to 20 digits, spaces and + - . ( )"},
  {.name = "email", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 254,
   .check = edx_is_email, .check_message = "must be an e-mail address"},
  {.name = "website", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 300,
   .check = is_url, .check_message = "must be an http:// or https:// address"},
  {.name = "principal", .kind = EDX_FIELD_STRING, .nullable = 1, .min = 1, .max = 200},
  {.name = "students", .kind = EDX_FIELD_INT, .nullable = 1, .max = 100000},
  {.name = "teachers", .kind = EDX_FIELD_INT, .nullable = 1, .max = 100000},
  {.name = "satellite_sites", .kind = EDX_FIELD_INT, .nullable = 1, .max = 100},
  {.name = "active", .kind = EDX_FIELD_BOOL},
  {.name = "created_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {.name = "updated_at", .kind = EDX_FIELD_DATETIME, .read_only = 1},
  {NULL},
};

const char *const edx_school_csv_columns[] = {
  "id", "code", "name", "level", "district_id", "commune", "address", "phone", "email",
  "website", "principal", "students", "teachers", "satellite_sites", "active", "created_at",
  "updated_at", NULL};

int edx_school_level_general(const char *level)
{
  return level && (strcmp(level, "primary") == 0 || strcmp(level, "lower_secondary") == 0 ||
                   strcmp(level, "primary_lower_secondary") == 0);
}

int edx_school_levels_literal(const char *param, char *out, size_t len)
{
  char buf[128];
  char *save = NULL;
  size_t used = 0;
  int seen[4] = {0};
  if (!param || strlen(param) >= sizeof(buf) || len < 3)
    return -1;
  strcpy(buf, param);
  used = (size_t)snprintf(out, len, "{");
  for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    int found = -1;
    for (int i = 0; edx_school_levels[i]; i++)
      if (strcmp(tok, edx_school_levels[i]) == 0)
        found = i;
    if (found < 0 || seen[found]++)
      return -1;
    used += (size_t)snprintf(out + used, len - used, "%s%s", used > 1 ? "," : "", tok);
    if (used >= len)
      return -1;
  }
  if (used == 1 || param[strlen(param) - 1] == ',' || param[0] == ',' || strstr(param, ",,"))
    return -1;
  return snprintf(out + used, len - used, "}") < (int)(len - used) ? 0 : -1;
}
