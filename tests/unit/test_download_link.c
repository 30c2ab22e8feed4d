/* test_download_link.c — download links' text: the URL a link signs (its dl parameters taken
 * out), the message, reading dl values, the paths a link may be made for. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/download_link.h"

Suite *download_link_suite(void);

static void ck_unsigned(const char *url, const char *want)
{
  char *got = edx_dl_unsigned_url(url);
  ck_assert_str_eq(got, want);
  free(got);
}

START_TEST(the_signed_url_has_no_dl)
{
  ck_unsigned("/v1/dossiers?year=2024&format=csv", "/v1/dossiers?year=2024&format=csv");
  ck_unsigned("/v1/dossiers?year=2024&format=csv&dl=abc.1.x", "/v1/dossiers?year=2024&format=csv");
  ck_unsigned("/v1/dossiers?dl=abc&year=2024", "/v1/dossiers?year=2024");
  ck_unsigned("/v1/dossiers?dl=abc", "/v1/dossiers");
  ck_unsigned("/v1/dossiers?year=2024&dl&dl=x&format=csv", "/v1/dossiers?year=2024&format=csv");
  /* only the parameter named dl: dlx= and a value holding dl= stay */
  ck_unsigned("/v1/dossiers?dlx=1&q=dl%3D2", "/v1/dossiers?dlx=1&q=dl%3D2");
  ck_unsigned("/v1/schools", "/v1/schools");
  /* empty items are dropped on both sides alike */
  ck_unsigned("/v1/schools?&a=1&&b=2&", "/v1/schools?a=1&b=2");
}
END_TEST

START_TEST(the_message)
{
  char *m = edx_dl_message("/v1/dossiers?year=2024", "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b",
                           1733572800LL);
  ck_assert_str_eq(m, "GET /v1/dossiers?year=2024\n0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b\n"
                      "1733572800");
  free(m);
}
END_TEST

START_TEST(reading_dl_values)
{
  char id[EDX_UUID_SIZE], sig[EDX_DL_SIG_LEN];
  long long expires = 0;
  const char *good = "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b.1733572800."
                     "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM";
  ck_assert_int_eq(edx_dl_parse(good, id, &expires, sig), 0);
  ck_assert_str_eq(id, "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b");
  ck_assert(expires == 1733572800LL);
  ck_assert_str_eq(sig, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
  static const char *const bad[] = {
    "", "x", "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b.1733572800",
    "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b..W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM",
    "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b.-5.W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM",
    "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b.17x.W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM",
    "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b.1733572800.W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOE",
    "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b.1733572800.W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOE=",
    "zb7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b.1733572800.W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM",
    "0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b.17335728001733572800."
    "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM",
    NULL};
  for (int i = 0; bad[i]; i++)
    ck_assert_msg(edx_dl_parse(bad[i], id, &expires, sig) == -1, "'%s' read", bad[i]);
  ck_assert_int_eq(edx_dl_parse(NULL, id, &expires, sig), -1);
}
END_TEST

START_TEST(paths_a_link_may_be_made_for)
{
  ck_assert_ptr_null(edx_dl_path_problem("/v1/dossiers?year=2024&format=csv"));
  ck_assert_ptr_null(edx_dl_path_problem("/v1/schools?q=%C4%90%C3%B4ng"));
  ck_assert_ptr_null(edx_dl_path_problem("/v1/dossiers?dlx=1"));
  ck_assert_ptr_nonnull(edx_dl_path_problem("/v2/dossiers"));
  ck_assert_ptr_nonnull(edx_dl_path_problem("https://example.org/v1/dossiers"));
  ck_assert_ptr_nonnull(edx_dl_path_problem("/v1/schools?q=Đông"));
  ck_assert_ptr_nonnull(edx_dl_path_problem("/v1/schools?q=a b"));
  ck_assert_ptr_nonnull(edx_dl_path_problem("/v1/schools#top"));
  ck_assert_ptr_nonnull(edx_dl_path_problem("/v1/schools?dl=1"));
  ck_assert_ptr_nonnull(edx_dl_path_problem("/v1/schools?a=1&dl"));
  char *long_path = malloc(EDX_DL_PATH_MAX + 2);
  memset(long_path, 'a', EDX_DL_PATH_MAX + 1);
  memcpy(long_path, "/v1/", 4);
  long_path[EDX_DL_PATH_MAX + 1] = '\0';
  ck_assert_ptr_nonnull(edx_dl_path_problem(long_path));
  long_path[EDX_DL_PATH_MAX] = '\0';
  ck_assert_ptr_null(edx_dl_path_problem(long_path));
  free(long_path);
}
END_TEST

START_TEST(same_is_equality)
{
  ck_assert(edx_dl_same("abc", "abc"));
  ck_assert(!edx_dl_same("abc", "abd"));
  ck_assert(!edx_dl_same("abc", "ab"));
  ck_assert(!edx_dl_same("", "a"));
  ck_assert(edx_dl_same("", ""));
}
END_TEST

Suite *download_link_suite(void)
{
  Suite *s = suite_create("download_link");
  TCase *tc = tcase_create("download_link");
  tcase_add_test(tc, the_signed_url_has_no_dl);
  tcase_add_test(tc, the_message);
  tcase_add_test(tc, reading_dl_values);
  tcase_add_test(tc, paths_a_link_may_be_made_for);
  tcase_add_test(tc, same_is_equality);
  suite_add_tcase(s, tc);
  return s;
}
