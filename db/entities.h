/* entities.h — the entities of the change feed and the exports, and how each is read: its
 * current representation for a change row, and every row of it a scope may see. */
#ifndef EDX_DB_ENTITIES_H
#define EDX_DB_ENTITIES_H

typedef struct {
  const char *name;   /* as the feed's items name it: "school" */
  /* A scalar sub-SELECT of the representation of the entity a change row `c` names (what its GET
   * returns: a framework's newest version, a report value as GET /v1/reports lists it). */
  const char *data_sql;
  /* Every row as its representation (one json column) in a stable order; when scoped, of
   * district $1 unless it is NULL and of province $2 unless it is NULL (the catalogue's entities
   * take no parameter). */
  const char *export_sql;
  int scoped;
} edx_feed_entity;

/* The entities, NULL-terminated by name. */
extern const edx_feed_entity edx_feed_entities[];
/* The entity called name, or NULL. */
const edx_feed_entity *edx_feed_entity_named(const char *name);
#endif
