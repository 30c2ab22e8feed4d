/* test_secret.c — token shape, SHA-256 and HMAC-SHA256 against published test vectors, and the
 * download links' key (server secret and token digest) against hand-computed values. */
#include <check.h>
#include <stdio.h>
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
 * 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843, and test case 1 (key 20
 * bytes 0x0b, "Hi There") b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7,
 * in base64url below. */
START_TEST(hmac_known_vector)
{
  char mac[EDX_HMAC_B64_LEN];
  unsigned char key[20];
  edx_hmac_sha256_b64url(mac, "Jefe", 4, "what do ya want for nothing?");
  ck_assert_str_eq(mac, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
  memset(key, 0x0b, sizeof(key));
  edx_hmac_sha256_b64url(mac, key, sizeof(key), "Hi There");
  ck_assert_str_eq(mac, "sDRMYdjbOFNcqK_OrwvxK4gdwgDJgz2nJuk3bC4yz_c");
}
END_TEST

/* The values below were computed with Python's hmac and hashlib, not by this program:
 * digest = sha256("abc").hexdigest(); key = HMAC-SHA256(secret, digest as 64 ASCII hex digits);
 * the link's signature = base64url(HMAC-SHA256(key, message)) without padding. */
static const char test_secret[] = "edudx-test-link-secret-0123456789"; /* 33 characters */
static const char digest_abc[] =
  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
static const char link_message[] =
  "GET /v1/dossiers?year=2024\n0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b\n1733572800";

START_TEST(link_key_is_keyed_with_the_secret)
{
  unsigned char key[EDX_LINK_KEY_LEN];
  char hex[2 * EDX_LINK_KEY_LEN + 1];
  edx_link_key(key, test_secret, strlen(test_secret), digest_abc);
  for (int i = 0; i < EDX_LINK_KEY_LEN; i++)
    snprintf(hex + 2 * i, 3, "%02x", key[i]);
  ck_assert_str_eq(hex, "c6b3d093758cb654cbcd1051337e27db82a19944348fd7dd5b5af8b7aa80c331");
}
END_TEST

START_TEST(link_signature_needs_the_secret)
{
  char mac[EDX_HMAC_B64_LEN], other[EDX_HMAC_B64_LEN], secret2[sizeof(test_secret)];
  edx_link_sign(mac, test_secret, strlen(test_secret), digest_abc, link_message);
  ck_assert_str_eq(mac, "BPt-Fq5DH79kLQWGA7j53Mx-7S2pqb9oz1YpKBABH9g");
  /* the old scheme, keyed with the digest alone, which a reader of the tokens table has */
  edx_hmac_sha256_b64url(other, digest_abc, strlen(digest_abc), link_message);
  ck_assert_str_eq(other, "J8Ut7mOZtubP1GKR-JRrLw8jQuJcb7Yu436ON8g2WlU");
  ck_assert_str_ne(mac, other);
  /* one character of the secret changed: another signature */
  memcpy(secret2, test_secret, sizeof(test_secret));
  secret2[0] = 'E';
  edx_link_sign(other, secret2, strlen(secret2), digest_abc, link_message);
  ck_assert_str_ne(mac, other);
}
END_TEST

START_TEST(random_secrets_differ)
{
  unsigned char a[32] = {0}, b[32] = {0};
  ck_assert_int_eq(edx_secret_random(a, sizeof(a)), 0);
  ck_assert_int_eq(edx_secret_random(b, sizeof(b)), 0);
  ck_assert(memcmp(a, b, sizeof(a)) != 0);
}
END_TEST

Suite *secret_suite(void)
{
  Suite *s = suite_create("secret");
  TCase *tc = tcase_create("secret");
  tcase_add_test(tc, sha256_known_vectors);
  tcase_add_test(tc, tokens_are_random_and_well_formed);
  tcase_add_test(tc, hmac_known_vector);
  tcase_add_test(tc, link_key_is_keyed_with_the_secret);
  tcase_add_test(tc, link_signature_needs_the_secret);
  tcase_add_test(tc, random_secrets_differ);
  suite_add_tcase(s, tc);
  return s;
}
