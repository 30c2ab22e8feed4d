/* mirror.h — a provincial mirror, as a puller written from openapi.yaml would keep one: loaded
 * from the exports, then kept by applying the change feed in order. A mirror is a JSON object
 * "<entity>/<id>" → the entity's representation. No check assertions: usable outside tests. */
#ifndef EDX_TEST_MIRROR_H
#define EDX_TEST_MIRROR_H
#include <jansson.h>

/* The feed's entities, NULL-terminated. */
extern const char *const mirror_entities[];
/* Loads every row of entity's export (token's scope) into mirror; returns the export's cursor
 * (malloc'ed), or NULL when the export failed or was incomplete (printed on stderr). */
char *mirror_load_export(json_t *mirror, const char *entity, const char *token);
/* Loads every entity's export; returns the cursor of the first one (the one to follow the feed
 * from is the oldest: any is correct, later ones only skip what they already hold). */
char *mirror_load_all(json_t *mirror, const char *token);
/* Applies the feed after cursor (NULL: from the start) to mirror until has_more is false, with
 * limit items per answer; returns the last next (malloc'ed) or NULL on failure; *applied (may be
 * NULL) gets the number of items. */
char *mirror_follow(json_t *mirror, const char *cursor, const char *token, long limit,
                    long *applied);
/* The keys whose values differ between a and b (in one only, or unequal); prints the first few
 * to stderr. */
long mirror_differences(const json_t *a, const json_t *b);
#endif
