/* school_rules.c — the school field spec, level filters, CSV coercion (see school_rules.h). */
#include <ctype.h>
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
  {"id", EDX_FIELD_UUID, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {"code", EDX_FIELD_STRING, 1, 0, 1, 1, 32, edx_is_code,
   "must be 1 to 32 letters, digits, '-', '_' or '.'", NULL},
  {"name", EDX_FIELD_STRING, 1, 0, 1, 1, 200, NULL, NULL, NULL},
  {"level", EDX_FIELD_ENUM, 1, 0, 1, 0, 0, NULL, NULL, edx_school_levels},
  {"district_id", EDX_FIELD_UUID, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"commune", EDX_FIELD_STRING, 0, 1, 1, 1, 100, NULL, NULL, NULL},
  {"address", EDX_FIELD_STRING, 0, 1, 1, 1, 300, NULL, NULL, NULL},
  {"phone", EDX_FIELD_STRING, 0, 1, 1, 1, 20, edx_is_phone,
   "must be a phone number: 6 to 20 digits, spaces and + - . ( )", NULL},
  {"email", EDX_FIELD_STRING, 0, 1, 1, 1, 254, edx_is_email, "must be an e-mail address", NULL},
  {"website", EDX_FIELD_STRING, 0, 1, 1, 1, 300, is_url,
   "must be an http:// or https:// address", NULL},
  {"principal", EDX_FIELD_STRING, 0, 1, 1, 1, 200, NULL, NULL, NULL},
  {"students", EDX_FIELD_INT, 0, 1, 1, 0, 100000, NULL, NULL, NULL},
  {"teachers", EDX_FIELD_INT, 0, 1, 1, 0, 100000, NULL, NULL, NULL},
  {"satellite_sites", EDX_FIELD_INT, 0, 1, 1, 0, 100, NULL, NULL, NULL},
  {"active", EDX_FIELD_BOOL, 0, 0, 1, 0, 0, NULL, NULL, NULL},
  {"created_at", EDX_FIELD_DATETIME, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {"updated_at", EDX_FIELD_DATETIME, 0, 0, 0, 0, 0, NULL, NULL, NULL},
  {NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL},
};

const char *const edx_school_csv_columns[] = {
  "id", "code", "name", "level", "district_id", "commune", "address", "phone", "email",
  "website", "principal", "students", "teachers", "satellite_sites", "active", "created_at",
  "updated_at", NULL};

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

static int all_digits(const char *s)
{
  if (!*s || strlen(s) > 9)
    return 0;
  for (; *s; s++)
    if (!isdigit((unsigned char)*s))
      return 0;
  return 1;
}

void edx_school_coerce_csv(json_t *row)
{
  static const char *const counts[] = {"students", "teachers", "satellite_sites", NULL};
  const char *active = json_string_value(json_object_get(row, "active"));
  for (int i = 0; counts[i]; i++) {
    const char *v = json_string_value(json_object_get(row, counts[i]));
    if (v && all_digits(v))
      json_object_set_new(row, counts[i], json_integer(strtol(v, NULL, 10)));
  }
  if (active && (strcmp(active, "true") == 0 || strcmp(active, "1") == 0))
    json_object_set_new(row, "active", json_true());
  else if (active && (strcmp(active, "false") == 0 || strcmp(active, "0") == 0))
    json_object_set_new(row, "active", json_false());
}
