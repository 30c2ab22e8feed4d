/* lists.c — answering a list page (see lists.h): its JSON passed on as the database wrote it (with
 * each item's etag added for lists of resources changed with If-Match), its CSV, or, for a list
 * asked for whole as CSV, every row streamed (api/stream.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/lists.h"
#include "api/stream.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/list_etags.h"
#include "src/rules/page_link.h"

/* A list page as JSON text: the items as the database wrote them, then the page's facts. */
static char *page_json(const edx_list_page *page, size_t *len)
{
  char *text = NULL;
  FILE *f = open_memstream(&text, len);
  if (!f)
    return NULL;
  fputs("{\"items\":", f);
  fwrite(page->items, 1, page->items_len, f);
  fprintf(f, ",\"total\":%lld,\"limit\":%ld,\"offset\":%ld,\"next\":", page->total,
          page->limit, page->offset);
  fprintf(f, page->next ? "\"%s\"}" : "null}", page->next); /* a cursor is base64url */
  if (fclose(f) != 0) {
    free(text);
    return NULL;
  }
  return text;
}

/* Answers a list page: its JSON text passed on, or its items parsed for CSV. */
static void respond_page(edx_ctx *ctx, const edx_list_page *page, const char *const *csv_columns,
                         const char *csv_name)
{
  size_t len = 0;
  char *text = NULL;
  json_t *items = NULL, *list = NULL;
  if (!csv_columns || !edx_wants_csv(ctx)) {
    if ((text = page_json(page, &len)))
      edx_respond_json_text(ctx, 200, text, len);
    else
      edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
    free(text);
    return;
  }
  items = json_loadb(page->items, page->items_len, 0, NULL);
  list = items ? json_pack("{s:o}", "items", items) : NULL;
  if (list)
    edx_respond_list(ctx, list, csv_columns, csv_name);
  else
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
  json_decref(list);
}

/* A list asked for whole (its rows, not a page): streamed as CSV. */
static void respond_rows(edx_ctx *ctx, edx_list_page *page, const char *const *csv_columns,
                         const char *csv_name)
{
  if (csv_columns) {
    edx_stream_rows(ctx, page->rows, csv_columns, "", csv_name); /* takes the rows */
    free(page->rows);
    page->rows = NULL;
  } else {
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL); /* lp->all only where ?format= is taken */
  }
  edx_list_page_free(page);
}

/* Gives each of the page's JSON items its etag; 0, or -1 when that failed. */
static int tag_items(edx_list_page *page)
{
  size_t len = 0;
  char *items = edx_list_items_with_etags(page->items, page->items_len, &len);
  if (!items)
    return -1;
  free(page->items);
  page->items = items;
  page->items_len = len;
  return 0;
}

void edx_answer_list_tagged(edx_ctx *ctx, int rc, edx_list_page *page,
                            const char *const *csv_columns, const char *csv_name)
{
  if (rc == EDX_OK && !page->rows && (!csv_columns || !edx_wants_csv(ctx)) &&
      tag_items(page) != 0)
    rc = EDX_EINTERNAL;
  edx_answer_list(ctx, rc, page, csv_columns, csv_name);
}

void edx_answer_list(edx_ctx *ctx, int rc, edx_list_page *page, const char *const *csv_columns,
                     const char *csv_name)
{
  char *link;
  if (rc == EDX_OK && page->rows) {
    respond_rows(ctx, page, csv_columns, csv_name);
    return;
  }
  link = rc == EDX_OK && page->next ? edx_page_link_next(ctx->req->http_url, page->next)
                                          : NULL;
  if (link)
    edx_add_header(ctx, "Link", link);
  if (rc == EDX_OK && (!page->next || link)) {
    respond_page(ctx, page, csv_columns, csv_name);
  } else if (rc == EDX_EBADREQ) {
    json_t *errors = json_array();
    edx_errors_add(errors, "after", "%s", edx_error_last());
    edx_problem(ctx, rc, "the query string has invalid parameters", errors);
  } else {
    edx_problem(ctx, rc == EDX_OK ? EDX_EINTERNAL : rc, NULL, NULL);
  }
  free(link);
  edx_list_page_free(page);
}

