/* test_gzip.c — the gzip compressor and streaming deflater of src/runtime/gzip.c: what they
 * produce is inflated with zlib's own inflater (as a gzip member, header and trailer checked by
 * zlib) and compared with the input: empty input, many small chunks, large compressible and
 * incompressible input, every level. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "src/runtime/gzip.h"

Suite *gzip_suite(void);

#define LEVEL 1 /* the fast level (every level is checked once below) */

typedef struct {
  unsigned char *data;
  size_t len;
  size_t cap;
} bytes;

static void append(bytes *b, const void *data, size_t len)
{
  if (b->len + len > b->cap) {
    b->cap = (b->len + len) * 2 + 1;
    b->data = realloc(b->data, b->cap);
    ck_assert_ptr_nonnull(b->data);
  }
  if (len)
    memcpy(b->data + b->len, data, len);
  b->len += len;
}

/* Inflates one whole gzip member; fails the test unless zlib reaches its end (which checks the
 * header, the CRC-32 and the length in the trailer) with no byte left over. */
static bytes gunzip(const void *gz, size_t len)
{
  bytes out = {NULL, 0, 0};
  unsigned char buf[65536];
  z_stream z;
  int zrc;
  memset(&z, 0, sizeof(z));
  ck_assert_int_eq(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = (Bytef *)(uintptr_t)gz;
  z.avail_in = (uInt)len;
  do {
    z.next_out = buf;
    z.avail_out = sizeof(buf);
    zrc = inflate(&z, Z_NO_FLUSH);
    ck_assert_msg(zrc == Z_OK || zrc == Z_STREAM_END, "inflate: %d (%s)", zrc,
                  z.msg ? z.msg : "");
    append(&out, buf, sizeof(buf) - z.avail_out);
  } while (zrc != Z_STREAM_END);
  ck_assert_uint_eq(z.avail_in, 0);
  inflateEnd(&z);
  return out;
}

static void ck_gunzips_to(const void *gz, size_t gz_len, const void *expected, size_t len)
{
  bytes plain = gunzip(gz, gz_len);
  const unsigned char *magic = gz;
  ck_assert_uint_ge(gz_len, 18); /* 10-byte header, 8-byte trailer */
  ck_assert_uint_eq(magic[0], 0x1f);
  ck_assert_uint_eq(magic[1], 0x8b);
  ck_assert_uint_eq(plain.len, len);
  ck_assert(len == 0 || memcmp(plain.data, expected, len) == 0);
  free(plain.data);
}

/* n bytes of JSON-like text that compresses well, varied by a counter. */
static char *sample_text(size_t n)
{
  char *text = malloc(n + 1);
  size_t used = 0;
  for (unsigned i = 0; used < n; i++) {
    char row[96];
    int w = snprintf(row, sizeof(row), "{\"code\":\"B%04u\",\"actual\":%u.%02u,\"status\":\"%s\"},",
                     i % 703, (i * 37u) % 100, (i * 11u) % 100, i % 3 ? "met" : "not_met");
    size_t take = (size_t)w < n - used ? (size_t)w : n - used;
    memcpy(text + used, row, take);
    used += take;
  }
  text[n] = '\0';
  return text;
}

/* n bytes that do not compress (xorshift). */
static unsigned char *noise(size_t n)
{
  unsigned char *b = malloc(n ? n : 1);
  uint64_t x = 88172645463325252ULL;
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b[i] = (unsigned char)(x >> 32);
  }
  return b;
}

START_TEST(one_shot_empty_input)
{
  char *gz = NULL;
  size_t gz_len = 0;
  ck_assert_int_eq(edx_gzip("", 0, LEVEL, &gz, &gz_len), 0);
  ck_gunzips_to(gz, gz_len, "", 0);
  free(gz);
}
END_TEST

START_TEST(one_shot_round_trip_at_every_level)
{
  char *text = sample_text(300000);
  for (int level = 0; level <= 9; level++) {
    char *gz = NULL;
    size_t gz_len = 0;
    ck_assert_int_eq(edx_gzip(text, 300000, level, &gz, &gz_len), 0);
    ck_gunzips_to(gz, gz_len, text, 300000);
    if (level > 0) /* stored blocks (level 0) are larger than the text */
      ck_assert_uint_lt(gz_len, 300000 / 4);
    free(gz);
  }
  free(text);
}
END_TEST

START_TEST(one_shot_large_inputs)
{
  size_t n = 8 * 1024 * 1024;
  char *text = sample_text(n);
  unsigned char *random = noise(n);
  char *gz = NULL;
  size_t gz_len = 0;
  ck_assert_int_eq(edx_gzip(text, n, LEVEL, &gz, &gz_len), 0);
  ck_gunzips_to(gz, gz_len, text, n);
  free(gz);
  ck_assert_int_eq(edx_gzip(random, n, LEVEL, &gz, &gz_len), 0);
  ck_gunzips_to(gz, gz_len, random, n);
  ck_assert_uint_gt(gz_len, n); /* incompressible: stored, a little larger */
  free(gz);
  free(text);
  free(random);
}
END_TEST

START_TEST(bad_level_is_refused)
{
  char *gz = (char *)"untouched";
  size_t gz_len = 7;
  ck_assert_ptr_null(edx_gzip_stream_new(10));
  ck_assert_ptr_null(edx_gzip_stream_new(-1));
  ck_assert_int_ne(edx_gzip("abc", 3, 10, &gz, &gz_len), 0);
  ck_assert_ptr_null(gz);
  ck_assert_uint_eq(gz_len, 0);
}
END_TEST

/* Streams input in chunks of the sizes sizes[i % nsizes], collecting what each call returns;
 * returns the whole member. */
static bytes stream_in_chunks(const void *input, size_t len, const size_t *sizes, size_t nsizes)
{
  edx_gzip_stream *s = edx_gzip_stream_new(LEVEL);
  const unsigned char *p = input;
  bytes gz = {NULL, 0, 0};
  const char *out;
  size_t out_len, done = 0;
  ck_assert_ptr_nonnull(s);
  for (size_t i = 0; done < len; i++) {
    size_t n = sizes[i % nsizes] < len - done ? sizes[i % nsizes] : len - done;
    ck_assert_int_eq(edx_gzip_stream_add(s, p + done, n, &out, &out_len), 0);
    append(&gz, out, out_len);
    done += n;
  }
  ck_assert_int_eq(edx_gzip_stream_finish(s, &out, &out_len), 0);
  ck_assert_uint_gt(out_len, 0); /* at least the trailer */
  append(&gz, out, out_len);
  edx_gzip_stream_free(s);
  return gz;
}

START_TEST(stream_of_nothing)
{
  edx_gzip_stream *s = edx_gzip_stream_new(LEVEL);
  bytes gz = {NULL, 0, 0};
  const char *out;
  size_t out_len;
  ck_assert_int_eq(edx_gzip_stream_add(s, "", 0, &out, &out_len), 0);
  append(&gz, out, out_len);
  ck_assert_int_eq(edx_gzip_stream_finish(s, &out, &out_len), 0);
  append(&gz, out, out_len);
  ck_gunzips_to(gz.data, gz.len, "", 0);
  edx_gzip_stream_free(s);
  free(gz.data);
  /* finished without any add */
  s = edx_gzip_stream_new(LEVEL);
  ck_assert_int_eq(edx_gzip_stream_finish(s, &out, &out_len), 0);
  ck_gunzips_to(out, out_len, "", 0);
  edx_gzip_stream_free(s);
}
END_TEST

START_TEST(stream_of_many_small_chunks)
{
  static const size_t sizes[] = {1, 0, 7, 3, 13, 2, 64, 5};
  size_t n = 200000; /* about 40,000 calls */
  char *text = sample_text(n);
  bytes gz = stream_in_chunks(text, n, sizes, sizeof(sizes) / sizeof(sizes[0]));
  ck_gunzips_to(gz.data, gz.len, text, n);
  ck_assert_uint_lt(gz.len, n / 4);
  free(gz.data);
  free(text);
}
END_TEST

START_TEST(stream_of_large_chunks)
{
  static const size_t sizes[] = {1024 * 1024, 3 * 1024 * 1024 + 17};
  size_t n = 12 * 1024 * 1024;
  char *text = sample_text(n);
  unsigned char *random = noise(n);
  bytes gz = stream_in_chunks(text, n, sizes, 2);
  ck_gunzips_to(gz.data, gz.len, text, n);
  free(gz.data);
  gz = stream_in_chunks(random, n, sizes, 2);
  ck_gunzips_to(gz.data, gz.len, random, n);
  free(gz.data);
  free(text);
  free(random);
}
END_TEST

START_TEST(stream_equals_one_shot)
{
  static const size_t sizes[] = {4096};
  size_t n = 1000000;
  char *text = sample_text(n);
  char *gz = NULL;
  size_t gz_len = 0;
  bytes streamed = stream_in_chunks(text, n, sizes, 1);
  /* same deflater, same level: the same bytes whether given at once or in pieces */
  ck_assert_int_eq(edx_gzip(text, n, LEVEL, &gz, &gz_len), 0);
  ck_assert_uint_eq(streamed.len, gz_len);
  ck_assert(memcmp(streamed.data, gz, gz_len) == 0);
  free(gz);
  free(streamed.data);
  free(text);
}
END_TEST

START_TEST(nothing_after_finish)
{
  edx_gzip_stream *s = edx_gzip_stream_new(LEVEL);
  const char *out;
  size_t out_len;
  ck_assert_int_eq(edx_gzip_stream_add(s, "abc", 3, &out, &out_len), 0);
  ck_assert_int_eq(edx_gzip_stream_finish(s, &out, &out_len), 0);
  ck_assert_int_ne(edx_gzip_stream_add(s, "def", 3, &out, &out_len), 0);
  ck_assert_uint_eq(out_len, 0);
  ck_assert_int_ne(edx_gzip_stream_finish(s, &out, &out_len), 0);
  edx_gzip_stream_free(s);
  edx_gzip_stream_free(NULL);
}
END_TEST

Suite *gzip_suite(void)
{
  Suite *s = suite_create("gzip");
  TCase *tc = tcase_create("gzip");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, one_shot_empty_input);
  tcase_add_test(tc, one_shot_round_trip_at_every_level);
  tcase_add_test(tc, one_shot_large_inputs);
  tcase_add_test(tc, bad_level_is_refused);
  tcase_add_test(tc, stream_of_nothing);
  tcase_add_test(tc, stream_of_many_small_chunks);
  tcase_add_test(tc, stream_of_large_chunks);
  tcase_add_test(tc, stream_equals_one_shot);
  tcase_add_test(tc, nothing_after_finish);
  suite_add_tcase(s, tc);
  return s;
}
