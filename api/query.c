/* query.c — query-string parameters as handlers read them, every problem collected so that one
 * 400 names them all (see query.h). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "api/query.h"
#include "api/routes.h"
#include "src/rules/csv.h"
#include "src/rules/cursor.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/validate.h"

void edx_query_list(const edx_ctx *ctx, edx_list_params *lp, const char *const *sort_fields,
                    const char *default_sort, json_t *errors)
{
  edx_list_params_parse(lp, edx_query(ctx, "limit"), edx_query(ctx, "offset"),
                        edx_query(ctx, "sort"), sort_fields, default_sort, errors);
  lp->list = ctx->route->pattern;
  edx_cursor_parse(lp, edx_query(ctx, "after"), errors);
  lp->all = !edx_query(ctx, "limit") && edx_wants_csv(ctx) && edx_route_serves_csv(ctx->route);
}

void edx_query_format(const edx_ctx *ctx, json_t *errors)
{
  edx_query_enum(ctx, "format", edx_list_formats, errors);
  edx_query_enum(ctx, "sep", edx_csv_separators, errors);
}

int edx_query_list_end(edx_ctx *ctx, json_t *errors)
{
  edx_query_format(ctx, errors);
  return edx_query_errors(ctx, errors);
}

const char *edx_query_uuid(const edx_ctx *ctx, const char *name, json_t *errors)
{
  const char *v = edx_query(ctx, name);
  if (v && !edx_is_uuid(v))
    edx_errors_say(errors, name, &EDX_MSG_UUID);
  return v;
}

const char *edx_query_timestamp(const edx_ctx *ctx, const char *name, json_t *errors)
{
  const char *v = edx_query(ctx, name);
  if (v && !edx_is_rfc3339(v))
    edx_errors_say(errors, name, &EDX_MSG_DATETIME);
  return v;
}

void edx_query_time_range(const edx_ctx *ctx, const char *stem, edx_time_range *range,
                          json_t *errors)
{
  char from[64], to[64];
  snprintf(from, sizeof(from), "%s_from", stem);
  snprintf(to, sizeof(to), "%s_to", stem);
  edx_time_range_parse(range, stem, edx_query(ctx, from), edx_query(ctx, to), errors);
}

const char *edx_query_bool(const edx_ctx *ctx, const char *name, json_t *errors)
{
  const char *v = edx_query(ctx, name);
  int b;
  if (v && edx_parse_bool(v, &b))
    edx_errors_say(errors, name, &EDX_MSG_Q_BOOL);
  return v;
}

const char *edx_query_enum(const edx_ctx *ctx, const char *name, const char *const *choices,
                           json_t *errors)
{
  const char *v = edx_query(ctx, name);
  char list[256] = "";
  if (!v)
    return NULL;
  for (int i = 0; choices[i]; i++) {
    if (strcmp(choices[i], v) == 0)
      return v;
    snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", choices[i]);
  }
  edx_errors_say(errors, name, &EDX_MSG_ENUM, list);
  return v;
}

const char *edx_query_enum_alias(const edx_ctx *ctx, const char *name, const char *alias,
                                 const char *const *choices, json_t *errors)
{
  size_t before = json_array_size(errors);
  const char *v = edx_query_enum(ctx, name, choices, errors);
  const char *a = edx_query_enum(ctx, alias, choices, errors);
  if (json_array_size(errors) > before)
    return v ? v : a;
  return edx_alias_pick(name, v, alias, a, errors);
}

const char *edx_query_text(const edx_ctx *ctx, const char *name, long max_chars, json_t *errors)
{
  const char *v = edx_query(ctx, name);
  long n = v ? edx_utf8_length(v) : 0;
  if (v && (n < 1 || n > max_chars))
    edx_errors_say(errors, name, n < 1 ? &EDX_MSG_Q_TEXT_SHORT : &EDX_MSG_Q_TEXT_LONG, max_chars);
  return v;
}

const char *edx_query_code(const edx_ctx *ctx, const char *name, json_t *errors)
{
  const char *v = edx_query(ctx, name);
  if (v && !edx_is_code(v))
    edx_errors_say(errors, name, &EDX_MSG_Q_CODE);
  return v;
}

long edx_query_long(const edx_ctx *ctx, const char *name, long min, long max, long dflt,
                    json_t *errors)
{
  const char *v = edx_query(ctx, name);
  long n = dflt;
  long any;
  if (v && edx_parse_int(v, min, max, &n) != 0)
    edx_errors_say(errors, name,
                   edx_parse_int(v, LONG_MIN, LONG_MAX, &any) == 0 ? &EDX_MSG_INT_RANGE
                                                                    : &EDX_MSG_INT_FORMAT,
                   min, max);
  return n;
}

const char *edx_query_year(const edx_ctx *ctx, const char *name, int required, int *year,
                           json_t *errors)
{
  const char *v = edx_query(ctx, name);
  int y = 0;
  edx_period p;
  if (v && edx_parse_year(v, &y) != 0 && edx_parse_period(v, &p) == 0)
    edx_errors_say(errors, name, &EDX_MSG_Q_SCHOOL_YEAR, p.year);
  else if ((v || required) && edx_parse_year(v, &y) != 0)
    edx_errors_say(errors, name, v ? &EDX_MSG_Q_YEAR : &EDX_MSG_Q_YEAR_REQUIRED);
  if (year)
    *year = y;
  return v;
}

const char *edx_query_period(edx_ctx *ctx, const char *name, int required, edx_period *p,
                             json_t *errors)
{
  const char *v = edx_query(ctx, name);
  edx_period parsed = {0, EDX_PERIOD_CALENDAR_YEAR};
  if ((v || required) && edx_parse_period(v, &parsed) != 0)
    edx_errors_say(errors, name, v ? &EDX_MSG_Q_PERIOD : &EDX_MSG_Q_PERIOD_REQUIRED);
  if (v && parsed.kind == EDX_PERIOD_SCHOOL_YEAR) {
    char year[EDX_PERIOD_CODE_LEN];
    edx_period_code(parsed.year, EDX_PERIOD_CALENDAR_YEAR, year, sizeof(year));
    edx_query_set(ctx, name, year);
    v = edx_query(ctx, name);
  }
  if (p)
    *p = parsed;
  return v;
}

int edx_query_period_format(edx_ctx *ctx, edx_period *p)
{
  json_t *errors = json_array();
  edx_query_period(ctx, "year", 1, p, errors);
  edx_query_format(ctx, errors);
  return edx_query_errors(ctx, errors);
}

int edx_query_year_format(edx_ctx *ctx, int *year)
{
  json_t *errors = json_array();
  edx_query_year(ctx, "year", 1, year, errors);
  edx_query_format(ctx, errors);
  return edx_query_errors(ctx, errors);
}

int edx_query_errors(edx_ctx *ctx, json_t *errors)
{
  if (ctx->query_errors) {
    json_array_extend(ctx->query_errors, errors);
    json_decref(errors);
    errors = ctx->query_errors;
    ctx->query_errors = NULL;
  }
  if (json_array_size(errors) == 0) {
    json_decref(errors);
    return 0;
  }
  edx_problem(ctx, EDX_EBADREQ, "the query string has invalid parameters", errors);
  return -1;
}
