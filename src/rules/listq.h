/* listq.h — the list conventions' query parameters: limit, offset and sort=field,-other
 * against a resource's allowed fields. Pure parsing; db/ turns the result into ORDER BY. */
#ifndef EDX_LISTQ_H
#define EDX_LISTQ_H
#include <jansson.h>

#define EDX_SORT_MAX 4
#define EDX_LIMIT_DEFAULT 50
#define EDX_LIMIT_MAX 500

typedef struct {
  int field; /* index into the resource's allowed field names */
  int desc;  /* 1 for descending ("-field") */
} edx_sort_key;

typedef struct {
  long limit;
  long offset;
  int nsort;
  edx_sort_key sort[EDX_SORT_MAX];
} edx_list_params;

/* Parses limit, offset and sort (each may be NULL for its default) into out. allowed is a
 * NULL-terminated list of sortable field names; default_sort is used when sort is NULL.
 * Every problem is appended to errors as {"field", "message"}; returns their number. */
int edx_list_params_parse(edx_list_params *out, const char *limit, const char *offset,
                          const char *sort, const char *const *allowed, const char *default_sort,
                          json_t *errors);
#endif
