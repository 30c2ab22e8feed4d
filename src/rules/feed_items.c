/* feed_items.c — a change feed item as JSON text (see feed_items.h). */
#include "src/rules/feed_cursor.h"
#include "src/rules/feed_items.h"

void edx_feed_item_write(edx_text *t, const edx_feed_item *item)
{
  char seq[EDX_FEED_CURSOR_LEN];
  edx_feed_cursor position = {.xid = item->xid, .seq = item->seq};
  edx_feed_cursor_format(&position, seq);
  edx_text_member(t, "{\"seq\":", seq);
  edx_text_member(t, ",\"entity\":", item->entity);
  edx_text_member(t, ",\"id\":", item->id);
  edx_text_member(t, ",\"op\":", item->data ? "upsert" : "delete");
  edx_text_member(t, ",\"district_id\":", item->district_id);
  edx_text_member(t, ",\"changed_at\":", item->changed_at);
  edx_text_raw(t, ",\"data\":");
  if (!item->data) {
    edx_text_raw(t, "null}");
    return;
  }
  size_t start = t->len;
  edx_text_rawn(t, item->data, item->data_len);
  if (t->data)
    t->len = start + edx_json_squeeze(t->data + start, item->data_len);
  edx_text_raw(t, "}");
}
