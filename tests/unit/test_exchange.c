/* test_exchange.c — the exchange codes (school-level options, DHIS2 value and aggregation types,
 * numerator and denominator elements, period types and period conversions), names cut on UTF-8
 * boundaries, and the metadata answer and DHIS2 package built from indicators and org units. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/exchange_codes.h"
#include "src/rules/exchange_metadata.h"
#include "src/rules/school_rules.h"

Suite *exchange_suite(void);

START_TEST(every_school_level_has_its_option_code)
{
  size_t n = 0;
  for (size_t i = 0; edx_school_levels[i]; i++, n++) {
    char want[64] = "LEVEL_";
    for (size_t k = 0; edx_school_levels[i][k]; k++)
      want[6 + k] = (char)(edx_school_levels[i][k] - (edx_school_levels[i][k] >= 'a' ? 32 : 0));
    ck_assert_str_eq(edx_exchange_level_code(edx_school_levels[i]), want);
    ck_assert_str_eq(edx_exchange_level_of_code(want), edx_school_levels[i]);
    ck_assert_str_eq(edx_exchange_levels[i].level, edx_school_levels[i]);
  }
  ck_assert_ptr_null(edx_exchange_levels[n].level);
  ck_assert_str_eq(edx_exchange_level_code("primary_lower_secondary"),
                   "LEVEL_PRIMARY_LOWER_SECONDARY");
  ck_assert_ptr_null(edx_exchange_level_code("upper_secondary"));
  ck_assert_ptr_null(edx_exchange_level_code(NULL));
  ck_assert_ptr_null(edx_exchange_level_of_code("PRIMARY"));
}
END_TEST

START_TEST(value_and_aggregation_types)
{
  ck_assert_str_eq(edx_exchange_value_type("percent"), "NUMBER");
  ck_assert_str_eq(edx_exchange_value_type("boolean"), "NUMBER");
  ck_assert_str_eq(edx_exchange_value_type("fraction"), "NUMBER");
  ck_assert_ptr_null(edx_exchange_value_type("text"));
  ck_assert_str_eq(edx_exchange_aggregation_type("mean"), "AVERAGE");
  ck_assert_str_eq(edx_exchange_aggregation_type("office_value"), "AVERAGE");
  ck_assert_str_eq(edx_exchange_aggregation_type("share"), "NONE");
  ck_assert_str_eq(edx_exchange_aggregation_type("each_school"), "NONE");
  ck_assert_str_eq(edx_exchange_aggregation_type("ratio_of_sums"), "NONE");
  ck_assert_str_eq(edx_exchange_aggregation_type("computed"), "NONE");
  ck_assert_ptr_null(edx_exchange_aggregation_type("sum"));
  ck_assert_int_eq(edx_exchange_has_num_den("share"), 1);
  ck_assert_int_eq(edx_exchange_has_num_den("each_school"), 1);
  ck_assert_int_eq(edx_exchange_has_num_den("ratio_of_sums"), 1);
  ck_assert_int_eq(edx_exchange_has_num_den("computed"), 1);
  ck_assert_int_eq(edx_exchange_has_num_den("mean"), 0);
  ck_assert_int_eq(edx_exchange_has_num_den("office_value"), 0);
  ck_assert_int_eq(edx_exchange_has_num_den(NULL), 0);
  json_t *ind = json_pack("{s:s,s:[s]}", "units", "schools", "levels", "primary");
  ck_assert_str_eq(edx_exchange_category_combo(ind), "SCHOOL_LEVEL");
  json_object_set_new(ind, "units", json_string("office_and_schools"));
  ck_assert_str_eq(edx_exchange_category_combo(ind), "default");
  json_object_set_new(ind, "units", json_string("schools"));
  json_object_set_new(ind, "levels", json_array());
  ck_assert_str_eq(edx_exchange_category_combo(ind), "default");
  json_decref(ind);
}
END_TEST

START_TEST(period_types_and_periods_both_ways)
{
  edx_period p = {2024, EDX_PERIOD_CALENDAR_YEAR}, back;
  char buf[EDX_EXCHANGE_PERIOD_LEN];
  ck_assert_str_eq(edx_exchange_period_type("calendar_year"), "Yearly");
  ck_assert_str_eq(edx_exchange_period_type("school_year"), "FinancialJuly");
  ck_assert_ptr_null(edx_exchange_period_type("month"));
  edx_exchange_dhis2_period(&p, buf, sizeof(buf));
  ck_assert_str_eq(buf, "2024");
  edx_exchange_adx_period(&p, buf, sizeof(buf));
  ck_assert_str_eq(buf, "2024-01-01/P1Y");
  p.kind = EDX_PERIOD_SCHOOL_YEAR; /* 2023-2024 */
  edx_exchange_dhis2_period(&p, buf, sizeof(buf));
  ck_assert_str_eq(buf, "2023July");
  edx_exchange_adx_period(&p, buf, sizeof(buf));
  ck_assert_str_eq(buf, "2023-07-01/P1Y");
  ck_assert_int_eq(edx_exchange_parse_dhis2_period("2023July", &back), 0);
  ck_assert_int_eq(back.year, 2024);
  ck_assert_int_eq(back.kind, EDX_PERIOD_SCHOOL_YEAR);
  ck_assert_int_eq(edx_exchange_parse_dhis2_period("2024", &back), 0);
  ck_assert_int_eq(back.year, 2024);
  ck_assert_int_eq(back.kind, EDX_PERIOD_CALENDAR_YEAR);
  ck_assert_int_eq(edx_exchange_parse_adx_period("2023-07-01/P1Y", &back), 0);
  ck_assert_int_eq(back.year, 2024);
  ck_assert_int_eq(back.kind, EDX_PERIOD_SCHOOL_YEAR);
  ck_assert_int_eq(edx_exchange_parse_adx_period("2030-01-01/P1Y", &back), 0);
  ck_assert_int_eq(back.year, 2030);
  ck_assert_int_eq(back.kind, EDX_PERIOD_CALENDAR_YEAR);
  ck_assert_int_eq(edx_exchange_parse_dhis2_period("1999July", &back), 0); /* 1999-2000 */
  ck_assert_int_eq(back.year, 2000);
  const char *bad_dhis2[] = {"1999", "2101", "2100July", "2023Jul", "202X", "2023Q1", "",
                             "20240", "2024July ", NULL};
  for (int i = 0; bad_dhis2[i]; i++)
    ck_assert_msg(edx_exchange_parse_dhis2_period(bad_dhis2[i], &back) != 0, "%s", bad_dhis2[i]);
  const char *bad_adx[] = {"2024-01-02/P1Y", "2024-07-01/P6M", "2024-01-01", "2024/01/01/P1Y",
                           "2023-04-01/P1Y", "20x4-01-01/P1Y", NULL};
  for (int i = 0; bad_adx[i]; i++)
    ck_assert_msg(edx_exchange_parse_adx_period(bad_adx[i], &back) != 0, "%s", bad_adx[i]);
  ck_assert_int_ne(edx_exchange_parse_dhis2_period(NULL, &back), 0);
}
END_TEST

/* edx_utf8_cut(s, max), compared with want. */
static void ck_cut(const char *s, size_t max, const char *want)
{
  char *got = edx_utf8_cut(s, max);
  ck_assert_msg(strcmp(got, want) == 0, "cut(%s, %zu) = '%s', want '%s'", s, max, got, want);
  free(got);
}

START_TEST(names_are_cut_on_character_boundaries)
{
  ck_cut("abc", 5, "abc");
  ck_cut("abc", 3, "abc");
  ck_cut("abcdef", 3, "abc");
  ck_cut("", 3, "");
  ck_cut("abc", 0, "");
  /* "Trường" is 6 characters and 9 bytes: counted in characters, never parted inside one */
  ck_cut("Trường học", 6, "Trường");
  ck_cut("Trường học", 3, "Trư");
  ck_cut("Trường học", 7, "Trường"); /* the space at the cut is dropped */
  ck_cut("Trường học", 10, "Trường học");
  ck_cut("ường", 1, "ư");
  /* decomposed: "e" + U+0302 + U+0301 ("ế") stays whole or goes whole */
  ck_cut("Le\xcc\x82\xcc\x81 A", 2, "L");
  ck_cut("Le\xcc\x82\xcc\x81 A", 4, "Le\xcc\x82\xcc\x81");
  /* a character beyond U+FFFF counts two, as in DHIS2's Java strings */
  ck_cut("a\xf0\x9f\x98\x80" "b", 2, "a");
  ck_cut("a\xf0\x9f\x98\x80" "b", 3, "a\xf0\x9f\x98\x80");
  /* 71 Vietnamese characters cut to 50: the 50th is a space, dropped */
  const char *name = "Tỷ lệ trường học được kết nối Internet băng thông rộng, hạ tầng đáp ứng";
  char *cut = edx_utf8_cut(name, 50);
  size_t chars = 0;
  for (const char *p = cut; *p; p++)
    chars += ((unsigned char)*p & 0xC0) != 0x80;
  ck_assert_uint_eq(chars, 49);
  ck_assert_str_eq(cut, "Tỷ lệ trường học được kết nối Internet băng thông");
  free(cut);
}
END_TEST

/* An indicator as edx_indicator_json gives it (the members the builders read). */
static json_t *indicator(const char *code, const char *name_vi, const char *aggregation,
                         const char *units, int levels)
{
  return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:i}", "code", code, "name_vi", name_vi,
                   "name_en", "An indicator", "value_type",
                   strcmp(aggregation, "share") == 0 ? "boolean" : "percent", "aggregation",
                   aggregation, "period_kind", levels ? "school_year" : "calendar_year", "units",
                   units, "levels", levels ? json_pack("[s]", "primary") : json_array(),
                   "version", 3);
}

/* The element of code in elements, or NULL. */
static json_t *element(const json_t *elements, const char *code)
{
  size_t i;
  json_t *e;
  json_array_foreach(elements, i, e)
    if (strcmp(json_string_value(json_object_get(e, "code")), code) == 0)
      return e;
  return NULL;
}

START_TEST(metadata_lists_elements_levels_and_units)
{
  json_t *inds = json_pack("[o,o]", indicator("A_SHARE", "Tỷ lệ A", "share", "schools", 1),
                           indicator("B_OFFICE", "Tỷ lệ B", "office_value", "office", 0));
  json_t *units = json_pack("[{s:s,s:s,s:s,s:n}]", "code", "44", "name", "Tỉnh", "level",
                            "province", "parent_code");
  json_t *m = edx_exchange_metadata(inds, units), *els = json_object_get(m, "dataElements");
  ck_assert_uint_eq(json_array_size(els), 4);
  json_t *a = element(els, "A_SHARE"), *num = element(els, "A_SHARE_NUM"),
         *b = element(els, "B_OFFICE");
  ck_assert_str_eq(json_string_value(json_object_get(a, "valueType")), "NUMBER");
  ck_assert_str_eq(json_string_value(json_object_get(a, "aggregationType")), "NONE");
  ck_assert_str_eq(json_string_value(json_object_get(a, "periodType")), "FinancialJuly");
  ck_assert_str_eq(json_string_value(json_object_get(a, "categoryCombo")), "SCHOOL_LEVEL");
  ck_assert_int_eq(json_integer_value(json_object_get(a, "version")), 3);
  ck_assert_str_eq(json_string_value(json_object_get(num, "valueType")),
                   "INTEGER_ZERO_OR_POSITIVE");
  ck_assert_str_eq(json_string_value(json_object_get(num, "aggregationType")), "SUM");
  ck_assert_str_eq(json_string_value(json_object_get(num, "name_vi")), "Tỷ lệ A (tử số)");
  ck_assert_str_eq(json_string_value(json_object_get(num, "part")), "numerator");
  ck_assert_ptr_nonnull(element(els, "A_SHARE_DEN"));
  ck_assert_ptr_null(element(els, "B_OFFICE_NUM"));
  ck_assert_str_eq(json_string_value(json_object_get(b, "aggregationType")), "AVERAGE");
  ck_assert_str_eq(json_string_value(json_object_get(b, "periodType")), "Yearly");
  ck_assert_str_eq(json_string_value(json_object_get(b, "categoryCombo")), "default");
  json_t *opts = json_object_get(json_array_get(json_object_get(m, "categories"), 0), "options");
  ck_assert_uint_eq(json_array_size(opts), 4);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(opts, 0), "name_vi")),
                   "Mầm non");
  ck_assert_uint_eq(json_array_size(json_object_get(m, "categoryOptionCombos")), 5);
  ck_assert(json_equal(json_object_get(m, "orgUnits"), units));
  ck_assert_uint_eq(json_array_size(json_object_get(m, "conflicts")), 0);
  json_decref(m);
  json_decref(units);
  json_decref(inds);
}
END_TEST

START_TEST(codes_stay_unique_and_clashes_are_said)
{
  /* an indicator coded as another's numerator; a school coded as its district */
  json_t *inds = json_pack("[o,o]", indicator("A", "Tỷ lệ A", "share", "schools", 1),
                           indicator("A_NUM", "Tỷ lệ A số", "mean", "schools", 1));
  json_t *units = json_pack("[{s:s,s:s,s:s,s:n},{s:s,s:s,s:s,s:s}]", "code", "453", "name",
                            "Huyện", "level", "district", "parent_code", "code", "453", "name",
                            "Trường", "level", "school", "parent_code", "453");
  json_t *m = edx_exchange_metadata(inds, units), *els = json_object_get(m, "dataElements");
  ck_assert_uint_eq(json_array_size(els), 3); /* A, A_DEN, A_NUM (the indicator's own) */
  ck_assert_str_eq(json_string_value(json_object_get(element(els, "A_NUM"), "part")), "value");
  ck_assert_ptr_nonnull(element(els, "A_DEN"));
  ck_assert_uint_eq(json_array_size(json_object_get(m, "orgUnits")), 1);
  ck_assert_str_eq(json_string_value(json_object_get(
                     json_array_get(json_object_get(m, "orgUnits"), 0), "level")), "district");
  json_t *conflicts = json_object_get(m, "conflicts");
  ck_assert_uint_eq(json_array_size(conflicts), 2);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(conflicts, 0), "detail")),
                   "the numerator of indicator A is left out: the indicator A_NUM has its code");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(conflicts, 1), "detail")),
                   "the school \"Trường\" is left out: the district \"Huyện\" has its code");
  json_t *pkg = edx_exchange_dhis2_package(inds, units);
  ck_assert_uint_eq(json_array_size(json_object_get(pkg, "dataElements")), 3);
  ck_assert_uint_eq(json_array_size(json_object_get(pkg, "organisationUnits")), 1);
  json_decref(pkg);
  json_decref(m);
  json_decref(units);
  json_decref(inds);
}
END_TEST

START_TEST(the_dhis2_package_keeps_dhis2s_limits)
{
  /* two names alike in their first 50 characters */
  const char *long_vi = "Tỷ lệ trường học được kết nối Internet băng thông rộng, hạ tầng đáp ứng";
  const char *long_vi2 = "Tỷ lệ trường học được kết nối Internet băng thông rộng ở điểm lẻ";
  json_t *inds = json_pack("[o,o]", indicator("WIDE_A", long_vi, "ratio_of_sums", "schools", 1),
                           indicator("WIDE_B", long_vi2, "mean", "schools", 1));
  json_t *units = json_pack("[{s:s,s:s,s:s,s:n},{s:s,s:s,s:s,s:s}]", "code", "44", "name",
                            "Tỉnh", "level", "province", "parent_code", "code", "453", "name",
                            "Huyện Tuyên Hóa", "level", "district", "parent_code", "44");
  json_t *pkg = edx_exchange_dhis2_package(inds, units), *e, *seen = json_object();
  json_t *els = json_object_get(pkg, "dataElements");
  size_t i;
  ck_assert_uint_eq(json_array_size(els), 4); /* WIDE_A, its _NUM and _DEN, WIDE_B */
  json_array_foreach(els, i, e) {
    const char *sn = json_string_value(json_object_get(e, "shortName"));
    ck_assert_ptr_null(json_object_get(seen, sn));
    json_object_set_new(seen, sn, json_true());
    ck_assert_str_eq(json_string_value(json_object_get(e, "domainType")), "AGGREGATE");
  }
  /* the names alike in 50 characters fall back to their codes; the parts keep their tails */
  ck_assert_str_eq(json_string_value(json_object_get(element(els, "WIDE_A"), "shortName")),
                   "WIDE_A");
  ck_assert_str_eq(json_string_value(json_object_get(element(els, "WIDE_B"), "shortName")),
                   "WIDE_B");
  ck_assert_str_eq(json_string_value(json_object_get(element(els, "WIDE_A_NUM"), "shortName")),
                   "Tỷ lệ trường học được kết nối Internet băn (tử số)");
  ck_assert_str_eq(json_string_value(json_object_get(element(els, "WIDE_A_DEN"), "name")),
                   "Tỷ lệ trường học được kết nối Internet băng thông rộng, hạ tầng đáp ứng"
                   " (mẫu số)");
  ck_assert_str_eq(json_string_value(json_object_get(
                     json_object_get(element(els, "WIDE_A"), "categoryCombo"), "code")),
                   "SCHOOL_LEVEL");
  json_t *org = json_object_get(pkg, "organisationUnits");
  ck_assert_ptr_null(json_object_get(json_array_get(org, 0), "parent"));
  ck_assert_str_eq(json_string_value(json_object_get(
                     json_object_get(json_array_get(org, 1), "parent"), "code")), "44");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(org, 1), "openingDate")),
                   "1990-01-01");
  ck_assert_uint_eq(json_array_size(json_object_get(pkg, "categoryOptions")), 4);
  ck_assert_uint_eq(json_array_size(json_object_get(pkg, "categoryOptionCombos")), 4);
  json_decref(seen);
  json_decref(pkg);
  json_decref(units);
  json_decref(inds);
}
END_TEST

Suite *exchange_suite(void)
{
  Suite *s = suite_create("exchange");
  TCase *tc = tcase_create("exchange");
  tcase_add_test(tc, every_school_level_has_its_option_code);
  tcase_add_test(tc, value_and_aggregation_types);
  tcase_add_test(tc, period_types_and_periods_both_ways);
  tcase_add_test(tc, names_are_cut_on_character_boundaries);
  tcase_add_test(tc, metadata_lists_elements_levels_and_units);
  tcase_add_test(tc, codes_stay_unique_and_clashes_are_said);
  tcase_add_test(tc, the_dhis2_package_keeps_dhis2s_limits);
  suite_add_tcase(s, tc);
  return s;
}
