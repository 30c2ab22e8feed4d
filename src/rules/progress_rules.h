/* progress_rules.h — how far a figure is from its target, in exact arithmetic: percents are kept
 * as fractions a/b (never floats) and targets in hundredths, so `>` 50 is not met by 50.00 and
 * 2/3 is not 66.67. Each aggregation turns counts and sums from the database into an actual
 * value, a status (met / not_met / no_data) and a gap. Pure functions. */
#ifndef EDX_PROGRESS_RULES_H
#define EDX_PROGRESS_RULES_H

typedef enum { EDX_CMP_GE, EDX_CMP_GT } edx_cmp;
typedef enum { EDX_STATUS_MET, EDX_STATUS_NOT_MET, EDX_STATUS_NO_DATA } edx_status;

/* ">=" or ">" into *out; -1 otherwise. */
int edx_cmp_parse(const char *text, edx_cmp *out);
const char *edx_status_name(edx_status status);

/* 1 when the percent a/b (b > 0) satisfies cmp against target_h (hundredths of a percent). */
int edx_pct_meets(long long a, long long b, edx_cmp cmp, long long target_h);
/* The percent a/b in hundredths, rounded half up (a >= 0, b > 0). */
long long edx_pct_round_h(long long a, long long b);
/* Parses a non-negative decimal with at most 2 decimals ("92.5", "100", "0.25") into hundredths;
 * -1 on anything else. */
long long edx_decimal_to_h(const char *text);

/* What the database counted for one indicator over one group of schools (or the office). */
typedef struct {
  long long expected;     /* active applicable schools (1 for the office) */
  long long reported;     /* of them, those with a value for the year */
  long long true_count;   /* boolean values that are true */
  long long meeting;      /* schools whose own value satisfies the target */
  long long sum_value_h;  /* Σ percent values, hundredths */
  long long sum_num;      /* Σ numerators */
  long long sum_den;      /* Σ denominators */
  long long procedures_below; /* DOSSIER_ONLINE_RATE: online procedures with dossiers under the
                                 target (judged by edx_progress_judge, not by evaluate) */
} edx_stats;

typedef struct {
  edx_status status;
  int has_actual;
  long long actual_h;     /* rounded, hundredths; for each_school the share of expected schools
                             meeting the target */
  int has_mean;           /* each_school only: the mean of the reported values */
  long long mean_h;       /* rounded, hundredths */
  int has_ratio;          /* numerator/denominator are meaningful */
  long long numerator, denominator;
  int has_gap;
  long long gap_h;        /* when not met: what actual lacks, in its unit (see EDX_GAP_MIN_H) */
  const char *reason;     /* why no_data, or NULL */
} edx_outcome;

/* The smallest gap: a not-met figure whose rounded actual already reaches what it is judged
 * against (89.996 against >= 90 shows 90.00; 50.00 against > 50) lacks this much, never 0. */
#define EDX_GAP_MIN_H 1

/* The gap of a not-met actual_h judged against goal_h (both hundredths): goal − actual, at
 * least EDX_GAP_MIN_H. */
long long edx_gap_h(long long goal_h, long long actual_h);

/* Evaluates an aggregation ("share", "each_school", "mean", "ratio_of_sums", "office_value";
 * anything else is no_data) of stats against cmp target_h. For each_school, actual is the share
 * of expected schools whose own value meets the target (met only at 100: every school), the gap
 * is counted to 100, and the mean of the reported values is given beside it (has_mean); for
 * every other aggregation actual is judged against the target itself and the gap counted to
 * it. */
void edx_progress_evaluate(edx_outcome *out, const char *aggregation, const edx_stats *s,
                           edx_cmp cmp, long long target_h);
#endif
