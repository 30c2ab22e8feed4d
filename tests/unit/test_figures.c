/* test_figures.c — figure rows from a hand-written progress answer and school values, and their
 * exchange forms: DHIS2 periods and data values, ADX periods and document, XML escaping. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/data_values.h"
#include "src/rules/figures.h"

Suite *figures_suite(void);

/* A district answer: a share with two levels (school year), an office value (calendar year). */
static const char *const answer_text =
  "{\"district\":{\"code\":\"453\"},\"as_of\":\"2024-06-01T00:00:00.5Z\",\"indicators\":["
  "{\"code\":\"BROADBAND_CONNECTED\",\"source\":\"school_report\",\"period\":\"2023-2024\","
  "\"target\":100,\"actual\":66.67,\"numerator\":2,\"denominator\":3,\"status\":\"not_met\","
  "\"by_level\":{\"lower_secondary\":{\"actual\":100.0,\"numerator\":1,\"denominator\":1,"
  "\"status\":\"met\"},\"primary\":{\"actual\":50.0,\"numerator\":1,\"denominator\":2,"
  "\"status\":\"not_met\"}}},"
  "{\"code\":\"SATELLITE_SITES_HIGH_SPEED\",\"source\":\"school_report\",\"period\":\"2023-2024\","
  "\"target\":70,\"actual\":null,\"numerator\":0,\"denominator\":0,\"status\":\"no_data\","
  "\"by_level\":{}},"
  "{\"code\":\"OFFICE_DOCS_ONLINE\",\"source\":\"office_report\",\"period\":\"2024\","
  "\"target\":98,\"actual\":99.5,\"numerator\":null,\"denominator\":null,\"status\":\"met\","
  "\"by_level\":{}}]}";

static const char *const indicators_text =
  "{\"BROADBAND_CONNECTED\":{\"value_type\":\"boolean\",\"version\":3,\"units\":\"schools\","
  "\"levels\":[\"primary\",\"lower_secondary\"]},"
  "\"SATELLITE_SITES_HIGH_SPEED\":{\"value_type\":\"fraction\",\"units\":\"schools\","
  "\"levels\":[\"primary\"]},"
  "\"OFFICE_DOCS_ONLINE\":{\"value_type\":\"percent\",\"units\":\"office\"}}";

static json_t *load(const char *text)
{
  json_error_t err;
  json_t *v = json_loads(text, 0, &err);
  ck_assert_msg(v != NULL, "%s", err.text);
  return v;
}

#define RS(row, key) json_string_value(json_object_get((row), (key)))

START_TEST(codes_of_levels_elements_and_numbers)
{
  char buf[EDX_FIGURES_CODE_LEN];
  ck_assert_str_eq(edx_exchange_level_code("lower_secondary"), "LEVEL_LOWER_SECONDARY");
  ck_assert_str_eq(edx_exchange_level_code("preschool"), "LEVEL_PRESCHOOL");
  ck_assert_int_eq(edx_figures_data_element("CASHLESS_FEES", EDX_EXCHANGE_NUM_SUFFIX, buf,
                                            sizeof(buf)), 0);
  ck_assert_str_eq(buf, "CASHLESS_FEES_NUM");
  ck_assert_int_eq(edx_figures_data_element("CASHLESS_FEES", EDX_EXCHANGE_DEN_SUFFIX, buf,
                                            sizeof(buf)), 0);
  ck_assert_str_eq(buf, "CASHLESS_FEES_DEN");
  ck_assert_int_eq(edx_figures_data_element("CASHLESS_FEES", "_NUM", buf, 10), -1);
  edx_figures_number_text(85.5, buf, sizeof(buf));
  ck_assert_str_eq(buf, "85.5");
  edx_figures_number_text(66.67, buf, sizeof(buf));
  ck_assert_str_eq(buf, "66.67");
  edx_figures_number_text(100.0, buf, sizeof(buf));
  ck_assert_str_eq(buf, "100");
  edx_figures_number_text(0.0, buf, sizeof(buf));
  ck_assert_str_eq(buf, "0");
  edx_figures_number_text(7.1, buf, sizeof(buf));
  ck_assert_str_eq(buf, "7.1");
}
END_TEST

START_TEST(periods_in_dhis2_and_adx_notation)
{
  char buf[EDX_DATA_VALUES_PERIOD_LEN];
  edx_period p;
  ck_assert_int_eq(edx_dhis2_period("2024", buf, sizeof(buf)), 0);
  ck_assert_str_eq(buf, "2024");
  ck_assert_int_eq(edx_dhis2_period("2023-2024", buf, sizeof(buf)), 0);
  ck_assert_str_eq(buf, "2023July");
  ck_assert_int_eq(edx_dhis2_period("2023July", buf, sizeof(buf)), -1);
  ck_assert_int_eq(edx_adx_period("2024", buf, sizeof(buf)), 0);
  ck_assert_str_eq(buf, "2024-01-01/P1Y");
  ck_assert_int_eq(edx_adx_period("2023-2024", buf, sizeof(buf)), 0);
  ck_assert_str_eq(buf, "2023-07-01/P1Y");
  ck_assert_int_eq(edx_data_values_period_parse("2023July", &p), 0);
  ck_assert_int_eq(p.year, 2024);
  ck_assert_int_eq(p.kind, EDX_PERIOD_SCHOOL_YEAR);
  ck_assert_int_eq(edx_data_values_period_parse("2023-2024", &p), 0);
  ck_assert_int_eq(p.year, 2024);
  ck_assert_int_eq(p.kind, EDX_PERIOD_SCHOOL_YEAR);
  ck_assert_int_eq(edx_data_values_period_parse("2024", &p), 0);
  ck_assert_int_eq(p.kind, EDX_PERIOD_CALENDAR_YEAR);
  static const char *const bad[] = {"", "2024-2026", "2024july", "20x4July", "2100July",
                                    "2024Q1", "July", "2024 ", NULL};
  for (int i = 0; bad[i]; i++)
    ck_assert_msg(edx_data_values_period_parse(bad[i], &p) == -1, "%s", bad[i]);
  ck_assert_int_eq(edx_data_values_period_parse(NULL, &p), -1);
}
END_TEST

START_TEST(xml_escaping)
{
  char *s = edx_xml_escape("a<b & \"c\" 'd' >");
  ck_assert_str_eq(s, "a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;");
  free(s);
  s = edx_xml_escape("Huyện Tuyên Hóa");
  ck_assert_str_eq(s, "Huyện Tuyên Hóa");
  free(s);
  s = edx_xml_escape("x\ty\nz\r\x01");
  ck_assert_str_eq(s, "x&#9;y&#10;z&#13;\xEF\xBF\xBD");
  free(s);
  s = edx_xml_escape("");
  ck_assert_str_eq(s, "");
  free(s);
}
END_TEST

START_TEST(district_rows_from_a_progress_answer)
{
  json_t *answer = load(answer_text), *indicators = load(indicators_text);
  json_t *rows = edx_figures_district_rows(answer, indicators), *row;
  ck_assert_uint_eq(json_array_size(rows), 5); /* total + 2 levels, total, total */
  row = json_array_get(rows, 0);
  ck_assert_str_eq(RS(row, "indicator"), "BROADBAND_CONNECTED");
  ck_assert_int_eq(json_integer_value(json_object_get(row, "indicator_version")), 3);
  ck_assert_str_eq(RS(row, "period"), "2023-2024");
  ck_assert_str_eq(RS(row, "org_unit"), "453");
  ck_assert_str_eq(RS(row, "org_unit_level"), "district");
  ck_assert_str_eq(RS(row, "category"), "default");
  ck_assert_int_eq(json_integer_value(json_object_get(row, "numerator")), 2);
  ck_assert_int_eq(json_integer_value(json_object_get(row, "denominator")), 3);
  ck_assert_double_eq_tol(json_real_value(json_object_get(row, "value")), 66.67, 1e-9);
  ck_assert_str_eq(RS(row, "status"), "not_met");
  ck_assert_str_eq(RS(row, "last_updated"), "2024-06-01T00:00:00.5Z");
  /* levels in edx_school_levels' order, whatever the answer's */
  ck_assert_str_eq(RS(json_array_get(rows, 1), "category"), "primary");
  ck_assert_str_eq(RS(json_array_get(rows, 2), "category"), "lower_secondary");
  ck_assert_str_eq(RS(json_array_get(rows, 2), "status"), "met");
  /* no version member yet: null */
  row = json_array_get(rows, 3);
  ck_assert(json_is_null(json_object_get(row, "indicator_version")));
  ck_assert(json_is_null(json_object_get(row, "value")));
  row = json_array_get(rows, 4);
  ck_assert_str_eq(RS(row, "period"), "2024");
  ck_assert(json_is_null(json_object_get(row, "numerator")));
  /* periods */
  edx_period school = {2024, EDX_PERIOD_SCHOOL_YEAR}, calendar = {2024, EDX_PERIOD_CALENDAR_YEAR},
             other = {2025, EDX_PERIOD_CALENDAR_YEAR};
  ck_assert_int_eq(edx_figures_row_in_period(json_array_get(rows, 0), &school), 1);
  ck_assert_int_eq(edx_figures_row_in_period(json_array_get(rows, 4), &school), 0);
  ck_assert_int_eq(edx_figures_row_in_period(json_array_get(rows, 4), &calendar), 1);
  ck_assert_int_eq(edx_figures_row_in_period(json_array_get(rows, 0), &calendar), 1);
  ck_assert_int_eq(edx_figures_row_in_period(json_array_get(rows, 0), &other), 0);
  json_decref(rows);
  json_decref(answer);
  json_decref(indicators);
}
END_TEST

START_TEST(school_rows_and_their_data_values)
{
  json_t *answer = load(answer_text), *indicators = load(indicators_text);
  json_t *values = load(
    "[{\"indicator\":\"BROADBAND_CONNECTED\",\"school\":\"S1\",\"level\":\"primary\","
    "\"is_true\":false,\"value_num\":null,\"numerator\":null,\"denominator\":null,"
    "\"meets\":false},"
    "{\"indicator\":\"SATELLITE_SITES_HIGH_SPEED\",\"school\":\"S1\",\"level\":\"primary\","
    "\"is_true\":null,\"value_num\":null,\"numerator\":2,\"denominator\":3,\"meets\":false},"
    "{\"indicator\":\"SATELLITE_SITES_HIGH_SPEED\",\"school\":\"S2\",\"level\":\"primary\","
    "\"is_true\":null,\"value_num\":null,\"numerator\":0,\"denominator\":0,\"meets\":null},"
    "{\"indicator\":\"OFFICE_DOCS_ONLINE\",\"school\":\"S2\",\"level\":\"primary\","
    "\"is_true\":null,\"value_num\":50,\"numerator\":null,\"denominator\":null,\"meets\":null},"
    "{\"indicator\":\"NOT_IN_PLAN\",\"school\":\"S2\",\"level\":\"primary\"}]");
  json_t *rows = json_array(), *row, *dvs, *dv;
  edx_figures_add_school_rows(rows, answer, indicators, values);
  ck_assert_uint_eq(json_array_size(rows), 3); /* the office's indicator and NOT_IN_PLAN left out */
  row = json_array_get(rows, 0);
  ck_assert_str_eq(RS(row, "org_unit"), "S1");
  ck_assert_str_eq(RS(row, "org_unit_level"), "school");
  ck_assert_str_eq(RS(row, "category"), "primary");
  ck_assert_double_eq(json_number_value(json_object_get(row, "value")), 0);
  ck_assert_int_eq(json_integer_value(json_object_get(row, "numerator")), 0);
  ck_assert_int_eq(json_integer_value(json_object_get(row, "denominator")), 1);
  ck_assert_str_eq(RS(row, "status"), "not_met");
  row = json_array_get(rows, 1); /* 2/3 = 66.67 */
  ck_assert_double_eq_tol(json_number_value(json_object_get(row, "value")), 66.67, 1e-9);
  row = json_array_get(rows, 2); /* 0/0: no value */
  ck_assert(json_is_null(json_object_get(row, "value")));
  ck_assert_str_eq(RS(row, "status"), "no_data");
  /* DHIS2: a school's values under its level's option (the elements' combo is SCHOOL_LEVEL);
   * 0/0 has its numerator and denominator */
  dvs = edx_dhis2_data_values(rows);
  ck_assert_uint_eq(json_array_size(dvs), 3 + 3 + 2);
  dv = json_array_get(dvs, 0);
  ck_assert_str_eq(RS(dv, "dataElement"), "BROADBAND_CONNECTED");
  ck_assert_str_eq(RS(dv, "period"), "2023July");
  ck_assert_str_eq(RS(dv, "orgUnit"), "S1");
  ck_assert_str_eq(RS(dv, "categoryOptionCombo"), "LEVEL_PRIMARY");
  ck_assert_str_eq(RS(dv, "value"), "0");
  ck_assert_str_eq(RS(dv, "lastUpdated"), "2024-06-01T00:00:00.5Z");
  ck_assert_str_eq(RS(json_array_get(dvs, 4), "dataElement"), "SATELLITE_SITES_HIGH_SPEED_NUM");
  ck_assert_str_eq(RS(json_array_get(dvs, 4), "value"), "2");
  ck_assert_str_eq(RS(json_array_get(dvs, 6), "dataElement"), "SATELLITE_SITES_HIGH_SPEED_NUM");
  json_decref(dvs);
  json_decref(rows);
  json_decref(values);
  json_decref(answer);
  json_decref(indicators);
}
END_TEST

START_TEST(district_data_values_and_adx)
{
  json_t *answer = load(answer_text), *indicators = load(indicators_text);
  json_t *rows = edx_figures_district_rows(answer, indicators);
  json_t *dvs = edx_dhis2_data_values(rows), *dv;
  /* BROADBAND (combo SCHOOL_LEVEL): its 2 levels x 3 values, no default total (DHIS2 takes
   * none for an element of another combo); SATELLITE (SCHOOL_LEVEL, no levels with schools):
   * nothing; OFFICE (default): its value */
  ck_assert_uint_eq(json_array_size(dvs), 6 + 1);
  dv = json_array_get(dvs, 0);
  ck_assert_str_eq(RS(dv, "dataElement"), "BROADBAND_CONNECTED");
  ck_assert_str_eq(RS(dv, "categoryOptionCombo"), "LEVEL_PRIMARY");
  ck_assert_str_eq(RS(dv, "value"), "50");
  dv = json_array_get(dvs, 5);
  ck_assert_str_eq(RS(dv, "dataElement"), "BROADBAND_CONNECTED_DEN");
  ck_assert_str_eq(RS(dv, "categoryOptionCombo"), "LEVEL_LOWER_SECONDARY");
  ck_assert_str_eq(RS(dv, "value"), "1");
  dv = json_array_get(dvs, 6);
  ck_assert_str_eq(RS(dv, "dataElement"), "OFFICE_DOCS_ONLINE");
  ck_assert_str_eq(RS(dv, "categoryOptionCombo"), "default");
  ck_assert_str_eq(RS(dv, "period"), "2024");
  ck_assert_str_eq(RS(dv, "value"), "99.5");
  size_t len = 0;
  char *adx = edx_adx_document(rows, "2024-06-02T00:00:00Z", &len);
  ck_assert_uint_eq(len, strlen(adx));
  ck_assert_ptr_nonnull(strstr(adx, "<adx xmlns=\"urn:ihe:qrph:adx:2015\" "
                                    "exported=\"2024-06-02T00:00:00Z\">"));
  const char *school_year = strstr(adx, "<group orgUnit=\"453\" period=\"2023-07-01/P1Y\" "
                                        "dataSet=\"EDUDX\">");
  const char *calendar = strstr(adx, "<group orgUnit=\"453\" period=\"2024-01-01/P1Y\" "
                                     "dataSet=\"EDUDX\">");
  ck_assert_ptr_nonnull(school_year);
  ck_assert_ptr_nonnull(calendar);
  ck_assert_ptr_nonnull(strstr(adx, "<dataValue dataElement=\"BROADBAND_CONNECTED_DEN\" "
                                    "value=\"1\" SCHOOL_LEVEL=\"LEVEL_LOWER_SECONDARY\"/>"));
  ck_assert_ptr_nonnull(strstr(calendar, "<dataValue dataElement=\"OFFICE_DOCS_ONLINE\" "
                                         "value=\"99.5\"/>\n  </group>\n</adx>\n"));
  free(adx);
  /* no rows: an empty document */
  json_t *none = json_array();
  adx = edx_adx_document(none, "x<y", &len);
  ck_assert_str_eq(adx, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"x&lt;y\">\n</adx>\n");
  free(adx);
  json_decref(none);
  /* the CSV items: value and target as text */
  json_t *items = edx_figures_csv_items(rows);
  ck_assert_str_eq(RS(json_array_get(items, 0), "value"), "66.67");
  ck_assert_str_eq(RS(json_array_get(items, 0), "target"), "100");
  ck_assert(json_is_null(json_object_get(json_array_get(items, 3), "value")));
  json_decref(items);
  json_decref(dvs);
  json_decref(rows);
  json_decref(answer);
  json_decref(indicators);
}
END_TEST

Suite *figures_suite(void)
{
  Suite *s = suite_create("figures");
  TCase *tc = tcase_create("figures");
  tcase_add_test(tc, codes_of_levels_elements_and_numbers);
  tcase_add_test(tc, periods_in_dhis2_and_adx_notation);
  tcase_add_test(tc, xml_escaping);
  tcase_add_test(tc, district_rows_from_a_progress_answer);
  tcase_add_test(tc, school_rows_and_their_data_values);
  tcase_add_test(tc, district_data_values_and_adx);
  suite_add_tcase(s, tc);
  return s;
}
