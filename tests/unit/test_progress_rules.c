/* test_progress_rules.c — exact status arithmetic: comparators at the boundary, rounding half
 * up, decimals in hundredths, and each aggregation with hand-computed figures, including empty
 * denominators; each_school as the share of schools meeting the target with the mean beside it,
 * and a gap never 0 when a target is not met. */
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
  /* 95 + 90 + 89.99 + 100 over 4 reported of 5: 3 meet >= 90 of the 5 expected (the unreported
   * school does not meet it): actual 3/5 = 60.00 % of schools, gap 100 − 60 = 40.00 (the share
   * is judged against every school); mean 374.99 / 4 = 93.7475 → 93.75 beside it */
  edx_stats s = {.expected = 5, .reported = 4, .meeting = 3, .sum_value_h = 37499};
  edx_outcome o;
  edx_progress_evaluate(&o, "each_school", &s, EDX_CMP_GE, 9000);
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET);
  ck_assert_int_eq(o.actual_h, 6000);
  ck_assert(o.has_mean);
  ck_assert_int_eq(o.mean_h, 9375);
  ck_assert_int_eq(o.numerator, 3);
  ck_assert_int_eq(o.denominator, 5);
  ck_assert(o.has_gap);
  ck_assert_int_eq(o.gap_h, 4000);
  s.meeting = 5;
  s.reported = 5;
  s.sum_value_h = 47000; /* 470 / 5 = 94.00 */
  edx_progress_evaluate(&o, "each_school", &s, EDX_CMP_GE, 9000);
  ck_assert_int_eq(o.status, EDX_STATUS_MET);
  ck_assert_int_eq(o.actual_h, 10000);
  ck_assert_int_eq(o.mean_h, 9400);
  ck_assert(!o.has_gap);
}
END_TEST

START_TEST(each_school_as_the_issue_saw_it)
{
  /* SCHOOL_DOCS_ONLINE of issue 15: 60 schools all reported, mean 94.45 (Σ 5667.00), 40 of
   * them at 90 or more: actual 40/60 = 66.666… → 66.67 % of schools, gap 100 − 66.67 = 33.33
   * (20 schools), mean 94.45 beside; the mean above the target changes nothing */
  edx_stats s = {.expected = 60, .reported = 60, .meeting = 40, .sum_value_h = 566700};
  edx_outcome o;
  edx_progress_evaluate(&o, "each_school", &s, EDX_CMP_GE, 9000);
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET);
  ck_assert_int_eq(o.actual_h, 6667);
  ck_assert_int_eq(o.mean_h, 9445);
  ck_assert_int_eq(o.gap_h, 3333);
  /* 19,999 of 20,000 schools: 99.995 % shows as 100.00, yet one school misses: gap 0.01 */
  s = (edx_stats){.expected = 20000, .reported = 20000, .meeting = 19999,
                  .sum_value_h = 20000 * 9500LL};
  edx_progress_evaluate(&o, "each_school", &s, EDX_CMP_GE, 9000);
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET);
  ck_assert_int_eq(o.actual_h, 10000);
  ck_assert_int_eq(o.gap_h, 1);
  /* nobody has reported: no data, no mean */
  s = (edx_stats){.expected = 3};
  edx_progress_evaluate(&o, "each_school", &s, EDX_CMP_GE, 9000);
  ck_assert_int_eq(o.status, EDX_STATUS_NO_DATA);
  ck_assert(!o.has_mean && !o.has_actual && !o.has_gap);
}
END_TEST

START_TEST(never_a_zero_gap_when_not_met)
{
  edx_outcome o;
  /* CASHLESS_FEES of issue 15: 30 of 60 schools = 50.00 %, not > 50: gap 0.01 */
  edx_stats share = {.expected = 60, .reported = 60, .true_count = 30};
  edx_progress_evaluate(&o, "share", &share, EDX_CMP_GT, 5000);
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET);
  ck_assert_int_eq(o.actual_h, 5000);
  ck_assert(!o.has_mean);
  ck_assert_int_eq(o.gap_h, 1);
  /* 31 of 60 = 51.67 > 50: met, no gap */
  share.true_count = 31;
  edx_progress_evaluate(&o, "share", &share, EDX_CMP_GT, 5000);
  ck_assert_int_eq(o.status, EDX_STATUS_MET);
  ck_assert(!o.has_gap);
  /* 29 of 60 = 48.333… → 48.33: gap 50 − 48.33 = 1.67 */
  share.true_count = 29;
  edx_progress_evaluate(&o, "share", &share, EDX_CMP_GE, 5000);
  ck_assert_int_eq(o.gap_h, 167);
  ck_assert_int_eq(edx_gap_h(9000, 9000), 1);
  ck_assert_int_eq(edx_gap_h(9000, 10000), 1);
  ck_assert_int_eq(edx_gap_h(10000, 6667), 3333);
}
END_TEST

START_TEST(mean_ratio_and_office)
{
  edx_outcome o;
  edx_stats mean = {.expected = 2, .reported = 2, .sum_value_h = 1399}; /* 7.00 + 6.99 */
  edx_progress_evaluate(&o, "mean", &mean, EDX_CMP_GE, 700);
  ck_assert_int_eq(o.actual_h, 700);             /* 6.995 shows as 7.00 */
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET); /* but is below 7 */
  ck_assert_int_eq(o.gap_h, 1);                   /* so 0.01 is missing, not 0 */
  ck_assert(!o.has_ratio && !o.has_mean);
  edx_stats ratio = {.expected = 5, .reported = 4, .sum_num = 14, .sum_den = 20};
  edx_progress_evaluate(&o, "ratio_of_sums", &ratio, EDX_CMP_GT, 7000);
  ck_assert_int_eq(o.actual_h, 7000);
  ck_assert_int_eq(o.status, EDX_STATUS_NOT_MET);
  ck_assert_int_eq(o.gap_h, 1); /* 14/20 = 70.00 is not > 70 */
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
  tcase_add_test(tc, each_school_as_the_issue_saw_it);
  tcase_add_test(tc, never_a_zero_gap_when_not_met);
  tcase_add_test(tc, mean_ratio_and_office);
  suite_add_tcase(s, tc);
  return s;
}
