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

/* The message fmt makes with ap, cut short inside no character. */
static void format_message(char *message, size_t size, const char *fmt, va_list ap)
{
  int n = vsnprintf(message, size, fmt, ap);
  if (n >= (int)size) /* cut short: not inside a character */
    cut_whole_characters(message, size - 1);
}

/* Appends {"field", "code", "message"} (and the Vietnamese message, when vi is not NULL). */
static void append_item(json_t *errors, const char *code, const char *field, const char *message,
                        const char *vi)
{
  json_t *item = json_pack("{s:s,s:s,s:s}", "field", field, "code", code, "message", message);
  /* a message quoting text that is not UTF-8 still counts as a problem, said plainly */
  if (!item) {
    json_t *name = json_string(field); /* NULL when the field's name is not UTF-8 either */
    item = json_pack("{s:s,s:s,s:s}", "field", name ? field : "?", "code", code, "message",
                     "is not valid (and cannot be quoted: it is not UTF-8)");
    json_decref(name);
  } else if (vi) {
    json_object_set_new(item, EDX_ERRORS_VI_KEY, json_string(vi));
  }
  json_array_append_new(errors, item);
}

void edx_errors_add(json_t *errors, const char *field, const char *fmt, ...)
{
  char message[300];
  va_list ap;
  va_start(ap, fmt);
  format_message(message, sizeof(message), fmt, ap);
  va_end(ap);
  append_item(errors, EDX_ERR_INVALID, field, message, NULL);
}

void edx_errors_add_code(json_t *errors, const char *code, const char *field, const char *fmt,
                         ...)
{
  char message[300];
  va_list ap;
  va_start(ap, fmt);
  format_message(message, sizeof(message), fmt, ap);
  va_end(ap);
  append_item(errors, code, field, message, NULL);
}

void edx_errors_say(json_t *errors, const char *field, const edx_msg *msg, ...)
{
  char en[300], vi[400];
  va_list ap, again;
  va_start(ap, msg);
  va_copy(again, ap);
  format_message(en, sizeof(en), msg->en, ap);
  format_message(vi, sizeof(vi), msg->vi, again);
  va_end(again);
  va_end(ap);
  append_item(errors, msg->code, field, en, vi);
}

const char *edx_alias_pick(const char *name, const char *value, const char *alias,
                           const char *alias_value, json_t *errors)
{
  if (value && alias_value && strcmp(value, alias_value) != 0) {
    edx_errors_say(errors, name, &EDX_MSG_ALIAS_CONFLICT, alias);
    edx_errors_say(errors, alias, &EDX_MSG_ALIAS_CONFLICT, name);
  }
  return value ? value : alias_value;
}

void edx_errors_localise(json_t *errors, edx_lang lang)
{
  size_t i;
  json_t *item;
  json_array_foreach(errors, i, item) {
    json_t *vi = json_object_get(item, EDX_ERRORS_VI_KEY);
    if (!json_is_object(item))
      continue;
    if (vi && lang == EDX_LANG_VI)
      json_object_set(item, "message", vi);
    json_object_del(item, EDX_ERRORS_VI_KEY);
    if (!json_is_string(json_object_get(item, "code")))
      json_object_set_new(item, "code", json_string(EDX_ERR_INVALID));
  }
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
      edx_errors_say(errors, key, &EDX_MSG_UNKNOWN_FIELD);
      found++;
    } else if (f->read_only) {
      edx_errors_say(errors, key, &EDX_MSG_READ_ONLY);
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
    edx_errors_say(errors, f->name, &EDX_MSG_CONTROL_CHARS);
    return 1;
  }
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  if (f->min > 0 && *p == '\0') {
    edx_errors_say(errors, f->name, &EDX_MSG_BLANK);
    return 1;
  }
  if (n < f->min || (f->max > 0 && n > f->max)) {
    edx_errors_say(errors, f->name, n < f->min ? &EDX_MSG_TOO_SHORT : &EDX_MSG_TOO_LONG, f->min,
                   f->max);
    return 1;
  }
  if (f->check && !f->check(s)) {
    if (strcmp(f->check_message, EDX_CODE_RULE) == 0)
      edx_errors_say(errors, f->name, &EDX_MSG_Q_CODE);
    else
      edx_errors_add_code(errors, EDX_ERR_INVALID_FORMAT, f->name, "%s", f->check_message);
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
    edx_errors_say(errors, f->name, &EDX_MSG_NOT_NULL);
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
      edx_errors_say(errors, f->name, &EDX_MSG_INT_RANGE, f->min, f->max);
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
    edx_errors_say(errors, f->name, &EDX_MSG_UUID);
    return 1;
  case EDX_FIELD_DATETIME:
    if (json_is_string(v) && edx_is_rfc3339(json_string_value(v)))
      return 0;
    edx_errors_say(errors, f->name, &EDX_MSG_DATETIME);
    return 1;
  case EDX_FIELD_ARRAY:
    if (json_is_array(v) && (long)json_array_size(v) <= f->max)
      return 0;
    edx_errors_say(errors, f->name,
                   json_is_array(v) ? &EDX_MSG_ARRAY_TOO_LONG : &EDX_MSG_ARRAY_TYPE, f->max);
    return 1;
  case EDX_FIELD_OBJECT:
    if (json_is_object(v))
      return 0;
    edx_errors_add_code(errors, EDX_ERR_WRONG_TYPE, f->name, "must be an object");
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
    edx_errors_say(errors, f->name, &EDX_MSG_ENUM_ARRAY, list);
    return 1;
  case EDX_FIELD_ENUM:
    for (int i = 0; json_is_string(v) && f->choices[i]; i++)
      if (strcmp(f->choices[i], json_string_value(v)) == 0)
        return 0;
    join_choices(f->choices, list, sizeof(list));
    edx_errors_say(errors, f->name, &EDX_MSG_ENUM, list);
    return 1;
  }
  edx_errors_say(errors, f->name, f->kind == EDX_FIELD_STRING ? &EDX_MSG_STRING
                                  : f->kind == EDX_FIELD_INT  ? &EDX_MSG_INTEGER
                                                              : &EDX_MSG_BOOL);
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
        edx_errors_say(errors, f->name, &EDX_MSG_REQUIRED);
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
