/* progress_rules.c — exact progress arithmetic (see progress_rules.h). */
#include <ctype.h>
#include <string.h>
#include "src/rules/progress_rules.h"

int edx_cmp_parse(const char *text, edx_cmp *out)
{
  if (text && strcmp(text, ">=") == 0)
    *out = EDX_CMP_GE;
  else if (text && strcmp(text, ">") == 0)
    *out = EDX_CMP_GT;
  else
    return -1;
  return 0;
}

const char *edx_status_name(edx_status status)
{
  return status == EDX_STATUS_MET ? "met" : status == EDX_STATUS_NOT_MET ? "not_met" : "no_data";
}

int edx_pct_meets(long long a, long long b, edx_cmp cmp, long long target_h)
{
  /* a/b >= t/100  <=>  100·a >= t·b  (b > 0) */
  long long lhs = 100 * a, rhs = target_h * b;
  return cmp == EDX_CMP_GE ? lhs >= rhs : lhs > rhs;
}

long long edx_pct_round_h(long long a, long long b)
{
  return (200 * a + b) / (2 * b);
}

long long edx_decimal_to_h(const char *text)
{
  long long whole = 0, frac = 0;
  int digits = 0, decimals = 0;
  const char *p = text;
  if (!p || !*p)
    return -1;
  for (; isdigit((unsigned char)*p); p++, digits++)
    if ((whole = whole * 10 + (*p - '0')) > 1000000000000LL)
      return -1;
  if (*p == '.')
    for (p++; isdigit((unsigned char)*p); p++) {
      if (*p != '0' && decimals >= 2)
        return -1;
      if (decimals < 2)
        frac = frac * 10 + (*p - '0');
      decimals++;
    }
  if (*p || digits == 0)
    return -1;
  while (decimals++ < 2)
    frac *= 10;
  return whole * 100 + frac;
}

/* Sets the outcome of the percent a/b against the target. */
static void judge(edx_outcome *out, long long a, long long b, edx_cmp cmp, long long target_h)
{
  out->has_actual = 1;
  out->actual_h = edx_pct_round_h(a, b);
  out->status = edx_pct_meets(a, b, cmp, target_h) ? EDX_STATUS_MET : EDX_STATUS_NOT_MET;
}

long long edx_gap_h(long long goal_h, long long actual_h)
{
  return goal_h - actual_h >= EDX_GAP_MIN_H ? goal_h - actual_h : EDX_GAP_MIN_H;
}

/* each_school: the share of expected schools meeting the target (the status, met only when
 * every expected school meets it, is that share reaching 100) and the mean beside it. */
static void each_school(edx_outcome *out, const edx_stats *s)
{
  judge(out, 100 * s->meeting, s->expected, EDX_CMP_GE, 10000);
  out->has_mean = 1;
  out->mean_h = edx_pct_round_h(s->sum_value_h, 100 * s->reported);
  out->has_ratio = 1;
  out->numerator = s->meeting;
  out->denominator = s->expected;
}

static void no_data(edx_outcome *out, const char *reason)
{
  out->status = EDX_STATUS_NO_DATA;
  out->reason = reason;
}

void edx_progress_evaluate(edx_outcome *out, const char *aggregation, const edx_stats *s,
                           edx_cmp cmp, long long target_h)
{
  memset(out, 0, sizeof(*out));
  if (strcmp(aggregation, "office_value") == 0) {
    if (s->reported == 0)
      no_data(out, "the district office has not reported this value for the year");
    else
      judge(out, s->sum_value_h, 100, cmp, target_h);
  } else if (s->expected == 0) {
    no_data(out, "no active school of the levels this indicator applies to");
  } else if (s->reported == 0) {
    no_data(out, "no applicable school has reported this value for the year");
  } else if (strcmp(aggregation, "share") == 0) {
    judge(out, 100 * s->true_count, s->expected, cmp, target_h);
    out->has_ratio = 1;
    out->numerator = s->true_count;
    out->denominator = s->expected;
  } else if (strcmp(aggregation, "each_school") == 0) {
    each_school(out, s);
  } else if (strcmp(aggregation, "mean") == 0) {
    judge(out, s->sum_value_h, 100 * s->reported, cmp, target_h);
  } else if (strcmp(aggregation, "ratio_of_sums") == 0) {
    if (s->sum_den == 0) {
      no_data(out, "the reporting schools' denominators add up to zero");
      return;
    }
    judge(out, 100 * s->sum_num, s->sum_den, cmp, target_h);
    out->has_ratio = 1;
    out->numerator = s->sum_num;
    out->denominator = s->sum_den;
  } else {
    no_data(out, "this indicator is not computed from reports");
  }
  if (out->status == EDX_STATUS_NOT_MET) {
    out->has_gap = 1;
    out->gap_h = edx_gap_h(out->has_mean ? 10000 : target_h, out->actual_h);
  }
}
