/* test_secret.c — token shape and SHA-256 against published test vectors. */
#include <check.h>
#include <string.h>
#include "src/runtime/secret.h"

Suite *secret_suite(void);

START_TEST(sha256_known_vectors)
{
  char hex[EDX_SHA256_HEX];
  edx_sha256_hex(hex, "abc", 3);
  ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  edx_sha256_hex(hex, "", 0);
  ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(tokens_are_random_and_well_formed)
{
  char a[EDX_TOKEN_LEN], b[EDX_TOKEN_LEN], hash_a[EDX_SHA256_HEX], hash_b[EDX_SHA256_HEX];
  char expected[EDX_SHA256_HEX];
  ck_assert_int_eq(edx_secret_new_token(a, hash_a), 0);
  ck_assert_int_eq(edx_secret_new_token(b, hash_b), 0);
  ck_assert_uint_eq(strlen(a), 47);
  ck_assert_str_ne(a, b);
  edx_sha256_hex(expected, a, strlen(a));
  ck_assert_str_eq(hash_a, expected);
  ck_assert_str_ne(hash_a, hash_b);
  ck_assert(edx_secret_looks_valid(a));
  ck_assert(!edx_secret_looks_valid("edx_short"));
  ck_assert(!edx_secret_looks_valid("abc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
  ck_assert(!edx_secret_looks_valid("edx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
  ck_assert(!edx_secret_looks_valid(NULL));
}
END_TEST

/* RFC 4231, test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?") is
 * 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843, in base64url below. */
START_TEST(hmac_known_vector)
{
  char mac[EDX_HMAC_B64_LEN];
  edx_hmac_sha256_b64url(mac, "Jefe", "what do ya want for nothing?");
  ck_assert_str_eq(mac, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
}
END_TEST

Suite *secret_suite(void)
{
  Suite *s = suite_create("secret");
  TCase *tc = tcase_create("secret");
  tcase_add_test(tc, sha256_known_vectors);
  tcase_add_test(tc, tokens_are_random_and_well_formed);
  tcase_add_test(tc, hmac_known_vector);
  suite_add_tcase(s, tc);
  return s;
}
