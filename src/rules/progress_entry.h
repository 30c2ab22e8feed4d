/* progress_entry.h — one progress entry (an indicator's target and what its counts come to):
 * how its counts are judged, and the one writer of its fields as JSON text and as a CSV row.
 * The district answer, the all-districts answer, its total and the breakdowns by level and
 * commune compose these writers in their own orders (see openapi.yaml). Pure functions. */
#ifndef EDX_PROGRESS_ENTRY_H
#define EDX_PROGRESS_ENTRY_H
#include <jansson.h>
#include "src/rules/json_text.h"
#include "src/rules/progress_rules.h"

typedef struct {
  const char *code;        /* the indicator's code */
  const json_t *ind;       /* its catalogue entry: name_vi, name_en, source, aggregation */
  int has_target;          /* 0 in a total over plans whose targets differ */
  long long target_h;      /* the target in hundredths of a percent */
  const char *comparator;  /* ">=" or ">" */
  edx_stats counts;        /* what the database counted (and the offices' values) */
  edx_outcome outcome;     /* set by edx_entry_judge */
} edx_entry;

/* The aggregation an indicator's counts are judged by: "share" for those computed from
 * assessments, procedures or dossiers (numerator over denominator), else its own. */
const char *edx_progress_judged_as(const json_t *ind);
/* 1 when the indicator (a catalogue entry) is the office's own value. */
int edx_progress_is_office(const json_t *ind);
/* The counts of an office value from the offices' values ({"<district>/<code>": "<value>"}):
 * expected 1, reported 0 or 1, the value as sum_value_h. */
void edx_progress_office_stats(const json_t *office, const char *district, const char *code,
                               edx_stats *s);
/* Judges e's counts against its target into e->outcome: the aggregation's outcome, the reason of
 * a computed indicator without data, and for DOSSIER_ONLINE_RATE not met while any procedure is
 * below the target (counts.procedures_below), with the smallest gap. */
void edx_entry_judge(edx_entry *e);

/* The writers, each of a few fields of an entry; names and figures start a list of members, the
 * others start with a comma. */
/* "code", "name_vi", "name_en" */
void edx_entry_write_names(edx_text *t, const char *code, const json_t *ind);
/* ,"source", "aggregation" */
void edx_entry_write_kind(edx_text *t, const json_t *ind);
/* ,"period": the code of plan year `year` in the indicator's period_kind ("2024" or
 * "2023-2024"). */
void edx_entry_write_period(edx_text *t, const json_t *ind, int year);
/* ,"periods": {"calendar_year": "2024", "school_year": "2023-2024"}: what plan year `year`
 * combines. */
void edx_write_periods(edx_text *t, int year);
/* ,"target", "comparator" (null without a target) */
void edx_entry_write_target(edx_text *t, const edx_entry *e);
/* "actual", "mean", "numerator", "denominator", "status" (null when has_status is 0; mean null
 * but for each_school) */
void edx_entry_write_figures(edx_text *t, const edx_outcome *o, int has_status);
/* ,"gap", "reason" */
void edx_entry_write_judgement(edx_text *t, const edx_outcome *o);
/* ,"expected", "reported" */
void edx_entry_write_counts(edx_text *t, const edx_stats *s);
/* The figure shown beside the headline of two indicators, from s's sum_num / sum_den, as
 * {"actual","numerator","denominator"} (actual null when the denominator is 0):
 * ,"all_procedures":{…} for DOSSIER_ONLINE_RATE (whose headline counts the dossiers of online
 * procedures only): the rate over every procedure's dossiers;
 * ,"ratings":{…} for DVCTT_SATISFACTION (whose headline is Decision 766's figure over handled
 * dossiers): satisfied or very satisfied ratings / ratings.
 * Nothing for another code. */
void edx_entry_write_second_figure(edx_text *t, const char *code, const edx_stats *s);
/* {"actual", "mean", "numerator", "denominator", "status"}: a breakdown's outcome. */
void edx_entry_write_breakdown(edx_text *t, const edx_outcome *o);
/* A summary {"met", "not_met", "no_data"} of counts indexed by edx_status. */
void edx_entry_write_summary(edx_text *t, const int counts[3]);

/* The entry's CSV row: code, name_vi, name_en, source, target, comparator, actual, mean, numerator,
 * denominator, status, gap, expected, reported (caller decrefs; answers pick their columns). */
json_t *edx_entry_csv_row(const edx_entry *e);
/* Sets the CSV row's "period": the code of plan year `year` in the indicator's period_kind. */
void edx_entry_csv_period(json_t *row, const json_t *ind, int year);
#endif
