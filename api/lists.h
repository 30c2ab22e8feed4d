/* lists.h — the answer to a list request (GET of a collection), from the page edx_db_list made. */
#ifndef EDX_API_LISTS_H
#define EDX_API_LISTS_H
#include "api/http.h"

/* Answers the outcome of a list read from edx_db_list (page freed here): its JSON passed on as
 * the database wrote it, or CSV as edx_respond_list writes it, with a Link header to the next
 * page when it has a next cursor; a page holding rows instead (the list asked for whole as CSV:
 * lp->all) is streamed as CSV, every row, and takes the request's connection with it.
 * EDX_EBADREQ is a 400 naming after. */
void edx_answer_list(edx_ctx *ctx, int rc, edx_list_page *page, const char *const *csv_columns,
                     const char *csv_name);
/* edx_answer_list for a list of resources a client changes with If-Match: every JSON item also
 * carries "etag", the ETag a GET of that item alone answers (edx_list_items_with_etags), so an
 * edit from the list needs no read first. CSV and the rows of a whole-list CSV carry none. */
void edx_answer_list_tagged(edx_ctx *ctx, int rc, edx_list_page *page,
                            const char *const *csv_columns, const char *csv_name);

#endif
