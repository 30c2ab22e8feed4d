/* test_csv.c — CSV rendering: BOM, header, quoting by separator (comma or semicolon), nulls,
 * numbers, booleans, the formula guard; the separator's names. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/csv.h"

Suite *csv_suite(void);

START_TEST(renders_rows_with_quoting)
{
  static const char *const cols[] = {"code", "name", "students", "active", "note", NULL};
  json_t *items = json_loads("[{\"code\":\"TH1\",\"name\":\"Tiểu học, \\\"số 1\\\"\",\"students\":312,"
                             "\"active\":true,\"note\":null},"
                             "{\"code\":\"TH2\",\"name\":\"a;b\",\"students\":0,\"active\":false}]",
                             0, NULL);
  size_t len = 0;
  char *csv = edx_csv_render(items, cols, ',', &len);
  const char *expected = "\xEF\xBB\xBF" "code,name,students,active,note\r\n"
                         "TH1,\"Tiểu học, \"\"số 1\"\"\",312,true,\r\n"
                         "TH2,\"a;b\",0,false,\r\n";
  ck_assert_uint_eq(len, strlen(expected));
  ck_assert_str_eq(csv, expected);
  free(csv);
  json_decref(items);
}
END_TEST

START_TEST(empty_list_is_header_only)
{
  static const char *const cols[] = {"id", NULL};
  json_t *items = json_array();
  size_t len = 0;
  char *csv = edx_csv_render(items, cols, ',', &len);
  ck_assert_str_eq(csv, "\xEF\xBB\xBFid\r\n");
  free(csv);
  json_decref(items);
}
END_TEST

START_TEST(text_that_excel_would_run_gets_an_apostrophe)
{
  static const char *const cols[] = {"name", "n", NULL};
  json_t *items = json_loads("[{\"name\":\"=HYPERLINK(\\\"http://x\\\")\",\"n\":-5},"
                             "{\"name\":\"+1+1\",\"n\":-0.5},"
                             "{\"name\":\"-2+3\"},{\"name\":\"@SUM(A1)\"},"
                             "{\"name\":\"\\tTab\"},{\"name\":\"\\rCR\"},"
                             "{\"name\":\"a=b, -c\"},{\"name\":\"Trường \\u0027A\"}]",
                             0, NULL);
  size_t len = 0;
  char *csv;
  ck_assert_ptr_nonnull(items);
  csv = edx_csv_render(items, cols, ',', &len);
  ck_assert_str_eq(csv, "\xEF\xBB\xBF" "name,n\r\n"
                        "\"'=HYPERLINK(\"\"http://x\"\")\",-5\r\n" /* numbers stay numbers */
                        "'+1+1,-0.5\r\n"
                        "'-2+3,\r\n"
                        "'@SUM(A1),\r\n"
                        "'\tTab,\r\n"
                        "\"'\rCR\",\r\n"
                        "\"a=b, -c\",\r\n"     /* only the first character counts */
                        "Trường 'A,\r\n");
  free(csv);
  json_decref(items);
}
END_TEST

START_TEST(semicolons_separate_and_quote_only_what_needs_it)
{
  static const char *const cols[] = {"code", "name", "rate", "note", NULL};
  json_t *items = json_loads("[{\"code\":\"TH1\",\"name\":\"Tiểu học, \\\"số 1\\\"\",\"rate\":92.5,"
                             "\"note\":\"a;b\"},"
                             "{\"code\":\"x;y\",\"name\":\"=1;2\",\"rate\":null,\"note\":\"Xã A, huyện B\"},"
                             "{\"code\":\"TH3\",\"name\":\"-1,5\",\"rate\":-0.5,\"note\":\"dòng\\r\\nhai\"}]",
                             0, NULL);
  size_t len = 0;
  char *csv;
  ck_assert_ptr_nonnull(items);
  csv = edx_csv_render(items, cols, ';', &len);
  /* a comma is plain text between semicolons; a semicolon, quote, CR or LF is quoted; the
   * formula guard is the same; numbers are written as in JSON (92.5, not 92,5) */
  ck_assert_str_eq(csv, "\xEF\xBB\xBF" "code;name;rate;note\r\n"
                        "TH1;\"Tiểu học, \"\"số 1\"\"\";92.5;\"a;b\"\r\n"
                        "\"x;y\";\"'=1;2\";;Xã A, huyện B\r\n"
                        "TH3;'-1,5;-0.5;\"dòng\r\nhai\"\r\n");
  free(csv);
  /* the same rows with commas: commas and semicolons both quoted */
  csv = edx_csv_render(items, cols, ',', &len);
  ck_assert_str_eq(csv, "\xEF\xBB\xBF" "code,name,rate,note\r\n"
                        "TH1,\"Tiểu học, \"\"số 1\"\"\",92.5,\"a;b\"\r\n"
                        "\"x;y\",\"'=1;2\",,\"Xã A, huyện B\"\r\n"
                        "TH3,\"'-1,5\",-0.5,\"dòng\r\nhai\"\r\n");
  free(csv);
  json_decref(items);
}
END_TEST

START_TEST(separator_names)
{
  char sep = 0;
  ck_assert_int_eq(edx_csv_sep_parse(NULL, &sep), 0);
  ck_assert_int_eq(sep, ',');
  ck_assert_int_eq(edx_csv_sep_parse("semicolon", &sep), 0);
  ck_assert_int_eq(sep, ';');
  ck_assert_int_eq(edx_csv_sep_parse("comma", &sep), 0);
  ck_assert_int_eq(sep, ',');
  ck_assert_int_eq(edx_csv_sep_parse(";", &sep), -1);
  ck_assert_int_eq(edx_csv_sep_parse("Semicolon", &sep), -1);
  ck_assert_int_eq(edx_csv_sep_parse("", &sep), -1);
  ck_assert_str_eq(edx_csv_separators[1], "semicolon");
  ck_assert_ptr_null(edx_csv_separators[2]);
}
END_TEST

Suite *csv_suite(void)
{
  Suite *s = suite_create("csv");
  TCase *tc = tcase_create("render");
  tcase_add_test(tc, renders_rows_with_quoting);
  tcase_add_test(tc, empty_list_is_header_only);
  tcase_add_test(tc, text_that_excel_would_run_gets_an_apostrophe);
  tcase_add_test(tc, semicolons_separate_and_quote_only_what_needs_it);
  tcase_add_test(tc, separator_names);
  suite_add_tcase(s, tc);
  return s;
}
