/* test_token_cache.c — the token cache with explicit clocks: a hit within the time to live, none
 * after it or after the token's own expiry, a clear that drops everything and keeps an older
 * check from being put back, and a cache of time to live 0 that keeps nothing. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "src/runtime/token_cache.h"

Suite *token_cache_suite(void);

#define HASH_A "aaaaaaaa00000000000000000000000000000000000000000000000000000001"
#define HASH_B "bbbbbbbb00000000000000000000000000000000000000000000000000000002"
#define JAN_2030 1893456000LL /* 2030-01-01T00:00:00Z */

static edx_caller reader(const char *label, const char *expires_at)
{
  edx_caller c;
  memset(&c, 0, sizeof(c));
  c.role = EDX_ROLE_READER;
  snprintf(c.label, sizeof(c.label), "%s", label);
  snprintf(c.expires_at, sizeof(c.expires_at), "%s", expires_at);
  return c;
}

START_TEST(a_check_is_trusted_for_the_time_to_live)
{
  edx_token_cache *cache = edx_token_cache_new(2000, 64);
  edx_caller in = reader("dash", ""), out;
  unsigned long gen;
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_A, &out, &gen, 1000, JAN_2030), 0);
  edx_token_cache_put_at(cache, HASH_A, &in, gen, 1000);
  memset(&out, 0, sizeof(out));
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_A, &out, &gen, 2999, JAN_2030), 1);
  ck_assert_str_eq(out.label, "dash");
  ck_assert_int_eq(out.role, EDX_ROLE_READER);
  /* kept at 1000 for 2000 ms: gone at 3000 */
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_A, &out, &gen, 3000, JAN_2030), 0);
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_B, &out, &gen, 1500, JAN_2030), 0);
  edx_token_cache_free(cache);
}
END_TEST

START_TEST(an_expired_token_is_not_served)
{
  edx_token_cache *cache = edx_token_cache_new(2000, 64);
  edx_caller in = reader("short", "2030-01-01T00:00:10.000000Z"), out;
  unsigned long gen;
  edx_token_cache_get_at(cache, HASH_A, &out, &gen, 0, JAN_2030);
  edx_token_cache_put_at(cache, HASH_A, &in, gen, 0);
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_A, &out, &gen, 100, JAN_2030 + 9), 1);
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_A, &out, &gen, 100, JAN_2030 + 10), 0);
  edx_token_cache_free(cache);
}
END_TEST

START_TEST(a_clear_drops_every_entry_and_refuses_older_checks)
{
  edx_token_cache *cache = edx_token_cache_new(2000, 64);
  edx_caller in = reader("x", ""), out;
  unsigned long gen_a, gen_b;
  edx_token_cache_get_at(cache, HASH_A, &out, &gen_a, 0, JAN_2030);
  edx_token_cache_put_at(cache, HASH_A, &in, gen_a, 0);
  /* B's check starts, the cache is cleared (a revocation), then B's older answer arrives */
  edx_token_cache_get_at(cache, HASH_B, &out, &gen_b, 10, JAN_2030);
  edx_token_cache_clear(cache);
  edx_token_cache_put_at(cache, HASH_B, &in, gen_b, 20);
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_A, &out, &gen_a, 30, JAN_2030), 0);
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_B, &out, &gen_b, 30, JAN_2030), 0);
  /* a check begun after the clear is kept */
  edx_token_cache_put_at(cache, HASH_B, &in, gen_b, 40);
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_B, &out, &gen_b, 50, JAN_2030), 1);
  edx_token_cache_free(cache);
}
END_TEST

START_TEST(a_time_to_live_of_zero_keeps_nothing)
{
  edx_token_cache *cache = edx_token_cache_new(0, 64);
  edx_caller in = reader("x", ""), out;
  unsigned long gen;
  edx_token_cache_get_at(cache, HASH_A, &out, &gen, 0, JAN_2030);
  edx_token_cache_put_at(cache, HASH_A, &in, gen, 0);
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_A, &out, &gen, 0, JAN_2030), 0);
  edx_token_cache_free(cache);
}
END_TEST

START_TEST(two_hashes_of_one_slot_replace_each_other)
{
  edx_token_cache *cache = edx_token_cache_new(2000, 1);
  edx_caller a = reader("a", ""), b = reader("b", ""), out;
  unsigned long gen;
  edx_token_cache_get_at(cache, HASH_A, &out, &gen, 0, JAN_2030);
  edx_token_cache_put_at(cache, HASH_A, &a, gen, 0);
  edx_token_cache_put_at(cache, HASH_B, &b, gen, 0);
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_A, &out, &gen, 1, JAN_2030), 0);
  ck_assert_int_eq(edx_token_cache_get_at(cache, HASH_B, &out, &gen, 1, JAN_2030), 1);
  ck_assert_str_eq(out.label, "b");
  /* not a hash: never kept, never found */
  edx_token_cache_put_at(cache, "short", &a, gen, 0);
  ck_assert_int_eq(edx_token_cache_get_at(cache, "short", &out, &gen, 1, JAN_2030), 0);
  edx_token_cache_free(cache);
}
END_TEST

Suite *token_cache_suite(void)
{
  Suite *s = suite_create("token_cache");
  TCase *tc = tcase_create("token_cache");
  tcase_add_test(tc, a_check_is_trusted_for_the_time_to_live);
  tcase_add_test(tc, an_expired_token_is_not_served);
  tcase_add_test(tc, a_clear_drops_every_entry_and_refuses_older_checks);
  tcase_add_test(tc, a_time_to_live_of_zero_keeps_nothing);
  tcase_add_test(tc, two_hashes_of_one_slot_replace_each_other);
  suite_add_tcase(s, tc);
  return s;
}
