/* test_content_coding.c — reading Accept-Encoding (RFC 9110 §12.5.3), the gzip threshold and
 * Vary lists (src/rules/content_coding.c). */
#include <check.h>
#include "src/rules/content_coding.h"

Suite *content_coding_suite(void);

START_TEST(gzip_when_listed_with_a_weight_above_zero)
{
  ck_assert(edx_accepts_gzip("gzip"));
  ck_assert(edx_accepts_gzip("gzip, deflate, br"));
  ck_assert(edx_accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
  ck_assert(edx_accepts_gzip("deflate, gzip;q=0.001"));
  ck_assert(edx_accepts_gzip("x-gzip"));
  ck_assert(edx_accepts_gzip("gzip;q=1.000"));
  ck_assert(edx_accepts_gzip("gzip;q=1."));
}
END_TEST

START_TEST(case_and_whitespace_do_not_matter)
{
  ck_assert(edx_accepts_gzip("GZIP"));
  ck_assert(edx_accepts_gzip("GZip ; Q=0.5"));
  ck_assert(edx_accepts_gzip(" \tdeflate ,\tgzip\t;\tq=0.7 , "));
  ck_assert(edx_accepts_gzip(",,gzip,,"));
  ck_assert(!edx_accepts_gzip("GZIP;Q=0"));
  ck_assert(!edx_accepts_gzip("  gzip ; q = 0  "));
}
END_TEST

START_TEST(weight_zero_means_no)
{
  ck_assert(!edx_accepts_gzip("gzip;q=0"));
  ck_assert(!edx_accepts_gzip("gzip;q=0.000"));
  ck_assert(!edx_accepts_gzip("gzip;q=0, deflate"));
  ck_assert(!edx_accepts_gzip("*, gzip;q=0"));      /* gzip's own entry wins over "*" */
  ck_assert(!edx_accepts_gzip("gzip, gzip;q=0"));   /* listed twice: the lowest weight */
  ck_assert(!edx_accepts_gzip("x-gzip;q=0, gzip"));
}
END_TEST

START_TEST(absent_empty_or_other_codings_mean_identity)
{
  ck_assert(!edx_accepts_gzip(NULL));
  ck_assert(!edx_accepts_gzip(""));
  ck_assert(!edx_accepts_gzip("identity"));
  ck_assert(!edx_accepts_gzip("deflate, br"));
  ck_assert(!edx_accepts_gzip("gzipx, agzip"));
  ck_assert(!edx_accepts_gzip("gzip-like"));
}
END_TEST

START_TEST(star_and_identity)
{
  ck_assert(edx_accepts_gzip("*"));                         /* any coding: gzip it is */
  ck_assert(edx_accepts_gzip("*;q=0.5"));
  ck_assert(!edx_accepts_gzip("*;q=0"));
  ck_assert(edx_accepts_gzip("*;q=0, gzip"));
  ck_assert(edx_accepts_gzip("identity;q=0, *"));
  ck_assert(edx_accepts_gzip("gzip;q=0.5, identity;q=0.5")); /* a tie: the smaller answer */
  ck_assert(!edx_accepts_gzip("gzip;q=0.5, identity"));      /* identity preferred */
  ck_assert(!edx_accepts_gzip("gzip;q=0.5, *"));             /* "*" stands for identity too */
  ck_assert(edx_accepts_gzip("gzip;q=0.5"));                 /* identity's weight not given */
  ck_assert(edx_accepts_gzip("gzip;q=0.5, identity;q=0.4"));
}
END_TEST

START_TEST(malformed_weights_are_ignored)
{
  /* a malformed entry counts as not listed, whatever else the header says */
  ck_assert(!edx_accepts_gzip("gzip;q=2"));
  ck_assert(!edx_accepts_gzip("gzip;q=1.5"));
  ck_assert(!edx_accepts_gzip("gzip;q=0.1234"));
  ck_assert(!edx_accepts_gzip("gzip;q=-1"));
  ck_assert(!edx_accepts_gzip("gzip;q="));
  ck_assert(!edx_accepts_gzip("gzip;q"));
  ck_assert(!edx_accepts_gzip("gzip;q=abc"));
  ck_assert(!edx_accepts_gzip("gzip junk"));
  ck_assert(!edx_accepts_gzip(";q=1"));
  ck_assert(edx_accepts_gzip("gzip;q=oops, gzip"));   /* the good entry still counts */
  ck_assert(edx_accepts_gzip("gzip;level=9"));        /* a parameter that is not a weight */
  ck_assert(!edx_accepts_gzip("gzip;level=9;q=0"));
}
END_TEST

START_TEST(small_bodies_stay_identity)
{
  ck_assert(!edx_use_gzip("gzip", 0));
  ck_assert(!edx_use_gzip("gzip", EDX_GZIP_MIN_BYTES - 1));
  ck_assert(edx_use_gzip("gzip", EDX_GZIP_MIN_BYTES));
  ck_assert(edx_use_gzip("gzip", 7000000));
  ck_assert(!edx_use_gzip("gzip;q=0", 7000000));
  ck_assert(!edx_use_gzip(NULL, 7000000));
  ck_assert_int_eq(EDX_GZIP_MIN_BYTES, 1024);
}
END_TEST

START_TEST(vary_lists)
{
  ck_assert(edx_header_lists("Origin, Accept-Encoding", "Accept-Encoding"));
  ck_assert(edx_header_lists("origin,accept-encoding", "Accept-Encoding"));
  ck_assert(edx_header_lists(" Accept-Encoding ", "accept-encoding"));
  ck_assert(edx_header_lists("Origin", "origin"));
  ck_assert(!edx_header_lists("Origin", "Accept-Encoding"));
  ck_assert(!edx_header_lists("Accept-Encodings, Origin", "Accept-Encoding"));
  ck_assert(!edx_header_lists("", "Origin"));
  ck_assert(!edx_header_lists(NULL, "Origin"));
}
END_TEST

Suite *content_coding_suite(void)
{
  Suite *s = suite_create("content_coding");
  TCase *tc = tcase_create("content_coding");
  tcase_add_test(tc, gzip_when_listed_with_a_weight_above_zero);
  tcase_add_test(tc, case_and_whitespace_do_not_matter);
  tcase_add_test(tc, weight_zero_means_no);
  tcase_add_test(tc, absent_empty_or_other_codings_mean_identity);
  tcase_add_test(tc, star_and_identity);
  tcase_add_test(tc, malformed_weights_are_ignored);
  tcase_add_test(tc, small_bodies_stay_identity);
  tcase_add_test(tc, vary_lists);
  suite_add_tcase(s, tc);
  return s;
}
