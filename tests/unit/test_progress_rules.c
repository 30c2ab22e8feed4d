/* test_progress_rules.c — exact status arithmetic: comparators at the boundary, rounding half
 * up, decimals in hundredths, and each aggregation with hand-computed figures, including empty
 * denominators. */
#include <check.h>
#include "src/rules/progress_rules.h"

Suite *progress_rules_suite(void);

START_TEST(comparators_are_exact)
{
  /* a/b is the percent itself: 5000/100 = 50.00 %: >= 50 met, > 50 not */
  ck_assert(edx_pct_meets(5000, 100, EDX_CMP_GE, 5000));
  ck_assert(!edx_pct_meets(5000, 100, EDX_CMP_GT, 5000));
  ck_assert(!edx_pct_meets(4999, 100, EDX_CMP_GE, 5000));
  /* 2/3 = 66.666…: shown as 66.67 but below a 66.67 target */
  ck_assert(!edx_pct_meets(200, 3, EDX_CMP_GE, 6667));
  ck_assert(edx_pct_meets(200, 3, EDX_CMP_GE, 6666));
  /* 7/10 = 70 % against > 70 */
  ck_assert(!edx_pct_meets(700, 10, EDX_CMP_GT, 7000));
  ck_assert(edx_pct_meets(701, 10, EDX_CMP_GT, 7000));
}
END_TEST

START_TEST(rounding_and_decimals)
{
  ck_assert_int_eq(edx_pct_round_h(200, 3), 6667);     /* 66.666… → 66.67 */
  ck_assert_int_eq(edx_pct_round_h(100, 3), 3333);     /* 33.333… → 33.33 */
  ck_assert_int_eq(edx_pct_round_h(13990, 2000), 700); /* 6.995 → 7.00 (half up) */
  ck_assert_int_eq(edx_pct_round_h(0, 7), 0);
  ck_assert_int_eq(edx_decimal_to_h("92.5"), 9250);
  ck_assert_int_eq(edx_decimal_to_h("100"), 10000);
  ck_assert_int_eq(edx_decimal_to_h("0.05"), 5);
  ck_assert_int_eq(edx_decimal_to_h("374.99"), 37499);
  ck_assert_int_eq(edx_decimal_to_h("7.000"), 700);
  ck_assert_int_eq(edx_decimal_to_h("7.001"), -1);
  ck_assert_int_eq(edx_decimal_to_h("-1"), -1);
  ck_assert_int_eq(edx_decimal_to_h(".5"), -1);
  ck_assert_int_eq(edx_decimal_to_h(""), -1);
}
END_TEST

START_TEST(share_counts_missing_schools_in_the_denominator)
{
  edx_stats s = {.expected = 5, .reported = 4, .true_count = 3};
  edx_outcome o;
  edx_progress_evaluate(&o, "share", &s, EDX_CMP_GE, 10000);
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET);
  ck_assert_int_eq(o.actual_h, 6000);
  ck_assert_int_eq(o.numerator, 3);
  ck_assert_int_eq(o.denominator, 5);
  ck_assert_int_eq(o.gap_h, 4000);
  s.reported = 0;
  s.true_count = 0;
  edx_progress_evaluate(&o, "share", &s, EDX_CMP_GE, 10000);
  ck_assert_int_eq(o.status, EDX_STATUS_NO_DATA);
  ck_assert(!o.has_actual);
  s.expected = 0;
  edx_progress_evaluate(&o, "share", &s, EDX_CMP_GE, 10000);
  ck_assert_int_eq(o.status, EDX_STATUS_NO_DATA);
  ck_assert_ptr_nonnull(o.reason);
}
END_TEST

START_TEST(each_school_needs_every_school)
{
  /* 95 + 90 + 89.99 + 100 over 4 reported of 5: mean 93.7475 → 93.75; 3 meet of 5 */
  edx_stats s = {.expected = 5, .reported = 4, .meeting = 3, .sum_value_h = 37499};
  edx_outcome o;
  edx_progress_evaluate(&o, "each_school", &s, EDX_CMP_GE, 9000);
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET);
  ck_assert_int_eq(o.actual_h, 9375);
  ck_assert_int_eq(o.numerator, 3);
  ck_assert_int_eq(o.denominator, 5);
  ck_assert_int_eq(o.gap_h, 0); /* the mean is above target: no gap, yet not met */
  s.meeting = 5;
  s.reported = 5;
  s.sum_value_h = 47000;
  edx_progress_evaluate(&o, "each_school", &s, EDX_CMP_GE, 9000);
  ck_assert_int_eq(o.status, EDX_STATUS_MET);
}
END_TEST

START_TEST(mean_ratio_and_office)
{
  edx_outcome o;
  edx_stats mean = {.expected = 2, .reported = 2, .sum_value_h = 1399}; /* 7.00 + 6.99 */
  edx_progress_evaluate(&o, "mean", &mean, EDX_CMP_GE, 700);
  ck_assert_int_eq(o.actual_h, 700);             /* 6.995 shows as 7.00 */
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET); /* but is below 7 */
  ck_assert(!o.has_ratio);
  edx_stats ratio = {.expected = 5, .reported = 4, .sum_num = 14, .sum_den = 20};
  edx_progress_evaluate(&o, "ratio_of_sums", &ratio, EDX_CMP_GT, 7000);
  ck_assert_int_eq(o.actual_h, 7000);
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET);
  edx_progress_evaluate(&o, "ratio_of_sums", &ratio, EDX_CMP_GE, 7000);
  ck_assert_int_eq(o.status, EDX_STATUS_MET);
  ratio.sum_num = ratio.sum_den = 0; /* every school reported 0 of 0 sites */
  edx_progress_evaluate(&o, "ratio_of_sums", &ratio, EDX_CMP_GT, 7000);
  ck_assert_int_eq(o.status, EDX_STATUS_NO_DATA);
  edx_stats office = {.expected = 1, .reported = 1, .sum_value_h = 9800};
  edx_progress_evaluate(&o, "office_value", &office, EDX_CMP_GE, 9800);
  ck_assert_int_eq(o.status, EDX_STATUS_MET);
  office.reported = 0;
  edx_progress_evaluate(&o, "office_value", &office, EDX_CMP_GE, 9800);
  ck_assert_int_eq(o.status, EDX_STATUS_NO_DATA);
  edx_progress_evaluate(&o, "computed", &office, EDX_CMP_GE, 9800);
  ck_assert_int_eq(o.status, EDX_STATUS_NO_DATA);
}
END_TEST

Suite *progress_rules_suite(void)
{
  Suite *s = suite_create("progress_rules");
  TCase *tc = tcase_create("rules");
  tcase_add_test(tc, comparators_are_exact);
  tcase_add_test(tc, rounding_and_decimals);
  tcase_add_test(tc, share_counts_missing_schools_in_the_denominator);
  tcase_add_test(tc, each_school_needs_every_school);
  tcase_add_test(tc, mean_ratio_and_office);
  suite_add_tcase(s, tc);
  return s;
}
