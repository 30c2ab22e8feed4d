/* test_org_units.c — the org-unit rules: which level a unit's parent has. */
#include <check.h>
#include "src/rules/district_rules.h"

Suite *org_units_suite(void);

START_TEST(a_unit_hangs_under_the_level_above)
{
  ck_assert_str_eq(edx_org_unit_parent_level("commune"), "district");
  ck_assert_str_eq(edx_org_unit_parent_level("district"), "province");
  ck_assert_ptr_null(edx_org_unit_parent_level("province"));
  ck_assert_ptr_null(edx_org_unit_parent_level("state"));
  ck_assert_ptr_null(edx_org_unit_parent_level(NULL));
}
END_TEST

Suite *org_units_suite(void)
{
  Suite *s = suite_create("org_units");
  TCase *tc = tcase_create("org_units");
  tcase_add_test(tc, a_unit_hangs_under_the_level_above);
  suite_add_tcase(s, tc);
  return s;
}
