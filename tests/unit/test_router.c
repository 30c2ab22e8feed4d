/* test_router.c — path patterns: literal segments, captured parameters, no partial matches. */
#include <check.h>
#include <string.h>
#include "src/rules/router.h"

Suite *router_suite(void);

START_TEST(matches_and_captures)
{
  edx_path_params p;
  ck_assert(edx_route_match("/v1/districts", "/v1/districts", &p));
  ck_assert_int_eq(p.count, 0);
  ck_assert(edx_route_match("/v1/districts/{district}", "/v1/districts/code:453", &p));
  ck_assert_str_eq(edx_path_param(&p, "district"), "code:453");
  ck_assert_ptr_null(edx_path_param(&p, "school"));
  ck_assert(edx_route_match("/v1/schools/{school}/reports/{year}", "/v1/schools/x/reports/2024", &p));
  ck_assert_str_eq(edx_path_param(&p, "school"), "x");
  ck_assert_str_eq(edx_path_param(&p, "year"), "2024");
  ck_assert(edx_route_match("/v1/districts/{district}", "/v1/districts/code%3A45%33", &p));
  ck_assert_str_eq(edx_path_param(&p, "district"), "code:453");
}
END_TEST

START_TEST(refuses_near_misses)
{
  edx_path_params p;
  ck_assert(!edx_route_match("/v1/districts", "/v1/districts/", &p));
  ck_assert(!edx_route_match("/v1/districts/{district}", "/v1/districts/", &p));
  ck_assert(!edx_route_match("/v1/districts/{district}", "/v1/districts", &p));
  ck_assert(!edx_route_match("/v1/districts/{district}", "/v1/districts/a/b", &p));
  ck_assert(!edx_route_match("/v1/districts", "/v1/district", &p));
  ck_assert(!edx_route_match("/v1/districts", "/v1/districtsx", &p));
  ck_assert(!edx_route_match("/v1/me", "v1/me", &p));
  ck_assert(!edx_route_match("/v1/districts/{district}", "/v1/districts/a%2Fb", &p));
  ck_assert(!edx_route_match("/v1/districts/{district}", "/v1/districts/a%00", &p));
  ck_assert(!edx_route_match("/v1/districts/{district}", "/v1/districts/a%4", &p));
  ck_assert(!edx_route_match("/v1/districts/{district}", "/v1/districts/%zz", &p));
}
END_TEST

START_TEST(csv_stem)
{
  char stem[32] = "untouched";
  ck_assert(edx_route_csv_stem("/v1/schools.csv", stem, sizeof(stem)));
  ck_assert_str_eq(stem, "/v1/schools");
  ck_assert(edx_route_csv_stem("/v1/districts/code:453/progress.csv", stem, sizeof(stem)));
  ck_assert_str_eq(stem, "/v1/districts/code:453/progress");
  strcpy(stem, "untouched");
  ck_assert(!edx_route_csv_stem("/v1/schools", stem, sizeof(stem)));
  ck_assert(!edx_route_csv_stem("/v1/.csv", stem, sizeof(stem)));
  ck_assert(!edx_route_csv_stem(".csv", stem, sizeof(stem)));
  ck_assert(!edx_route_csv_stem("/v1/schools.CSV", stem, sizeof(stem)));
  ck_assert(!edx_route_csv_stem("/v1/schools.csv/", stem, sizeof(stem)));
  ck_assert(!edx_route_csv_stem("/v1/a-very-long-path-indeed.csv", stem, 8));
  ck_assert_str_eq(stem, "untouched");
}
END_TEST

Suite *router_suite(void)
{
  Suite *s = suite_create("router");
  TCase *tc = tcase_create("match");
  tcase_add_test(tc, matches_and_captures);
  tcase_add_test(tc, refuses_near_misses);
  tcase_add_test(tc, csv_stem);
  suite_add_tcase(s, tc);
  return s;
}
