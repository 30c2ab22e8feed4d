/* test_gzip_cache.c — gzip-encoded answers (src/runtime/gzip_cache.c): every form inflates to
 * its body; a large body asked for again gets its kept form; a body of the same length that
 * differs in one byte does not; the slots and the byte budget let go of the oldest. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "src/runtime/gzip_cache.h"

Suite *gzip_cache_suite(void);

/* n bytes of text varied by seed, compressing about tenfold. */
static char *text_of(size_t n, unsigned seed)
{
  char *text = malloc(n);
  size_t used = 0;
  for (unsigned i = 0; used < n; i++) {
    char row[64];
    int w = snprintf(row, sizeof(row), "{\"district\":\"B%04u\",\"value\":%u},", seed, i * 7919u);
    size_t take = (size_t)w < n - used ? (size_t)w : n - used;
    memcpy(text + used, row, take);
    used += take;
  }
  return text;
}

/* Asserts that gz is one gzip member of exactly body[0..len). */
static void ck_inflates_to(const char *gz, size_t gz_len, const char *body, size_t len)
{
  char *plain = malloc(len + 1);
  z_stream z;
  memset(&z, 0, sizeof(z));
  ck_assert_int_eq(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = (Bytef *)(uintptr_t)gz;
  z.avail_in = (uInt)gz_len;
  z.next_out = (Bytef *)plain;
  z.avail_out = (uInt)len + 1; /* one byte more: a longer result would not fit exactly */
  ck_assert_int_eq(inflate(&z, Z_FINISH), Z_STREAM_END);
  ck_assert_uint_eq(z.total_out, len);
  ck_assert_uint_eq(z.avail_in, 0);
  ck_assert(memcmp(plain, body, len) == 0);
  inflateEnd(&z);
  free(plain);
}

/* edx_gzip_answer of body, checked; returns whether it came from a kept form. */
static int answer(const char *body, size_t len, char **gz, size_t *gz_len)
{
  unsigned long before = edx_gzip_cache_hits();
  ck_assert_int_eq(edx_gzip_answer(body, len, gz, gz_len), 0);
  ck_inflates_to(*gz, *gz_len, body, len);
  return edx_gzip_cache_hits() > before;
}

START_TEST(small_answers_are_compressed_every_time)
{
  size_t n = EDX_GZIP_KEEP_MIN_BYTES - 1;
  char *body = text_of(n, 1), *a, *b, *c;
  size_t a_len, b_len, c_len;
  ck_assert(!answer(body, n, &a, &a_len));
  ck_assert(!answer(body, n, &b, &b_len));
  ck_assert(!answer("", 0, &c, &c_len)); /* the empty body too */
  free(a);
  free(b);
  free(c);
  free(body);
}
END_TEST

START_TEST(large_answers_are_compressed_once)
{
  size_t n = 7 * 1000 * 1000;
  char *body = text_of(n, 2), *first, *again;
  size_t first_len, again_len;
  ck_assert(!answer(body, n, &first, &first_len));
  ck_assert(answer(body, n, &again, &again_len));
  ck_assert_uint_eq(again_len, first_len);
  ck_assert(memcmp(again, first, first_len) == 0);
  free(first);
  free(again);
  free(body);
}
END_TEST

START_TEST(a_kept_form_is_only_for_the_same_bytes)
{
  size_t n = EDX_GZIP_KEEP_MIN_BYTES * 2;
  char *body = text_of(n, 3), *gz;
  size_t gz_len;
  ck_assert(!answer(body, n, &gz, &gz_len));
  free(gz);
  body[n / 2] ^= 1; /* same length, one bit apart */
  ck_assert(!answer(body, n, &gz, &gz_len));
  free(gz);
  body[n - 1] ^= 1; /* the last byte too */
  ck_assert(!answer(body, n, &gz, &gz_len));
  free(gz);
  ck_assert(answer(body, n, &gz, &gz_len)); /* and this one is now kept */
  free(gz);
  free(body);
}
END_TEST

START_TEST(the_oldest_are_let_go)
{
  /* more bodies than slots: the first is gone, the last is kept */
  size_t n = EDX_GZIP_KEEP_MIN_BYTES;
  char *bodies[9], *gz;
  size_t gz_len;
  for (unsigned i = 0; i < 9; i++) {
    bodies[i] = text_of(n, 10 + i);
    ck_assert(!answer(bodies[i], n, &gz, &gz_len));
    free(gz);
  }
  ck_assert(answer(bodies[8], n, &gz, &gz_len));
  free(gz);
  ck_assert(!answer(bodies[0], n, &gz, &gz_len));
  free(gz);
  for (unsigned i = 0; i < 9; i++)
    free(bodies[i]);
}
END_TEST

START_TEST(the_byte_budget_holds)
{
  /* bodies of a fifth of the budget: five of them (and their compressed forms) do not fit */
  size_t n = EDX_GZIP_KEEP_BUDGET / 5;
  char *bodies[5], *gz;
  size_t gz_len;
  for (unsigned i = 0; i < 5; i++) {
    bodies[i] = text_of(n, 30 + i);
    ck_assert(!answer(bodies[i], n, &gz, &gz_len));
    free(gz);
  }
  ck_assert(answer(bodies[4], n, &gz, &gz_len));
  free(gz);
  ck_assert(!answer(bodies[0], n, &gz, &gz_len));
  free(gz);
  for (unsigned i = 0; i < 5; i++)
    free(bodies[i]);
  edx_gzip_cache_clear();
  bodies[0] = text_of(n, 30);
  ck_assert(!answer(bodies[0], n, &gz, &gz_len)); /* cleared: compressed anew */
  free(gz);
  free(bodies[0]);
}
END_TEST

Suite *gzip_cache_suite(void)
{
  Suite *s = suite_create("gzip_cache");
  TCase *tc = tcase_create("gzip_cache");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, small_answers_are_compressed_every_time);
  tcase_add_test(tc, large_answers_are_compressed_once);
  tcase_add_test(tc, a_kept_form_is_only_for_the_same_bytes);
  tcase_add_test(tc, the_oldest_are_let_go);
  tcase_add_test(tc, the_byte_budget_holds);
  suite_add_tcase(s, tc);
  return s;
}
