/* gzip.h — gzip (RFC 1952) compression with zlib, for answers sent with Content-Encoding: gzip:
 * a one-shot compressor (bytes in, one gzip member out) and a streaming deflater for an answer
 * written piece by piece (new / add a chunk and take the compressed bytes it produced / finish /
 * free). The stream's memory does not grow with the length of the stream: zlib's state (about
 * 256 KiB at the settings used here) plus one output buffer as large as the most compressed
 * output a single call produced. Levels are zlib's: 1 fastest … 9 smallest; the levels answers
 * are sent with are chosen in gzip_cache.h. */
#ifndef EDX_GZIP_H
#define EDX_GZIP_H
#include <stddef.h>

/* Compresses in[0..len) at level (0–9) into one gzip member: *out (malloc'ed, the caller frees
 * it) of *out_len bytes. EDX_OK, or EDX_EINTERNAL with the message set (*out is NULL then). */
int edx_gzip(const void *in, size_t len, int level, char **out, size_t *out_len);

typedef struct edx_gzip_stream edx_gzip_stream;

/* A deflater that writes one gzip member at level (0–9); NULL when out of memory or level is
 * out of range. */
edx_gzip_stream *edx_gzip_stream_new(int level);
/* Compresses len bytes of chunk. *out and *out_len receive the compressed bytes this call
 * produced (often none: zlib keeps up to its window before it writes), valid until the next call
 * on s. EDX_OK, or EDX_EINTERNAL with the message set (the stream is unusable then). */
int edx_gzip_stream_add(edx_gzip_stream *s, const void *chunk, size_t len, const char **out,
                        size_t *out_len);
/* Ends the member: *out and *out_len receive the rest of the compressed bytes and the gzip
 * trailer (CRC-32 and length). Nothing may be added afterwards. EDX_OK or EDX_EINTERNAL. */
int edx_gzip_stream_finish(edx_gzip_stream *s, const char **out, size_t *out_len);
/* Frees s (NULL is fine), finished or not. */
void edx_gzip_stream_free(edx_gzip_stream *s);
#endif
