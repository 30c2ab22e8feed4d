/* gzip.c — gzip compression with zlib (see gzip.h). Both ways share one deflater: the one-shot
 * compressor is a stream given all its input at once, whose output buffer is handed over. */
#include <limits.h>
#include <stdlib.h>
#define ZLIB_CONST /* next_in is a pointer to const */
#include <zlib.h>
#include "src/rules/errors.h"
#include "src/runtime/gzip.h"

#define GZIP_WINDOW_BITS (15 + 16) /* a 32 KiB window, with the gzip header and trailer */
#define GZIP_MEM_LEVEL 8           /* zlib's default */
#define FIRST_BUFFER 16384

struct edx_gzip_stream {
  z_stream z;
  char *buf;   /* the compressed bytes of the current call */
  size_t len;
  size_t cap;
  int ended;   /* the trailer was written, or zlib failed */
};

edx_gzip_stream *edx_gzip_stream_new(int level)
{
  edx_gzip_stream *s;
  if (level < 0 || level > 9)
    return NULL;
  s = calloc(1, sizeof(*s));
  if (!s)
    return NULL;
  if (deflateInit2(&s->z, level, Z_DEFLATED, GZIP_WINDOW_BITS, GZIP_MEM_LEVEL,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    free(s);
    return NULL;
  }
  return s;
}

/* Gives the output buffer room for at least one more byte. */
static int grow(edx_gzip_stream *s)
{
  size_t cap = s->cap ? s->cap * 2 : FIRST_BUFFER;
  char *bigger = realloc(s->buf, cap);
  if (!bigger) {
    edx_error_set("out of memory while compressing");
    return EDX_EINTERNAL;
  }
  s->buf = bigger;
  s->cap = cap;
  return EDX_OK;
}

/* Runs deflate over in[0..len) with flush (Z_NO_FLUSH or Z_FINISH) until all of it is taken and,
 * for Z_FINISH, the trailer written; the output of this call is buf[0..len). */
static int pump(edx_gzip_stream *s, const unsigned char *in, size_t len, int flush)
{
  int rc = EDX_OK, zrc = Z_OK;
  s->len = 0;
  if (s->ended) {
    edx_error_set("the gzip stream is already finished");
    return EDX_EINTERNAL;
  }
  for (;;) {
    /* zlib counts input in uInt: feed a longer input in pieces */
    if (s->z.avail_in == 0 && len > 0) {
      uInt piece = len > UINT_MAX ? UINT_MAX : (uInt)len;
      s->z.next_in = in;
      s->z.avail_in = piece;
      in += piece;
      len -= piece;
    }
    if (s->len == s->cap && (rc = grow(s)) != EDX_OK)
      break;
    s->z.next_out = (Bytef *)s->buf + s->len;
    s->z.avail_out = s->cap - s->len > UINT_MAX ? UINT_MAX : (uInt)(s->cap - s->len);
    zrc = deflate(&s->z, len > 0 ? Z_NO_FLUSH : flush);
    s->len = (size_t)((char *)s->z.next_out - s->buf);
    if (zrc == Z_STREAM_ERROR) {
      edx_error_set("zlib could not compress: %s", s->z.msg ? s->z.msg : "stream error");
      rc = EDX_EINTERNAL;
      break;
    }
    if (zrc == Z_STREAM_END)
      break;
    /* with room left over, deflate has taken all of its input and written what it can */
    if (flush == Z_NO_FLUSH && len == 0 && s->z.avail_in == 0 && s->z.avail_out > 0)
      break;
  }
  if (rc != EDX_OK || zrc == Z_STREAM_END)
    s->ended = 1;
  return rc;
}

int edx_gzip_stream_add(edx_gzip_stream *s, const void *chunk, size_t len, const char **out,
                        size_t *out_len)
{
  int rc = pump(s, chunk, len, Z_NO_FLUSH);
  *out = s->buf;
  *out_len = rc == EDX_OK ? s->len : 0;
  return rc;
}

int edx_gzip_stream_finish(edx_gzip_stream *s, const char **out, size_t *out_len)
{
  int rc = pump(s, NULL, 0, Z_FINISH);
  *out = s->buf;
  *out_len = rc == EDX_OK ? s->len : 0;
  return rc;
}

void edx_gzip_stream_free(edx_gzip_stream *s)
{
  if (!s)
    return;
  deflateEnd(&s->z);
  free(s->buf);
  free(s);
}

int edx_gzip(const void *in, size_t len, int level, char **out, size_t *out_len)
{
  edx_gzip_stream *s = edx_gzip_stream_new(level);
  int rc = s ? EDX_OK : EDX_EINTERNAL;
  *out = NULL;
  *out_len = 0;
  if (!s)
    edx_error_set("could not start a gzip stream at level %d", level);
  /* room for all of it at once (zlib's bound): one pass, no copy; the pages past the compressed
   * size are never touched, and are given back below */
  if (rc == EDX_OK && len <= UINT_MAX) {
    s->cap = deflateBound(&s->z, (uLong)len);
    if (!(s->buf = malloc(s->cap)))
      s->cap = 0;
  }
  if (rc == EDX_OK)
    rc = pump(s, in, len, Z_FINISH);
  if (rc == EDX_OK) {
    char *fitted = realloc(s->buf, s->len ? s->len : 1);
    if (fitted)
      s->buf = fitted;
    *out = s->buf; /* the caller's now */
    *out_len = s->len;
    s->buf = NULL;
  }
  edx_gzip_stream_free(s);
  return rc;
}
