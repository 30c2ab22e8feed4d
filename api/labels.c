/* labels.c — GET /v1/labels?lang=: the labels of every enum value a UI shows, in English or
 * Vietnamese (the data is src/rules/labels.c); without lang, in the Accept-Language's. */
#include "api/query.h"
#include "api/routes.h"
#include "src/rules/labels.h"

void edx_labels_get(edx_ctx *ctx)
{
  const char *asked = edx_query(ctx, "lang");
  edx_lang lang = asked ? edx_lang_from_token(asked)
                        : edx_lang_from_accept(edx_header(ctx, "Accept-Language"));
  json_t *labels;
  if (edx_query_errors(ctx, json_array()) != 0) /* an unknown parameter */
    return;
  labels = edx_labels(lang);
  edx_respond_json(ctx, 200, labels);
  edx_say_language(ctx, lang);
  json_decref(labels);
}
