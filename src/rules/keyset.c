/* keyset.c — the comparison plan of keyset paging (see keyset.h).
 *
 * A row comes after the cursor when, for some key i, it equals the cursor on every key before
 * i and comes after it on key i: one term per key. "Equals" is k = v, or k IS NULL where v is
 * NULL. "Comes after" on an ascending key (NULL first) is k > v, or k IS NOT NULL where v is
 * NULL; on a descending key (NULL last) it is k < v — or k IS NULL too, when k can be NULL —,
 * and nothing at all where v is NULL (no term).
 *
 * The row comparison: PostgreSQL compares (k0, k1) > (v0, v1) left to right and an index on
 * (k0, k1) can start its scan there, which is what makes a page deep in a list as cheap as the
 * first. It agrees with the terms on the leading keys that share key 0's direction and whose
 * cursor values are not NULL, provided no descending one can be NULL (a NULL there would come
 * after the cursor, but makes the comparison NULL). When those are all the keys, it is the
 * whole condition; otherwise its non-strict form bounds the scan and the terms filter. */
#include <string.h>
#include "src/rules/keyset.h"

static void add_test(edx_keyset_term *t, int key, edx_key_op op)
{
  t->tests[t->ntests].key = key;
  t->tests[t->ntests].op = op;
  t->ntests++;
}

/* The term "equal before key i, after on key i"; 0 when nothing comes after on key i. */
static int make_term(edx_keyset_term *t, const edx_keyset_key *keys, int i)
{
  const edx_keyset_key *k = &keys[i];
  memset(t, 0, sizeof(*t));
  if (k->desc && k->null)
    return 0;
  for (int j = 0; j < i; j++)
    add_test(t, j, keys[j].null ? EDX_KEY_IS_NULL : EDX_KEY_EQ);
  if (!k->desc)
    add_test(t, i, k->null ? EDX_KEY_NOT_NULL : EDX_KEY_GT);
  else
    add_test(t, i, k->nullable ? EDX_KEY_LT_OR_NULL : EDX_KEY_LT);
  return 1;
}

void edx_keyset_plan_make(edx_keyset_plan *plan, const edx_keyset_key *keys, int nkeys)
{
  int m = 0;
  memset(plan, 0, sizeof(*plan));
  while (m < nkeys && keys[m].desc == keys[0].desc && !keys[m].null &&
         !(keys[m].desc && keys[m].nullable))
    m++;
  plan->seek_keys = m;
  plan->seek_desc = keys[0].desc;
  plan->exact = m == nkeys;
  if (plan->exact)
    return;
  for (int i = 0; i < nkeys; i++)
    plan->nterms += make_term(&plan->terms[plan->nterms], keys, i);
}
