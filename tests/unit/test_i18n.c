/* test_i18n.c — the answer's language from Accept-Language and ?lang=, the problem titles in
 * both languages, and the errors[] codes and Vietnamese messages of the field-spec validator. */
#include <check.h>
#include <string.h>
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/i18n.h"
#include "src/rules/problems.h"

Suite *i18n_suite(void);

START_TEST(accept_language_prefers_the_highest_q)
{
  ck_assert_int_eq(edx_lang_from_accept(NULL), EDX_LANG_EN);
  ck_assert_int_eq(edx_lang_from_accept(""), EDX_LANG_EN);
  ck_assert_int_eq(edx_lang_from_accept("vi"), EDX_LANG_VI);
  ck_assert_int_eq(edx_lang_from_accept("vi-VN"), EDX_LANG_VI);
  ck_assert_int_eq(edx_lang_from_accept("VI-vn,vi;q=0.9"), EDX_LANG_VI);
  ck_assert_int_eq(edx_lang_from_accept("en-US,en;q=0.9,vi;q=0.8"), EDX_LANG_EN);
  ck_assert_int_eq(edx_lang_from_accept("en;q=0.5, vi-VN;q=0.8"), EDX_LANG_VI);
  ck_assert_int_eq(edx_lang_from_accept("fr, vi;q=0.9"), EDX_LANG_EN);   /* fr first: English */
  ck_assert_int_eq(edx_lang_from_accept("vi;q=0"), EDX_LANG_EN);         /* q=0: not wanted */
  ck_assert_int_eq(edx_lang_from_accept("vi;q=1.5"), EDX_LANG_EN);       /* malformed q */
  ck_assert_int_eq(edx_lang_from_accept("vie"), EDX_LANG_EN);            /* not the tag vi */
  ck_assert_int_eq(edx_lang_from_accept("*;q=0.1, vi ; q=0.2"), EDX_LANG_VI);
  ck_assert_int_eq(edx_lang_from_accept("vi;q=0.5, en;q=0.5"), EDX_LANG_VI); /* tie: first */
}
END_TEST

START_TEST(lang_token_and_tag)
{
  ck_assert_int_eq(edx_lang_from_token("vi"), EDX_LANG_VI);
  ck_assert_int_eq(edx_lang_from_token("vi-VN"), EDX_LANG_VI);
  ck_assert_int_eq(edx_lang_from_token("en"), EDX_LANG_EN);
  ck_assert_int_eq(edx_lang_from_token("fr"), EDX_LANG_EN);
  ck_assert_int_eq(edx_lang_from_token("v"), EDX_LANG_EN);
  ck_assert_int_eq(edx_lang_from_token(NULL), EDX_LANG_EN);
  ck_assert_str_eq(edx_lang_tag(EDX_LANG_VI), "vi");
  ck_assert_str_eq(edx_lang_tag(EDX_LANG_EN), "en");
}
END_TEST

START_TEST(every_problem_type_has_both_titles)
{
  ck_assert_uint_eq(edx_problem_kind_count, 21); /* the 21 types of openapi.yaml's Problem */
  for (size_t i = 0; i < edx_problem_kind_count; i++) {
    const edx_problem_kind *k = &edx_problem_kinds[i];
    ck_assert_ptr_eq(edx_problem_kind_of(k->code), k);
    ck_assert_uint_gt(strlen(k->title_vi), 0);
    ck_assert_str_ne(k->title, k->title_vi);
  }
  ck_assert_str_eq(edx_problem_title(edx_problem_kind_of(EDX_EINVALID), EDX_LANG_VI),
                   "Dữ liệu không hợp lệ");
  ck_assert_str_eq(edx_problem_title(edx_problem_kind_of(EDX_EINVALID), EDX_LANG_EN),
                   "Validation failed");
  ck_assert_int_eq(edx_problem_kind_of(12345)->status, 500); /* unknown: the 500 */
  /* by status, as the head rule names them */
  ck_assert_str_eq(edx_problem_kind_of_status(414)->slug, "uri-too-long");
  ck_assert_str_eq(edx_problem_kind_of_status(431)->slug, "header-fields-too-large");
  ck_assert_str_eq(edx_problem_kind_of_status(505)->slug, "http-version-not-supported");
  ck_assert_str_eq(edx_problem_kind_of_status(400)->slug, "bad-request");
  ck_assert_str_eq(edx_problem_kind_of_status(299)->slug, "bad-request"); /* none: 400's */
}
END_TEST

/* The item of errors for field. */
static json_t *item_for(json_t *errors, const char *field)
{
  size_t i;
  json_t *e;
  json_array_foreach(errors, i, e)
    if (strcmp(json_string_value(json_object_get(e, "field")), field) == 0)
      return e;
  return NULL;
}

static const char *str(json_t *item, const char *key)
{
  return json_string_value(json_object_get(item, key));
}

static const char *const levels[] = {"primary", "lower_secondary", NULL};
static const edx_field spec[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "code", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 32},
  {.name = "name", .kind = EDX_FIELD_STRING, .min = 2, .max = 5},
  {.name = "title", .kind = EDX_FIELD_STRING, .min = 2, .max = 5},
  {.name = "students", .kind = EDX_FIELD_INT, .max = 100},
  {.name = "active", .kind = EDX_FIELD_BOOL},
  {.name = "level", .kind = EDX_FIELD_ENUM, .choices = levels},
  {.name = "tags", .kind = EDX_FIELD_ARRAY, .max = 1},
  {NULL},
};

START_TEST(validator_items_carry_codes_and_both_messages)
{
  json_t *body = json_loads("{\"id\":\"x\",\"extra\":1,\"name\":\"a\",\"title\":\"abcdef\","
                            "\"students\":101,\"active\":1,\"level\":\"college\","
                            "\"tags\":[1,2]}", 0, NULL);
  json_t *errors = json_array();
  ck_assert_int_eq(edx_fields_reject_unknown(body, spec, errors), 2);
  ck_assert_int_eq(edx_fields_check_create(body, spec, errors), 7);
  ck_assert_str_eq(str(item_for(errors, "id"), "code"), "read_only");
  ck_assert_str_eq(str(item_for(errors, "extra"), "code"), "unknown_field");
  ck_assert_str_eq(str(item_for(errors, "code"), "code"), "required");
  ck_assert_str_eq(str(item_for(errors, "name"), "code"), "too_short");
  ck_assert_str_eq(str(item_for(errors, "title"), "code"), "too_long");
  ck_assert_str_eq(str(item_for(errors, "students"), "code"), "out_of_range");
  ck_assert_str_eq(str(item_for(errors, "active"), "code"), "wrong_type");
  ck_assert_str_eq(str(item_for(errors, "level"), "code"), "not_allowed_value");
  ck_assert_str_eq(str(item_for(errors, "tags"), "code"), "too_long");
  /* the English message is unchanged; the Vietnamese one waits beside it */
  ck_assert_str_eq(str(item_for(errors, "name"), "message"), "must be 2 to 5 characters long");
  ck_assert_str_eq(str(item_for(errors, "name"), EDX_ERRORS_VI_KEY), "phải dài từ 2 đến 5 ký tự");
  ck_assert_str_eq(str(item_for(errors, "students"), EDX_ERRORS_VI_KEY),
                   "phải là số nguyên từ 0 đến 100");
  ck_assert_str_eq(str(item_for(errors, "level"), EDX_ERRORS_VI_KEY),
                   "phải là một trong các giá trị primary, lower_secondary");
  json_decref(body);
  json_decref(errors);
}
END_TEST

START_TEST(localise_picks_the_language_and_drops_the_other)
{
  json_t *vi = json_array(), *en = json_array();
  edx_errors_say(vi, "code", &EDX_MSG_REQUIRED);
  edx_errors_add(vi, "x", "checked elsewhere");
  json_array_append_new(vi, json_pack("{s:s,s:s}", "field", "y", "message", "no code"));
  edx_errors_say(en, "code", &EDX_MSG_REQUIRED);
  edx_errors_localise(vi, EDX_LANG_VI);
  edx_errors_localise(en, EDX_LANG_EN);
  ck_assert_str_eq(str(item_for(vi, "code"), "message"), "là bắt buộc");
  ck_assert_str_eq(str(item_for(en, "code"), "message"), "is required");
  ck_assert_ptr_null(json_object_get(item_for(vi, "code"), EDX_ERRORS_VI_KEY));
  ck_assert_ptr_null(json_object_get(item_for(en, "code"), EDX_ERRORS_VI_KEY));
  /* a message with no Vietnamese stays English, with the catch-all code */
  ck_assert_str_eq(str(item_for(vi, "x"), "message"), "checked elsewhere");
  ck_assert_str_eq(str(item_for(vi, "x"), "code"), "invalid");
  ck_assert_str_eq(str(item_for(vi, "y"), "code"), "invalid");
  ck_assert_uint_eq(json_object_size(item_for(vi, "code")), 3); /* field, code, message */
  json_decref(vi);
  json_decref(en);
}
END_TEST

START_TEST(every_catalogue_code_is_listed)
{
  const edx_msg *msgs[] = {&EDX_MSG_REQUIRED, &EDX_MSG_UNKNOWN_FIELD, &EDX_MSG_READ_ONLY,
                           &EDX_MSG_NOT_NULL, &EDX_MSG_CONTROL_CHARS, &EDX_MSG_BLANK,
                           &EDX_MSG_TOO_SHORT, &EDX_MSG_TOO_LONG, &EDX_MSG_INT_RANGE,
                           &EDX_MSG_INT_FORMAT, &EDX_MSG_UUID, &EDX_MSG_DATETIME,
                           &EDX_MSG_ARRAY_TYPE, &EDX_MSG_ARRAY_TOO_LONG, &EDX_MSG_ENUM_ARRAY,
                           &EDX_MSG_ENUM, &EDX_MSG_STRING, &EDX_MSG_INTEGER, &EDX_MSG_BOOL,
                           &EDX_MSG_Q_BOOL, &EDX_MSG_Q_TEXT_SHORT, &EDX_MSG_Q_TEXT_LONG,
                           &EDX_MSG_Q_CODE, &EDX_MSG_Q_SCHOOL_YEAR, &EDX_MSG_Q_YEAR_REQUIRED,
                           &EDX_MSG_Q_YEAR, &EDX_MSG_Q_PERIOD_REQUIRED, &EDX_MSG_Q_PERIOD,
                           &EDX_MSG_Q_UNKNOWN, &EDX_MSG_Q_UTF8, &EDX_MSG_ALIAS_CONFLICT};
  for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
    int listed = 0;
    for (int c = 0; edx_error_codes[c]; c++)
      listed |= strcmp(edx_error_codes[c], msgs[i]->code) == 0;
    ck_assert_msg(listed, "%s has an unlisted code", msgs[i]->en);
    ck_assert_str_ne(msgs[i]->en, msgs[i]->vi);
  }
}
END_TEST

Suite *i18n_suite(void)
{
  Suite *s = suite_create("i18n");
  TCase *tc = tcase_create("languages");
  tcase_add_test(tc, accept_language_prefers_the_highest_q);
  tcase_add_test(tc, lang_token_and_tag);
  tcase_add_test(tc, every_problem_type_has_both_titles);
  tcase_add_test(tc, validator_items_carry_codes_and_both_messages);
  tcase_add_test(tc, localise_picks_the_language_and_drops_the_other);
  tcase_add_test(tc, every_catalogue_code_is_listed);
  suite_add_tcase(s, tc);
  return s;
}
