/* testutil.c — shared assertions and set-up for HTTP suites (see testutil.h). */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

char *admin_token;

int problem_names_field(const http_resp *r, const char *field)
{
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(r->json, "errors"), i, e)
    if (strcmp(JSTR(e, "field"), field) == 0)
      return 1;
  return 0;
}

size_t problem_error_count(const http_resp *r)
{
  return json_array_size(json_object_get(r->json, "errors"));
}

char *make_district(const char *code, const char *name, const char *province)
{
  json_t *body = json_pack("{s:s,s:s,s:s}", "code", code, "name", name, "province", province);
  char *text = json_dumps(body, 0), *id;
  http_resp *r = http("POST", "/v1/districts", admin_token, text, NULL);
  ck_assert_int_eq(r->status, 201);
  id = strdup(JSTR(r->json, "id"));
  http_free(r);
  free(text);
  json_decref(body);
  return id;
}

char *make_school(const char *district_id, const char *code, const char *name)
{
  json_t *body = json_pack("{s:s,s:s,s:s,s:s}", "district_id", district_id, "code", code, "name",
                           name, "level", "primary");
  char *text = json_dumps(body, 0), *id;
  http_resp *r = http("POST", "/v1/schools", admin_token, text, NULL);
  ck_assert_msg(r->status == 201, "make_school %s: %ld %s", code, r->status, r->body);
  id = strdup(JSTR(r->json, "id"));
  http_free(r);
  free(text);
  json_decref(body);
  return id;
}

json_t *progress_entry(const json_t *entries, const char *code)
{
  size_t i;
  json_t *e;
  json_array_foreach(entries, i, e)
    if (strcmp(JSTR(e, "code"), code) == 0)
      return e;
  ck_abort_msg("no %s in the answer", code);
  return NULL;
}

json_t *answer_indicator(const http_resp *r, const char *code)
{
  return progress_entry(json_object_get(r->json, "indicators"), code);
}

void ck_progress_agrees(const char *district_code, int year)
{
  static const char *const keys[] = {"target", "comparator", "actual", "numerator",
                                     "denominator", "status", "gap", "reason", "expected",
                                     "reported"};
  char path[160];
  const json_t *all_entries = NULL, *d, *e;
  size_t i;
  snprintf(path, sizeof(path), "/v1/progress?year=%d", year);
  http_resp *all = http("GET", path, admin_token, NULL, NULL);
  snprintf(path, sizeof(path), "/v1/districts/code:%s/progress?year=%d", district_code, year);
  http_resp *own = http("GET", path, admin_token, NULL, NULL);
  ck_assert_msg(all->status == 200 && own->status == 200, "progress: %ld %ld", all->status,
                own->status);
  json_array_foreach(json_object_get(all->json, "districts"), i, d)
    if (strcmp(JSTR(json_object_get(d, "district"), "code"), district_code) == 0)
      all_entries = json_object_get(d, "indicators");
  ck_assert_msg(all_entries != NULL, "%s is not in /v1/progress?year=%d", district_code, year);
  ck_assert_uint_eq(json_array_size(all_entries),
                    json_array_size(json_object_get(own->json, "indicators")));
  json_array_foreach(json_object_get(own->json, "indicators"), i, e) {
    const json_t *a = progress_entry(all_entries, JSTR(e, "code"));
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
      ck_assert_msg(json_equal(json_object_get(a, keys[k]), json_object_get(e, keys[k])),
                    "%s %s.%s: /v1/progress and the district's progress differ", district_code,
                    JSTR(e, "code"), keys[k]);
  }
  http_free(all);
  http_free(own);
}
