/* progress_build.c — progress answers from counts (see progress_build.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "src/rules/progress_build.h"
#include "src/rules/progress_rules.h"

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

/* A member of the target's indicator in the catalogue. */
static json_t *info(const json_t *indicators, const json_t *t, const char *key)
{
  return json_object_get(json_object_get(indicators, str(t, "indicator")), key);
}

static json_t *hundredths(long long h)
{
  return json_real((double)h / 100.0);
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
}

/* {"actual", "numerator", "denominator", "status"} plus, when full, "gap" and "reason". */
static json_t *outcome_json(const edx_outcome *o, int full)
{
  json_t *j = json_object();
  json_object_set_new(j, "actual", o->has_actual ? hundredths(o->actual_h) : json_null());
  json_object_set_new(j, "numerator", o->has_ratio ? json_integer(o->numerator) : json_null());
  json_object_set_new(j, "denominator", o->has_ratio ? json_integer(o->denominator) : json_null());
  json_object_set_new(j, "status", json_string(edx_status_name(o->status)));
  if (full) {
    json_object_set_new(j, "gap", o->has_gap ? hundredths(o->gap_h) : json_null());
    json_object_set_new(j, "reason", o->reason ? json_string(o->reason) : json_null());
  }
  return j;
}

static json_t *breakdown(const json_t *rows, const char *aggregation, edx_cmp cmp, long long t)
{
  json_t *out = json_object(), *row;
  const char *key;
  json_object_foreach((json_t *)rows, key, row) {
    edx_stats s;
    edx_outcome o;
    stats_of(row, &s);
    edx_progress_evaluate(&o, aggregation, &s, cmp, t);
    json_object_set_new(out, key, outcome_json(&o, 0));
  }
  return out;
}

/* How an indicator's counts are judged: those computed from assessments, procedures or dossiers
 * arrive as numerator (true_count) over denominator (expected), like a share; the others by their
 * own aggregation. */
const char *edx_progress_judged_as(const json_t *ind)
{
  const char *aggregation = str(ind, "aggregation");
  return strcmp(aggregation, "computed") == 0 ? "share" : aggregation;
}

static const char *computed_reason(const char *source)
{
  if (strcmp(source, "assessments") == 0)
    return "no school of these levels has an assessment for the year";
  if (strcmp(source, "procedures") == 0)
    return "the district has no active procedure eligible for online service";
  return "no dossiers of this kind were received in the year";
}

/* One procedure's row of per_procedure judged as a share. */
static void judge_procedure(const json_t *p, edx_cmp cmp, long long t, edx_stats *s,
                            edx_outcome *o)
{
  memset(s, 0, sizeof(*s));
  s->expected = s->reported = num(p, "denominator");
  s->true_count = num(p, "numerator");
  edx_progress_evaluate(o, "share", s, cmp, t);
}

void edx_progress_office_stats(const json_t *office, const char *district, const char *code,
                               edx_stats *s)
{
  char key[160];
  snprintf(key, sizeof(key), "%s/%s", district, code);
  memset(s, 0, sizeof(*s));
  s->expected = 1;
  s->reported = json_object_get(office, key) != NULL;
  s->sum_value_h = s->reported ? edx_decimal_to_h(str(office, key)) : 0;
}

int edx_progress_is_office(const json_t *ind)
{
  return strcmp(str(ind, "aggregation"), "office_value") == 0;
}

void edx_progress_judge(const json_t *ind, const char *code, edx_cmp cmp, long long target_h,
                        const edx_stats *s, edx_outcome *o)
{
  edx_progress_evaluate(o, edx_progress_judged_as(ind), s, cmp, target_h);
  if (o->status == EDX_STATUS_NO_DATA && strcmp(str(ind, "aggregation"), "computed") == 0)
    o->reason = computed_reason(str(ind, "source"));
  /* DOSSIER_ONLINE_RATE is met only when every online procedure with dossiers meets it */
  if (strcmp(code, "DOSSIER_ONLINE_RATE") == 0 && o->status == EDX_STATUS_MET &&
      s->procedures_below > 0) {
    o->status = EDX_STATUS_NOT_MET;
    o->has_gap = 1;
    o->gap_h = 0;
  }
}

/* DOSSIER_ONLINE_RATE's details: each procedure judged ("per_procedure") and those below target
 * ("below"); returns how many are below. */
static long long per_procedure(json_t *e, const json_t *total, edx_cmp cmp, long long t)
{
  json_t *list = json_array(), *below = json_array(), *p;
  size_t i;
  json_array_foreach(json_object_get(total, "per_procedure"), i, p) {
    edx_stats s;
    edx_outcome po;
    judge_procedure(p, cmp, t, &s, &po);
    json_array_append_new(list, json_pack("{s:O,s:O,s:O,s:o,s:I,s:I,s:s}", "procedure_id",
                                          json_object_get(p, "procedure_id"), "code",
                                          json_object_get(p, "code"), "name",
                                          json_object_get(p, "name"), "actual",
                                          po.has_actual ? hundredths(po.actual_h) : json_null(),
                                          "numerator", (json_int_t)s.true_count, "denominator",
                                          (json_int_t)s.expected, "status",
                                          edx_status_name(po.status)));
    if (po.status != EDX_STATUS_MET)
      json_array_append_new(below, json_pack("{s:O,s:O,s:O,s:o}", "id",
                                             json_object_get(p, "procedure_id"), "code",
                                             json_object_get(p, "code"), "name",
                                             json_object_get(p, "name"), "value",
                                             po.has_actual ? hundredths(po.actual_h)
                                                           : json_null()));
  }
  json_object_set_new(e, "per_procedure", list);
  json_object_set_new(e, "below", below);
  return (long long)json_array_size(below);
}

/* One progress entry, with its details, for target t of district. */
static json_t *entry(const json_t *t, const json_t *indicators, const char *district,
                     const json_t *index, const json_t *office)
{
  const json_t *ind = json_object_get(indicators, str(t, "indicator"));
  const char *aggregation = edx_progress_judged_as(ind);
  const char *code = str(t, "indicator");
  const json_t *slot, *total, *missing, *below;
  char key[160];
  edx_stats s;
  edx_outcome o;
  edx_cmp cmp = EDX_CMP_GE;
  json_t *e, *result;
  edx_cmp_parse(str(t, "comparator"), &cmp);
  snprintf(key, sizeof(key), "%s|%s", district, code);
  slot = json_object_get(index, key);
  total = json_object_get(slot, "total");
  if (edx_progress_is_office(ind))
    edx_progress_office_stats(office, district, code, &s);
  else
    stats_of(total, &s);
  e = json_pack("{s:s,s:O,s:O,s:O,s:O,s:O,s:O}", "code", code, "name_vi",
                json_object_get(ind, "name_vi"), "name_en", json_object_get(ind, "name_en"),
                "source", json_object_get(ind, "source"), "aggregation",
                json_object_get(ind, "aggregation"), "target",
                json_object_get(t, "target"), "comparator", json_object_get(t, "comparator"));
  if (strcmp(code, "DOSSIER_ONLINE_RATE") == 0)
    s.procedures_below = per_procedure(e, total, cmp, target_h(t));
  edx_progress_judge(ind, code, cmp, target_h(t), &s, &o);
  result = outcome_json(&o, 1);
  json_object_update(e, result);
  json_decref(result);
  json_object_set_new(e, "expected", json_integer(s.expected));
  json_object_set_new(e, "reported", json_integer(s.reported));
  missing = json_object_get(total, "missing");
  below = json_object_get(total, "below");
  json_object_set_new(e, "missing", missing ? json_incref((json_t *)missing) : json_array());
  if (!json_object_get(e, "below"))
    json_object_set_new(e, "below", below ? json_incref((json_t *)below) : json_array());
  json_object_set_new(e, "by_level", slot ? breakdown(json_object_get(slot, "levels"),
                                                      aggregation, cmp, target_h(t))
                                          : json_object());
  json_object_set_new(e, "by_commune", slot ? breakdown(json_object_get(slot, "communes"),
                                                        aggregation, cmp, target_h(t))
                                            : json_object());
  return e;
}

static void count_status(json_t *summary, const char *status)
{
  json_object_set_new(summary, status, json_integer(json_integer_value(
                                         json_object_get(summary, status)) + 1));
}

json_t *edx_progress_entries(const json_t *plan, const json_t *indicators, const json_t *index,
                             const json_t *office, json_t **summary)
{
  const char *district = str(json_object_get(plan, "district"), "id");
  json_t *entries = json_array(), *t;
  size_t i;
  *summary = json_pack("{s:i,s:i,s:i}", "met", 0, "not_met", 0, "no_data", 0);
  json_array_foreach(json_object_get(plan, "targets"), i, t) {
    json_t *e = entry(t, indicators, district, index, office);
    count_status(*summary, str(e, "status"));
    json_array_append_new(entries, e);
  }
  return entries;
}

/* The status of one school's own value for target t. */
static edx_status school_status(const json_t *t, const char *aggregation, const json_t *value)
{
  edx_cmp cmp = EDX_CMP_GE;
  long long a, b;
  edx_cmp_parse(str(t, "comparator"), &cmp);
  if (!value)
    return EDX_STATUS_NO_DATA;
  if (strcmp(aggregation, "share") == 0)
    return json_is_true(value) ? EDX_STATUS_MET : EDX_STATUS_NOT_MET;
  if (strcmp(aggregation, "ratio_of_sums") == 0) {
    b = num(value, "denominator");
    a = 100 * num(value, "numerator");
    if (b == 0)
      return EDX_STATUS_NO_DATA;
  } else {
    a = llround(json_number_value(value) * 100);
    b = 100;
  }
  return edx_pct_meets(a, b, cmp, target_h(t)) ? EDX_STATUS_MET : EDX_STATUS_NOT_MET;
}

json_t *edx_scorecard_entries(const json_t *plan, const json_t *indicators, const char *level,
                              const json_t *report, json_t **summary)
{
  json_t *entries = json_array(), *t, *l;
  size_t i, k;
  *summary = json_pack("{s:i,s:i,s:i}", "met", 0, "not_met", 0, "no_data", 0);
  json_array_foreach(json_object_get(plan, "targets"), i, t) {
    int applies = 0;
    const json_t *value;
    edx_status status;
    if (strcmp(json_string_value(info(indicators, t, "source")), "school_report") != 0)
      continue;
    json_array_foreach(info(indicators, t, "levels"), k, l)
      applies |= strcmp(json_string_value(l), level) == 0;
    if (!applies)
      continue;
    value = json_object_get(json_object_get(json_object_get(report, "values"),
                                            str(t, "indicator")), "value");
    status = school_status(t, json_string_value(info(indicators, t, "aggregation")), value);
    json_array_append_new(entries, json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:s}", "code",
                                             json_object_get(t, "indicator"), "name_vi",
                                             info(indicators, t, "name_vi"), "name_en",
                                             info(indicators, t, "name_en"), "target",
                                             json_object_get(t, "target"), "comparator",
                                             json_object_get(t, "comparator"), "value",
                                             value ? value : json_null(), "status",
                                             edx_status_name(status)));
    count_status(*summary, edx_status_name(status));
  }
  return entries;
}
