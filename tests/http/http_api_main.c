/* http_api_main.c — runs the API suites against one real edudx (with --demo) on a throwaway
 * database. Run under pg_virtualenv (tests/run-with-postgres.sh does). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mirror.h"
#include "testutil.h"

Suite *pipeline_suite(void);
Suite *tokens_suite(void);
Suite *districts_suite(void);
Suite *audit_suite(void);
Suite *schools_suite(void);
Suite *schools_import_suite(void);
Suite *indicators_plans_suite(void);
Suite *reports_suite(void);
Suite *progress_suite(void);
Suite *progress_counts_suite(void);
Suite *assessments_suite(void);
Suite *frameworks_suite(void);
Suite *dossiers_suite(void);
Suite *changes_suite(void);
Suite *exports_suite(void);
Suite *gzip_suite(void);
Suite *paging_suite(void);
Suite *provinces_suite(void);
Suite *hostile_suite(void);
Suite *calendars_suite(void);
Suite *periods_units_suite(void);
Suite *dashboard_suite(void);
Suite *i18n_suite(void);
Suite *list_etags_suite(void);
Suite *tasks_suite(void);
Suite *submissions_suite(void);
Suite *task_chase_http_suite(void);
Suite *files_suite(void);
Suite *data_exchange_suite(void);
Suite *metadata_suite(void);

int main(void)
{
  static const char *const args[] = {"--demo", NULL};
  static const char *const env[] = {"EDUDX_CORS_ORIGINS=https://app.example.org,https://b.example",
                                    "EDUDX_THREADS=4", "EDUDX_DB_POOL=4",
                                    "EDUDX_LINK_SECRET=" TEST_LINK_SECRET, NULL};
  static const char *const admin[] = {"--role", "admin", "--label", "test admin", NULL};
  edudx_proc server;
  int failed, exit_code;
  harness_serve(&server, harness_conninfo(), args, env);
  server_log_path = server.log_path;
  admin_token = harness_token(admin);
  SRunner *sr = srunner_create(pipeline_suite());
  srunner_add_suite(sr, tokens_suite());
  srunner_add_suite(sr, districts_suite());
  srunner_add_suite(sr, audit_suite());
  srunner_add_suite(sr, schools_suite());
  srunner_add_suite(sr, schools_import_suite());
  srunner_add_suite(sr, indicators_plans_suite());
  srunner_add_suite(sr, reports_suite());
  srunner_add_suite(sr, progress_suite());
  srunner_add_suite(sr, progress_counts_suite());
  srunner_add_suite(sr, assessments_suite());
  srunner_add_suite(sr, frameworks_suite());
  srunner_add_suite(sr, dossiers_suite());
  srunner_add_suite(sr, changes_suite());
  srunner_add_suite(sr, exports_suite());
  srunner_add_suite(sr, gzip_suite());
  srunner_add_suite(sr, paging_suite());
  srunner_add_suite(sr, provinces_suite());
  srunner_add_suite(sr, hostile_suite());
  srunner_add_suite(sr, calendars_suite());
  srunner_add_suite(sr, periods_units_suite());
  srunner_add_suite(sr, dashboard_suite());
  srunner_add_suite(sr, i18n_suite());
  srunner_add_suite(sr, list_etags_suite());
  srunner_add_suite(sr, tasks_suite());
  srunner_add_suite(sr, submissions_suite());
  srunner_add_suite(sr, task_chase_http_suite());
  srunner_add_suite(sr, files_suite());
  srunner_add_suite(sr, data_exchange_suite());
  srunner_add_suite(sr, metadata_suite());
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  /* the per-procedure counters kept by triggers must equal a count over every dossier, after all
   * the creations, status moves and imports the suites made */
  char *drift = sql_value(
    "SELECT count(*) FROM (SELECT procedure_id, edx_dossier_year(received_at), count(*),"
    " count(*) FILTER (WHERE channel = 'online'), count(*) FILTER (WHERE paid_online),"
    " count(*) FILTER (WHERE dossier_digitized AND (status <> 'resolved' OR result_digitized)),"
    " count(*) FILTER (WHERE satisfaction IN ('very_satisfied', 'satisfied')), count(satisfaction),"
    " count(*) FILTER (WHERE status = 'resolved'),"
    " count(*) FILTER (WHERE status = 'resolved' AND resolved_at <= due_at)"
    " FROM dossiers GROUP BY 1, 2 EXCEPT SELECT procedure_id, year, n, online, paid, digitized,"
    " satisfied, rated, resolved, on_time FROM dossier_counts WHERE n <> 0) x");
  printf("dossier counters differing from a full count: %s\n", drift);
  if (strcmp(drift, "0") != 0)
    failed++;
  free(drift);
  /* the handled dossiers (Decision 766's satisfaction), counted in the year they were resolved
   * in, both ways round: resolved, and of those not dissatisfied, without complaint, on time */
  drift = sql_value(
    "WITH full_count AS (SELECT procedure_id, edx_dossier_year(resolved_at) AS year,"
    " count(*) AS handled, count(*) FILTER (WHERE satisfaction IS DISTINCT FROM 'dissatisfied'"
    " AND NOT complaint AND resolved_at <= due_at) AS handled_ok FROM dossiers"
    " WHERE status = 'resolved' AND resolved_at IS NOT NULL GROUP BY 1, 2),"
    " kept AS (SELECT procedure_id, year, handled, handled_ok FROM dossier_counts"
    " WHERE handled <> 0 OR handled_ok <> 0)"
    " SELECT count(*) FROM ((TABLE full_count EXCEPT TABLE kept)"
    " UNION ALL (TABLE kept EXCEPT TABLE full_count)) x");
  printf("handled-dossier counters differing from a full count: %s\n", drift);
  if (strcmp(drift, "0") != 0)
    failed++;
  free(drift);
  /* the plan targets' counts kept by triggers must equal a count over every school, value and
   * assessment, after all the reports, school edits, plan changes and assessment moves */
  drift = sql_value("SELECT count(*) FROM progress_counts_drift");
  printf("progress counts differing from a full count: %s\n", drift);
  if (strcmp(drift, "0") != 0)
    failed++;
  free(drift);
  /* a mirror built from the whole change feed equals a fresh export of everything, after every
   * kind of write the suites made (deletions, moves, recodes, imports, workflows) */
  json_t *followed = json_object(), *exported = json_object();
  char *next = mirror_follow(followed, NULL, admin_token, 5000, NULL);
  char *cursor = mirror_load_all(exported, admin_token);
  long differences = next && cursor ? mirror_differences(followed, exported) : -1;
  printf("mirror from the whole feed differing from a fresh export: %ld (of %zu entities)\n",
         differences, json_object_size(exported));
  if (differences != 0)
    failed++;
  json_decref(followed);
  json_decref(exported);
  free(next);
  free(cursor);
  exit_code = harness_stop(&server, SIGTERM);
  if (exit_code != 0) {
    fprintf(stderr, "edudx exited with %d after SIGTERM; see %s\n", exit_code, server.log_path);
    failed++;
  }
  free(admin_token);
  return failed == 0 ? 0 : 1;
}
