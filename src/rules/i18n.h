/* i18n.h — the answer's language (English by default, Vietnamese on request) and the catalogue
 * of validation messages that exist in both languages, each with its stable machine code. */
#ifndef EDX_I18N_H
#define EDX_I18N_H

typedef enum { EDX_LANG_EN = 0, EDX_LANG_VI = 1 } edx_lang;

/* The language an Accept-Language header asks for: Vietnamese when "vi" (or a "vi-*" tag) has
 * the highest q-value above 0 of the ranges listed (the first listed wins a tie), English
 * otherwise, also when header is NULL or malformed. */
edx_lang edx_lang_from_accept(const char *header);
/* The language of a ?lang= value: "vi" or "vi-*" (any case) is Vietnamese, anything else or
 * NULL English. */
edx_lang edx_lang_from_token(const char *token);
/* The language's tag for Content-Language: "en" or "vi". */
const char *edx_lang_tag(edx_lang lang);

/* The machine codes of errors[] items (openapi.yaml: Problem.errors[].code). */
#define EDX_ERR_REQUIRED "required"
#define EDX_ERR_UNKNOWN_FIELD "unknown_field"
#define EDX_ERR_READ_ONLY "read_only"
#define EDX_ERR_WRONG_TYPE "wrong_type"
#define EDX_ERR_TOO_SHORT "too_short"
#define EDX_ERR_TOO_LONG "too_long"
#define EDX_ERR_OUT_OF_RANGE "out_of_range"
#define EDX_ERR_INVALID_FORMAT "invalid_format"
#define EDX_ERR_NOT_ALLOWED_VALUE "not_allowed_value"
#define EDX_ERR_NOT_FOUND "not_found"
#define EDX_ERR_CONFLICT "conflict"
#define EDX_ERR_INVALID "invalid" /* every check without a more precise code */

/* A message in both languages: printf formats taking the same arguments in the same order. */
typedef struct {
  const char *code; /* EDX_ERR_* */
  const char *en;
  const char *vi;
} edx_msg;

/* Every code above, NULL-terminated (for tests and documentation). */
extern const char *const edx_error_codes[];

/* The field-spec validator's messages (fields.c). */
extern const edx_msg EDX_MSG_REQUIRED;        /* no argument */
extern const edx_msg EDX_MSG_UNKNOWN_FIELD;
extern const edx_msg EDX_MSG_READ_ONLY;
extern const edx_msg EDX_MSG_NOT_NULL;
extern const edx_msg EDX_MSG_CONTROL_CHARS;
extern const edx_msg EDX_MSG_BLANK;
extern const edx_msg EDX_MSG_TOO_SHORT;       /* %ld min, %ld max */
extern const edx_msg EDX_MSG_TOO_LONG;        /* %ld min, %ld max */
extern const edx_msg EDX_MSG_INT_RANGE;       /* %ld min, %ld max */
extern const edx_msg EDX_MSG_INT_FORMAT;      /* %ld min, %ld max: not an integer at all */
extern const edx_msg EDX_MSG_UUID;
extern const edx_msg EDX_MSG_DATETIME;
extern const edx_msg EDX_MSG_ARRAY_TYPE;      /* %ld max items */
extern const edx_msg EDX_MSG_ARRAY_TOO_LONG;  /* %ld max items */
extern const edx_msg EDX_MSG_ENUM_ARRAY;      /* %s allowed values */
extern const edx_msg EDX_MSG_ENUM;            /* %s allowed values */
extern const edx_msg EDX_MSG_STRING;
extern const edx_msg EDX_MSG_INTEGER;
extern const edx_msg EDX_MSG_BOOL;
/* The query-string messages (api/query.c). */
extern const edx_msg EDX_MSG_Q_BOOL;
extern const edx_msg EDX_MSG_Q_TEXT_SHORT;    /* %ld max */
extern const edx_msg EDX_MSG_Q_TEXT_LONG;     /* %ld max */
extern const edx_msg EDX_MSG_Q_CODE;
extern const edx_msg EDX_MSG_Q_SCHOOL_YEAR;   /* %d the calendar year to give */
extern const edx_msg EDX_MSG_Q_YEAR_REQUIRED;
extern const edx_msg EDX_MSG_Q_YEAR;
extern const edx_msg EDX_MSG_Q_PERIOD_REQUIRED;
extern const edx_msg EDX_MSG_Q_PERIOD;
extern const edx_msg EDX_MSG_Q_UNKNOWN;
extern const edx_msg EDX_MSG_Q_UTF8;
/* A name and its deprecated alias given different values (fields.c, edx_alias_pick). */
extern const edx_msg EDX_MSG_ALIAS_CONFLICT;  /* %s the other name */
#endif
