/* test_fields.c — declarative body validation: unknown and read-only fields, required, null,
 * types, lengths in code points, formats, enums, and every problem reported at once. */
#include <check.h>
#include <string.h>
#include "src/rules/fields.h"
#include "src/rules/validate.h"

Suite *fields_suite(void);

static const char *const levels[] = {"primary", "lower_secondary", NULL};
static const edx_field spec[] = {
  {.name = "id", .kind = EDX_FIELD_UUID, .read_only = 1},
  {.name = "code", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 32,
   .check = edx_is_code, .check_message = "must be a code"},
  {.name = "name", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = 5},
  {.name = "note", .kind = EDX_FIELD_STRING, .nullable = 1, .max = 10},
  {.name = "students", .kind = EDX_FIELD_INT, .max = 100000},
  {.name = "active", .kind = EDX_FIELD_BOOL},
  {.name = "level", .kind = EDX_FIELD_ENUM, .choices = levels},
  {.name = "district_id", .kind = EDX_FIELD_UUID, .nullable = 1},
  {.name = "at", .kind = EDX_FIELD_DATETIME, .nullable = 1},
  {NULL},
};

/* The message reported for field, or NULL. */
static const char *message_for(json_t *errors, const char *field)
{
  size_t i;
  json_t *e;
  json_array_foreach(errors, i, e)
    if (strcmp(json_string_value(json_object_get(e, "field")), field) == 0)
      return json_string_value(json_object_get(e, "message"));
  return NULL;
}

START_TEST(valid_create_has_no_problems)
{
  json_t *body = json_loads("{\"code\":\"TH1\",\"name\":\"Đồng\",\"note\":null,\"students\":0,"
                            "\"active\":false,\"level\":\"primary\",\"at\":\"2024-01-01T00:00:00Z\"}",
                            0, NULL);
  json_t *errors = json_array();
  ck_assert_int_eq(edx_fields_check_create(body, spec, errors), 0);
  ck_assert_int_eq(edx_fields_reject_unknown(body, spec, errors), 0);
  ck_assert_uint_eq(json_array_size(errors), 0);
  json_decref(body);
  json_decref(errors);
}
END_TEST

START_TEST(every_problem_is_reported_at_once)
{
  json_t *body = json_loads("{\"code\":\"a b\",\"name\":\"Trường\",\"students\":-1,\"active\":\"yes\","
                            "\"level\":\"college\",\"district_id\":\"x\",\"at\":\"today\"}",
                            0, NULL);
  json_t *errors = json_array();
  ck_assert_int_eq(edx_fields_check_create(body, spec, errors), 7);
  ck_assert_str_eq(message_for(errors, "code"), "must be a code");
  ck_assert_str_eq(message_for(errors, "name"), "must be 1 to 5 characters long"); /* 6 points */
  ck_assert_str_eq(message_for(errors, "students"), "must be an integer from 0 to 100000");
  ck_assert_str_eq(message_for(errors, "active"), "must be true or false");
  ck_assert_str_eq(message_for(errors, "level"), "must be one of primary, lower_secondary");
  ck_assert_str_eq(message_for(errors, "district_id"), "must be a UUID");
  ck_assert_ptr_nonnull(strstr(message_for(errors, "at"), "RFC 3339"));
  json_decref(body);
  json_decref(errors);
}
END_TEST

START_TEST(required_null_and_blank)
{
  json_t *body = json_loads("{\"name\":null,\"note\":\"   \"}", 0, NULL);
  json_t *errors = json_array();
  ck_assert_int_eq(edx_fields_check_create(body, spec, errors), 2);
  ck_assert_str_eq(message_for(errors, "code"), "is required");
  ck_assert_str_eq(message_for(errors, "name"), "must not be null");
  ck_assert_ptr_null(message_for(errors, "note")); /* min 0: blank is allowed */
  json_decref(body);
  body = json_loads("{\"code\":\"A\",\"name\":\"  \"}", 0, NULL);
  json_array_clear(errors);
  ck_assert_int_eq(edx_fields_check_create(body, spec, errors), 1);
  ck_assert_str_eq(message_for(errors, "name"), "must not be blank");
  json_decref(body);
  json_decref(errors);
}
END_TEST

START_TEST(patch_checks_only_present_fields)
{
  json_t *patch = json_loads("{\"note\":null,\"name\":\"Mới\"}", 0, NULL);
  json_t *errors = json_array();
  ck_assert_int_eq(edx_fields_check_patch(patch, spec, errors), 0);
  json_decref(patch);
  patch = json_loads("{\"code\":null,\"students\":1.5}", 0, NULL);
  ck_assert_int_eq(edx_fields_check_patch(patch, spec, errors), 2);
  ck_assert_str_eq(message_for(errors, "code"), "must not be null");
  ck_assert_str_eq(message_for(errors, "students"), "must be an integer");
  json_decref(patch);
  json_decref(errors);
}
END_TEST

START_TEST(unknown_and_read_only_fields)
{
  json_t *body = json_loads("{\"id\":\"x\",\"colour\":1,\"code\":\"A\"}", 0, NULL);
  json_t *errors = json_array();
  ck_assert_int_eq(edx_fields_reject_unknown(body, spec, errors), 2);
  ck_assert_str_eq(message_for(errors, "id"), "is read-only");
  ck_assert_str_eq(message_for(errors, "colour"), "unknown field");
  json_decref(body);
  json_decref(errors);
}
END_TEST

START_TEST(a_long_or_broken_message_still_counts)
{
  json_t *errors = json_array();
  char value[600] = "/v1/a";
  const char *message;
  for (int i = 0; i < 120; i++) /* "ệ", 3 bytes each: 365 bytes in all */
    strcat(value, "\xE1\xBB\x87");
  /* the 300-byte message is cut inside an "ệ" (before: the cut made it invalid UTF-8 and the
   * problem was silently dropped: a forged cursor was answered 200) */
  edx_errors_add(errors, "after", "this cursor belongs to another list (%s)", value);
  ck_assert_uint_eq(json_array_size(errors), 1);
  message = json_string_value(json_object_get(json_array_get(errors, 0), "message"));
  /* "this cursor belongs to another list (" is 37 bytes, "/v1/a" 5: 257 bytes of "ệ" fit, 85
   * whole ones (255 bytes) */
  ck_assert_uint_eq(strlen(message), 37 + 5 + 85 * 3);
  edx_errors_add(errors, "sort", "unknown sort field '%s'", "\xff\xfe");
  ck_assert_uint_eq(json_array_size(errors), 2);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "field")), "sort");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "message")),
                   "is not valid (and cannot be quoted: it is not UTF-8)");
  json_decref(errors);
}
END_TEST

/* A value given under a name and under its deprecated alias (status= and state=, issue 15). */
START_TEST(a_name_and_its_deprecated_alias)
{
  json_t *errors = json_array(), *e;
  ck_assert_ptr_null(edx_alias_pick("status", NULL, "state", NULL, errors));
  ck_assert_str_eq(edx_alias_pick("status", "draft", "state", NULL, errors), "draft");
  ck_assert_str_eq(edx_alias_pick("status", NULL, "state", "returned", errors), "returned");
  ck_assert_str_eq(edx_alias_pick("status", "draft", "state", "draft", errors), "draft");
  ck_assert_uint_eq(json_array_size(errors), 0);
  /* different: one conflict under each name, each message naming the other, in both languages */
  edx_alias_pick("status", "draft", "state", "recognized", errors);
  ck_assert_uint_eq(json_array_size(errors), 2);
  e = json_array_get(errors, 0);
  ck_assert_str_eq(json_string_value(json_object_get(e, "field")), "status");
  ck_assert_str_eq(json_string_value(json_object_get(e, "code")), EDX_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(e, "message")), "state"));
  ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(e, EDX_ERRORS_VI_KEY)),
                               "state"));
  e = json_array_get(errors, 1);
  ck_assert_str_eq(json_string_value(json_object_get(e, "field")), "state");
  ck_assert_str_eq(json_string_value(json_object_get(e, "code")), EDX_ERR_CONFLICT);
  ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(e, "message")), "status"));
  json_decref(errors);
}
END_TEST

Suite *fields_suite(void)
{
  Suite *s = suite_create("fields");
  TCase *tc = tcase_create("validation");
  tcase_add_test(tc, valid_create_has_no_problems);
  tcase_add_test(tc, every_problem_is_reported_at_once);
  tcase_add_test(tc, required_null_and_blank);
  tcase_add_test(tc, patch_checks_only_present_fields);
  tcase_add_test(tc, unknown_and_read_only_fields);
  tcase_add_test(tc, a_long_or_broken_message_still_counts);
  tcase_add_test(tc, a_name_and_its_deprecated_alias);
  suite_add_tcase(s, tc);
  return s;
}
