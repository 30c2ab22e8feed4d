/* mirror.c — a mirror kept from the exports and the change feed (see mirror.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "mirror.h"

const char *const mirror_entities[] = {"district", "school", "plan", "report_value",
                                       "assessment", "framework", "indicator", "procedure",
                                       "dossier", NULL};

/* "<entity>/<id>" of a representation: indicators and frameworks by code, the rest by id. */
static void key_of(char *out, size_t len, const char *entity, const json_t *data)
{
  const char *field =
    strcmp(entity, "indicator") == 0 || strcmp(entity, "framework") == 0 ? "code" : "id";
  snprintf(out, len, "%s/%s", entity, json_string_value(json_object_get(data, field)));
}

char *mirror_load_export(json_t *mirror, const char *entity, const char *token)
{
  char path[128], key[256], *cursor = NULL, *line, *save = NULL;
  snprintf(path, sizeof(path), "/v1/exports/%s", entity);
  http_resp *r = http("GET", path, token, NULL, NULL);
  const char *header = r->status == 200 ? http_header(r, "Edudx-Cursor") : NULL;
  int complete = 0;
  if (!header) {
    fprintf(stderr, "export %s: %ld %s\n", entity, r->status, r->body);
    http_free(r);
    return NULL;
  }
  cursor = strdup(header);
  for (line = strtok_r(r->body, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    json_t *row = json_loads(line, 0, NULL);
    if (row && json_object_get(row, "cursor") && json_object_size(row) == 1) {
      complete = strcmp(json_string_value(json_object_get(row, "cursor")), cursor) == 0;
    } else if (row) {
      key_of(key, sizeof(key), entity, row);
      json_object_set(mirror, key, row);
    }
    json_decref(row);
  }
  http_free(r);
  if (!complete) {
    fprintf(stderr, "export %s: no final cursor line matching Edudx-Cursor\n", entity);
    free(cursor);
    cursor = NULL;
  }
  return cursor;
}

char *mirror_load_all(json_t *mirror, const char *token)
{
  char *first = NULL;
  for (int i = 0; mirror_entities[i]; i++) {
    char *cursor = mirror_load_export(mirror, mirror_entities[i], token);
    if (!cursor) {
      free(first);
      return NULL;
    }
    if (!first)
      first = cursor;
    else
      free(cursor);
  }
  return first;
}

char *mirror_follow(json_t *mirror, const char *cursor, const char *token, long limit,
                    long *applied)
{
  char *at = cursor ? strdup(cursor) : NULL, key[256];
  long n = 0;
  int more = 1;
  while (more) {
    char path[512];
    size_t i;
    json_t *item;
    snprintf(path, sizeof(path), "/v1/changes?limit=%ld%s%s", limit, at ? "&after=" : "",
             at ? at : "");
    http_resp *r = http("GET", path, token, NULL, NULL);
    if (r->status != 200) {
      fprintf(stderr, "%s: %ld %s\n", path, r->status, r->body);
      http_free(r);
      free(at);
      return NULL;
    }
    json_array_foreach(json_object_get(r->json, "items"), i, item) {
      snprintf(key, sizeof(key), "%s/%s", json_string_value(json_object_get(item, "entity")),
               json_string_value(json_object_get(item, "id")));
      if (strcmp(json_string_value(json_object_get(item, "op")), "delete") == 0)
        json_object_del(mirror, key);
      else
        json_object_set(mirror, key, json_object_get(item, "data"));
      n++;
    }
    more = json_is_true(json_object_get(r->json, "has_more"));
    free(at);
    at = strdup(json_string_value(json_object_get(r->json, "next")));
    http_free(r);
  }
  if (applied)
    *applied = n;
  return at;
}

static void report(long *count, const char *key, const char *why)
{
  if (++*count <= 5)
    fprintf(stderr, "mirror differs at %s: %s\n", key, why);
}

long mirror_differences(const json_t *a, const json_t *b)
{
  const char *key;
  json_t *value;
  long count = 0;
  json_object_foreach((json_t *)a, key, value) {
    const json_t *other = json_object_get(b, key);
    if (!other)
      report(&count, key, "only in the first");
    else if (!json_equal(value, other))
      report(&count, key, "different values");
  }
  json_object_foreach((json_t *)b, key, value)
    if (!json_object_get(a, key))
      report(&count, key, "only in the second");
  return count;
}
