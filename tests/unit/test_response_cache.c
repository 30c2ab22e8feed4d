/* test_response_cache.c — kept answers (src/runtime/response_cache.c): a lookup finds what was
 * kept under its key, and only that; keeping under a key again replaces the answer while a
 * reader of the old one still reads its bytes; the 33rd key lets go of the oldest; clearing
 * leaves held answers valid. Under AddressSanitizer a reference used after its answer was freed,
 * or an answer never freed, fails the run. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/runtime/response_cache.h"

Suite *response_cache_suite(void);

/* Keeps text under key (with a made-up gzip form) and returns the caller's reference. */
static const edx_cached *keep(const char *key, const char *text)
{
  edx_cached a;
  const edx_cached *kept;
  memset(&a, 0, sizeof(a));
  a.body = strdup(text);
  a.len = strlen(text);
  a.gzip = strdup("gz");
  a.gzip_len = 2;
  snprintf(a.etag, sizeof(a.etag), "\"%s\"", key);
  kept = edx_cache_keep(key, &a);
  ck_assert_ptr_nonnull(kept);
  return kept;
}

/* 1 when key holds an answer whose body is text. */
static int holds(const char *key, const char *text)
{
  const edx_cached *got = edx_cache_get(key);
  int same = got && got->len == strlen(text) && memcmp(got->body, text, got->len) == 0;
  edx_cache_release(got);
  return same;
}

START_TEST(a_key_finds_what_was_kept_under_it)
{
  edx_cache_clear();
  edx_cache_release(keep("district|a|2024|json|h1", "{\"a\":1}"));
  edx_cache_release(keep("district|b|2024|json|h1", "{\"b\":2}"));
  ck_assert(holds("district|a|2024|json|h1", "{\"a\":1}"));
  ck_assert(holds("district|b|2024|json|h1", "{\"b\":2}"));
  ck_assert_ptr_null(edx_cache_get("district|a|2024|json|h2"));
  ck_assert_ptr_null(edx_cache_get("district|a|2024|csv|h1"));
  edx_cache_clear();
  ck_assert_ptr_null(edx_cache_get("district|a|2024|json|h1"));
}
END_TEST

START_TEST(a_reader_keeps_its_answer_while_it_is_replaced)
{
  const edx_cached *reading;
  edx_cache_clear();
  edx_cache_release(keep("k", "first"));
  reading = edx_cache_get("k");
  edx_cache_release(keep("k", "second"));
  ck_assert(holds("k", "second"));
  /* the old answer is out of the cache but not freed: its reader still has it */
  ck_assert_uint_eq(reading->len, 5);
  ck_assert(memcmp(reading->body, "first", 5) == 0);
  ck_assert(memcmp(reading->gzip, "gz", 2) == 0);
  ck_assert_str_eq(reading->etag, "\"k\"");
  edx_cache_release(reading);
  edx_cache_clear();
}
END_TEST

START_TEST(the_oldest_goes_when_the_slots_are_full)
{
  char key[16], text[16];
  edx_cache_clear();
  for (int i = 0; i < 33; i++) {
    snprintf(key, sizeof(key), "k%d", i);
    snprintf(text, sizeof(text), "v%d", i);
    edx_cache_release(keep(key, text));
  }
  ck_assert_ptr_null(edx_cache_get("k0")); /* 32 slots: the first went */
  ck_assert(holds("k1", "v1"));
  ck_assert(holds("k32", "v32"));
  /* k1 was just read, but the order is by keeping: k1 is the oldest now and goes next */
  edx_cache_release(keep("k33", "v33"));
  ck_assert_ptr_null(edx_cache_get("k1"));
  ck_assert(holds("k2", "v2"));
  edx_cache_clear();
}
END_TEST

START_TEST(clearing_leaves_held_answers_readable)
{
  const edx_cached *held = keep("k", "held");
  edx_cache_clear();
  ck_assert_ptr_null(edx_cache_get("k"));
  ck_assert(memcmp(held->body, "held", 4) == 0);
  edx_cache_release(held);
  edx_cache_release(NULL); /* fine */
}
END_TEST

Suite *response_cache_suite(void)
{
  Suite *s = suite_create("response_cache");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, a_key_finds_what_was_kept_under_it);
  tcase_add_test(tc, a_reader_keeps_its_answer_while_it_is_replaced);
  tcase_add_test(tc, the_oldest_goes_when_the_slots_are_full);
  tcase_add_test(tc, clearing_leaves_held_answers_readable);
  suite_add_tcase(s, tc);
  return s;
}
