/* test_roles.c — what each role may do, by scope. */
#include <check.h>
#include <string.h>
#include "src/rules/roles.h"

Suite *roles_suite(void);

static const char *A = "aaaaaaaa-0000-0000-0000-000000000000";
static const char *B = "bbbbbbbb-0000-0000-0000-000000000000";

static edx_caller caller(edx_role role, const char *district)
{
  edx_caller c;
  memset(&c, 0, sizeof(c));
  c.role = role;
  if (district)
    strcpy(c.district_id, district);
  return c;
}

START_TEST(names_round_trip)
{
  edx_role r;
  ck_assert_int_eq(edx_role_parse("reader", &r), 0);
  ck_assert_int_eq(r, EDX_ROLE_READER);
  ck_assert_str_eq(edx_role_name(EDX_ROLE_SCHOOL), "school");
  ck_assert_int_eq(edx_role_parse("root", &r), -1);
  ck_assert_int_eq(edx_role_parse(NULL, &r), -1);
}
END_TEST

START_TEST(scope_of_reading)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller reader_all = caller(EDX_ROLE_READER, NULL), reader_a = caller(EDX_ROLE_READER, A);
  edx_caller school = caller(EDX_ROLE_SCHOOL, A);
  ck_assert(edx_caller_sees_district(&admin, B));
  ck_assert(edx_caller_sees_district(&reader_all, B));
  ck_assert(edx_caller_sees_district(&reader_a, A));
  ck_assert(!edx_caller_sees_district(&reader_a, B));
  ck_assert(edx_caller_sees_district(&office, A));
  ck_assert(!edx_caller_sees_district(&office, B));
  ck_assert(edx_caller_sees_district(&school, A));
  ck_assert(!edx_caller_sees_district(&school, B));
  ck_assert(edx_caller_sees_school(&reader_a, A, "s1"));
  ck_assert(!edx_caller_sees_school(&reader_a, B, "s1"));
  strcpy(school.school_id, "s1");
  ck_assert(edx_caller_sees_school(&school, A, "s1"));
  ck_assert(!edx_caller_sees_school(&school, A, "s2"));
  ck_assert(!edx_caller_sees_school(&school, A, NULL)); /* the office's own data */
  ck_assert(edx_caller_unscoped(&reader_all));
  ck_assert(!edx_caller_unscoped(&office));
}
END_TEST

START_TEST(changing_districts_and_minting)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller reader = caller(EDX_ROLE_READER, A), school = caller(EDX_ROLE_SCHOOL, A);
  ck_assert(edx_may_manage_districts(&admin));
  ck_assert(!edx_may_manage_districts(&office));
  ck_assert(edx_may_patch_district(&office, A, 0));
  ck_assert(!edx_may_patch_district(&office, A, 1));
  ck_assert(!edx_may_patch_district(&office, B, 0));
  ck_assert(edx_may_patch_district(&admin, B, 1));
  ck_assert(!edx_may_patch_district(&reader, A, 0));
  ck_assert(edx_may_mint_token(&admin, EDX_ROLE_ADMIN, ""));
  ck_assert(edx_may_mint_token(&office, EDX_ROLE_SCHOOL, A));
  ck_assert(edx_may_mint_token(&office, EDX_ROLE_READER, A));
  ck_assert(!edx_may_mint_token(&office, EDX_ROLE_READER, B));
  ck_assert(!edx_may_mint_token(&office, EDX_ROLE_READER, ""));
  ck_assert(!edx_may_mint_token(&office, EDX_ROLE_DISTRICT, A));
  ck_assert(!edx_may_mint_token(&office, EDX_ROLE_ADMIN, ""));
  ck_assert(!edx_may_mint_token(&school, EDX_ROLE_READER, A));
  ck_assert(!edx_may_mint_token(&reader, EDX_ROLE_READER, A));
  ck_assert(edx_may_administer(&office));
  ck_assert(!edx_may_administer(&reader));
  ck_assert(!edx_may_administer(&school));
}
END_TEST

Suite *roles_suite(void)
{
  Suite *s = suite_create("roles");
  TCase *tc = tcase_create("rules");
  tcase_add_test(tc, names_round_trip);
  tcase_add_test(tc, scope_of_reading);
  tcase_add_test(tc, changing_districts_and_minting);
  suite_add_tcase(s, tc);
  return s;
}
