/* kept_answer.c — keeping answers and serving them from the response cache (see
 * kept_answer.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/encoding.h"
#include "api/kept_answer.h"
#include "src/rules/content_coding.h"
#include "src/rules/errors.h"
#include "src/rules/etag.h"
#include "src/runtime/gzip.h"
#include "src/runtime/gzip_cache.h"

/* An answer up to this long is copied into the response (one send of head and body); a longer
 * one is streamed from the kept copy, MHD asking for KEPT_BLOCK bytes at a time: all a client
 * holds of it while it is sent. */
#define KEPT_COPY_MAX (64 * 1024)
#define KEPT_BLOCK (64 * 1024)

int edx_keep_answer(const char *key, char *body, size_t len, const char *content_type,
                    const char *disposition, const edx_cached **out)
{
  edx_cached a;
  int rc = EDX_OK;
  memset(&a, 0, sizeof(a));
  a.body = body;
  a.len = len;
  snprintf(a.content_type, sizeof(a.content_type), "%s", content_type);
  snprintf(a.disposition, sizeof(a.disposition), "%s", disposition ? disposition : "");
  edx_etag_of_bytes(a.etag, body, len);
  if (len >= EDX_GZIP_MIN_BYTES)
    rc = edx_gzip(body, len, len >= EDX_GZIP_KEEP_MIN_BYTES ? EDX_GZIP_LEVEL_KEPT
                                                             : EDX_GZIP_LEVEL_FAST,
                  &a.gzip, &a.gzip_len);
  if (rc != EDX_OK) {
    free(body);
    return rc;
  }
  if (!(*out = edx_cache_keep(key, &a))) {
    edx_error_set("out of memory keeping an answer");
    return EDX_EINTERNAL;
  }
  return EDX_OK;
}

typedef struct {
  const edx_cached *answer;
  const char *bytes; /* the identity body or the gzip form */
  size_t len;
} kept_stream;

static ssize_t kept_block(void *cls, uint64_t offset, char *buf, size_t max)
{
  const kept_stream *s = cls;
  size_t n;
  if (offset >= s->len)
    return U_STREAM_END;
  n = s->len - offset < max ? s->len - offset : max;
  memcpy(buf, s->bytes + offset, n);
  return (ssize_t)n;
}

static void kept_free(void *cls)
{
  kept_stream *s = cls;
  edx_cache_release(s->answer);
  free(s);
}

/* Sends len bytes of a kept answer: copied into the answer when small, else streamed from the
 * kept copy (the reference given back when the stream is done). */
static void send_kept(edx_ctx *ctx, const edx_cached *answer, const char *bytes, size_t len)
{
  kept_stream *s = NULL;
  if (len <= KEPT_COPY_MAX) {
    edx_respond_bytes(ctx, 200, answer->content_type, bytes, len);
    edx_cache_release(answer);
    return;
  }
  u_map_put(ctx->res->map_header, "Content-Type", answer->content_type);
  if (!(s = malloc(sizeof(*s))) ||
      (*s = (kept_stream){answer, bytes, len},
       ulfius_set_stream_response(ctx->res, 200, kept_block, kept_free, len, KEPT_BLOCK, s)) !=
          U_OK) {
    free(s);
    edx_cache_release(answer);
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
  }
}

void edx_respond_kept(edx_ctx *ctx, const edx_cached *answer)
{
  char etag[EDX_ETAG_GZIP_LEN];
  int gzip;
  /* the variant every answer gets (encoding.h); a kept answer that long has its gzip form */
  edx_encoding_etag(etag, ctx->req, answer->len, answer->etag);
  gzip = answer->gzip && strcmp(etag, answer->etag) != 0;
  edx_add_header(ctx, "ETag", etag);
  if (edx_etag_matches_variant(edx_header(ctx, "If-None-Match"), answer->etag, 1)) {
    edx_respond_empty(ctx, 304);
    edx_cache_release(answer);
    return;
  }
  if (gzip)
    u_map_put(ctx->res->map_header, "Content-Encoding", "gzip");
  if (answer->disposition[0])
    edx_add_header(ctx, "Content-Disposition", answer->disposition);
  send_kept(ctx, answer, gzip ? answer->gzip : answer->body,
            gzip ? answer->gzip_len : answer->len);
}
