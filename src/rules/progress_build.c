/* progress_build.c — one district's progress answer and a school's scorecard (see
 * progress_build.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/below_display.h"
#include "src/rules/jsonx.h"
#include "src/rules/progress_build.h"
#include "src/rules/progress_entry.h"

static const char *str(const json_t *o, const char *key)
{
  return json_string_value(json_object_get(o, key));
}

static long long num(const json_t *o, const char *key)
{
  return (long long)json_integer_value(json_object_get(o, key));
}

static long long target_h(const json_t *t)
{
  return llround(json_number_value(json_object_get(t, "target")) * 100);
}

json_t *edx_progress_index(const json_t *stats)
{
  json_t *index = json_object(), *row;
  size_t i;
  json_array_foreach(stats, i, row) {
    char key[160];
    json_t *slot;
    long long g = num(row, "g");
    snprintf(key, sizeof(key), "%s|%s", str(row, "district_id"), str(row, "code"));
    if (!(slot = json_object_get(index, key))) {
      slot = json_pack("{s:{},s:{}}", "levels", "communes");
      json_object_set_new(index, key, slot);
    }
    if (g == 3)
      json_object_set(slot, "total", row);
    else if (g == 1)
      json_object_set(json_object_get(slot, "levels"), str(row, "level"), row);
    else
      json_object_set(json_object_get(slot, "communes"),
                      *str(row, "commune") ? str(row, "commune") : "(no commune)", row);
  }
  return index;
}

/* The counts of a stats row (NULL: all zero). */
static void stats_of(const json_t *row, edx_stats *s)
{
  const char *sum = str(row, "sum_value");
  memset(s, 0, sizeof(*s));
  if (!row)
    return;
  s->expected = num(row, "expected");
  s->reported = num(row, "reported");
  s->true_count = num(row, "true_count");
  s->meeting = num(row, "meeting");
  s->sum_value_h = sum ? edx_decimal_to_h(sum) : 0;
  s->sum_num = num(row, "sum_num");
  s->sum_den = num(row, "sum_den");
  s->procedures_below = num(row, "procedures_below");
}

/* Appends value's JSON text as answers write it ([] for NULL). */
static void write_json(edx_text *t, const json_t *value)
{
  char *text = value ? json_dumps(value, EDX_JSON_OUT) : NULL;
  edx_text_raw(t, text ? text : "[]");
  free(text);
}

/* {"<key>": {"actual", "mean", "numerator", "denominator", "status"}, …} of breakdown rows. */
static void write_breakdown(edx_text *t, const json_t *rows, const char *aggregation, edx_cmp cmp,
                            long long target)
{
  const char *key;
  json_t *row;
  int first = 1;
  edx_text_raw(t, "{");
  json_object_foreach((json_t *)rows, key, row) {
    edx_stats s;
    edx_outcome o;
    stats_of(row, &s);
    edx_progress_evaluate(&o, aggregation, &s, cmp, target);
    edx_text_member(t, first ? "" : ",", key);
    edx_text_raw(t, ":");
    edx_entry_write_breakdown(t, &o);
    first = 0;
  }
  edx_text_raw(t, "}");
}

/* DOSSIER_ONLINE_RATE's details, each online procedure with dossiers as the database judged it
 * (below_target, the rule of migration 0007): ,"per_procedure": […],"below": […] (those below
 * the target, each with its rate as value and display). Returns how many are below. */
static long long write_per_procedure(edx_text *t, const json_t *total)
{
  edx_text below;
  long long n_below = 0;
  size_t i;
  json_t *p;
  edx_text_init(&below, 256);
  edx_text_raw(t, ",\"per_procedure\":[");
  json_array_foreach(json_object_get(total, "per_procedure"), i, p) {
    long long n = num(p, "numerator"), d = num(p, "denominator");
    int is_below = json_is_true(json_object_get(p, "below_target"));
    char display[EDX_BELOW_DISPLAY_LEN];
    edx_text_member(t, i ? ",{\"procedure_id\":" : "{\"procedure_id\":", str(p, "procedure_id"));
    edx_text_member(t, ",\"code\":", str(p, "code"));
    edx_text_member(t, ",\"name\":", str(p, "name"));
    edx_text_raw(t, ",\"actual\":");
    edx_text_hundredths(t, edx_pct_round_h(100 * n, d > 0 ? d : 1));
    edx_text_raw(t, ",\"numerator\":");
    edx_text_int(t, n);
    edx_text_raw(t, ",\"denominator\":");
    edx_text_int(t, d);
    edx_text_raw(t, is_below ? ",\"status\":\"not_met\"}" : ",\"status\":\"met\"}");
    if (!is_below)
      continue;
    edx_text_member(&below, n_below++ ? ",{\"unit\":\"procedure\",\"id\":"
                                      : "{\"unit\":\"procedure\",\"id\":",
                    str(p, "procedure_id"));
    edx_text_member(&below, ",\"code\":", str(p, "code"));
    edx_text_member(&below, ",\"name\":", str(p, "name"));
    edx_text_raw(&below, ",\"value\":");
    edx_text_hundredths(&below, edx_pct_round_h(100 * n, d > 0 ? d : 1));
    edx_text_member(&below, ",\"display\":",
                    edx_below_display_h(edx_pct_round_h(100 * n, d > 0 ? d : 1), display));
    edx_text_raw(&below, "}");
  }
  edx_text_raw(t, "],\"below\":[");
  if (below.data)
    edx_text_rawn(t, below.data, below.len);
  edx_text_raw(t, "]");
  edx_text_free(&below);
  return n_below;
}

/* One target's entry with its details; fills e and the numbers of missing and below-target
 * units (for the CSV row). */
static void write_entry(edx_text *t, const edx_district_inputs *in, const json_t *target,
                        edx_entry *e, size_t *missing, long long *below)
{
  const char *district = str(in->district, "id");
  const json_t *slot, *total;
  int dossier_rate;
  char key[160];
  edx_cmp cmp = EDX_CMP_GE;
  memset(e, 0, sizeof(*e));
  e->code = str(target, "indicator");
  e->ind = json_object_get(in->indicators, e->code);
  e->has_target = 1;
  e->target_h = target_h(target);
  e->comparator = str(target, "comparator");
  edx_cmp_parse(e->comparator, &cmp);
  snprintf(key, sizeof(key), "%s|%s", district, e->code);
  slot = json_object_get(in->index, key);
  total = json_object_get(slot, "total");
  if (edx_progress_is_office(e->ind))
    edx_progress_office_stats(in->office, district, e->code, &e->counts);
  else
    stats_of(total, &e->counts);
  edx_entry_judge(e);
  dossier_rate = strcmp(e->code, "DOSSIER_ONLINE_RATE") == 0;
  edx_text_raw(t, "{");
  edx_entry_write_names(t, e->code, e->ind);
  edx_entry_write_kind(t, e->ind);
  edx_entry_write_period(t, e->ind, in->year);
  edx_entry_write_target(t, e);
  if (dossier_rate)
    *below = write_per_procedure(t, total);
  edx_text_raw(t, ",");
  edx_entry_write_figures(t, &e->outcome, 1);
  edx_entry_write_judgement(t, &e->outcome);
  edx_entry_write_counts(t, &e->counts);
  edx_entry_write_second_figure(t, e->code, &e->counts);
  edx_text_raw(t, ",\"missing\":");
  write_json(t, json_object_get(total, "missing"));
  *missing = json_array_size(json_object_get(total, "missing"));
  if (!dossier_rate) {
    json_t *shown = edx_below_with_display(json_object_get(total, "below"));
    edx_text_raw(t, ",\"below\":");
    write_json(t, shown);
    *below = (long long)json_array_size(shown);
    json_decref(shown);
  }
  edx_text_raw(t, ",\"suspect\":");
  write_json(t, json_object_get(total, "suspect"));
  edx_text_raw(t, ",\"by_level\":");
  write_breakdown(t, json_object_get(slot, "levels"), edx_progress_judged_as(e->ind), cmp,
                  e->target_h);
  edx_text_raw(t, ",\"by_commune\":");
  write_breakdown(t, json_object_get(slot, "communes"), edx_progress_judged_as(e->ind), cmp,
                  e->target_h);
  edx_text_raw(t, "}");
}

/* ,"plan": {"id", "title", "document_ref"} */
static void write_plan(edx_text *t, const json_t *plan)
{
  edx_text_member(t, ",\"plan\":{\"id\":", str(plan, "id"));
  edx_text_member(t, ",\"title\":", str(plan, "title"));
  edx_text_member(t, ",\"document_ref\":", str(plan, "document_ref"));
  edx_text_raw(t, "}");
}

char *edx_progress_district_text(const edx_district_inputs *in, json_t *csv_rows, size_t *len)
{
  int summary[3] = {0, 0, 0};
  size_t i;
  json_t *target;
  edx_text t;
  edx_text_init(&t, 16384);
  edx_text_raw(&t, "{\"district\":");
  write_json(&t, in->district);
  edx_text_raw(&t, ",\"year\":");
  edx_text_int(&t, in->year);
  edx_write_periods(&t, in->year);
  write_plan(&t, in->plan);
  edx_text_member(&t, ",\"as_of\":", in->as_of);
  edx_text_raw(&t, ",\"indicators\":[");
  json_array_foreach(json_object_get(in->plan, "targets"), i, target) {
    edx_entry e;
    size_t missing = 0;
    long long below = 0;
    edx_text_raw(&t, i ? "," : "");
    write_entry(&t, in, target, &e, &missing, &below);
    summary[e.outcome.status]++;
    if (csv_rows) {
      json_t *row = edx_entry_csv_row(&e);
      edx_entry_csv_period(row, e.ind, in->year);
      json_object_set_new(row, "missing", json_integer((json_int_t)missing));
      json_object_set_new(row, "below", json_integer(below));
      json_array_append_new(csv_rows, row);
    }
  }
  edx_text_raw(&t, "],\"summary\":");
  edx_entry_write_summary(&t, summary);
  edx_text_raw(&t, "}");
  return edx_text_take(&t, len);
}

json_t *edx_scorecard_entries(const json_t *plan, const json_t *indicators, const json_t *cells,
                              json_t **summary)
{
  json_t *entries = json_array(), *cell, *t, *targets = json_object();
  size_t i;
  int counts[3] = {0, 0, 0};
  json_array_foreach(json_object_get(plan, "targets"), i, t)
    json_object_set(targets, str(t, "indicator"), t);
  json_array_foreach(cells, i, cell) {
    const char *code = str(cell, "indicator");
    const json_t *ind = json_object_get(indicators, code), *meets = json_object_get(cell, "meets");
    edx_status status = json_is_true(meets)    ? EDX_STATUS_MET
                        : json_is_false(meets) ? EDX_STATUS_NOT_MET
                                               : EDX_STATUS_NO_DATA;
    t = json_object_get(targets, code);
    json_array_append_new(entries, json_pack("{s:s,s:O,s:O,s:O,s:O,s:O,s:s}", "code", code,
                                             "name_vi", json_object_get(ind, "name_vi"),
                                             "name_en", json_object_get(ind, "name_en"),
                                             "target", json_object_get(t, "target"),
                                             "comparator", json_object_get(t, "comparator"),
                                             "value", json_object_get(cell, "value"), "status",
                                             edx_status_name(status)));
    counts[status]++;
  }
  json_decref(targets);
  *summary = json_pack("{s:i,s:i,s:i}", "met", counts[EDX_STATUS_MET], "not_met",
                       counts[EDX_STATUS_NOT_MET], "no_data", counts[EDX_STATUS_NO_DATA]);
  return entries;
}
