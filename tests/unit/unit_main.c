/* unit_main.c — runs the unit suites of the pure rules in src/rules/ and of the token secrets
 * gzip compression and token cache in src/runtime/ (no database, no network). */
#include <check.h>
#include <stdlib.h>

Suite *validate_suite(void);
Suite *fields_suite(void);
Suite *json_suite(void);
Suite *listq_suite(void);
Suite *time_range_suite(void);
Suite *download_link_suite(void);
Suite *router_suite(void);
Suite *roles_suite(void);
Suite *org_units_suite(void);
Suite *csv_suite(void);
Suite *secret_suite(void);
Suite *csv_read_suite(void);
Suite *school_rules_suite(void);
Suite *progress_rules_suite(void);
Suite *indicator_rules_suite(void);
Suite *dt_scoring_suite(void);
Suite *dossier_rules_suite(void);
Suite *task_rules_suite(void);
Suite *progress_all_suite(void);
Suite *errors_suite(void);
Suite *progress_build_suite(void);
Suite *feed_cursor_suite(void);
Suite *gzip_suite(void);
Suite *content_coding_suite(void);
Suite *gzip_cache_suite(void);
Suite *response_cache_suite(void);
Suite *log_redact_suite(void);
Suite *deadlines_suite(void);
Suite *query_string_suite(void);
Suite *head_screen_suite(void);
Suite *calendar_rules_suite(void);
Suite *periods_suite(void);
Suite *dashboard_suite(void);
Suite *cursor_suite(void);
Suite *keyset_suite(void);
Suite *page_link_suite(void);
Suite *token_cache_suite(void);
Suite *i18n_suite(void);
Suite *labels_suite(void);
Suite *list_etags_suite(void);
Suite *below_display_suite(void);
Suite *file_rules_suite(void);

int main(void)
{
  SRunner *sr = srunner_create(validate_suite());
  int failed;
  srunner_add_suite(sr, fields_suite());
  srunner_add_suite(sr, file_rules_suite());
  srunner_add_suite(sr, i18n_suite());
  srunner_add_suite(sr, labels_suite());
  srunner_add_suite(sr, list_etags_suite());
  srunner_add_suite(sr, json_suite());
  srunner_add_suite(sr, listq_suite());
  srunner_add_suite(sr, time_range_suite());
  srunner_add_suite(sr, download_link_suite());
  srunner_add_suite(sr, router_suite());
  srunner_add_suite(sr, roles_suite());
  srunner_add_suite(sr, org_units_suite());
  srunner_add_suite(sr, csv_suite());
  srunner_add_suite(sr, secret_suite());
  srunner_add_suite(sr, csv_read_suite());
  srunner_add_suite(sr, school_rules_suite());
  srunner_add_suite(sr, progress_rules_suite());
  srunner_add_suite(sr, indicator_rules_suite());
  srunner_add_suite(sr, dt_scoring_suite());
  srunner_add_suite(sr, dossier_rules_suite());
  srunner_add_suite(sr, task_rules_suite());
  srunner_add_suite(sr, progress_all_suite());
  srunner_add_suite(sr, errors_suite());
  srunner_add_suite(sr, progress_build_suite());
  srunner_add_suite(sr, below_display_suite());
  srunner_add_suite(sr, feed_cursor_suite());
  srunner_add_suite(sr, gzip_suite());
  srunner_add_suite(sr, content_coding_suite());
  srunner_add_suite(sr, gzip_cache_suite());
  srunner_add_suite(sr, response_cache_suite());
  srunner_add_suite(sr, log_redact_suite());
  srunner_add_suite(sr, deadlines_suite());
  srunner_add_suite(sr, query_string_suite());
  srunner_add_suite(sr, head_screen_suite());
  srunner_add_suite(sr, calendar_rules_suite());
  srunner_add_suite(sr, periods_suite());
  srunner_add_suite(sr, dashboard_suite());
  srunner_add_suite(sr, cursor_suite());
  srunner_add_suite(sr, keyset_suite());
  srunner_add_suite(sr, page_link_suite());
  srunner_add_suite(sr, token_cache_suite());
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
