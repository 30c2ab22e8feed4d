/* test_metadata.c — indicator versions (migration 0029: the version moves when what a figure
 * means changes, not on names, descriptions, warning thresholds or no-op writes) and the code
 * lists receivers load (GET /v1/exchange/metadata and its DHIS2 metadata package). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "testutil.h"

Suite *metadata_suite(void);

/* PATCHes the indicator code with body as admin; asserts 200; returns the answer. */
static http_resp *patch_indicator(const char *code, const char *body)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/indicators/%s", code);
  http_resp *r = http("PATCH", path, admin_token, body, NULL);
  ck_assert_msg(r->status == 200, "PATCH %s %s: %ld %s", path, body, r->status, r->body);
  return r;
}

/* PATCHes and asserts the version and whether version_changed_at moved from *changed_at (which
 * is then updated). */
static void patch_expect(const char *code, const char *body, long version, int moved,
                         char *changed_at)
{
  http_resp *r = patch_indicator(code, body);
  ck_assert_msg(JINT(r->json, "version") == version, "%s: version %lld, want %ld", body,
                JINT(r->json, "version"), version);
  if (moved)
    ck_assert_str_ne(JSTR(r->json, "version_changed_at"), changed_at);
  else
    ck_assert_str_eq(JSTR(r->json, "version_changed_at"), changed_at);
  snprintf(changed_at, 64, "%s", JSTR(r->json, "version_changed_at"));
  http_free(r);
}

START_TEST(an_indicators_version_moves_when_its_meaning_changes)
{
  /* seeded indicators start at version 1, changed when they were created */
  http_resp *r = http("GET", "/v1/indicators/OFFICE_DOCS_ONLINE", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "version"), 1);
  ck_assert_str_eq(JSTR(r->json, "version_changed_at"), JSTR(r->json, "created_at"));
  http_free(r);
  r = http("POST", "/v1/indicators", admin_token,
           "{\"code\":\"MD_CURRICULUM\",\"name_vi\":\"Tỷ trọng nội dung trực tuyến\","
           "\"name_en\":\"Online content share\",\"source\":\"school_report\","
           "\"value_type\":\"percent\",\"aggregation\":\"mean\",\"levels\":[\"primary\"]}", NULL);
  ck_assert_int_eq(r->status, 201);
  ck_assert_int_eq(JINT(r->json, "version"), 1);
  char at[64];
  snprintf(at, sizeof(at), "%s", JSTR(r->json, "version_changed_at"));
  http_free(r);
  /* names, descriptions, the category and the warning threshold do not change a figure */
  patch_expect("MD_CURRICULUM", "{\"jump_warning_points\":20}", 1, 0, at);
  patch_expect("MD_CURRICULUM", "{\"name_en\":\"Share of content online\"}", 1, 0, at);
  patch_expect("MD_CURRICULUM", "{\"name_vi\":\"Tỷ trọng nội dung dạy trực tuyến\","
               "\"measure\":\"mean of the schools' percents\",\"category\":\"x\"}", 1, 0, at);
  /* the same value again is no change */
  patch_expect("MD_CURRICULUM", "{\"aggregation\":\"mean\",\"levels\":[\"primary\"]}", 1, 0, at);
  /* how it is computed */
  usleep(2000);
  patch_expect("MD_CURRICULUM", "{\"aggregation\":\"each_school\"}", 2, 1, at);
  patch_expect("MD_CURRICULUM", "{\"aggregation\":\"each_school\"}", 2, 0, at);
  /* levels are a set: another order is the same meaning, another level is not */
  usleep(2000);
  patch_expect("MD_CURRICULUM", "{\"levels\":[\"primary\",\"lower_secondary\"]}", 3, 1, at);
  patch_expect("MD_CURRICULUM", "{\"levels\":[\"lower_secondary\",\"primary\"]}", 3, 0, at);
  usleep(2000);
  patch_expect("MD_CURRICULUM", "{\"period_kind\":\"calendar_year\"}", 4, 1, at);
  usleep(2000);
  patch_expect("MD_CURRICULUM", "{\"units\":\"office_and_schools\"}", 5, 1, at);
  /* the version is the server's */
  r = http("PATCH", "/v1/indicators/MD_CURRICULUM", admin_token, "{\"version\":9}", NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "version"));
  http_free(r);
  r = http("GET", "/v1/indicators/MD_CURRICULUM", admin_token, NULL, NULL);
  ck_assert_int_eq(JINT(r->json, "version"), 5);
  http_free(r);
  /* the CSV has it last, so positional readers keep their columns */
  r = http("GET", "/v1/indicators.csv?source=school_report&limit=500", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  char *eol = strstr(r->body, "\r\n");
  ck_assert_ptr_nonnull(eol);
  *eol = '\0';
  ck_assert_msg(strlen(r->body) > 30 &&
                strcmp(eol - strlen(",updated_at,version,version_changed_at"),
                       ",updated_at,version,version_changed_at") == 0, "header: %s", r->body);
  *eol = '\r';
  ck_assert_ptr_nonnull(strstr(r->body, "\r\nMD_CURRICULUM,"));
  http_free(r);
}
END_TEST

/* The items of list (an array of objects with "code") by code; asserts every code is there once
 * (a receiver importing by code needs them unique within each list). New reference. */
static json_t *by_code(const json_t *list, const char *what)
{
  json_t *out = json_object(), *item;
  size_t i;
  ck_assert_msg(json_is_array(list), "%s is not an array", what);
  json_array_foreach(list, i, item) {
    const char *code = JSTR(item, "code");
    ck_assert_msg(code != NULL, "%s[%zu] has no code", what, i);
    ck_assert_msg(!json_object_get(out, code), "%s: code %s twice", what, code);
    json_object_set(out, code, item);
  }
  return out;
}

/* The hand-made setup: province MDP with districts MD-D1 (schools MD-S1 primary, MD-S2 lower
 * secondary) and MD-D2 (school MD-S3); a ratio and a mean indicator. Made by the first test
 * that needs it (each test runs in a process of its own: the ids are read back after). */
static char *d1, *d2, *s1;
static void setup_tree(void)
{
  d1 = sql_value("SELECT id FROM districts WHERE code = 'MD-D1'");
  if (d1) {
    d2 = sql_value("SELECT id FROM districts WHERE code = 'MD-D2'");
    s1 = sql_value("SELECT id FROM schools WHERE code = 'MD-S1'");
    return;
  }
  http_resp *r = http("PUT", "/v1/org-units/MDP", admin_token,
                      "{\"name\":\"Tỉnh Siêu Dữ Liệu\",\"level\":\"province\"}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  d1 = create_as_admin("/v1/districts", "{\"code\":\"MD-D1\",\"name\":\"Huyện Một\","
                                        "\"province\":\"Tỉnh\",\"province_code\":\"MDP\"}");
  d2 = create_as_admin("/v1/districts", "{\"code\":\"MD-D2\",\"name\":\"Huyện Hai\","
                                        "\"province\":\"Tỉnh\",\"province_code\":\"MDP\"}");
  s1 = new_school(d1, "MD-S1", "primary", "");
  free(new_school(d1, "MD-S2", "lower_secondary", ""));
  free(new_school(d2, "MD-S3", "primary", ""));
  /* clashes: a school coded as its district, an indicator coded as another's denominator */
  char *clash = create_as_admin("/v1/districts", "{\"code\":\"MD-CLASH\",\"name\":\"Huyện Trùng\","
                                                 "\"province\":\"Tỉnh\"}");
  free(new_school(clash, "MD-CLASH", "primary", ""));
  free(clash);
  r = http("POST", "/v1/indicators", admin_token,
           "{\"code\":\"MD_SHARE\",\"name_vi\":\"Tỷ lệ trường có thư viện số\","
           "\"name_en\":\"Schools with a digital library\",\"source\":\"school_report\","
           "\"value_type\":\"boolean\",\"aggregation\":\"share\",\"levels\":[\"primary\"]}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  r = http("POST", "/v1/indicators", admin_token,
           "{\"code\":\"MD_SHARE_DEN\",\"name_vi\":\"Tỷ trọng tài liệu số\","
           "\"name_en\":\"Share of digital documents\",\"source\":\"school_report\","
           "\"value_type\":\"percent\",\"aggregation\":\"mean\",\"levels\":[\"primary\"]}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  r = http("POST", "/v1/indicators", admin_token,
           "{\"code\":\"MD_RATIO\",\"name_vi\":\"Tỷ lệ phòng máy đạt chuẩn\","
           "\"name_en\":\"Computer rooms up to standard\",\"source\":\"school_report\","
           "\"value_type\":\"fraction\",\"aggregation\":\"ratio_of_sums\","
           "\"levels\":[\"primary\",\"lower_secondary\"]}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  r = http("POST", "/v1/indicators", admin_token,
           "{\"code\":\"MD_MEAN\",\"name_vi\":\"Tỷ trọng bài giảng số\","
           "\"name_en\":\"Share of digital lessons\",\"source\":\"school_report\","
           "\"value_type\":\"percent\",\"aggregation\":\"mean\",\"levels\":[\"primary\"]}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
}

/* Asserts the org unit code is in units with this level and parent (NULL: none). */
static void ck_unit(const json_t *units, const char *code, const char *level, const char *parent)
{
  json_t *u = json_object_get(units, code);
  ck_assert_msg(u != NULL, "org unit %s missing", code);
  ck_assert_str_eq(JSTR(u, "level"), level);
  if (parent)
    ck_assert_str_eq(JSTR(u, "parent_code"), parent);
  else
    ck_assert(json_is_null(json_object_get(u, "parent_code")));
}

START_TEST(metadata_lists_data_elements_levels_units_and_periods)
{
  setup_tree();
  http_resp *r = http("GET", "/v1/exchange/metadata", admin_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_ptr_nonnull(http_header(r, "ETag"));
  json_t *els = by_code(json_object_get(r->json, "dataElements"), "dataElements");
  json_t *units = by_code(json_object_get(r->json, "orgUnits"), "orgUnits");
  json_t *combos = by_code(json_object_get(r->json, "categoryCombos"), "categoryCombos");
  json_t *cocs = by_code(json_object_get(r->json, "categoryOptionCombos"), "optionCombos");
  json_t *cats = by_code(json_object_get(r->json, "categories"), "categories");
  json_t *types = by_code(json_object_get(r->json, "periodTypes"), "periodTypes");
  /* the tree: province, its two districts, their schools under them */
  ck_unit(units, "MDP", "province", NULL);
  ck_unit(units, "MD-D1", "district", "MDP");
  ck_unit(units, "MD-D2", "district", "MDP");
  ck_unit(units, "MD-S1", "school", "MD-D1");
  ck_unit(units, "MD-S2", "school", "MD-D1");
  ck_unit(units, "MD-S3", "school", "MD-D2");
  ck_assert_str_eq(JSTR(json_object_get(units, "MD-S2"), "school_level"), "lower_secondary");
  ck_assert_str_eq(JSTR(json_object_get(units, "MD-D1"), "name"), "Huyện Một");
  ck_unit(units, "453", "district", "44"); /* the demo's */
  /* parents come before their children */
  size_t i;
  json_t *u, *seen = json_object();
  json_array_foreach(json_object_get(r->json, "orgUnits"), i, u) {
    if (JSTR(u, "parent_code"))
      ck_assert_msg(json_object_get(seen, JSTR(u, "parent_code")) != NULL, "%s before parent",
                    JSTR(u, "code"));
    json_object_set_new(seen, JSTR(u, "code"), json_true());
  }
  json_decref(seen);
  /* a ratio has its numerator and denominator, a mean has none */
  json_t *e = json_object_get(els, "MD_RATIO");
  ck_assert_ptr_nonnull(e);
  ck_assert_str_eq(JSTR(e, "valueType"), "NUMBER");
  ck_assert_str_eq(JSTR(e, "aggregationType"), "NONE");
  ck_assert_str_eq(JSTR(e, "aggregation"), "ratio_of_sums");
  ck_assert_str_eq(JSTR(e, "periodType"), "FinancialJuly"); /* school_report: a school year */
  ck_assert_str_eq(JSTR(e, "categoryCombo"), "SCHOOL_LEVEL");
  ck_assert_int_eq(JINT(e, "version"), 1);
  ck_assert_str_eq(JSTR(e, "name_vi"), "Tỷ lệ phòng máy đạt chuẩn");
  e = json_object_get(els, "MD_RATIO_NUM");
  ck_assert_ptr_nonnull(e);
  ck_assert_str_eq(JSTR(e, "valueType"), "INTEGER_ZERO_OR_POSITIVE");
  ck_assert_str_eq(JSTR(e, "aggregationType"), "SUM");
  ck_assert_str_eq(JSTR(e, "indicator"), "MD_RATIO");
  ck_assert_str_eq(JSTR(e, "part"), "numerator");
  e = json_object_get(els, "MD_RATIO_DEN");
  ck_assert_ptr_nonnull(e);
  ck_assert_str_eq(JSTR(e, "aggregationType"), "SUM");
  ck_assert_str_eq(JSTR(e, "part"), "denominator");
  e = json_object_get(els, "MD_MEAN");
  ck_assert_str_eq(JSTR(e, "aggregationType"), "AVERAGE");
  ck_assert_ptr_null(json_object_get(els, "MD_MEAN_NUM"));
  ck_assert_ptr_null(json_object_get(els, "MD_MEAN_DEN"));
  /* seeded: a share of schools and a computed one have both, the office's own value neither */
  ck_assert_ptr_nonnull(json_object_get(els, "BROADBAND_CONNECTED_DEN"));
  ck_assert_ptr_nonnull(json_object_get(els, "DVCTT_SATISFACTION_NUM"));
  ck_assert_ptr_null(json_object_get(els, "OFFICE_DOCS_ONLINE_NUM"));
  e = json_object_get(els, "OFFICE_DOCS_ONLINE");
  ck_assert_str_eq(JSTR(e, "periodType"), "Yearly");
  ck_assert_str_eq(JSTR(e, "categoryCombo"), "default");
  ck_assert_str_eq(JSTR(e, "aggregationType"), "AVERAGE");
  /* a clash keeps the code once, for the unit higher up and for the indicator, and says so */
  ck_unit(units, "MD-CLASH", "district", NULL);
  ck_assert_str_eq(JSTR(json_object_get(els, "MD_SHARE_DEN"), "part"), "value");
  ck_assert_str_eq(JSTR(json_object_get(els, "MD_SHARE_NUM"), "part"), "numerator");
  int said_unit = 0, said_element = 0;
  json_t *c;
  json_array_foreach(json_object_get(r->json, "conflicts"), i, c) {
    said_unit |= strcmp(JSTR(c, "list"), "orgUnits") == 0 && strcmp(JSTR(c, "code"), "MD-CLASH") == 0;
    said_element |= strcmp(JSTR(c, "list"), "dataElements") == 0 &&
                    strcmp(JSTR(c, "code"), "MD_SHARE_DEN") == 0;
  }
  ck_assert(said_unit && said_element);
  /* the school levels */
  json_t *opts = by_code(json_object_get(json_object_get(cats, "SCHOOL_LEVEL"), "options"),
                         "options");
  ck_assert_uint_eq(json_object_size(opts), 4);
  ck_assert_str_eq(JSTR(json_object_get(opts, "LEVEL_PRESCHOOL"), "name_vi"), "Mầm non");
  ck_assert_str_eq(JSTR(json_object_get(opts, "LEVEL_PRIMARY"), "name_en"), "Primary");
  ck_assert_str_eq(JSTR(json_object_get(opts, "LEVEL_LOWER_SECONDARY"), "level"),
                   "lower_secondary");
  ck_assert_ptr_nonnull(json_object_get(opts, "LEVEL_PRIMARY_LOWER_SECONDARY"));
  ck_assert_uint_eq(json_object_size(combos), 2);
  ck_assert_ptr_nonnull(json_object_get(combos, "default"));
  ck_assert_ptr_nonnull(json_object_get(combos, "SCHOOL_LEVEL"));
  ck_assert_uint_eq(json_object_size(cocs), 5);
  ck_assert_str_eq(JSTR(json_object_get(cocs, "LEVEL_PRIMARY"), "categoryCombo"),
                   "SCHOOL_LEVEL");
  ck_assert_ptr_nonnull(json_object_get(cocs, "default"));
  /* the periods */
  json_t *y = json_object_get(json_object_get(types, "Yearly"), "example");
  ck_assert_str_eq(JSTR(json_object_get(types, "Yearly"), "period_kind"), "calendar_year");
  ck_assert_str_eq(JSTR(y, "edudx"), "2024");
  ck_assert_str_eq(JSTR(y, "dhis2"), "2024");
  ck_assert_str_eq(JSTR(y, "adx"), "2024-01-01/P1Y");
  y = json_object_get(json_object_get(types, "FinancialJuly"), "example");
  ck_assert_str_eq(JSTR(json_object_get(types, "FinancialJuly"), "period_kind"), "school_year");
  ck_assert_str_eq(JSTR(y, "edudx"), "2023-2024");
  ck_assert_str_eq(JSTR(y, "dhis2"), "2023July");
  ck_assert_str_eq(JSTR(y, "adx"), "2023-07-01/P1Y");
  json_decref(els);
  json_decref(units);
  json_decref(combos);
  json_decref(cocs);
  json_decref(cats);
  json_decref(opts);
  json_decref(types);
  http_free(r);
  r = http("GET", "/v1/exchange/metadata", NULL, NULL, NULL);
  ck_assert_problem(r, 401, "unauthorized");
  http_free(r);
  r = http("GET", "/v1/exchange/metadata?district_id=x", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  http_free(r);
}
END_TEST

START_TEST(a_version_move_shows_in_the_metadata)
{
  setup_tree();
  http_resp *r = patch_indicator("MD_MEAN", "{\"aggregation\":\"each_school\"}");
  ck_assert_int_eq(JINT(r->json, "version"), 2);
  http_free(r);
  r = http("GET", "/v1/exchange/metadata", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  json_t *els = by_code(json_object_get(r->json, "dataElements"), "dataElements");
  ck_assert_int_eq(JINT(json_object_get(els, "MD_MEAN"), "version"), 2);
  ck_assert_str_eq(JSTR(json_object_get(els, "MD_MEAN"), "aggregation"), "each_school");
  /* each school's figures carry schools meeting / schools expected: now it has both */
  ck_assert_int_eq(JINT(json_object_get(els, "MD_MEAN_NUM"), "version"), 2);
  ck_assert_ptr_nonnull(json_object_get(els, "MD_MEAN_DEN"));
  json_decref(els);
  http_free(r);
  r = patch_indicator("MD_MEAN", "{\"aggregation\":\"mean\"}");
  ck_assert_int_eq(JINT(r->json, "version"), 3);
  http_free(r);
}
END_TEST

/* The org unit codes GET path answers token (list member key), as a JSON object. */
static json_t *unit_codes(const char *path, const char *token, const char *key)
{
  http_resp *r = http("GET", path, token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  json_t *units = by_code(json_object_get(r->json, key), key);
  http_free(r);
  return units;
}

START_TEST(org_units_follow_the_tokens_scope)
{
  setup_tree();
  char *district = mint_scoped("district", "district_id", d1);
  char *school = mint_scoped("school", "school_id", s1);
  char *reader = mint_token(admin_token, "{\"role\":\"reader\",\"province_code\":\"MDP\"}", NULL);
  /* a district token: its province, itself and its schools; no other district's */
  json_t *u = unit_codes("/v1/exchange/metadata", district, "orgUnits");
  ck_assert_uint_eq(json_object_size(u), 4);
  ck_unit(u, "MDP", "province", NULL);
  ck_unit(u, "MD-D1", "district", "MDP");
  ck_unit(u, "MD-S1", "school", "MD-D1");
  ck_unit(u, "MD-S2", "school", "MD-D1");
  json_decref(u);
  u = unit_codes("/v1/exchange/metadata/dhis2", district, "organisationUnits");
  ck_assert_uint_eq(json_object_size(u), 4);
  ck_assert_ptr_null(json_object_get(u, "MD-S3"));
  ck_assert_ptr_null(json_object_get(u, "453"));
  json_decref(u);
  /* a school token: its own school and the units above it */
  u = unit_codes("/v1/exchange/metadata", school, "orgUnits");
  ck_assert_uint_eq(json_object_size(u), 3);
  ck_unit(u, "MD-S1", "school", "MD-D1");
  ck_assert_ptr_null(json_object_get(u, "MD-S2"));
  json_decref(u);
  /* a province's reader: the province's districts and schools, no other province */
  u = unit_codes("/v1/exchange/metadata", reader, "orgUnits");
  ck_assert_uint_eq(json_object_size(u), 6);
  ck_unit(u, "MD-S3", "school", "MD-D2");
  ck_assert_ptr_null(json_object_get(u, "44"));
  json_decref(u);
  free(district);
  free(school);
  free(reader);
}
END_TEST

/* Characters of UTF-8 text s. */
static size_t chars(const char *s)
{
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

START_TEST(the_dhis2_package_imports_by_code)
{
  setup_tree();
  http_resp *r = http("GET", "/v1/exchange/metadata/dhis2", admin_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  static const char *const lists[] = {"dataElements", "categoryOptions", "categories",
                                      "categoryCombos", "categoryOptionCombos",
                                      "organisationUnits", NULL};
  json_t *all[6];
  for (int k = 0; lists[k]; k++)
    all[k] = by_code(json_object_get(r->json, lists[k]), lists[k]);
  json_t *els = all[0], *units = all[5], *e, *short_names = json_object();
  const char *key;
  /* DHIS2's limits and its unique short names */
  json_object_foreach(els, key, e) {
    ck_assert_msg(chars(JSTR(e, "shortName")) <= 50, "%s: %s", key, JSTR(e, "shortName"));
    ck_assert_msg(chars(JSTR(e, "name")) <= 230, "%s", key);
    ck_assert_msg(!json_object_get(short_names, JSTR(e, "shortName")), "%s shortName twice",
                  JSTR(e, "shortName"));
    json_object_set_new(short_names, JSTR(e, "shortName"), json_true());
    ck_assert_str_eq(JSTR(e, "domainType"), "AGGREGATE");
  }
  json_decref(short_names);
  e = json_object_get(els, "MD_RATIO_DEN");
  ck_assert_str_eq(JSTR(e, "valueType"), "INTEGER_ZERO_OR_POSITIVE");
  ck_assert_str_eq(JSTR(e, "aggregationType"), "SUM");
  ck_assert_str_eq(JSTR(json_object_get(e, "categoryCombo"), "code"), "SCHOOL_LEVEL");
  ck_assert_str_eq(JSTR(e, "name"), "Tỷ lệ phòng máy đạt chuẩn (mẫu số)");
  e = json_object_get(els, "OFFICE_DOCS_ONLINE");
  ck_assert_str_eq(JSTR(json_object_get(e, "categoryCombo"), "code"), "default");
  ck_assert_ptr_null(json_object_get(els, "MD_MEAN_NUM"));
  /* the tree by codes, every unit opened on the documented date */
  e = json_object_get(units, "MD-S2");
  ck_assert_str_eq(JSTR(json_object_get(e, "parent"), "code"), "MD-D1");
  ck_assert_str_eq(JSTR(e, "openingDate"), "1990-01-01");
  ck_assert_str_eq(JSTR(json_object_get(json_object_get(units, "MD-D1"), "parent"), "code"),
                   "MDP");
  ck_assert_ptr_null(json_object_get(json_object_get(units, "MDP"), "parent"));
  ck_assert_ptr_nonnull(json_object_get(all[1], "LEVEL_PRIMARY_LOWER_SECONDARY"));
  ck_assert_str_eq(JSTR(json_object_get(all[1], "LEVEL_PRESCHOOL"), "name"), "Mầm non");
  ck_assert_ptr_nonnull(json_object_get(all[2], "SCHOOL_LEVEL"));
  ck_assert_ptr_nonnull(json_object_get(all[3], "SCHOOL_LEVEL"));
  ck_assert_uint_eq(json_object_size(all[4]), 4);
  for (int k = 0; lists[k]; k++)
    json_decref(all[k]);
  http_free(r);
}
END_TEST

Suite *metadata_suite(void)
{
  Suite *s = suite_create("metadata");
  TCase *tc = tcase_create("metadata");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, an_indicators_version_moves_when_its_meaning_changes);
  tcase_add_test(tc, metadata_lists_data_elements_levels_units_and_periods);
  tcase_add_test(tc, a_version_move_shows_in_the_metadata);
  tcase_add_test(tc, org_units_follow_the_tokens_scope);
  tcase_add_test(tc, the_dhis2_package_imports_by_code);
  suite_add_tcase(s, tc);
  return s;
}
