/* listq.h — the list conventions' query parameters: limit, offset and sort=field,-other
 * against a resource's allowed fields, and where a decoded after= cursor is kept (cursor.h
 * reads and writes cursors). Pure parsing; db/ turns the result into ORDER BY and the page
 * condition. */
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

/* A page's order compares the sort keys, then the list's tie-breaker id: at most this many. */
#define EDX_KEYS_MAX (EDX_SORT_MAX + 1)
#define EDX_SORT_TEXT_MAX 256
#define EDX_CURSOR_TEXT_MAX 8192

/* A decoded after= cursor: the values of the sort keys and the tie-breaker id of the row that
 * the page starts after, each as its database text or NULL. */
typedef struct {
  int nkeys;                          /* 0 when there is no cursor; else nsort + 1 */
  unsigned nulls;                     /* bit i set: key i is NULL */
  unsigned short at[EDX_KEYS_MAX];    /* where key i's text starts in text */
  char text[EDX_CURSOR_TEXT_MAX];     /* the keys' texts, each NUL-terminated */
} edx_cursor;

typedef struct {
  long limit;
  long offset;
  int nsort;
  edx_sort_key sort[EDX_SORT_MAX];
  char sort_text[EDX_SORT_TEXT_MAX]; /* the sort as given (or the default); "" when it was bad */
  const char *list;                  /* the list's name (its route), which a cursor belongs to */
  int all;                           /* every row from offset and cursor on, no page (a CSV
                                      * asked for without limit: streamed as it is read) */
  edx_cursor after;
} edx_list_params;

/* Parses limit, offset and sort (each may be NULL for its default) into out, with no cursor
 * and no list name. allowed is a NULL-terminated list of sortable field names; default_sort is
 * used when sort is NULL. Every problem is appended to errors as {"field", "message"}; returns
 * their number. */
int edx_list_params_parse(edx_list_params *out, const char *limit, const char *offset,
                          const char *sort, const char *const *allowed, const char *default_sort,
                          json_t *errors);
#endif
