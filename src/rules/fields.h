/* fields.h — declarative validation of JSON request bodies: a resource describes its fields once
 * (type, required, nullable, lengths, format) and gets every problem reported at once as
 * {"field", "message"} items. */
#ifndef EDX_FIELDS_H
#define EDX_FIELDS_H
#include <jansson.h>
#include <stddef.h>
#include "src/rules/i18n.h"

typedef enum {
  EDX_FIELD_STRING,
  EDX_FIELD_INT,
  EDX_FIELD_BOOL,
  EDX_FIELD_UUID,
  EDX_FIELD_DATETIME,
  EDX_FIELD_ENUM,
  EDX_FIELD_ENUM_ARRAY, /* an array of distinct values from choices */
  EDX_FIELD_ARRAY,      /* any array of at most max items; its items are checked elsewhere */
  EDX_FIELD_OBJECT,     /* any JSON object; its members are checked elsewhere */
} edx_field_kind;

/* One field of a resource, written with designated initialisers so that what is left out is
 * off: {.name = "code", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 32}. */
typedef struct {
  const char *name;             /* NULL ends a spec array */
  edx_field_kind kind;
  int required;                 /* must be present on create */
  int nullable;                 /* null is allowed (and clears it on PATCH) */
  int read_only;                /* clients may not send it (ids, timestamps, computed fields) */
  long min;                     /* strings: min code points; ints: min value */
  long max;                     /* strings: max code points; ints: max value; arrays: items */
  int (*check)(const char *);   /* extra format check for strings, or NULL */
  const char *check_message;    /* message when check fails */
  const char *const *choices;   /* EDX_FIELD_ENUM(_ARRAY): NULL-terminated allowed values */
} edx_field;

/* Appends {"field", "code": "invalid", "message"} to errors (printf-style message): a check
 * without a more precise code. */
void edx_errors_add(json_t *errors, const char *field, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));
/* The same with a machine code (EDX_ERR_*, i18n.h); the message is English only. */
void edx_errors_add_code(json_t *errors, const char *code, const char *field, const char *fmt,
                         ...) __attribute__((format(printf, 4, 5)));
/* Appends a catalogue message (i18n.h) with its code, in English and, under EDX_ERRORS_VI_KEY,
 * in Vietnamese (both formatted from the same arguments). */
void edx_errors_say(json_t *errors, const char *field, const edx_msg *msg, ...);
/* Where an item keeps its Vietnamese message until edx_errors_localise. */
#define EDX_ERRORS_VI_KEY "message_vi"
/* Readies items for an answer in lang: the Vietnamese message replaces the English one when lang
 * is Vietnamese and the item has one; EDX_ERRORS_VI_KEY is dropped; an item without a code gets
 * "invalid". */
void edx_errors_localise(json_t *errors, edx_lang lang);
/* The value of a field or parameter given under its name, under a deprecated alias of that name
 * (issue 15: status, once state), or both: value when given, else alias_value (NULL when neither
 * is). Both given and different: one EDX_MSG_ALIAS_CONFLICT item under each name, naming the
 * other (such a request is a 400), and value is returned. */
const char *edx_alias_pick(const char *name, const char *value, const char *alias,
                           const char *alias_value, json_t *errors);

/* Reports every key of obj that the spec does not know or that clients may not set.
 * Returns how many were found (such bodies are a 400). */
int edx_fields_reject_unknown(const json_t *obj, const edx_field *spec, json_t *errors);

/* Validates a complete object (create): required fields present, each value valid.
 * Returns the number of problems appended to errors. */
int edx_fields_check_create(const json_t *obj, const edx_field *spec, json_t *errors);

/* Turns the text cells of a CSV record into the JSON types of their fields, in place: an integer
 * field's plain decimal digits (at most 9) become an integer, a boolean field's true/false/1/0 a
 * boolean. Anything else stays a string, so validation reports it with the field's message. */
void edx_fields_coerce_csv(const edx_field *spec, json_t *row);

/* Validates the fields present in a merge patch (absent ones are left alone).
 * Returns the number of problems appended to errors. */
int edx_fields_check_patch(const json_t *patch, const edx_field *spec, json_t *errors);
#endif
