/* statements.c — the set of prepared statement ids of a session (see statements.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "db/statements.h"

uint64_t edx_statement_id(const char *sql)
{
  uint64_t h = 14695981039346656037ULL;
  for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
    h = (h ^ *p) * 1099511628211ULL;
  return h ? h : 1;
}

void edx_statement_name(uint64_t id, char name[EDX_STATEMENT_NAME_LEN])
{
  snprintf(name, EDX_STATEMENT_NAME_LEN, "edx_%016" PRIx64, id);
}

/* The slot holding id, or the empty slot where it would go. */
static int find(const edx_statements *s, uint64_t id)
{
  int i = (int)(id % EDX_STATEMENT_SLOTS);
  while (s->slot[i] && s->slot[i] != id)
    i = (i + 1) % EDX_STATEMENT_SLOTS;
  return i;
}

int edx_statements_has(const edx_statements *s, uint64_t id)
{
  return s->slot[find(s, id)] == id;
}

int edx_statements_add(edx_statements *s, uint64_t id)
{
  int i = find(s, id);
  if (s->slot[i] == id)
    return 0;
  if (s->count >= EDX_STATEMENTS_MAX)
    return -1;
  s->slot[i] = id;
  s->count++;
  return 0;
}

void edx_statements_forget(edx_statements *s)
{
  memset(s->slot, 0, sizeof(s->slot));
  s->count = 0;
}
