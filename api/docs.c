/* docs.c — the API reference for people: GET /docs (the page made from openapi.yaml at build
 * time, src/runtime/api_docs.py) and the Redoc script it loads from /docs/redoc.standalone.js,
 * both public and served from the binary, nothing from another site. */
#include <string.h>
#include "api/routes.h"
#include "src/rules/errors.h"
#include "src/runtime/embedded.h"

/* The embedded file called name, or NULL. */
static const edx_embedded_file *doc_file(const char *name)
{
  for (const edx_embedded_file *f = edx_api_docs; f->name; f++)
    if (strcmp(f->name, name) == 0)
      return f;
  return NULL;
}

static void send_doc(edx_ctx *ctx, const char *name, const char *content_type)
{
  const edx_embedded_file *f = doc_file(name);
  if (!f) {
    edx_problem(ctx, EDX_ENOTFOUND, "this build has no API reference: it is made from "
                                    "openapi.yaml by Redocly at build time (run "
                                    "`npm ci --prefix tests/contract` and build again); "
                                    "GET /v1/openapi.yaml has the contract itself", NULL);
    return;
  }
  edx_respond_bytes(ctx, 200, content_type, f->text, f->length);
}

void edx_docs_page(edx_ctx *ctx) { send_doc(ctx, "api.html", "text/html; charset=utf-8"); }

void edx_docs_script(edx_ctx *ctx)
{
  send_doc(ctx, "redoc.standalone.js", "text/javascript; charset=utf-8");
}
