/* figure_csv.h — the CSV columns of the figures answers: a district's progress, every district's,
 * a school's scorecard, a district's scorecards and its procedure figures. Their Vietnamese
 * headers (lang=vi) are in labels.c. */
#ifndef EDX_FIGURE_CSV_H
#define EDX_FIGURE_CSV_H

extern const char *const edx_progress_district_csv_columns[];
extern const char *const edx_progress_all_csv_columns[];
extern const char *const edx_scorecard_csv_columns[];
extern const char *const edx_scorecards_csv_columns[];
extern const char *const edx_procedure_metrics_csv_columns[];

#endif
