/* feed_cursor.h — positions in the change feed and the cursors that carry them.
 *
 * A position is (xid, seq): the writing transaction's id and a sequence number inside it; the
 * feed serves items after a position. An export's cursor also carries the export's snapshot
 * (xmin, xmax and the transactions in progress): items written by transactions that the snapshot
 * already saw are skipped, so an export followed by the feed neither misses nor repeats a change.
 * Once the position passes the snapshot's xmax the snapshot no longer matters and is dropped.
 *
 * Text form (opaque to clients, URL-safe): 16 hex digits of xid and 16 of seq (an item's "seq"),
 * then for a snapshot "." xmin "_" xmax and "_" each transaction in progress, in hex. Pure. */
#ifndef EDX_FEED_CURSOR_H
#define EDX_FEED_CURSOR_H
#include <stddef.h>
#include <stdint.h>

#define EDX_FEED_XIP_MAX 64  /* transactions in progress a cursor carries at most */
#define EDX_FEED_CURSOR_LEN (33 + 2 * 17 + EDX_FEED_XIP_MAX * 17 + 1)
#define EDX_FEED_SNAPSHOT_LEN (3 * 21 + EDX_FEED_XIP_MAX * 21 + 1)

typedef struct {
  uint64_t xid, seq;        /* items after this position */
  int has_snapshot;         /* an export's snapshot: skip what it saw */
  uint64_t snap_xmin, snap_xmax;
  size_t nxip;
  uint64_t xip[EDX_FEED_XIP_MAX];
} edx_feed_cursor;

/* Parses text into out. 0, or -1 when it is not a cursor of this feed. */
int edx_feed_cursor_parse(const char *text, edx_feed_cursor *out);
/* Writes c's text form into out (EDX_FEED_CURSOR_LEN bytes). */
void edx_feed_cursor_format(const edx_feed_cursor *c, char out[EDX_FEED_CURSOR_LEN]);
/* The snapshot as PostgreSQL's pg_snapshot text "xmin:xmax:xip,..." (decimal), "" without one. */
void edx_feed_cursor_snapshot(const edx_feed_cursor *c, char out[EDX_FEED_SNAPSHOT_LEN]);
/* Moves c to (xid, seq) when that is later, dropping the snapshot once it is passed. */
void edx_feed_cursor_advance(edx_feed_cursor *c, uint64_t xid, uint64_t seq);
/* An export's cursor from its snapshot text "xmin:xmax:xip,..." (as pg_current_snapshot()
 * writes it): position (xmin, 0) and the snapshot. With more than EDX_FEED_XIP_MAX transactions
 * in progress the snapshot is left out (the feed then repeats a few changes, never misses one).
 * 0, or -1 when text is not a snapshot. */
int edx_feed_cursor_from_snapshot(const char *text, edx_feed_cursor *out);
#endif
