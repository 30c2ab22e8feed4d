/* feed_items.h — one change feed item as JSON text: {"seq", "entity", "id", "op",
 * "district_id", "changed_at", "data"}, the entity's representation copied in as it came from
 * the database (without its insignificant spaces). Pure. */
#ifndef EDX_FEED_ITEMS_H
#define EDX_FEED_ITEMS_H
#include <stddef.h>
#include <stdint.h>
#include "src/rules/json_text.h"

typedef struct {
  uint64_t xid, seq;       /* its position */
  const char *entity, *id;
  const char *district_id; /* NULL: the catalogue */
  const char *changed_at;  /* RFC 3339 */
  const char *data;        /* the representation's JSON text; NULL: deleted (op "delete") */
  size_t data_len;
} edx_feed_item;

/* Appends the item to t. */
void edx_feed_item_write(edx_text *t, const edx_feed_item *item);
#endif
