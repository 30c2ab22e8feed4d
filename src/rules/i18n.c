/* i18n.c — Accept-Language, ?lang= and the bilingual message catalogue (see i18n.h). */
#include <stdlib.h>
#include <string.h>
#include "src/rules/i18n.h"
#include "src/rules/periods.h"
#include "src/rules/validate.h"

const char *const edx_error_codes[] = {
  EDX_ERR_REQUIRED, EDX_ERR_UNKNOWN_FIELD, EDX_ERR_READ_ONLY, EDX_ERR_WRONG_TYPE,
  EDX_ERR_TOO_SHORT, EDX_ERR_TOO_LONG, EDX_ERR_OUT_OF_RANGE, EDX_ERR_INVALID_FORMAT,
  EDX_ERR_NOT_ALLOWED_VALUE, EDX_ERR_NOT_FOUND, EDX_ERR_CONFLICT, EDX_ERR_INVALID, NULL,
};

/* 1 when the len bytes at tag are the language tag "vi" or a "vi-*" one (any case). */
static int is_vi(const char *tag, size_t len)
{
  return len >= 2 && (tag[0] == 'v' || tag[0] == 'V') && (tag[1] == 'i' || tag[1] == 'I') &&
         (len == 2 || tag[2] == '-');
}

edx_lang edx_lang_from_token(const char *token)
{
  return token && is_vi(token, strlen(token)) ? EDX_LANG_VI : EDX_LANG_EN;
}

const char *edx_lang_tag(edx_lang lang)
{
  return lang == EDX_LANG_VI ? "vi" : "en";
}

/* The q-value of one language-range's parameters (";q=0.5"), 1000ths; 1000 when absent, -1 when
 * malformed. */
static int q_of(const char *params, size_t len)
{
  const char *q = NULL;
  char value[8];
  char *end;
  double d;
  for (size_t i = 0; i + 1 < len; i++)
    if (params[i] == ';') {
      size_t j = i + 1;
      while (j < len && params[j] == ' ')
        j++;
      if (j + 1 < len && (params[j] == 'q' || params[j] == 'Q') && params[j + 1] == '=')
        q = params + j + 2;
    }
  if (!q)
    return 1000;
  len -= (size_t)(q - params);
  if (len == 0 || len >= sizeof(value))
    return -1;
  memcpy(value, q, len);
  value[len] = '\0';
  d = strtod(value, &end);
  while (*end == ' ')
    end++;
  return *end != '\0' || d < 0 || d > 1 ? -1 : (int)(d * 1000 + 0.5);
}

edx_lang edx_lang_from_accept(const char *header)
{
  int best_q = 0;
  edx_lang best = EDX_LANG_EN;
  while (header && *header) {
    size_t len = strcspn(header, ",");
    const char *tag = header;
    size_t tag_len;
    int q;
    while (tag < header + len && (*tag == ' ' || *tag == '\t'))
      tag++;
    tag_len = strcspn(tag, ";, \t");
    q = q_of(tag + tag_len, len - (size_t)(tag - header) - tag_len);
    if (q > best_q) {
      best_q = q;
      best = is_vi(tag, tag_len) ? EDX_LANG_VI : EDX_LANG_EN;
    }
    header += len + (header[len] == ',');
  }
  return best;
}

const edx_msg EDX_MSG_REQUIRED = {EDX_ERR_REQUIRED, "is required", "là bắt buộc"};
const edx_msg EDX_MSG_UNKNOWN_FIELD = {EDX_ERR_UNKNOWN_FIELD, "unknown field",
                                       "là trường không được hỗ trợ"};
const edx_msg EDX_MSG_READ_ONLY = {EDX_ERR_READ_ONLY, "is read-only",
                                   "chỉ được đọc, không được gửi"};
const edx_msg EDX_MSG_NOT_NULL = {EDX_ERR_REQUIRED, "must not be null",
                                  "không được để null"};
const edx_msg EDX_MSG_CONTROL_CHARS = {EDX_ERR_INVALID_FORMAT,
                                       "must be text without control characters",
                                       "phải là văn bản không chứa ký tự điều khiển"};
const edx_msg EDX_MSG_BLANK = {EDX_ERR_TOO_SHORT, "must not be blank",
                               "không được để trống"};
const edx_msg EDX_MSG_TOO_SHORT = {EDX_ERR_TOO_SHORT, "must be %ld to %ld characters long",
                                   "phải dài từ %ld đến %ld ký tự"};
const edx_msg EDX_MSG_TOO_LONG = {EDX_ERR_TOO_LONG, "must be %ld to %ld characters long",
                                  "phải dài từ %ld đến %ld ký tự"};
const edx_msg EDX_MSG_INT_RANGE = {EDX_ERR_OUT_OF_RANGE, "must be an integer from %ld to %ld",
                                   "phải là số nguyên từ %ld đến %ld"};
const edx_msg EDX_MSG_INT_FORMAT = {EDX_ERR_INVALID_FORMAT, "must be an integer from %ld to %ld",
                                    "phải là số nguyên từ %ld đến %ld"};
const edx_msg EDX_MSG_UUID = {EDX_ERR_INVALID_FORMAT, "must be a UUID",
                              "phải là một UUID"};
const edx_msg EDX_MSG_DATETIME = {
  EDX_ERR_INVALID_FORMAT, "must be an RFC 3339 date-time such as 2024-05-31T08:00:00Z",
  "phải là thời điểm theo RFC 3339, ví dụ 2024-05-31T08:00:00Z"};
const edx_msg EDX_MSG_ARRAY_TYPE = {EDX_ERR_WRONG_TYPE, "must be an array of at most %ld items",
                                    "phải là một mảng có tối đa %ld phần tử"};
const edx_msg EDX_MSG_ARRAY_TOO_LONG = {EDX_ERR_TOO_LONG, "must be an array of at most %ld items",
                                        "phải là một mảng có tối đa %ld phần tử"};
const edx_msg EDX_MSG_ENUM_ARRAY = {EDX_ERR_NOT_ALLOWED_VALUE,
                                    "must be an array of distinct values from %s",
                                    "phải là một mảng các giá trị khác nhau trong số %s"};
const edx_msg EDX_MSG_ENUM = {EDX_ERR_NOT_ALLOWED_VALUE, "must be one of %s",
                              "phải là một trong các giá trị %s"};
const edx_msg EDX_MSG_STRING = {EDX_ERR_WRONG_TYPE, "must be a string", "phải là chuỗi ký tự"};
const edx_msg EDX_MSG_INTEGER = {EDX_ERR_WRONG_TYPE, "must be an integer", "phải là số nguyên"};
const edx_msg EDX_MSG_BOOL = {EDX_ERR_WRONG_TYPE, "must be true or false",
                              "phải là true hoặc false"};
const edx_msg EDX_MSG_Q_BOOL = {EDX_ERR_INVALID_FORMAT, "must be true or false",
                                "phải là true hoặc false"};
const edx_msg EDX_MSG_Q_TEXT_SHORT = {EDX_ERR_TOO_SHORT, "must be 1 to %ld characters of text",
                                      "phải là văn bản dài từ 1 đến %ld ký tự"};
const edx_msg EDX_MSG_Q_TEXT_LONG = {EDX_ERR_TOO_LONG, "must be 1 to %ld characters of text",
                                     "phải là văn bản dài từ 1 đến %ld ký tự"};
const edx_msg EDX_MSG_Q_CODE = {EDX_ERR_INVALID_FORMAT, EDX_CODE_RULE,
                                "phải gồm 1 đến 32 chữ cái, chữ số, '-', '_' hoặc '.'"};
const edx_msg EDX_MSG_Q_SCHOOL_YEAR = {
  EDX_ERR_INVALID_FORMAT,
  "is a school year, but this is counted per calendar year: give one, such as %d",
  "là năm học, nhưng số liệu này tính theo năm dương lịch: hãy cho một năm, ví dụ %d"};
const edx_msg EDX_MSG_Q_YEAR_REQUIRED = {EDX_ERR_REQUIRED, "is required: " EDX_YEAR_RULE,
                                         "là bắt buộc: một năm từ 2000 đến 2100"};
const edx_msg EDX_MSG_Q_YEAR = {EDX_ERR_INVALID_FORMAT, "must be " EDX_YEAR_RULE,
                                "phải là một năm từ 2000 đến 2100"};
const edx_msg EDX_MSG_Q_PERIOD_REQUIRED = {
  EDX_ERR_REQUIRED, "is required: " EDX_PERIOD_RULE,
  "là bắt buộc: một năm dương lịch (2024) hoặc một năm học (2023-2024), từ 2000 đến 2100"};
const edx_msg EDX_MSG_Q_PERIOD = {
  EDX_ERR_INVALID_FORMAT, "must be " EDX_PERIOD_RULE,
  "phải là một năm dương lịch (2024) hoặc một năm học (2023-2024), từ 2000 đến 2100"};
const edx_msg EDX_MSG_Q_UNKNOWN = {EDX_ERR_UNKNOWN_FIELD, "unknown query parameter",
                                   "là tham số truy vấn không được hỗ trợ"};
const edx_msg EDX_MSG_Q_UTF8 = {EDX_ERR_INVALID_FORMAT, "must be valid UTF-8 text",
                                "phải là văn bản UTF-8 hợp lệ"};
const edx_msg EDX_MSG_ALIAS_CONFLICT = {
  EDX_ERR_CONFLICT,
  "differs from %s, another name for the same thing: give one of them (or the same value in both)",
  "khác với %s, một tên khác của cùng nội dung: chỉ cho một trong hai (hoặc cùng một giá trị)"};
