/* kept_answer.h — answers kept in the response cache (src/runtime/response_cache.h) and served
 * from it: an answer is kept with its ETag and, when it is large enough to be worth it, its gzip
 * form made once; serving one streams the kept bytes (identity or gzip, as the request accepts)
 * straight from the shared copy, so a client holds a block, not a copy of the answer. The same
 * conditional and content-coding rules as every other answer (http.h, encoding.h). */
#ifndef EDX_API_KEPT_ANSWER_H
#define EDX_API_KEPT_ANSWER_H
#include <stddef.h>
#include "api/http.h"
#include "src/runtime/response_cache.h"

/* Keeps body[0..len) (malloc'ed; taken over, freed on failure) of content_type, with
 * disposition (NULL: none), under key; *out receives it with a reference for the caller.
 * EDX_OK, or EDX_EINTERNAL with the message set. */
int edx_keep_answer(const char *key, char *body, size_t len, const char *content_type,
                    const char *disposition, const edx_cached **out);
/* Answers 200 with a kept answer (or 304 when If-None-Match names it), giving back the
 * reference when the answer has been sent. */
void edx_respond_kept(edx_ctx *ctx, const edx_cached *answer);
#endif
