/* progress_all.c — the all-districts progress answer as text (see progress_all.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/json_text.h"
#include "src/rules/progress_all.h"
#include "src/rules/progress_build.h"

/* One indicator's running total over the districts. */
typedef struct {
  const char *code, *comparator;
  const json_t *ind;
  long long target_h;
  int same_target;
  edx_stats sum;
} total_acc;

typedef struct {
  int met, not_met, no_data;
} summary_counts;

static const char *str(const json_t *o, const char *key)
{
  return json_string_value(json_object_get(o, key));
}

static void count(summary_counts *c, edx_status status)
{
  if (status == EDX_STATUS_MET)
    c->met++;
  else if (status == EDX_STATUS_NOT_MET)
    c->not_met++;
  else
    c->no_data++;
}

/* ,"summary":{"met","not_met","no_data"}} — closing the district (or total) object too. */
static void write_summary(edx_text *t, const summary_counts *c)
{
  edx_text_raw(t, ",\"summary\":{\"met\":");
  edx_text_int(t, c->met);
  edx_text_raw(t, ",\"not_met\":");
  edx_text_int(t, c->not_met);
  edx_text_raw(t, ",\"no_data\":");
  edx_text_int(t, c->no_data);
  edx_text_raw(t, "}}");
}

/* The counts behind row r: the office's value, or the target's counts. */
static void row_stats(const edx_target_row *r, const json_t *ind, const edx_progress_inputs *in,
                      edx_stats *s)
{
  if (edx_progress_is_office(ind))
    edx_progress_office_stats(in->office, r->district_id, r->indicator, s);
  else
    *s = r->counts;
}

static void write_hundredths_or_null(edx_text *t, int has, long long h)
{
  if (has)
    edx_text_hundredths(t, h);
  else
    edx_text_raw(t, "null");
}

static void write_int_or_null(edx_text *t, int has, long long v)
{
  if (has)
    edx_text_int(t, v);
  else
    edx_text_raw(t, "null");
}

/* "code", "name_vi", "name_en" of an indicator (after the opening brace). */
static void write_names(edx_text *t, const char *code, const json_t *ind)
{
  edx_text_raw(t, "\"code\":");
  edx_text_str(t, code);
  edx_text_raw(t, ",\"name_vi\":");
  edx_text_str(t, str(ind, "name_vi"));
  edx_text_raw(t, ",\"name_en\":");
  edx_text_str(t, str(ind, "name_en"));
}

/* ,"actual","numerator","denominator" of an outcome. */
static void write_figures(edx_text *t, const edx_outcome *o)
{
  edx_text_raw(t, ",\"actual\":");
  write_hundredths_or_null(t, o->has_actual, o->actual_h);
  edx_text_raw(t, ",\"numerator\":");
  write_int_or_null(t, o->has_ratio, o->numerator);
  edx_text_raw(t, ",\"denominator\":");
  write_int_or_null(t, o->has_ratio, o->denominator);
}

/* The start of an indicator's entries, the same in every district: {"code", "name_vi",
 * "name_en", "source", "aggregation" — written once per indicator and answer. */
typedef struct {
  const json_t *ind;
  edx_text text;
} entry_head;

static const edx_text *head_of(entry_head *heads, size_t *n_heads, size_t cap,
                               const edx_target_row *r, const json_t *ind)
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
  write_names(&h->text, r->indicator, ind);
  edx_text_raw(&h->text, ",\"source\":");
  edx_text_str(&h->text, str(ind, "source"));
  edx_text_raw(&h->text, ",\"aggregation\":");
  edx_text_str(&h->text, str(ind, "aggregation"));
  return &h->text;
}

/* {"code", "name_vi", "name_en", "source", "aggregation" (head), "target", "comparator",
 * "actual", "numerator", "denominator", "status", "gap", "reason", "expected", "reported"} */
static void write_entry(edx_text *t, const edx_text *head, const edx_target_row *r,
                        const edx_stats *s, const edx_outcome *o)
{
  edx_text_rawn(t, head->data, head->len);
  edx_text_raw(t, ",\"target\":");
  edx_text_hundredths(t, r->target_h);
  edx_text_raw(t, ",\"comparator\":");
  edx_text_str(t, r->comparator);
  write_figures(t, o);
  edx_text_raw(t, ",\"status\":\"");
  edx_text_raw(t, edx_status_name(o->status));
  edx_text_raw(t, "\",\"gap\":");
  write_hundredths_or_null(t, o->has_gap, o->gap_h);
  edx_text_raw(t, ",\"reason\":");
  edx_text_str(t, o->reason);
  edx_text_raw(t, ",\"expected\":");
  edx_text_int(t, s->expected);
  edx_text_raw(t, ",\"reported\":");
  edx_text_int(t, s->reported);
  edx_text_raw(t, "}");
}

static json_t *hundredths_json(int has, long long h)
{
  return has ? json_real((double)h / 100.0) : json_null();
}

static json_t *int_json(int has, long long v)
{
  return has ? json_integer(v) : json_null();
}

static json_t *csv_row(const edx_target_row *r, const edx_stats *s, const edx_outcome *o)
{
  return json_pack("{s:s,s:s,s:s,s:o,s:s,s:o,s:o,s:o,s:s,s:o,s:I,s:I}", "district_code",
                   r->district_code, "district_name", r->district_name, "code", r->indicator,
                   "target", hundredths_json(1, r->target_h), "comparator", r->comparator,
                   "actual", hundredths_json(o->has_actual, o->actual_h), "numerator",
                   int_json(o->has_ratio, o->numerator), "denominator",
                   int_json(o->has_ratio, o->denominator), "status",
                   edx_status_name(o->status), "gap", hundredths_json(o->has_gap, o->gap_h),
                   "expected", (json_int_t)s->expected, "reported", (json_int_t)s->reported);
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

/* {"indicators": [{"code", "name_vi", "name_en", "actual", "numerator", "denominator",
 * "status", "expected", "reported", "target", "comparator"}], "summary"} */
static void write_total(edx_text *t, const total_acc *totals, size_t n_totals)
{
  summary_counts c = {0, 0, 0};
  edx_text_raw(t, "{\"indicators\":[");
  for (size_t i = 0; i < n_totals; i++) {
    const total_acc *a = &totals[i];
    const char *aggregation = edx_progress_judged_as(a->ind);
    edx_cmp cmp = EDX_CMP_GE;
    edx_outcome o;
    edx_cmp_parse(a->comparator, &cmp);
    /* over several offices, the office value is their mean */
    edx_progress_evaluate(&o, edx_progress_is_office(a->ind) ? "mean" : aggregation, &a->sum,
                          cmp, a->target_h);
    edx_text_raw(t, i ? ",{" : "{");
    write_names(t, a->code, a->ind);
    write_figures(t, &o);
    edx_text_raw(t, ",\"status\":");
    edx_text_str(t, a->same_target ? edx_status_name(o.status) : NULL);
    edx_text_raw(t, ",\"expected\":");
    edx_text_int(t, a->sum.expected);
    edx_text_raw(t, ",\"reported\":");
    edx_text_int(t, a->sum.reported);
    edx_text_raw(t, ",\"target\":");
    write_hundredths_or_null(t, a->same_target, a->target_h);
    edx_text_raw(t, ",\"comparator\":");
    edx_text_str(t, a->same_target ? a->comparator : NULL);
    edx_text_raw(t, "}");
    if (a->same_target)
      count(&c, o.status);
  }
  edx_text_raw(t, "]");
  write_summary(t, &c);
}

/* {"district": {"id", "code", "name"}, "plan": {"id", "title", "document_ref"}, "indicators": [ */
static void write_district_start(edx_text *t, const edx_target_row *r, int first)
{
  edx_text_raw(t, first ? "{\"district\":{\"id\":" : ",{\"district\":{\"id\":");
  edx_text_str(t, r->district_id);
  edx_text_raw(t, ",\"code\":");
  edx_text_str(t, r->district_code);
  edx_text_raw(t, ",\"name\":");
  edx_text_str(t, r->district_name);
  edx_text_raw(t, "},\"plan\":{\"id\":");
  edx_text_str(t, r->plan_id);
  edx_text_raw(t, ",\"title\":");
  edx_text_str(t, r->plan_title);
  edx_text_raw(t, ",\"document_ref\":");
  edx_text_str(t, r->plan_document_ref);
  edx_text_raw(t, "},\"indicators\":[");
}

char *edx_progress_all_text(const edx_target_row *rows, size_t n, const edx_progress_inputs *in,
                            json_t *csv_rows, size_t *len)
{
  size_t cap = json_object_size(in->indicators) + 1, n_totals = 0, n_heads = 0;
  total_acc *totals = calloc(cap, sizeof(*totals));
  entry_head *heads = calloc(cap, sizeof(*heads));
  summary_counts c = {0, 0, 0};
  int ok = totals && heads;
  edx_text t;
  edx_text_init(&t, 64 + n * 512);
  edx_text_raw(&t, "{\"year\":");
  edx_text_int(&t, in->year);
  edx_text_raw(&t, ",\"as_of\":");
  edx_text_str(&t, in->as_of);
  edx_text_raw(&t, ",\"districts\":[");
  for (size_t i = 0; i < n && ok; i++) {
    const edx_target_row *r = &rows[i];
    const json_t *ind = json_object_get(in->indicators, r->indicator);
    const edx_text *head = head_of(heads, &n_heads, cap, r, ind);
    int starts = i == 0 || strcmp(rows[i - 1].plan_id, r->plan_id) != 0;
    edx_cmp cmp = EDX_CMP_GE;
    edx_stats s;
    edx_outcome o;
    if (!head || !head->data) {
      ok = 0; /* out of memory, or an indicator missing from the catalogue (cannot happen) */
      break;
    }
    if (starts && i > 0) {
      edx_text_raw(&t, "]");
      write_summary(&t, &c);
    }
    if (starts) {
      write_district_start(&t, r, i == 0);
      memset(&c, 0, sizeof(c));
    }
    edx_cmp_parse(r->comparator, &cmp);
    row_stats(r, ind, in, &s);
    edx_progress_judge(ind, r->indicator, cmp, r->target_h, &s, &o);
    if (!starts)
      edx_text_raw(&t, ",");
    write_entry(&t, head, r, &s, &o);
    count(&c, o.status);
    accumulate(totals, &n_totals, cap, r, ind, &s);
    if (csv_rows)
      json_array_append_new(csv_rows, csv_row(r, &s, &o));
  }
  if (n > 0) {
    edx_text_raw(&t, "]");
    write_summary(&t, &c);
  }
  edx_text_raw(&t, "],\"total\":");
  write_total(&t, totals, n_totals);
  edx_text_raw(&t, "}");
  if (!ok)
    edx_text_free(&t);
  for (size_t i = 0; i < n_heads; i++)
    edx_text_free(&heads[i].text);
  free(heads);
  free(totals);
  return edx_text_take(&t, len);
}
