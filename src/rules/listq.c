/* listq.c — limit/offset/sort parsing for lists (see listq.h). */
#include <stdio.h>
#include <string.h>
#include "src/rules/fields.h"
#include "src/rules/listq.h"
#include "src/rules/validate.h"

static int parse_sort(edx_list_params *out, const char *sort, const char *const *allowed,
                      json_t *errors)
{
  char buf[EDX_SORT_TEXT_MAX];
  char *save = NULL;
  if (strlen(sort) >= sizeof(buf) || *sort == '\0') {
    edx_errors_add_code(errors, EDX_ERR_INVALID_FORMAT, "sort",
                        "must be a comma-separated list of fields");
    return 1;
  }
  strcpy(buf, sort);
  out->nsort = 0;
  for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    int desc = tok[0] == '-';
    const char *name = desc ? tok + 1 : tok;
    int found = -1;
    for (int i = 0; allowed[i]; i++)
      if (strcmp(allowed[i], name) == 0)
        found = i;
    if (found < 0 || out->nsort == EDX_SORT_MAX) {
      char list[256] = "";
      for (int i = 0; allowed[i]; i++)
        snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "",
                 allowed[i]);
      edx_errors_add_code(errors, found < 0 ? EDX_ERR_NOT_ALLOWED_VALUE : EDX_ERR_TOO_LONG, "sort",
                          found < 0 ? "unknown sort field '%s'; allowed: %s"
                                    : "at most 4 sort fields (at '%s'); allowed: %s",
                          name, list);
      return 1;
    }
    for (int k = 0; k < out->nsort; k++)
      if (out->sort[k].field == found) {
        edx_errors_add(errors, "sort", "field '%s' appears twice", name);
        return 1;
      }
    out->sort[out->nsort].field = found;
    out->sort[out->nsort].desc = desc;
    out->nsort++;
  }
  if (out->nsort == 0) {
    edx_errors_add_code(errors, EDX_ERR_REQUIRED, "sort", "must name at least one field");
    return 1;
  }
  strcpy(out->sort_text, sort); /* shorter than buf, which is as long as sort_text */
  return 0;
}

int edx_list_params_parse(edx_list_params *out, const char *limit, const char *offset,
                          const char *sort, const char *const *allowed, const char *default_sort,
                          json_t *errors)
{
  int problems = 0;
  memset(out, 0, sizeof(*out));
  out->limit = EDX_LIMIT_DEFAULT;
  if (limit && edx_parse_int(limit, 1, EDX_LIMIT_MAX, &out->limit)) {
    edx_errors_say(errors, "limit", &EDX_MSG_INT_RANGE, 1L, (long)EDX_LIMIT_MAX);
    problems++;
  }
  if (offset && edx_parse_int(offset, 0, 1000000000L, &out->offset)) {
    edx_errors_say(errors, "offset", &EDX_MSG_INT_RANGE, 0L, 1000000000L);
    problems++;
  }
  problems += parse_sort(out, sort ? sort : default_sort, allowed, errors);
  return problems;
}
