/* test_school_rules.c — level filters, CSV coercion, phone numbers, and the school token's
 * contact-field rule, general-education levels. */
#include <check.h>
#include <string.h>
#include "src/rules/roles.h"
#include "src/rules/school_rules.h"
#include "src/rules/validate.h"

Suite *school_rules_suite(void);

START_TEST(level_filters)
{
  char out[128];
  ck_assert_int_eq(edx_school_levels_literal("primary", out, sizeof(out)), 0);
  ck_assert_str_eq(out, "{primary}");
  ck_assert_int_eq(edx_school_levels_literal("primary,lower_secondary", out, sizeof(out)), 0);
  ck_assert_str_eq(out, "{primary,lower_secondary}");
  ck_assert_int_eq(edx_school_levels_literal("college", out, sizeof(out)), -1);
  ck_assert_int_eq(edx_school_levels_literal("primary,primary", out, sizeof(out)), -1);
  ck_assert_int_eq(edx_school_levels_literal("primary,", out, sizeof(out)), -1);
  ck_assert_int_eq(edx_school_levels_literal(",primary", out, sizeof(out)), -1);
  ck_assert_int_eq(edx_school_levels_literal("", out, sizeof(out)), -1);
  ck_assert_int_eq(edx_school_levels_literal("primary,,preschool", out, sizeof(out)), -1);
}
END_TEST

START_TEST(csv_cells_become_typed_values)
{
  json_t *row = json_pack("{s:s,s:s,s:s,s:s,s:s}", "students", "312", "teachers", "12a",
                          "satellite_sites", "-1", "active", "0", "name", "42");
  edx_fields_coerce_csv(edx_school_fields, row);
  ck_assert_int_eq(json_integer_value(json_object_get(row, "students")), 312);
  ck_assert(json_is_string(json_object_get(row, "teachers")));      /* left for validation */
  ck_assert(json_is_string(json_object_get(row, "satellite_sites")));
  ck_assert(json_is_false(json_object_get(row, "active")));
  ck_assert(json_is_string(json_object_get(row, "name")));          /* not a count */
  json_object_set_new(row, "active", json_string("true"));
  edx_fields_coerce_csv(edx_school_fields, row);
  ck_assert(json_is_true(json_object_get(row, "active")));
  json_object_set_new(row, "active", json_string("có"));
  edx_fields_coerce_csv(edx_school_fields, row);
  ck_assert(json_is_string(json_object_get(row, "active")));
  json_decref(row);
}
END_TEST

START_TEST(phone_numbers)
{
  ck_assert(edx_is_phone("0232 3 681 234"));
  ck_assert(edx_is_phone("+84 232 3681234"));
  ck_assert(edx_is_phone("(0232) 3.681.234"));
  ck_assert(!edx_is_phone("12345"));
  ck_assert(!edx_is_phone("call me"));
  ck_assert(!edx_is_phone("0232-ABC-1234"));
  ck_assert(!edx_is_phone("+ - . ( ) 12345"));           /* 5 digits */
  ck_assert(!edx_is_phone("012345678901234567890"));     /* 21 characters */
}
END_TEST

START_TEST(school_tokens_touch_only_contact_fields)
{
  const char *contact[] = {"phone", "email", "website", "address", "principal", NULL};
  const char *mixed[] = {"phone", "name", "active", NULL};
  edx_caller school = {.role = EDX_ROLE_SCHOOL, .district_id = "d1", .school_id = "s1"};
  json_t *errors = json_array();
  ck_assert_int_eq(edx_may_patch_school(&school, "d1", 0, contact, errors), EDX_SCHOOL_PATCH_OK);
  ck_assert_uint_eq(json_array_size(errors), 0);
  ck_assert_int_eq(edx_may_patch_school(&school, "d1", 0, mixed, errors),
                   EDX_SCHOOL_PATCH_CONTACTS_ONLY);
  ck_assert_uint_eq(json_array_size(errors), 2);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")), "name");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "field")), "active");
  json_decref(errors);
}
END_TEST

START_TEST(general_education_levels)
{
  ck_assert(edx_school_level_general("primary"));
  ck_assert(edx_school_level_general("lower_secondary"));
  ck_assert(edx_school_level_general("primary_lower_secondary"));
  ck_assert(!edx_school_level_general("preschool"));
  ck_assert(!edx_school_level_general(NULL));
}
END_TEST

Suite *school_rules_suite(void)
{
  Suite *s = suite_create("school_rules");
  TCase *tc = tcase_create("rules");
  tcase_add_test(tc, level_filters);
  tcase_add_test(tc, csv_cells_become_typed_values);
  tcase_add_test(tc, phone_numbers);
  tcase_add_test(tc, school_tokens_touch_only_contact_fields);
  tcase_add_test(tc, general_education_levels);
  suite_add_tcase(s, tc);
  return s;
}
