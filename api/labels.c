/* labels.c — GET /v1/labels?lang=: the labels of every enum value a UI shows, in English or
 * Vietnamese (the data is src/rules/labels.c). */
#include "api/query.h"
#include "api/routes.h"
#include "src/rules/labels.h"

void edx_labels_get(edx_ctx *ctx)
{
  edx_lang lang = edx_lang_from_token(edx_query(ctx, "lang"));
  json_t *labels;
  if (edx_query_errors(ctx, json_array()) != 0) /* an unknown parameter */
    return;
  labels = edx_labels(lang);
  edx_add_header(ctx, "Content-Language", edx_lang_tag(lang));
  edx_respond_json(ctx, 200, labels);
  json_decref(labels);
}
