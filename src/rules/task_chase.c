/* task_chase.c — days late, the schools' ranking and the reminders' order (see task_chase.h). */
#include <stdlib.h>
#include <string.h>
#include "src/rules/task_chase.h"
#include "src/rules/task_rules.h"

const char *const edx_reminder_kinds[] = {"task", "assessment_submission",
                                          "assessment_recognition", "report", "dossier", NULL};

/* Days since 1970-01-01 of a valid civil date (Howard Hinnant's days_from_civil). */
static long long days_of(int y, int m, int d)
{
  long long yy = m <= 2 ? y - 1 : y;
  long long era = (yy >= 0 ? yy : yy - 399) / 400;
  long long yoe = yy - era * 400;
  long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static long long days_of_text(const char *ymd)
{
  return days_of(atoi(ymd), atoi(ymd + 5), atoi(ymd + 8));
}

int edx_days_late(const char *due, long long now, long long *late)
{
  char today[16];
  if (!edx_is_date(due))
    return -1;
  edx_vietnam_date(now, today, sizeof(today));
  *late = days_of_text(today) - days_of_text(due);
  return 0;
}

void edx_set_days_late(json_t *items, long long now)
{
  size_t i;
  json_t *item;
  json_array_foreach(items, i, item) {
    long long late = 0;
    int ok = edx_days_late(json_string_value(json_object_get(item, "due")), now, &late) == 0;
    json_object_set_new(item, "days_late", ok ? json_integer((json_int_t)late) : json_null());
  }
}

static long long int_of(const json_t *o, const char *key)
{
  return (long long)json_integer_value(json_object_get(o, key));
}

static const char *code_of(const json_t *o)
{
  const char *code = json_string_value(json_object_get(o, "code"));
  return code ? code : "";
}

/* Higher share first (compared exactly: d1/a1 against d2/a2), no assignments last, then code. */
static int by_share(const void *x, const void *y)
{
  const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
  long long na = int_of(a, "assignments"), nb = int_of(b, "assignments");
  if ((na > 0) != (nb > 0))
    return na > 0 ? -1 : 1;
  if (na > 0) {
    long long left = int_of(a, "done") * nb, right = int_of(b, "done") * na;
    if (left != right)
      return left > right ? -1 : 1;
  }
  return strcmp(code_of(a), code_of(b));
}

/* Sorts the array's members with cmp (jansson has no sort: the members are taken out and put
 * back). */
static void sort_array(json_t *array, int (*cmp)(const void *, const void *))
{
  size_t n = json_array_size(array), i;
  json_t **members = n ? malloc(n * sizeof(*members)) : NULL;
  if (!members)
    return;
  for (i = 0; i < n; i++)
    members[i] = json_incref(json_array_get(array, i));
  qsort(members, n, sizeof(*members), cmp);
  json_array_clear(array);
  for (i = 0; i < n; i++)
    json_array_append_new(array, members[i]);
  free(members);
}

void edx_rank_schools_done(json_t *schools)
{
  size_t i;
  json_t *s;
  sort_array(schools, by_share);
  json_array_foreach(schools, i, s) {
    long long n = int_of(s, "assignments"), done = int_of(s, "done");
    json_t *share = json_null();
    if (n > 0) /* percent to 2 decimals, rounded half up, in integers */
      share = json_real((double)((done * 20000 + n) / (2 * n)) / 100.0);
    json_object_set_new(s, "share_done", share);
    json_object_set_new(s, "rank", json_integer((json_int_t)(i + 1)));
  }
}

static int kind_index(const json_t *item)
{
  const char *kind = json_string_value(json_object_get(item, "kind"));
  int i;
  for (i = 0; kind && edx_reminder_kinds[i]; i++)
    if (strcmp(kind, edx_reminder_kinds[i]) == 0)
      return i;
  return i;
}

static int by_due_kind_unit(const void *x, const void *y)
{
  const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
  const char *da = json_string_value(json_object_get(a, "due"));
  const char *db = json_string_value(json_object_get(b, "due"));
  int c = strcmp(da ? da : "", db ? db : ""), ka = kind_index(a), kb = kind_index(b);
  if (c != 0)
    return c;
  if (ka != kb)
    return ka < kb ? -1 : 1;
  return strcmp(code_of(json_object_get(a, "unit")), code_of(json_object_get(b, "unit")));
}

json_t *edx_reminders_finish(json_t *items, long long now)
{
  json_t *counts = json_object(), *item;
  size_t i;
  sort_array(items, by_due_kind_unit);
  edx_set_days_late(items, now);
  for (i = 0; edx_reminder_kinds[i]; i++)
    json_object_set_new(counts, edx_reminder_kinds[i], json_integer(0));
  json_array_foreach(items, i, item) {
    const char *kind = json_string_value(json_object_get(item, "kind"));
    json_t *n = kind ? json_object_get(counts, kind) : NULL;
    if (n)
      json_integer_set(n, json_integer_value(n) + 1);
  }
  json_object_set_new(counts, "total", json_integer((json_int_t)json_array_size(items)));
  return counts;
}
