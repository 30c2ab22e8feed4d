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
