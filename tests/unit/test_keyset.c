/* test_keyset.c — the keyset comparison plan: hand-worked plans for the orders the lists use,
 * and, for every order of up to three sort keys (each ascending or descending, NULL or not),
 * the rows the plan selects under SQL's three-valued logic are exactly the rows that come
 * after the cursor's row in that order. */
#include <check.h>
#include <string.h>
#include "src/rules/keyset.h"

Suite *keyset_suite(void);

static edx_keyset_key key(int desc, int nullable, int null)
{
  edx_keyset_key k = {desc, nullable, null};
  return k;
}

/* Asserts that term t of plan holds exactly the tests "key:op" given. */
static void ck_term(const edx_keyset_plan *plan, int t, int n, const edx_key_test *tests)
{
  ck_assert_int_eq(plan->terms[t].ntests, n);
  for (int i = 0; i < n; i++) {
    ck_assert_int_eq(plan->terms[t].tests[i].key, tests[i].key);
    ck_assert_int_eq(plan->terms[t].tests[i].op, tests[i].op);
  }
}

START_TEST(one_direction_without_nulls_is_one_row_comparison)
{
  edx_keyset_plan plan;
  edx_keyset_key asc[] = {key(0, 0, 0), key(0, 0, 0)};   /* sort=set_at, then id */
  edx_keyset_key desc[] = {key(1, 0, 0), key(1, 0, 0), key(1, 0, 0)}; /* sort=-a,-b, then id */
  edx_keyset_plan_make(&plan, asc, 2);
  ck_assert_int_eq(plan.seek_keys, 2);
  ck_assert_int_eq(plan.seek_desc, 0);
  ck_assert_int_eq(plan.exact, 1);
  ck_assert_int_eq(plan.nterms, 0);
  edx_keyset_plan_make(&plan, desc, 3);
  ck_assert_int_eq(plan.seek_keys, 3);
  ck_assert_int_eq(plan.seek_desc, 1);
  ck_assert_int_eq(plan.exact, 1);
}
END_TEST

START_TEST(descending_nullable_key_first)
{
  /* sort=-code,name on procedures: code can be NULL (last), the id follows name upwards */
  edx_keyset_plan plan;
  edx_keyset_key null_code[] = {key(1, 1, 1), key(0, 0, 0), key(0, 0, 0)};
  edx_keyset_key some_code[] = {key(1, 1, 0), key(0, 0, 0), key(0, 0, 0)};
  const edx_key_test t1[] = {{0, EDX_KEY_IS_NULL}, {1, EDX_KEY_GT}};
  const edx_key_test t2[] = {{0, EDX_KEY_IS_NULL}, {1, EDX_KEY_EQ}, {2, EDX_KEY_GT}};
  const edx_key_test u0[] = {{0, EDX_KEY_LT_OR_NULL}};
  const edx_key_test u1[] = {{0, EDX_KEY_EQ}, {1, EDX_KEY_GT}};
  const edx_key_test u2[] = {{0, EDX_KEY_EQ}, {1, EDX_KEY_EQ}, {2, EDX_KEY_GT}};
  edx_keyset_plan_make(&plan, null_code, 3);
  ck_assert_int_eq(plan.seek_keys, 0);
  ck_assert_int_eq(plan.exact, 0);
  ck_assert_int_eq(plan.nterms, 2); /* nothing comes after a NULL code on the code itself */
  ck_term(&plan, 0, 2, t1);
  ck_term(&plan, 1, 3, t2);
  edx_keyset_plan_make(&plan, some_code, 3);
  ck_assert_int_eq(plan.seek_keys, 0);
  ck_assert_int_eq(plan.nterms, 3);
  ck_term(&plan, 0, 1, u0);
  ck_term(&plan, 1, 2, u1);
  ck_term(&plan, 2, 3, u2);
}
END_TEST

START_TEST(mixed_directions_seek_on_the_leading_key)
{
  /* sort=-received_at,due_at on dossiers: neither NULL */
  edx_keyset_plan plan;
  edx_keyset_key keys[] = {key(1, 0, 0), key(0, 0, 0), key(0, 0, 0)};
  const edx_key_test t0[] = {{0, EDX_KEY_LT}};
  edx_keyset_plan_make(&plan, keys, 3);
  ck_assert_int_eq(plan.seek_keys, 1);
  ck_assert_int_eq(plan.seek_desc, 1);
  ck_assert_int_eq(plan.exact, 0);
  ck_assert_int_eq(plan.nterms, 3);
  ck_term(&plan, 0, 1, t0);
}
END_TEST

START_TEST(ascending_null_value_inside)
{
  /* sort=a,b ascending, b can be NULL and is NULL in the cursor */
  edx_keyset_plan plan;
  edx_keyset_key keys[] = {key(0, 0, 0), key(0, 1, 1), key(0, 0, 0)};
  const edx_key_test t0[] = {{0, EDX_KEY_GT}};
  const edx_key_test t1[] = {{0, EDX_KEY_EQ}, {1, EDX_KEY_NOT_NULL}};
  const edx_key_test t2[] = {{0, EDX_KEY_EQ}, {1, EDX_KEY_IS_NULL}, {2, EDX_KEY_GT}};
  edx_keyset_plan_make(&plan, keys, 3);
  ck_assert_int_eq(plan.seek_keys, 1);
  ck_assert_int_eq(plan.seek_desc, 0);
  ck_assert_int_eq(plan.exact, 0);
  ck_assert_int_eq(plan.nterms, 3);
  ck_term(&plan, 0, 1, t0);
  ck_term(&plan, 1, 2, t1);
  ck_term(&plan, 2, 3, t2);
}
END_TEST

/* ---- the plan against the order it stands for, on every small case ---- */

#define NO 0
#define YES 1
#define UNKNOWN 2
#define NULLV (-1) /* a NULL value; real values are 0 and 1 */
#define MAX_ROWS 512

typedef struct {
  int v[EDX_KEYS_MAX];
} row;

/* The order: NULL is the smallest value, each key ascending or descending. */
static int compare(const row *a, const row *b, const edx_keyset_key *keys, int nkeys)
{
  for (int i = 0; i < nkeys; i++) {
    int x = a->v[i], y = b->v[i];
    int c = x == y ? 0 : x == NULLV ? -1 : y == NULLV ? 1 : x < y ? -1 : 1;
    if (c)
      return keys[i].desc ? -c : c;
  }
  return 0;
}

static int test_of(const edx_key_test *t, const row *r, const row *cursor)
{
  int x = r->v[t->key], v = cursor->v[t->key];
  if (t->op != EDX_KEY_IS_NULL && t->op != EDX_KEY_NOT_NULL)
    ck_assert_msg(v != NULLV, "a test compares key %d with the cursor's NULL", t->key);
  switch (t->op) {
  case EDX_KEY_IS_NULL:
    return x == NULLV ? YES : NO;
  case EDX_KEY_NOT_NULL:
    return x != NULLV ? YES : NO;
  case EDX_KEY_EQ:
    return x == NULLV ? UNKNOWN : x == v ? YES : NO;
  case EDX_KEY_GT:
    return x == NULLV ? UNKNOWN : x > v ? YES : NO;
  case EDX_KEY_LT:
    return x == NULLV ? UNKNOWN : x < v ? YES : NO;
  case EDX_KEY_LT_OR_NULL:
    return x == NULLV || x < v ? YES : NO;
  }
  return NO;
}

/* (r0, …) OP (c0, …) as PostgreSQL decides a row comparison: the first pair that is unequal or
 * has a NULL decides (a NULL makes it unknown); all equal is true only for >= and <=. */
static int seek_of(const edx_keyset_plan *p, const row *r, const row *cursor)
{
  for (int i = 0; i < p->seek_keys; i++) {
    int x = r->v[i], v = cursor->v[i];
    if (x == NULLV || v == NULLV)
      return UNKNOWN;
    if (x != v)
      return (p->seek_desc ? x < v : x > v) ? YES : NO;
  }
  return p->exact ? NO : YES;
}

static int selected(const edx_keyset_plan *p, const row *r, const row *cursor)
{
  int any = NO;
  if (p->seek_keys > 0 && seek_of(p, r, cursor) != YES)
    return 0;
  if (p->exact)
    return 1;
  for (int t = 0; t < p->nterms; t++) {
    int all = YES;
    for (int i = 0; i < p->terms[t].ntests; i++) {
      int v = test_of(&p->terms[t].tests[i], r, cursor);
      if (v == NO || all == NO)
        all = NO;
      else if (v == UNKNOWN)
        all = UNKNOWN;
    }
    if (all == YES)
      any = YES;
  }
  return any == YES;
}

/* Every row of values in {NULL,} 0, 1 for each sort key, twice (ties), with unique ids. */
static int rows_for(row *rows, const edx_keyset_key *keys, int nsort)
{
  int n = 0, combos = 1;
  for (int i = 0; i < nsort; i++)
    combos *= keys[i].nullable ? 3 : 2;
  for (int twice = 0; twice < 2; twice++)
    for (int c = 0; c < combos; c++) {
      int rest = c;
      for (int i = 0; i < nsort; i++) {
        int choices = keys[i].nullable ? 3 : 2;
        rows[n].v[i] = rest % choices - (keys[i].nullable ? 1 : 0);
        rest /= choices;
      }
      rows[n].v[nsort] = n;
      n++;
    }
  return n;
}

START_TEST(plan_selects_exactly_the_rows_after_the_cursor)
{
  static row rows[MAX_ROWS];
  int checked = 0;
  for (int nsort = 1; nsort <= 3; nsort++)
    for (int shape = 0; shape < 1 << (2 * nsort); shape++) {
      edx_keyset_key keys[EDX_KEYS_MAX];
      int n;
      for (int i = 0; i < nsort; i++)
        keys[i] = key(shape >> (2 * i) & 1, shape >> (2 * i + 1) & 1, 0);
      keys[nsort] = key(keys[nsort - 1].desc, 0, 0); /* the id follows the last sort key */
      n = rows_for(rows, keys, nsort);
      for (int c = 0; c < n; c++) {
        edx_keyset_plan plan;
        for (int i = 0; i <= nsort; i++)
          keys[i].null = rows[c].v[i] == NULLV;
        edx_keyset_plan_make(&plan, keys, nsort + 1);
        for (int r = 0; r < n; r++) {
          int after = compare(&rows[r], &rows[c], keys, nsort + 1) > 0;
          ck_assert_msg(selected(&plan, &rows[r], &rows[c]) == after,
                        "nsort %d shape %d cursor %d row %d: after %d", nsort, shape, c, r,
                        after);
          checked++;
        }
      }
    }
  ck_assert_int_gt(checked, 70000); /* 73,112 pairs of a cursor and a row */
}
END_TEST

Suite *keyset_suite(void)
{
  Suite *s = suite_create("keyset");
  TCase *tc = tcase_create("plan");
  tcase_add_test(tc, one_direction_without_nulls_is_one_row_comparison);
  tcase_add_test(tc, descending_nullable_key_first);
  tcase_add_test(tc, mixed_directions_seek_on_the_leading_key);
  tcase_add_test(tc, ascending_null_value_inside);
  tcase_add_test(tc, plan_selects_exactly_the_rows_after_the_cursor);
  suite_add_tcase(s, tc);
  return s;
}
