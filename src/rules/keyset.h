/* keyset.h — which rows come after a cursor in a list's order: the comparison plan that db/
 * writes as SQL from constant fragments. A list is ordered by its keys (the sort fields, then
 * the tie-breaker id, which is never NULL), each ascending or descending; NULL is the smallest
 * value, so it comes first in an ascending key and last in a descending one (ASC NULLS FIRST,
 * DESC NULLS LAST). */
#ifndef EDX_KEYSET_H
#define EDX_KEYSET_H
#include "src/rules/listq.h"

/* One key of the order, and whether the cursor's value of it is NULL. */
typedef struct {
  int desc;      /* descending */
  int nullable;  /* the column can be NULL */
  int null;      /* the cursor's value is NULL */
} edx_keyset_key;

/* One test of a key against the cursor's value v of it. */
typedef enum {
  EDX_KEY_IS_NULL,     /* k IS NULL */
  EDX_KEY_NOT_NULL,    /* k IS NOT NULL */
  EDX_KEY_EQ,          /* k = v */
  EDX_KEY_GT,          /* k > v */
  EDX_KEY_LT,          /* k < v */
  EDX_KEY_LT_OR_NULL,  /* (k < v OR k IS NULL) */
} edx_key_op;

typedef struct {
  int key;
  edx_key_op op;
} edx_key_test;

/* Tests that must all hold. */
typedef struct {
  int ntests;
  edx_key_test tests[EDX_KEYS_MAX];
} edx_keyset_term;

/* The rows after the cursor are those where
 *   (k0, …, k[seek_keys-1]) OP (v0, …, v[seek_keys-1])   — when seek_keys > 0
 *   AND (term 0 OR term 1 OR …)                          — unless exact
 * OP is > (ascending) or < (seek_desc), and >= / <= unless exact. The row comparison alone is
 * the whole condition when exact; otherwise it only narrows where an index scan starts (it holds
 * for every row after the cursor), and the terms decide. */
typedef struct {
  int seek_keys;
  int seek_desc;
  int exact;
  int nterms;
  edx_keyset_term terms[EDX_KEYS_MAX];
} edx_keyset_plan;

/* The plan for the order keys[0..nkeys) (1 ≤ nkeys ≤ EDX_KEYS_MAX). */
void edx_keyset_plan_make(edx_keyset_plan *plan, const edx_keyset_key *keys, int nkeys);
#endif
