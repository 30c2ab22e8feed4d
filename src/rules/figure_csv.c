/* figure_csv.c — the CSV columns of the figures answers (figure_csv.h), in the order
 * openapi.yaml gives them; a column added goes last, so positional readers keep working. */
#include <stddef.h>
#include "src/rules/figure_csv.h"

const char *const edx_progress_district_csv_columns[] = {
  "code", "name_vi", "name_en", "source", "target", "comparator", "actual", "numerator",
  "denominator", "status", "gap", "expected", "reported", "missing", "below", "period", "mean",
  NULL};

const char *const edx_progress_all_csv_columns[] = {
  "district_code", "district_name", "code", "target", "comparator", "actual", "numerator",
  "denominator", "status", "gap", "expected", "reported", "period", "mean", NULL};

const char *const edx_scorecard_csv_columns[] = {"code", "name_vi", "name_en", "target",
                                                 "comparator", "value", "status", NULL};

const char *const edx_scorecards_csv_columns[] = {"school_code", "school_name", "code", "target",
                                                  "comparator", "value", "status", NULL};

const char *const edx_procedure_metrics_csv_columns[] = {
  "code", "name", "online_mode", "dossiers", "online", "online_payment", "digitization",
  "satisfaction", "satisfaction_ratings", "on_time", "overdue_now", NULL};
