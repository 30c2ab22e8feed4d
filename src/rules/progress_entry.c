/* progress_entry.c — judging and writing one progress entry (see progress_entry.h). */
#include <stdio.h>
#include <string.h>
#include "src/rules/progress_entry.h"
#include "src/rules/periods.h"

static const char *str(const json_t *o, const char *key)
{
  return json_string_value(json_object_get(o, key));
}

const char *edx_progress_judged_as(const json_t *ind)
{
  const char *aggregation = str(ind, "aggregation");
  return strcmp(aggregation, "computed") == 0 ? "share" : aggregation;
}

int edx_progress_is_office(const json_t *ind)
{
  return strcmp(str(ind, "aggregation"), "office_value") == 0;
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

static const char *computed_reason(const char *code, const char *source)
{
  if (strcmp(code, "DVCTT_SATISFACTION") == 0)
    return "no dossiers of online procedures were resolved in the year";
  if (strcmp(source, "assessments") == 0)
    return "no school of these levels has an assessment for the year";
  if (strcmp(source, "procedures") == 0)
    return "the district has no active procedure eligible for online service";
  return "no dossiers of this kind were received in the year";
}

void edx_entry_judge(edx_entry *e)
{
  edx_cmp cmp = EDX_CMP_GE;
  edx_outcome *o = &e->outcome;
  edx_cmp_parse(e->comparator, &cmp);
  edx_progress_evaluate(o, edx_progress_judged_as(e->ind), &e->counts, cmp, e->target_h);
  if (o->status == EDX_STATUS_NO_DATA && strcmp(str(e->ind, "aggregation"), "computed") == 0)
    o->reason = computed_reason(e->code, str(e->ind, "source"));
  /* DOSSIER_ONLINE_RATE is met only when every online procedure with dossiers meets it */
  if (strcmp(e->code, "DOSSIER_ONLINE_RATE") == 0 && o->status == EDX_STATUS_MET &&
      e->counts.procedures_below > 0) {
    o->status = EDX_STATUS_NOT_MET;
    o->has_gap = 1;
    o->gap_h = EDX_GAP_MIN_H; /* the headline reaches the target: what lacks is elsewhere */
  }
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

void edx_entry_write_names(edx_text *t, const char *code, const json_t *ind)
{
  edx_text_member(t, "\"code\":", code);
  edx_text_member(t, ",\"name_vi\":", str(ind, "name_vi"));
  edx_text_member(t, ",\"name_en\":", str(ind, "name_en"));
}

void edx_entry_write_kind(edx_text *t, const json_t *ind)
{
  edx_text_member(t, ",\"source\":", str(ind, "source"));
  edx_text_member(t, ",\"aggregation\":", str(ind, "aggregation"));
}

void edx_entry_write_period(edx_text *t, const json_t *ind, int year)
{
  char code[EDX_PERIOD_CODE_LEN];
  edx_period_code_of_kind(str(ind, "period_kind"), year, code, sizeof(code));
  edx_text_member(t, ",\"period\":", code);
}

void edx_entry_csv_period(json_t *row, const json_t *ind, int year)
{
  char code[EDX_PERIOD_CODE_LEN];
  edx_period_code_of_kind(str(ind, "period_kind"), year, code, sizeof(code));
  json_object_set_new(row, "period", json_string(code));
}

void edx_write_periods(edx_text *t, int year)
{
  char code[EDX_PERIOD_CODE_LEN];
  edx_period_code(year, EDX_PERIOD_CALENDAR_YEAR, code, sizeof(code));
  edx_text_member(t, ",\"periods\":{\"calendar_year\":", code);
  edx_period_code(year, EDX_PERIOD_SCHOOL_YEAR, code, sizeof(code));
  edx_text_member(t, ",\"school_year\":", code);
  edx_text_raw(t, "}");
}

void edx_entry_write_target(edx_text *t, const edx_entry *e)
{
  edx_text_raw(t, ",\"target\":");
  write_hundredths_or_null(t, e->has_target, e->target_h);
  edx_text_member(t, ",\"comparator\":", e->has_target ? e->comparator : NULL);
}

void edx_entry_write_figures(edx_text *t, const edx_outcome *o, int has_status)
{
  edx_text_raw(t, "\"actual\":");
  write_hundredths_or_null(t, o->has_actual, o->actual_h);
  edx_text_raw(t, ",\"mean\":");
  write_hundredths_or_null(t, o->has_mean, o->mean_h);
  edx_text_raw(t, ",\"numerator\":");
  write_int_or_null(t, o->has_ratio, o->numerator);
  edx_text_raw(t, ",\"denominator\":");
  write_int_or_null(t, o->has_ratio, o->denominator);
  edx_text_member(t, ",\"status\":", has_status ? edx_status_name(o->status) : NULL);
}

void edx_entry_write_judgement(edx_text *t, const edx_outcome *o)
{
  edx_text_raw(t, ",\"gap\":");
  write_hundredths_or_null(t, o->has_gap, o->gap_h);
  edx_text_member(t, ",\"reason\":", o->reason);
}

void edx_entry_write_counts(edx_text *t, const edx_stats *s)
{
  edx_text_raw(t, ",\"expected\":");
  edx_text_int(t, s->expected);
  edx_text_raw(t, ",\"reported\":");
  edx_text_int(t, s->reported);
}

void edx_entry_write_second_figure(edx_text *t, const char *code, const edx_stats *s)
{
  const char *name = strcmp(code, "DOSSIER_ONLINE_RATE") == 0  ? "all_procedures"
                     : strcmp(code, "DVCTT_SATISFACTION") == 0 ? "ratings"
                                                               : NULL;
  if (!name)
    return;
  edx_text_raw(t, ",\"");
  edx_text_raw(t, name);
  edx_text_raw(t, "\":{\"actual\":");
  write_hundredths_or_null(t, s->sum_den > 0, s->sum_den > 0 ? edx_pct_round_h(100 * s->sum_num,
                                                                                s->sum_den) : 0);
  edx_text_raw(t, ",\"numerator\":");
  edx_text_int(t, s->sum_num);
  edx_text_raw(t, ",\"denominator\":");
  edx_text_int(t, s->sum_den);
  edx_text_raw(t, "}");
}

void edx_entry_write_breakdown(edx_text *t, const edx_outcome *o)
{
  edx_text_raw(t, "{");
  edx_entry_write_figures(t, o, 1);
  edx_text_raw(t, "}");
}

void edx_entry_write_summary(edx_text *t, const int counts[3])
{
  edx_text_raw(t, "{\"met\":");
  edx_text_int(t, counts[EDX_STATUS_MET]);
  edx_text_raw(t, ",\"not_met\":");
  edx_text_int(t, counts[EDX_STATUS_NOT_MET]);
  edx_text_raw(t, ",\"no_data\":");
  edx_text_int(t, counts[EDX_STATUS_NO_DATA]);
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

json_t *edx_entry_csv_row(const edx_entry *e)
{
  const edx_outcome *o = &e->outcome;
  return json_pack("{s:s,s:O,s:O,s:O,s:o,s:s?,s:o,s:o,s:o,s:o,s:s,s:o,s:I,s:I}", "code", e->code,
                   "name_vi", json_object_get(e->ind, "name_vi"), "name_en",
                   json_object_get(e->ind, "name_en"), "source", json_object_get(e->ind, "source"),
                   "target", hundredths_json(e->has_target, e->target_h), "comparator",
                   e->has_target ? e->comparator : NULL, "actual",
                   hundredths_json(o->has_actual, o->actual_h), "mean",
                   hundredths_json(o->has_mean, o->mean_h), "numerator",
                   int_json(o->has_ratio, o->numerator), "denominator",
                   int_json(o->has_ratio, o->denominator), "status", edx_status_name(o->status),
                   "gap", hundredths_json(o->has_gap, o->gap_h), "expected",
                   (json_int_t)e->counts.expected, "reported", (json_int_t)e->counts.reported);
}
