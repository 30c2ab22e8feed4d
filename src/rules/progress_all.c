/* progress_all.c — the all-districts progress answer as text (see progress_all.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/json_text.h"
#include "src/rules/progress_all.h"
#include "src/rules/progress_entry.h"

/* One indicator's running total over the districts. */
typedef struct {
  const char *code, *comparator;
  const json_t *ind;
  long long target_h;
  int same_target;
  edx_stats sum;
} total_acc;

/* ,"summary":{"met","not_met","no_data"}} — closing the district (or total) object too. */
static void write_summary(edx_text *t, const int counts[3])
{
  edx_text_raw(t, ",\"summary\":");
  edx_entry_write_summary(t, counts);
  edx_text_raw(t, "}");
}

/* The start of an indicator's entries, the same in every district: {"code", "name_vi",
 * "name_en", "source", "aggregation" — written once per indicator and answer. */
typedef struct {
  const json_t *ind;
  edx_text text;
} entry_head;

static const edx_text *head_of(entry_head *heads, size_t *n_heads, size_t cap,
                               const edx_target_row *r, const json_t *ind, int year)
{
  entry_head *h;
  for (size_t i = 0; i < *n_heads; i++)
    if (heads[i].ind == ind)
      return &heads[i].text;
  if (*n_heads == cap)
    return NULL; /* not in the catalogue: cannot happen (foreign key) */
  h = &heads[(*n_heads)++];
  h->ind = ind;
  edx_text_init(&h->text, 256);
  edx_text_raw(&h->text, "{");
  edx_entry_write_names(&h->text, r->indicator, ind);
  edx_entry_write_kind(&h->text, ind);
  edx_entry_write_period(&h->text, ind, year);
  return &h->text;
}

/* The entry of row r: its counts (the office's value, or the target's counts) judged. */
static void entry_of(const edx_target_row *r, const json_t *ind, const edx_progress_inputs *in,
                     edx_entry *e)
{
  memset(e, 0, sizeof(*e));
  e->code = r->indicator;
  e->ind = ind;
  e->has_target = 1;
  e->target_h = r->target_h;
  e->comparator = r->comparator;
  if (edx_progress_is_office(ind))
    edx_progress_office_stats(in->office, r->district_id, r->indicator, &e->counts);
  else
    e->counts = r->counts;
  edx_entry_judge(e);
}

/* {"code", "name_vi", "name_en", "source", "aggregation" (head), "target", "comparator",
 * "actual", "mean", "numerator", "denominator", "status", "gap", "reason", "expected",
 * "reported"} */
static void write_entry(edx_text *t, const edx_text *head, const edx_entry *e)
{
  edx_text_rawn(t, head->data, head->len);
  edx_entry_write_target(t, e);
  edx_text_raw(t, ",");
  edx_entry_write_figures(t, &e->outcome, 1);
  edx_entry_write_judgement(t, &e->outcome);
  edx_entry_write_counts(t, &e->counts);
  edx_entry_write_second_figure(t, e->code, &e->counts);
  edx_text_raw(t, "}");
}

static json_t *csv_row(const edx_target_row *r, const edx_entry *e, int year)
{
  json_t *row = edx_entry_csv_row(e);
  edx_entry_csv_period(row, e->ind, year);
  json_object_set_new(row, "district_code", json_string(r->district_code));
  json_object_set_new(row, "district_name", json_string(r->district_name));
  return row;
}

/* Adds row r's counts s into the totals (n_totals of them so far, room for cap). */
static void accumulate(total_acc *totals, size_t *n_totals, size_t cap, const edx_target_row *r,
                       const json_t *ind, const edx_stats *s)
{
  total_acc *a = NULL;
  for (size_t i = 0; i < *n_totals && !a; i++)
    if (strcmp(totals[i].code, r->indicator) == 0)
      a = &totals[i];
  if (!a && *n_totals == cap)
    return; /* more codes than the catalogue has: cannot happen (head_of stops first) */
  if (!a) {
    a = &totals[(*n_totals)++];
    memset(a, 0, sizeof(*a));
    a->code = r->indicator;
    a->comparator = r->comparator;
    a->ind = ind;
    a->target_h = r->target_h;
    a->same_target = 1;
  } else if (a->target_h != r->target_h || strcmp(a->comparator, r->comparator) != 0) {
    a->same_target = 0;
  }
  a->sum.expected += s->expected;
  a->sum.reported += s->reported;
  a->sum.true_count += s->true_count;
  a->sum.meeting += s->meeting;
  a->sum.sum_value_h += s->sum_value_h;
  a->sum.sum_num += s->sum_num;
  a->sum.sum_den += s->sum_den;
}

/* {"indicators": [{"code", "name_vi", "name_en", "actual", "mean", "numerator", "denominator",
 * "status", "expected", "reported", "target", "comparator"}], "summary"}. The total judges the
 * pooled counts by the indicator's aggregation (over several offices, their values' mean), with
 * a status only where every plan has the same target. */
static void write_total(edx_text *t, const total_acc *totals, size_t n_totals, int year)
{
  int counts[3] = {0, 0, 0};
  edx_text_raw(t, "{\"indicators\":[");
  for (size_t i = 0; i < n_totals; i++) {
    const total_acc *a = &totals[i];
    edx_entry e = {.code = a->code, .ind = a->ind, .has_target = a->same_target,
                   .target_h = a->target_h, .comparator = a->comparator, .counts = a->sum};
    edx_cmp cmp = EDX_CMP_GE;
    edx_cmp_parse(a->comparator, &cmp);
    edx_progress_evaluate(&e.outcome, edx_progress_is_office(a->ind)
                                        ? "mean" : edx_progress_judged_as(a->ind),
                          &a->sum, cmp, a->target_h);
    edx_text_raw(t, i ? ",{" : "{");
    edx_entry_write_names(t, a->code, a->ind);
    edx_entry_write_period(t, a->ind, year);
    edx_text_raw(t, ",");
    edx_entry_write_figures(t, &e.outcome, a->same_target);
    edx_entry_write_counts(t, &a->sum);
    edx_entry_write_second_figure(t, a->code, &a->sum);
    edx_entry_write_target(t, &e);
    edx_text_raw(t, "}");
    if (a->same_target)
      counts[e.outcome.status]++;
  }
  edx_text_raw(t, "]");
  write_summary(t, counts);
}

/* {"district": {"id", "code", "name"}, "plan": {"id", "title", "document_ref"}, "indicators": [ */
static void write_district_start(edx_text *t, const edx_target_row *r, int first)
{
  edx_text_member(t, first ? "{\"district\":{\"id\":" : ",{\"district\":{\"id\":", r->district_id);
  edx_text_member(t, ",\"code\":", r->district_code);
  edx_text_member(t, ",\"name\":", r->district_name);
  edx_text_member(t, "},\"plan\":{\"id\":", r->plan_id);
  edx_text_member(t, ",\"title\":", r->plan_title);
  edx_text_member(t, ",\"document_ref\":", r->plan_document_ref);
  edx_text_member(t, "},\"as_of\":", r->as_of);
  edx_text_raw(t, ",\"indicators\":[");
}

/* ,"no_plan": null when the answer lists a district; else why it lists none, in the words of the
 * 404 a district without a plan answers with (urn:edudx:problem:no-plan). */
static void write_no_plan(edx_text *t, size_t n_rows, int year)
{
  char detail[96];
  if (n_rows > 0) {
    edx_text_raw(t, ",\"no_plan\":null");
    return;
  }
  snprintf(detail, sizeof(detail), "no district this answer covers has a plan for %d", year);
  edx_text_raw(t, ",\"no_plan\":{\"type\":\"" EDX_NO_PLAN_TYPE "\",\"year\":");
  edx_text_int(t, year);
  edx_text_member(t, ",\"detail\":", detail);
  edx_text_raw(t, "}");
}

char *edx_progress_all_text(const edx_target_row *rows, size_t n, const edx_progress_inputs *in,
                            json_t *csv_rows, size_t *len)
{
  size_t cap = json_object_size(in->indicators) + 1, n_totals = 0, n_heads = 0;
  total_acc *totals = calloc(cap, sizeof(*totals));
  entry_head *heads = calloc(cap, sizeof(*heads));
  int counts[3] = {0, 0, 0}, ok = totals && heads;
  edx_text t;
  edx_text_init(&t, 64 + n * 512);
  edx_text_raw(&t, "{\"year\":");
  edx_text_int(&t, in->year);
  edx_write_periods(&t, in->year);
  edx_text_member(&t, ",\"as_of\":", in->as_of);
  edx_text_raw(&t, ",\"districts\":[");
  for (size_t i = 0; i < n && ok; i++) {
    const edx_target_row *r = &rows[i];
    const json_t *ind = json_object_get(in->indicators, r->indicator);
    const edx_text *head = head_of(heads, &n_heads, cap, r, ind, in->year);
    int starts = i == 0 || strcmp(rows[i - 1].plan_id, r->plan_id) != 0;
    edx_entry e;
    if (!head || !head->data) {
      ok = 0; /* out of memory, or an indicator missing from the catalogue (cannot happen) */
      break;
    }
    if (starts && i > 0) {
      edx_text_raw(&t, "]");
      write_summary(&t, counts);
    }
    if (starts) {
      write_district_start(&t, r, i == 0);
      memset(counts, 0, sizeof(counts));
    }
    entry_of(r, ind, in, &e);
    if (!starts)
      edx_text_raw(&t, ",");
    write_entry(&t, head, &e);
    counts[e.outcome.status]++;
    accumulate(totals, &n_totals, cap, r, ind, &e.counts);
    if (csv_rows)
      json_array_append_new(csv_rows, csv_row(r, &e, in->year));
  }
  if (n > 0) {
    edx_text_raw(&t, "]");
    write_summary(&t, counts);
  }
  edx_text_raw(&t, "]");
  write_no_plan(&t, n, in->year);
  edx_text_raw(&t, ",\"total\":");
  write_total(&t, totals, n_totals, in->year);
  edx_text_raw(&t, "}");
  if (!ok)
    edx_text_free(&t);
  for (size_t i = 0; i < n_heads; i++)
    edx_text_free(&heads[i].text);
  free(heads);
  free(totals);
  return edx_text_take(&t, len);
}
