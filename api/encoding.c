/* encoding.c — gzip content coding of answers and Vary (see encoding.h). */
#include <stdio.h>
#include <stdlib.h>
#include <yder.h>
#include "api/encoding.h"
#include "src/rules/content_coding.h"
#include "src/rules/errors.h"
#include "src/runtime/gzip_cache.h"

static const char *accept_encoding(const struct _u_request *req)
{
  return u_map_get_case(req->map_header, "Accept-Encoding");
}

void edx_encoding_etag(char out[EDX_ETAG_GZIP_LEN], const struct _u_request *req, size_t len,
                       const char *etag)
{
  if (edx_use_gzip(accept_encoding(req), len))
    edx_etag_gzip(out, etag);
  else
    snprintf(out, EDX_ETAG_GZIP_LEN, "%s", etag);
}

/* Adds Accept-Encoding to the answer's Vary, keeping what it lists already. */
static void add_vary(struct _u_response *res)
{
  const char *vary = u_map_get_case(res->map_header, "Vary");
  char *merged = NULL;
  if (!vary || !*vary) {
    u_map_put(res->map_header, "Vary", "Accept-Encoding");
    return;
  }
  if (edx_header_lists(vary, "Accept-Encoding") ||
      asprintf(&merged, "%s, Accept-Encoding", vary) < 0)
    return;
  u_map_remove_from_key_case(res->map_header, "Vary");
  u_map_put(res->map_header, "Vary", merged);
  free(merged);
}

void edx_encoding_finish(const struct _u_request *req, struct _u_response *res)
{
  const char *etag;
  char *gz = NULL;
  size_t gz_len = 0;
  if (res->status < 200 || res->status == 204)
    return;
  add_vary(res);
  if (res->status == 304 || res->stream_callback || !res->binary_body ||
      u_map_get_case(res->map_header, "Content-Encoding") ||
      !edx_use_gzip(accept_encoding(req), res->binary_body_length))
    return;
  if (edx_gzip_answer(res->binary_body, res->binary_body_length, &gz, &gz_len) != EDX_OK) {
    y_log_message(Y_LOG_LEVEL_WARNING, "answering without gzip: %s", edx_error_last());
    return; /* the identity answer is still a right answer */
  }
  if ((etag = u_map_get_case(res->map_header, "ETag")) != NULL) {
    char variant[EDX_ETAG_GZIP_LEN];
    edx_etag_gzip(variant, etag);
    u_map_put(res->map_header, "ETag", variant);
  }
  ulfius_set_binary_body_response(res, (unsigned int)res->status, gz, gz_len);
  u_map_put(res->map_header, "Content-Encoding", "gzip");
  free(gz);
}
