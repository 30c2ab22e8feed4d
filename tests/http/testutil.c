/* testutil.c — shared assertions and set-up for HTTP suites (see testutil.h). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <stdint.h>
#include <zlib.h>
#include "testutil.h"

char *admin_token;
const char *server_log_path;

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

char *mint_token(const char *as, const char *body, char *id_out)
{
  http_resp *r = http("POST", "/v1/tokens", as, body, NULL);
  char *secret;
  ck_assert_msg(r->status == 201, "mint %s: %ld %s", body, r->status, r->body);
  secret = strdup(JSTR(r->json, "token"));
  if (id_out)
    snprintf(id_out, ID_SIZE, "%s", JSTR(r->json, "id"));
  http_free(r);
  return secret;
}

char *mint_scoped(const char *role, const char *scope_field, const char *scope_id)
{
  char body[256];
  snprintf(body, sizeof(body), "{\"role\":\"%s\",\"%s\":\"%s\"}", role, scope_field, scope_id);
  return mint_token(admin_token, body, NULL);
}

char *create_as_admin(const char *path, const char *body)
{
  http_resp *r = http("POST", path, admin_token, body, NULL);
  char *id;
  ck_assert_msg(r->status == 201, "POST %s %s: %ld %s", path, body, r->status, r->body);
  id = strdup(JSTR(r->json, "id"));
  http_free(r);
  return id;
}

char *new_school(const char *district_id, const char *code, const char *level, const char *extra)
{
  char body[1024];
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"code\":\"%s\",\"name\":\"Trường %s\","
           "\"level\":\"%s\"%s}", district_id, code, code, level, extra);
  return create_as_admin("/v1/schools", body);
}

char *new_procedure(const char *district_id, const char *code, const char *name,
                    const char *extra)
{
  char body[1024];
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"code\":\"%s\",\"name\":\"%s\"%s}",
           district_id, code, name, extra);
  return create_as_admin("/v1/procedures", body);
}

char *new_dossier(const char *district_id, const char *procedure_id, const char *reference,
                  const char *channel, const char *received_at, const char *extra)
{
  char body[1024], district[80] = "";
  if (district_id)
    snprintf(district, sizeof(district), "\"district_id\":\"%s\",", district_id);
  snprintf(body, sizeof(body), "{%s\"procedure_id\":\"%s\",\"reference\":\"%s\",\"channel\":"
           "\"%s\",\"received_at\":\"%s\"%s}", district, procedure_id, reference, channel,
           received_at, extra);
  return create_as_admin("/v1/dossiers", body);
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

void ck_import_refuses_non_records(const char *path, const char *token, const char *what)
{
  char array_of[96], media[128];
  snprintf(array_of, sizeof(array_of), "the body must be a JSON array of %s objects", what);
  snprintf(media, sizeof(media), "send %ss as application/json (an array) or text/csv", what);
  const struct {
    const char *body, *type, *detail;
    long status;
  } cases[] = {
    {"[{\"code\": ", "application/json", "malformed JSON at line 1, column", 400},
    {"{\"code\":\"x\"}", "application/json", array_of, 400},
    {"[{}, 1, {}]", "application/json", "record 2 is not a JSON object", 400},
    {"[]", "application/json", "the import holds no records", 400},
    {"code,name\n", "text/csv", "the import holds no records", 400},
    {"code,name\n\"X-1,open\n", "text/csv", "never closed", 400},
    {"code,name", "text/plain", media, 415},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char type[64];
    snprintf(type, sizeof(type), "Content-Type: %s", cases[i].type);
    const char *headers[] = {type, NULL};
    http_resp *r = http("POST", path, token, cases[i].body, headers);
    ck_assert_msg(r->status == cases[i].status, "%s case %zu: %ld %s", path, i, r->status,
                  r->body);
    ck_assert_msg(r->json && strstr(JSTR(r->json, "detail"), cases[i].detail),
                  "%s case %zu: detail %s", path, i, r->body);
    http_free(r);
  }
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
  static const char *const keys[] = {"target", "comparator", "actual", "mean", "numerator",
                                     "denominator", "status", "gap", "reason", "expected",
                                     "reported", "all_procedures", "ratings"};
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
      ck_assert_msg((!json_object_get(a, keys[k]) && !json_object_get(e, keys[k])) ||
                        json_equal(json_object_get(a, keys[k]), json_object_get(e, keys[k])),
                    "%s %s.%s: /v1/progress and the district's progress differ", district_code,
                    JSTR(e, "code"), keys[k]);
  }
  http_free(all);
  http_free(own);
}

/* Inflates body as one whole gzip member (zlib checks the header, CRC-32 and length); the text
 * (malloc'ed, NUL-terminated) and its length. Fails the test on anything else. */
char *gunzip(const char *body, size_t len, size_t *out_len)
{
  size_t cap = len * 8 + 1024, used = 0;
  char *out = malloc(cap);
  z_stream z;
  int zrc;
  memset(&z, 0, sizeof(z));
  ck_assert_int_eq(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = (Bytef *)(uintptr_t)body;
  z.avail_in = (uInt)len;
  do {
    if (cap - used < 65536) {
      cap *= 2;
      out = realloc(out, cap);
    }
    z.next_out = (Bytef *)out + used;
    z.avail_out = (uInt)(cap - used - 1);
    zrc = inflate(&z, Z_NO_FLUSH);
    ck_assert_msg(zrc == Z_OK || zrc == Z_STREAM_END, "inflate: %d", zrc);
    used = (size_t)((char *)z.next_out - out);
  } while (zrc != Z_STREAM_END);
  ck_assert_uint_eq(z.avail_in, 0); /* nothing after the member */
  inflateEnd(&z);
  out[used] = '\0';
  *out_len = used;
  return out;
}

/* Milliseconds until GET path as token answers status, polling every 50 ms for 5 s (-1: never). */
long ms_until_status(const char *path, const char *token, long status)
{
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (int i = 0; i < 100; i++) {
    http_resp *r = http("GET", path, token, NULL, NULL);
    long got = r->status;
    http_free(r);
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (got == status)
      return (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
    nanosleep(&(struct timespec){0, 50 * 1000000L}, NULL);
  }
  return -1;
}

void wait_for_backend(const char *condition)
{
  char sql[256];
  int seen = 0;
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM pg_stat_activity WHERE %s", condition);
  for (int i = 0; i < 200 && !seen; i++) {
    char *n = sql_value(sql);
    seen = strcmp(n, "0") != 0;
    free(n);
    if (!seen) {
      struct timespec pause = {0, 50 * 1000000L};
      nanosleep(&pause, NULL);
    }
  }
  ck_assert_msg(seen, "no backend with %s", condition);
}
