/* jsonx.c — strict parsing, merge patch and canonical form (see jsonx.h). */
#include <stdio.h>
#include "src/rules/jsonx.h"

json_t *edx_json_parse_object(const char *body, size_t length, char *why, size_t why_len)
{
  json_error_t err;
  json_t *value = NULL;
  if (!body || length == 0) {
    snprintf(why, why_len, "the request body is empty; a JSON object is expected");
    return NULL;
  }
  value = json_loadb(body, length, JSON_REJECT_DUPLICATES, &err);
  if (!value) {
    snprintf(why, why_len, "malformed JSON at line %d, column %d: %s", err.line, err.column,
             err.text);
    return NULL;
  }
  if (!json_is_object(value)) {
    snprintf(why, why_len, "the request body must be a JSON object");
    json_decref(value);
    return NULL;
  }
  return value;
}

void edx_json_merge_patch(json_t *target, const json_t *patch)
{
  const char *key;
  json_t *value;
  json_object_foreach((json_t *)patch, key, value) {
    json_t *current = json_object_get(target, key);
    if (json_is_null(value)) {
      json_object_del(target, key);
    } else if (json_is_object(value) && json_is_object(current)) {
      edx_json_merge_patch(current, value);
    } else if (json_is_object(value)) {
      json_t *fresh = json_object();
      edx_json_merge_patch(fresh, value);
      json_object_set_new(target, key, fresh);
    } else {
      json_object_set(target, key, value);
    }
  }
}

char *edx_json_canonical(const json_t *value)
{
  return json_dumps(value, EDX_JSON_OUT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

const char *edx_json_str(const json_t *obj, const char *key)
{
  return json_string_value(json_object_get(obj, key));
}
