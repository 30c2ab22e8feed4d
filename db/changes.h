/* changes.h — reading the change feed (the changes table of migration 0009, written by triggers)
 * and purging its old tombstones. */
#ifndef EDX_DB_CHANGES_H
#define EDX_DB_CHANGES_H
#include <stdint.h>
#include "db/pool.h"
#include "src/rules/feed_cursor.h"

typedef struct {
  char *items;            /* JSON array text of the page's items (caller frees) */
  long count;             /* items in it */
  int has_more;           /* more items after the page */
  uint64_t last_xid, last_seq; /* the last item's position (when count > 0) */
  uint64_t horizon;       /* every transaction below this xid had ended when the page was read */
  int expired;            /* the cursor is older than a purged tombstone */
} edx_feed_page;

/* Reads up to limit items after `after` (NULL: from the start) of a district's (district_id),
 * else a province's (province, a code), else every district, with the catalogue's, oldest first,
 * each with its entity's current representation. Only items of ended transactions are served
 * (see 0009). */
int edx_db_changes_page(edx_conn *c, edx_feed_page *out, const edx_feed_cursor *after,
                        const char *district_id, const char *province, long limit);
/* Deletes tombstones older than retention_days when the last purge is an hour old or more. */
int edx_db_changes_purge_due(edx_conn *c, int retention_days);
#endif
