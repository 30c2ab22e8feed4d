/* changes.c — the change feed's pages and the purge of old tombstones (see changes.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include "db/changes.h"
#include "db/entities.h"
#include "db/query.h"
#include "src/rules/errors.h"
#include "src/rules/feed_items.h"
#include "src/rules/json_text.h"

/* Items after the cursor ($1, $2), of ended transactions only, not seen by an export's snapshot
 * ($3), in feed order; one more than asked ($4) tells whether more follow. */
#define ITEM_COLUMNS "c.entity, c.entity_id, c.district_id, c.op, c.xid, c.seq, c.changed_at"
#define AFTER_CURSOR                                                                            \
  " (c.xid, c.seq) > ($1::xid8, $2::bigint)"                                                    \
  " AND c.xid < (SELECT pg_snapshot_xmin(pg_current_snapshot()))"                               \
  " AND ($3::pg_snapshot IS NULL OR NOT pg_visible_in_snapshot(c.xid, $3::pg_snapshot))"        \
  " ORDER BY c.xid, c.seq LIMIT $4::int + 1"

static const char every_item[] = "SELECT " ITEM_COLUMNS " FROM changes c WHERE" AFTER_CURSOR;
/* A district's (or a province's) items and the catalogue's, each read in order from the
 * (district_id, xid, seq) or (province_code, xid, seq) index and merged. */
#define SCOPED_ITEMS(scope)                                                                     \
  "SELECT * FROM ((SELECT " ITEM_COLUMNS " FROM changes c WHERE " scope " AND" AFTER_CURSOR     \
  ") UNION ALL (SELECT " ITEM_COLUMNS " FROM changes c WHERE c.district_id IS NULL"             \
  " AND" AFTER_CURSOR ")) u ORDER BY xid, seq LIMIT $4::int + 1"
static const char district_items[] = SCOPED_ITEMS("c.district_id = $6::uuid");
static const char province_items[] = SCOPED_ITEMS("c.province_code = $6");

/* One row per served item (an upsert whose entity is gone reads as a delete: no data), oldest
 * first, each with whether more follow, the horizon, and whether the cursor ($5: one was given)
 * is older than a purged tombstone; a single row of those three when nothing is served. The
 * first %s is the page's rows, the second the representation of the entity a row c names (see
 * representation_case). */
static const char page_sql[] =
  "WITH page AS MATERIALIZED (%s),"
  " served AS (SELECT c.*, CASE WHEN c.op = 'upsert' THEN %s END AS data"
  "   FROM page c ORDER BY c.xid, c.seq LIMIT $4::int),"
  " meta AS (SELECT (SELECT count(*) FROM page) > $4::int AS has_more,"
  "   pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,"
  "   $5::boolean AND (SELECT ($1::xid8, $2::bigint) < (f.purged_xid, f.purged_seq)"
  "                    FROM change_feed_state f) AS expired)"
  " SELECT m.has_more, m.horizon, m.expired, s.xid::text, s.seq, s.entity, s.entity_id,"
  "   s.district_id, edx_ts(s.changed_at), s.data"
  " FROM meta m LEFT JOIN served s ON true ORDER BY s.xid, s.seq";

/* "CASE c.entity WHEN '<name>' THEN <its representation> ... END", from the entity table, built
 * once (a CASE runs only the sub-SELECT of the row's entity). */
static char representation_case[4096];
static pthread_once_t representation_once = PTHREAD_ONCE_INIT;

static void build_representation_case(void)
{
  size_t used = (size_t)snprintf(representation_case, sizeof(representation_case),
                                 "CASE c.entity");
  for (const edx_feed_entity *e = edx_feed_entities; e->name; e++)
    used += (size_t)snprintf(representation_case + used, sizeof(representation_case) - used,
                             " WHEN '%s' THEN %s", e->name, e->data_sql);
  snprintf(representation_case + used, sizeof(representation_case) - used, " END");
}

static const char *value_or_null(PGresult *res, int row, int col)
{
  return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

/* The items as a JSON array written from the rows (see edx_feed_item_write), and the page's
 * facts. */
static int read_page(PGresult *res, edx_feed_page *out)
{
  edx_text t;
  int rows = PQntuples(res);
  if (rows < 1)
    return EDX_EINTERNAL;
  out->has_more = PQgetvalue(res, 0, 0)[0] == 't';
  out->horizon = strtoull(PQgetvalue(res, 0, 1), NULL, 10);
  out->expired = PQgetvalue(res, 0, 2)[0] == 't';
  edx_text_init(&t, (size_t)rows * 512);
  edx_text_raw(&t, "[");
  for (int i = 0; i < rows && !PQgetisnull(res, i, 3); i++) {
    const char *data = value_or_null(res, i, 9);
    edx_feed_item item = {
      .xid = strtoull(PQgetvalue(res, i, 3), NULL, 10),
      .seq = strtoull(PQgetvalue(res, i, 4), NULL, 10),
      .entity = PQgetvalue(res, i, 5), .id = PQgetvalue(res, i, 6),
      .district_id = value_or_null(res, i, 7), .changed_at = PQgetvalue(res, i, 8),
      .data = data, .data_len = data ? (size_t)PQgetlength(res, i, 9) : 0};
    if (out->count++)
      edx_text_raw(&t, ",");
    edx_feed_item_write(&t, &item);
    out->last_xid = item.xid;
    out->last_seq = item.seq;
  }
  size_t len;
  edx_text_raw(&t, "]");
  out->items = edx_text_take(&t, &len);
  return out->items ? EDX_OK : EDX_EINTERNAL;
}

int edx_db_changes_page(edx_conn *c, edx_feed_page *out, const edx_feed_cursor *after,
                        const char *district_id, const char *province, long limit)
{
  char xid[24], seq[24], lim[24], snapshot[EDX_FEED_SNAPSHOT_LEN], sql[8192];
  const char *scope = district_id ? district_id : province;
  const char *params[6] = {xid, seq, NULL, lim, after ? "true" : "false", scope};
  PGresult *res = NULL;
  int rc;
  memset(out, 0, sizeof(*out));
  snprintf(xid, sizeof(xid), "%" PRIu64, after ? after->xid : 0);
  snprintf(seq, sizeof(seq), "%" PRIu64, after ? after->seq : 0);
  snprintf(lim, sizeof(lim), "%ld", limit);
  if (after)
    edx_feed_cursor_snapshot(after, snapshot);
  params[2] = after && snapshot[0] ? snapshot : NULL;
  pthread_once(&representation_once, build_representation_case);
  snprintf(sql, sizeof(sql), page_sql,
           district_id ? district_items : province ? province_items : every_item,
           representation_case);
  rc = edx_db_exec(c, &res, sql, scope ? 6 : 5, params);
  if (rc == EDX_OK)
    rc = read_page(res, out);
  if (rc != EDX_OK) {
    free(out->items);
    out->items = NULL;
  }
  PQclear(res);
  return rc;
}

int edx_db_changes_purge_due(edx_conn *c, int retention_days)
{
  char days[16];
  const char *params[] = {days};
  snprintf(days, sizeof(days), "%d", retention_days);
  return edx_db_run(c, NULL,
                    "SELECT edx_changes_purge(make_interval(days => $1::int))"
                    " FROM change_feed_state WHERE purged_at < now() - interval '1 hour'",
                    1, params);
}
