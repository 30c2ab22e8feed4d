/* changes.c — GET /v1/changes: the change feed a mirror follows after an export. Items come in
 * feed order after ?after= (a previous answer's `next` or an export's Edudx-Cursor), scoped like
 * lists (a district's tokens see their district and the shared catalogue); deletions are kept
 * --change-retention-days, and a cursor older than that is 410 cursor-expired. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/http.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/changes.h"
#include "src/rules/errors.h"
#include "src/rules/feed_cursor.h"

#define FEED_LIMIT_DEFAULT 1000
#define FEED_LIMIT_MAX 5000

/* The cursor of the next answer: after the last item when more follow, else up to the horizon
 * (everything before it that this caller may see has been served). */
static void next_cursor(const edx_feed_cursor *after, const edx_feed_page *page,
                        char out[EDX_FEED_CURSOR_LEN])
{
  edx_feed_cursor next = {0};
  if (after)
    next = *after;
  if (page->count > 0)
    edx_feed_cursor_advance(&next, page->last_xid, page->last_seq);
  if (!page->has_more)
    edx_feed_cursor_advance(&next, page->horizon, 0);
  edx_feed_cursor_format(&next, out);
}

static void respond_page(edx_ctx *ctx, const edx_feed_cursor *after, edx_feed_page *page)
{
  char next[EDX_FEED_CURSOR_LEN];
  size_t size = strlen(page->items) + sizeof(next) + 64;
  char *text = malloc(size);
  next_cursor(after, page, next);
  if (!text) {
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
    return;
  }
  snprintf(text, size, "{\"items\":%s,\"next\":\"%s\",\"has_more\":%s}", page->items, next,
           page->has_more ? "true" : "false");
  edx_respond_json_text(ctx, 200, text, strlen(text));
  free(text);
}

void edx_changes_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  const char *after_text = edx_query(ctx, "after");
  edx_feed_cursor after;
  edx_feed_page page = {0};
  long limit = edx_query_long(ctx, "limit", 1, FEED_LIMIT_MAX, FEED_LIMIT_DEFAULT, errors);
  const char *province = edx_query_code(ctx, "province", errors);
  int rc;
  if (after_text && edx_feed_cursor_parse(after_text, &after) != 0)
    edx_errors_add(errors, "after", "is not a cursor of this feed: use the `next` of an earlier "
                                    "answer or the Edudx-Cursor of an export");
  if (edx_query_errors(ctx, errors) != 0)
    return;
  if (edx_caller_school_scope(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "the change feed serves admin, district and reader tokens; "
                                     "a school token reads its school's resources directly", NULL);
    return;
  }
  if (edx_scope_province(ctx, &province) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_changes_purge_due(ctx->conn, ctx->app->cfg->change_retention_days);
  if (rc == EDX_OK)
    rc = edx_db_changes_page(ctx->conn, &page, after_text ? &after : NULL,
                             edx_caller_district_scope(&ctx->caller), province, limit);
  if (rc == EDX_OK && page.expired) {
    edx_error_set("the cursor is older than the deletions this service keeps (%d days): read "
                  "the data again with GET /v1/exports/{entity} and follow the feed from the "
                  "export's Edudx-Cursor", ctx->app->cfg->change_retention_days);
    rc = EDX_EEXPIRED;
  }
  if (rc == EDX_OK)
    respond_page(ctx, after_text ? &after : NULL, &page);
  else
    edx_problem(ctx, rc, NULL, NULL);
  free(page.items);
}
