/* test_csv_read.c — CSV uploads: BOM, comma or semicolon, CRLF or LF, quoting, blank lines,
 * empty cells, and the structural errors that make a 400; read whole or record by record. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
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
  ck_assert_ptr_null(edx_csv_parse("code,\0name\n1,Lan\n", 17, why, sizeof(why)));
  ck_assert_str_eq(why, "the CSV holds a NUL byte (at byte 6)"); /* before: a column "" */
  ck_assert_ptr_null(parse("code\n\xC3\x28\n", why));
  ck_assert_ptr_nonnull(strstr(why, "UTF-8"));
  json_t *rows = parse("code\nA,\n", why); /* a trailing empty cell is harmless */
  ck_assert_ptr_nonnull(rows);
  json_decref(rows);
}
END_TEST

/* A header line of n columns c1,c2,… (with c1 repeated last when repeat_first), a newline and a
 * record of one cell; malloc'ed. */
static char *wide_header(int n, int repeat_first)
{
  size_t cap = (size_t)n * 12 + 16, used = 0;
  char *text = malloc(cap);
  for (int i = 1; i <= n; i++)
    used += (size_t)snprintf(text + used, cap - used, "%sc%d", i > 1 ? "," : "",
                             repeat_first && i == n ? 1 : i);
  snprintf(text + used, cap - used, "\nx\n");
  return text;
}

START_TEST(the_apostrophe_of_a_guarded_cell_comes_off)
{
  char why[256];
  json_t *rows = parse("name,note\n'=1+1,'-5\n'@x,'plain\n\"'\tTab\",'\n", why);
  ck_assert_ptr_nonnull(rows);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 0), "name")), "=1+1");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 0), "note")), "-5");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 1), "name")), "@x");
  /* not a guard: an apostrophe before other text, or alone, stays */
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 1), "note")), "'plain");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 2), "name")), "\tTab");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 2), "note")), "'");
  json_decref(rows);
}
END_TEST

START_TEST(wide_headers_are_capped_and_checked_once)
{
  char why[256], *text;
  json_t *rows;
  text = wide_header(EDX_CSV_MAX_COLUMNS, 0); /* 256 distinct names: read */
  rows = parse(text, why);
  ck_assert_ptr_nonnull(rows);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 0), "c1")), "x");
  json_decref(rows);
  free(text);
  text = wide_header(EDX_CSV_MAX_COLUMNS, 1); /* the last repeats the first */
  ck_assert_ptr_null(parse(text, why));
  ck_assert_str_eq(why, "the CSV header names 'c1' twice");
  free(text);
  text = wide_header(EDX_CSV_MAX_COLUMNS + 1, 0);
  ck_assert_ptr_null(parse(text, why));
  ck_assert_str_eq(why, "the CSV header has 257 columns; at most 256 are read");
  free(text);
  text = wide_header(200000, 0); /* 1.5 MB of header: refused, not compared pair by pair */
  ck_assert_ptr_null(parse(text, why));
  ck_assert_str_eq(why, "the CSV header has 200000 columns; at most 256 are read");
  free(text);
}
END_TEST

/* The reader gives one record at a time; what it refuses shows when it reaches it. */
START_TEST(records_one_at_a_time)
{
  char why[256] = "";
  const char *text = "\xEF\xBB\xBF" "code;name\r\nA1;\"hai\r\ndòng; \"\"x\"\"\"\r\n\r\n;\r\nA2 ; y\r\n"
                     "A3;z;w\r\n";
  edx_csv_reader *rd = edx_csv_open(text, strlen(text), why, sizeof(why));
  json_t *rec = NULL;
  ck_assert_ptr_nonnull(rd);
  ck_assert_int_eq(edx_csv_next(rd, &rec, why, sizeof(why)), 1);
  ck_assert_str_eq(json_string_value(json_object_get(rec, "code")), "A1"); /* BOM gone */
  ck_assert_str_eq(json_string_value(json_object_get(rec, "name")), "hai\r\ndòng; \"x\"");
  json_decref(rec);
  ck_assert_int_eq(edx_csv_next(rd, &rec, why, sizeof(why)), 1); /* blank lines skipped */
  ck_assert_str_eq(json_string_value(json_object_get(rec, "code")), "A2");
  ck_assert_str_eq(json_string_value(json_object_get(rec, "name")), "y");
  ck_assert_uint_eq(json_object_size(rec), 2);
  json_decref(rec);
  /* the third record ends on line 7: the quoted cell spans lines 2-3, then 4 and 5 are blank */
  ck_assert_int_eq(edx_csv_next(rd, &rec, why, sizeof(why)), -1);
  ck_assert_str_eq(why, "record 3 (line 7) has more cells than the header");
  edx_csv_close(rd);

  text = "code\nA\n\"B\n";
  rd = edx_csv_open(text, strlen(text), why, sizeof(why));
  ck_assert_int_eq(edx_csv_next(rd, &rec, why, sizeof(why)), 1);
  ck_assert_str_eq(json_string_value(json_object_get(rec, "code")), "A");
  json_decref(rec);
  ck_assert_int_eq(edx_csv_next(rd, &rec, why, sizeof(why)), -1);
  /* the quote opens on line 3 and runs past its newline to the end */
  ck_assert_str_eq(why, "a quoted cell that starts before line 4 is never closed");
  edx_csv_close(rd);

  text = "code,name\nA,x"; /* no final newline; then the end, twice */
  rd = edx_csv_open(text, strlen(text), why, sizeof(why));
  ck_assert_int_eq(edx_csv_next(rd, &rec, why, sizeof(why)), 1);
  ck_assert_str_eq(json_string_value(json_object_get(rec, "name")), "x");
  json_decref(rec);
  ck_assert_int_eq(edx_csv_next(rd, &rec, why, sizeof(why)), 0);
  ck_assert_int_eq(edx_csv_next(rd, &rec, why, sizeof(why)), 0);
  edx_csv_close(rd);
}
END_TEST

/* What is wrong with the file as a whole, or with its header, is said when it is opened. */
START_TEST(opening_checks_the_bytes_and_the_header)
{
  char why[256], *text;
  ck_assert_ptr_null(edx_csv_open("code\nA\n\0", 8, why, sizeof(why)));
  ck_assert_str_eq(why, "the CSV holds a NUL byte (at byte 8)"); /* after the records */
  ck_assert_ptr_null(edx_csv_open("\r\n\n", 3, why, sizeof(why)));
  ck_assert_str_eq(why, "the CSV has no header row");
  ck_assert_ptr_null(edx_csv_open("a;b;a\n", 6, why, sizeof(why)));
  ck_assert_str_eq(why, "the CSV header names 'a' twice");
  text = wide_header(EDX_CSV_MAX_COLUMNS + 1, 0);
  ck_assert_ptr_null(edx_csv_open(text, strlen(text), why, sizeof(why)));
  ck_assert_str_eq(why, "the CSV header has 257 columns; at most 256 are read");
  free(text);
  edx_csv_close(NULL); /* nothing to close */
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
  tcase_add_test(tc, wide_headers_are_capped_and_checked_once);
  tcase_add_test(tc, the_apostrophe_of_a_guarded_cell_comes_off);
  tcase_add_test(tc, records_one_at_a_time);
  tcase_add_test(tc, opening_checks_the_bytes_and_the_header);
  suite_add_tcase(s, tc);
  return s;
}
