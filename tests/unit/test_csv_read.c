/* test_csv_read.c — CSV uploads: BOM, comma or semicolon, CRLF or LF, quoting, blank lines,
 * empty cells, and the structural errors that make a 400. */
#include <check.h>
#include <string.h>
#include "src/rules/csv_read.h"

Suite *csv_read_suite(void);

static json_t *parse(const char *text, char *why)
{
  return edx_csv_parse(text, strlen(text), why, 256);
}

#define CELL(rows, i, key) json_string_value(json_object_get(json_array_get((rows), (i)), (key)))

START_TEST(comma_lf_and_quotes)
{
  char why[256];
  json_t *rows = parse("code,name\nA1,\"Tiểu học, \"\"số 1\"\"\"\nA2,\"hai\ndòng\"\n", why);
  ck_assert_ptr_nonnull(rows);
  ck_assert_uint_eq(json_array_size(rows), 2);
  ck_assert_str_eq(CELL(rows, 0, "code"), "A1");
  ck_assert_str_eq(CELL(rows, 0, "name"), "Tiểu học, \"số 1\"");
  ck_assert_str_eq(CELL(rows, 1, "name"), "hai\ndòng");
  json_decref(rows);
}
END_TEST

START_TEST(semicolon_crlf_bom_blank_lines_and_empty_cells)
{
  char why[256];
  json_t *rows = parse("\xEF\xBB\xBF code ; name ;level\r\n\r\nB1;Đồng Lê;\r\n;;\r\nB2; x ;primary", why);
  ck_assert_ptr_nonnull(rows);
  ck_assert_uint_eq(json_array_size(rows), 2);
  ck_assert_str_eq(CELL(rows, 0, "code"), "B1");
  ck_assert_str_eq(CELL(rows, 0, "name"), "Đồng Lê");
  ck_assert_ptr_null(json_object_get(json_array_get(rows, 0), "level")); /* empty: not given */
  ck_assert_str_eq(CELL(rows, 1, "name"), "x");                           /* trimmed */
  ck_assert_str_eq(CELL(rows, 1, "level"), "primary");                    /* no final newline */
  json_decref(rows);
}
END_TEST

START_TEST(a_comma_inside_quotes_does_not_decide_the_separator)
{
  char why[256];
  json_t *rows = parse("\"a,b,c\";d\n1;2\n", why);
  ck_assert_ptr_nonnull(rows);
  ck_assert_str_eq(CELL(rows, 0, "a,b,c"), "1");
  ck_assert_str_eq(CELL(rows, 0, "d"), "2");
  json_decref(rows);
}
END_TEST

START_TEST(structural_errors)
{
  char why[256];
  ck_assert_ptr_null(parse("", why));
  ck_assert_str_eq(why, "the CSV has no header row");
  ck_assert_ptr_null(parse("code,name\n\"A1,open\n", why));
  ck_assert_ptr_nonnull(strstr(why, "never closed"));
  ck_assert_ptr_null(parse("code,code\n1,2\n", why));
  ck_assert_ptr_nonnull(strstr(why, "twice"));
  ck_assert_ptr_null(parse("code,,name\n", why));
  ck_assert_ptr_nonnull(strstr(why, "empty column name"));
  ck_assert_ptr_null(parse("code\nA,B\n", why));
  ck_assert_ptr_nonnull(strstr(why, "more cells than the header"));
  ck_assert_ptr_null(parse("code\n\xC3\x28\n", why));
  ck_assert_ptr_nonnull(strstr(why, "UTF-8"));
  json_t *rows = parse("code\nA,\n", why); /* a trailing empty cell is harmless */
  ck_assert_ptr_nonnull(rows);
  json_decref(rows);
}
END_TEST

Suite *csv_read_suite(void)
{
  Suite *s = suite_create("csv_read");
  TCase *tc = tcase_create("parse");
  tcase_add_test(tc, comma_lf_and_quotes);
  tcase_add_test(tc, semicolon_crlf_bom_blank_lines_and_empty_cells);
  tcase_add_test(tc, a_comma_inside_quotes_does_not_decide_the_separator);
  tcase_add_test(tc, structural_errors);
  suite_add_tcase(s, tc);
  return s;
}
