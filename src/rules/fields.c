/* fields.c — declarative validation of JSON bodies (see fields.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/fields.h"
#include "src/rules/validate.h"

/* Drops the bytes of a UTF-8 sequence that a cut at len left incomplete at the end of s. */
static void cut_whole_characters(char *s, size_t len)
{
  size_t start = len, need;
  unsigned char lead;
  while (start > 0 && start > len - 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
    start--;
  if (start == 0)
    return;
  lead = (unsigned char)s[start - 1];
  need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (len - (start - 1) < need)
    s[start - 1] = '\0';
}

void edx_errors_add(json_t *errors, const char *field, const char *fmt, ...)
{
  char message[300];
  json_t *item;
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(message, sizeof(message), fmt, ap);
  va_end(ap);
  if (n >= (int)sizeof(message)) /* cut short: not inside a character */
    cut_whole_characters(message, sizeof(message) - 1);
  item = json_pack("{s:s,s:s}", "field", field, "message", message);
  /* a message quoting text that is not UTF-8 still counts as a problem, said plainly */
  if (!item) {
    json_t *name = json_string(field); /* NULL when the field's name is not UTF-8 either */
    item = json_pack("{s:s,s:s}", "field", name ? field : "?", "message",
                     "is not valid (and cannot be quoted: it is not UTF-8)");
    json_decref(name);
  }
  json_array_append_new(errors, item);
}

static const edx_field *find_field(const edx_field *spec, const char *name)
{
  for (; spec->name; spec++)
    if (strcmp(spec->name, name) == 0)
      return spec;
  return NULL;
}

int edx_fields_reject_unknown(const json_t *obj, const edx_field *spec, json_t *errors)
{
  const char *key;
  json_t *value;
  int found = 0;
  json_object_foreach((json_t *)obj, key, value) {
    const edx_field *f = find_field(spec, key);
    if (!f) {
      edx_errors_add(errors, key, "unknown field");
      found++;
    } else if (f->read_only) {
      edx_errors_add(errors, key, "is read-only");
      found++;
    }
  }
  return found;
}

static void join_choices(const char *const *choices, char *out, size_t len)
{
  size_t used = 0;
  out[0] = '\0';
  for (int i = 0; choices[i] && used < len; i++)
    used += (size_t)snprintf(out + used, len - used, "%s%s", i ? ", " : "", choices[i]);
}

static int check_string(const edx_field *f, const char *s, json_t *errors)
{
  long n = edx_utf8_length(s);
  const char *p = s;
  if (n < 0) {
    edx_errors_add(errors, f->name, "must be text without control characters");
    return 1;
  }
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  if (f->min > 0 && *p == '\0') {
    edx_errors_add(errors, f->name, "must not be blank");
    return 1;
  }
  if (n < f->min || (f->max > 0 && n > f->max)) {
    edx_errors_add(errors, f->name, "must be %ld to %ld characters long", f->min, f->max);
    return 1;
  }
  if (f->check && !f->check(s)) {
    edx_errors_add(errors, f->name, "%s", f->check_message);
    return 1;
  }
  return 0;
}

/* Validates one present value against its field. Returns 1 when a problem was reported. */
static int check_value(const edx_field *f, const json_t *v, json_t *errors)
{
  char list[300];
  if (json_is_null(v)) {
    if (f->nullable)
      return 0;
    edx_errors_add(errors, f->name, "must not be null");
    return 1;
  }
  switch (f->kind) {
  case EDX_FIELD_STRING:
    if (!json_is_string(v))
      break;
    return check_string(f, json_string_value(v), errors);
  case EDX_FIELD_INT:
    if (!json_is_integer(v))
      break;
    if (json_integer_value(v) < f->min || json_integer_value(v) > f->max) {
      edx_errors_add(errors, f->name, "must be an integer from %ld to %ld", f->min, f->max);
      return 1;
    }
    return 0;
  case EDX_FIELD_BOOL:
    if (!json_is_boolean(v))
      break;
    return 0;
  case EDX_FIELD_UUID:
    if (json_is_string(v) && edx_is_uuid(json_string_value(v)))
      return 0;
    edx_errors_add(errors, f->name, "must be a UUID");
    return 1;
  case EDX_FIELD_DATETIME:
    if (json_is_string(v) && edx_is_rfc3339(json_string_value(v)))
      return 0;
    edx_errors_add(errors, f->name, "must be an RFC 3339 date-time such as 2024-05-31T08:00:00Z");
    return 1;
  case EDX_FIELD_ARRAY:
    if (json_is_array(v) && (long)json_array_size(v) <= f->max)
      return 0;
    edx_errors_add(errors, f->name, "must be an array of at most %ld items", f->max);
    return 1;
  case EDX_FIELD_ENUM_ARRAY:
    if (json_is_array(v)) {
      size_t i, k;
      json_t *item;
      json_array_foreach(v, i, item) {
        int known = 0;
        for (int c = 0; json_is_string(item) && f->choices[c]; c++)
          known |= strcmp(f->choices[c], json_string_value(item)) == 0;
        for (k = 0; known && k < i; k++)
          known = !json_equal(json_array_get(v, k), item);
        if (!known)
          break;
      }
      if (i == json_array_size(v))
        return 0;
    }
    join_choices(f->choices, list, sizeof(list));
    edx_errors_add(errors, f->name, "must be an array of distinct values from %s", list);
    return 1;
  case EDX_FIELD_ENUM:
    for (int i = 0; json_is_string(v) && f->choices[i]; i++)
      if (strcmp(f->choices[i], json_string_value(v)) == 0)
        return 0;
    join_choices(f->choices, list, sizeof(list));
    edx_errors_add(errors, f->name, "must be one of %s", list);
    return 1;
  }
  edx_errors_add(errors, f->name, "must be %s",
                 f->kind == EDX_FIELD_STRING ? "a string"
                 : f->kind == EDX_FIELD_INT  ? "an integer"
                                             : "true or false");
  return 1;
}

int edx_fields_check_create(const json_t *obj, const edx_field *spec, json_t *errors)
{
  int problems = 0;
  for (const edx_field *f = spec; f->name; f++) {
    const json_t *v = json_object_get(obj, f->name);
    if (f->read_only)
      continue;
    if (!v) {
      if (f->required) {
        edx_errors_add(errors, f->name, "is required");
        problems++;
      }
      continue;
    }
    problems += check_value(f, v, errors);
  }
  return problems;
}

/* 1 when s is 1 to 9 decimal digits. */
static int plain_digits(const char *s)
{
  size_t n = strlen(s);
  if (n < 1 || n > 9)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

void edx_fields_coerce_csv(const edx_field *spec, json_t *row)
{
  for (const edx_field *f = spec; f->name; f++) {
    const char *v = json_string_value(json_object_get(row, f->name));
    if (!v)
      continue;
    if (f->kind == EDX_FIELD_INT && plain_digits(v))
      json_object_set_new(row, f->name, json_integer(strtol(v, NULL, 10)));
    else if (f->kind == EDX_FIELD_BOOL && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0))
      json_object_set_new(row, f->name, json_true());
    else if (f->kind == EDX_FIELD_BOOL && (strcmp(v, "false") == 0 || strcmp(v, "0") == 0))
      json_object_set_new(row, f->name, json_false());
  }
}

int edx_fields_check_patch(const json_t *patch, const edx_field *spec, json_t *errors)
{
  int problems = 0;
  for (const edx_field *f = spec; f->name; f++) {
    const json_t *v = json_object_get(patch, f->name);
    if (v && !f->read_only)
      problems += check_value(f, v, errors);
  }
  return problems;
}
