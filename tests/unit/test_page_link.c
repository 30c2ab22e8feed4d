/* test_page_link.c — the next page's Link header: the request's own path and query, after and
 * offset replaced by the new cursor, everything else kept as sent, always a valid URI. */
#include <check.h>
#include <stdlib.h>
#include "src/rules/page_link.h"

Suite *page_link_suite(void);

static void ck_link(const char *target, const char *cursor, const char *expected)
{
  char *link = edx_page_link_next(target, cursor);
  ck_assert_str_eq(link, expected);
  free(link);
}

START_TEST(after_and_offset_are_replaced)
{
  ck_link("/v1/schools?limit=2&offset=4&sort=-code&after=OLD", "NEW",
          "</v1/schools?limit=2&sort=-code&after=NEW>; rel=\"next\"");
  ck_link("/v1/schools", "Wz-_", "</v1/schools?after=Wz-_>; rel=\"next\"");
  ck_link("/v1/schools?", "C", "</v1/schools?after=C>; rel=\"next\"");
  ck_link("/v1/schools/code%3A44/reports/2024/history?after=A&after=B", "C",
          "</v1/schools/code%3A44/reports/2024/history?after=C>; rel=\"next\"");
}
END_TEST

START_TEST(other_parameters_are_kept_as_sent)
{
  /* names are compared decoded: %61fter is after, offse%74 is offset; afterx and a bare
   * after are not / are after; empty components go */
  ck_link("/v1/reports?%61fter=x&offse%74=3&q=%C4%90%E1%BB%93ng&&afterx=1&after&format=csv", "C",
          "</v1/reports?q=%C4%90%E1%BB%93ng&afterx=1&format=csv&after=C>; rel=\"next\"");
  ck_link("/v1/schools?q=a+b&district_id=0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b", "C",
          "</v1/schools?q=a+b&district_id=0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b&after=C>; "
          "rel=\"next\"");
}
END_TEST

START_TEST(what_a_uri_may_not_hold_is_escaped)
{
  ck_link("/v1/schools?q=a<b>\"c\\d e|f{g}^`", "C",
          "</v1/schools?q=a%3Cb%3E%22c%5Cd%20e%7Cf%7Bg%7D%5E%60&after=C>; rel=\"next\"");
  ck_link("/v1/schools?q=\xC4\x90&q2=100%&q3=%zz&q4=%4", "C",
          "</v1/schools?q=%C4%90&q2=100%25&q3=%25zz&q4=%254&after=C>; rel=\"next\"");
  ck_link("/v1/schools#frag?x=1", "C", "</v1/schools%23frag?x=1&after=C>; rel=\"next\"");
}
END_TEST

Suite *page_link_suite(void)
{
  Suite *s = suite_create("page_link");
  TCase *tc = tcase_create("next");
  tcase_add_test(tc, after_and_offset_are_replaced);
  tcase_add_test(tc, other_parameters_are_kept_as_sent);
  tcase_add_test(tc, what_a_uri_may_not_hold_is_escaped);
  suite_add_tcase(s, tc);
  return s;
}
