/* test_data_exchange.c — a district's figures in exchange formats, over HTTP, on a hand-made
 * district whose every data value is worked out by hand below: DHIS2 dataValueSets JSON
 * (GET /v1/dataValueSets), the same as ADX XML (checked with xmllint against
 * tests/exchange/adx.xsd) and the long CSV for BI tools (GET /v1/exports/figures.csv); periods,
 * org units, scope and lastUpdated.
 *
 * Province DVSP: districts DVS1 and DVS2; province DVSQ: district DVS3 (foreign).
 * DVS1's schools: DVS1-P1, DVS1-P2 (primary), DVS1-L1 (lower_secondary). Its 2024 plan:
 *   BROADBAND_CONNECTED >= 100 (share, school year), SATELLITE_SITES_HIGH_SPEED >= 70
 *   (ratio_of_sums), ONLINE_CURRICULUM_SHARE_SECONDARY >= 7 (mean; lower-secondary levels),
 *   SCHOOL_DOCS_ONLINE >= 90 (each_school), OFFICE_DOCS_ONLINE >= 98 (office_value, calendar
 *   year).
 * Values:          BROADBAND  SATELLITE  CURRICULUM  DOCS
 *   DVS1-P1          true       3/4          -         95
 *   DVS1-P2          false      1/2          -         80
 *   DVS1-L1          true       2/4         8.5       100
 *   office: OFFICE_DOCS_ONLINE 99.5
 * District figures (period 2023July = school year 2023-2024, but OFFICE_DOCS_ONLINE: 2024):
 *   BROADBAND 2/3 = 66.67 (primary 1/2 = 50, lower_secondary 1/1 = 100)
 *   SATELLITE (3+1+2)/(4+2+4) = 6/10 = 60 (primary 4/6 = 66.67, lower_secondary 2/4 = 50)
 *   CURRICULUM mean 8.5, no numerator (lower_secondary 8.5)
 *   DOCS schools at 90 or more: P1, L1 = 2/3 = 66.67 (primary 1/2 = 50, lower_secondary 1/1 = 100)
 *   OFFICE 99.5, no numerator
 * Data values of DVS1 itself: 3 indicators x (1 total + 2 levels) x (value, _NUM, _DEN) = 27,
 * CURRICULUM total + lower_secondary = 2, OFFICE 1: 30. Its schools' (children=true): P1 and P2
 * 3 (BROADBAND value/NUM/DEN) + 3 (SATELLITE) + 1 (DOCS) = 7 each, L1 8 (with CURRICULUM): 22.
 * DVS2: one school DVS2-P1 (primary) reporting BROADBAND true against a plan of BROADBAND only:
 * 100, 1/1, primary 100, 1/1: 6 values. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "testutil.h"

Suite *data_exchange_suite(void);

static char *dvs1_id, *dvs2_id, *dvs3_id, *dvs1_token, *province_token, *school_token;

static void put_report(const char *path, const char *values)
{
  char body[1024];
  snprintf(body, sizeof(body), "{\"values\":%s}", values);
  http_resp *r = http("PUT", path, admin_token, body, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  http_free(r);
}

static char *district_in(const char *code, const char *province_code)
{
  char body[256];
  snprintf(body, sizeof(body), "{\"code\":\"%s\",\"name\":\"Huyện %s\",\"province\":\"Tỉnh\","
           "\"province_code\":\"%s\"}", code, code, province_code);
  return create_as_admin("/v1/districts", body);
}

static void new_province(const char *code)
{
  char path[64];
  snprintf(path, sizeof(path), "/v1/org-units/%s", code);
  http_resp *r = http("PUT", path, admin_token, "{\"name\":\"Tỉnh Trao Đổi\",\"level\":\"province\"}",
                      NULL);
  ck_assert_msg(r->status == 201, "%ld %s", r->status, r->body);
  http_free(r);
}

static void plan(const char *district_id, const char *targets)
{
  char body[2048];
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"Kế hoạch "
           "CĐS 2024\",\"targets\":[%s]}", district_id, targets);
  free(create_as_admin("/v1/plans", body));
}

static void make_districts_once(void)
{
  char *school;
  new_province("DVSP");
  new_province("DVSQ");
  dvs1_id = district_in("DVS1", "DVSP");
  dvs2_id = district_in("DVS2", "DVSP");
  dvs3_id = district_in("DVS3", "DVSQ");
  free(new_school(dvs1_id, "DVS1-P1", "primary", ""));
  free(new_school(dvs1_id, "DVS1-P2", "primary", ""));
  school = new_school(dvs1_id, "DVS1-L1", "lower_secondary", "");
  free(new_school(dvs2_id, "DVS2-P1", "primary", ""));
  free(new_school(dvs3_id, "DVS3-P1", "primary", ""));
  plan(dvs1_id, "{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":100},"
                "{\"indicator\":\"SATELLITE_SITES_HIGH_SPEED\",\"comparator\":\">=\",\"target\":70},"
                "{\"indicator\":\"ONLINE_CURRICULUM_SHARE_SECONDARY\",\"comparator\":\">=\","
                "\"target\":7},"
                "{\"indicator\":\"SCHOOL_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":90},"
                "{\"indicator\":\"OFFICE_DOCS_ONLINE\",\"comparator\":\">=\",\"target\":98}");
  plan(dvs2_id, "{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":100}");
  plan(dvs3_id, "{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":100}");
  put_report("/v1/schools/code:DVS1-P1/reports/2024",
             "{\"BROADBAND_CONNECTED\":true,\"SATELLITE_SITES_HIGH_SPEED\":{\"numerator\":3,"
             "\"denominator\":4},\"SCHOOL_DOCS_ONLINE\":95}");
  put_report("/v1/schools/code:DVS1-P2/reports/2024",
             "{\"BROADBAND_CONNECTED\":false,\"SATELLITE_SITES_HIGH_SPEED\":{\"numerator\":1,"
             "\"denominator\":2},\"SCHOOL_DOCS_ONLINE\":80}");
  put_report("/v1/schools/code:DVS1-L1/reports/2024",
             "{\"BROADBAND_CONNECTED\":true,\"SATELLITE_SITES_HIGH_SPEED\":{\"numerator\":2,"
             "\"denominator\":4},\"ONLINE_CURRICULUM_SHARE_SECONDARY\":8.5,"
             "\"SCHOOL_DOCS_ONLINE\":100}");
  put_report("/v1/districts/code:DVS1/reports/2024", "{\"OFFICE_DOCS_ONLINE\":99.5}");
  put_report("/v1/schools/code:DVS2-P1/reports/2024", "{\"BROADBAND_CONNECTED\":true}");
  put_report("/v1/schools/code:DVS3-P1/reports/2024", "{\"BROADBAND_CONNECTED\":true}");
  dvs1_token = mint_scoped("district", "district_id", dvs1_id);
  province_token = mint_token(admin_token, "{\"role\":\"reader\",\"province_code\":\"DVSP\"}",
                              NULL);
  school_token = mint_scoped("school", "school_id", school);
  free(school);
}

/* GET /v1/dataValueSets?<query> as token; asserts 200 and DHIS2's shape. */
static http_resp *value_sets(const char *token, const char *query)
{
  char path[512];
  snprintf(path, sizeof(path), "/v1/dataValueSets?%s", query);
  http_resp *r = http("GET", path, token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  ck_assert_str_eq(http_header(r, "Content-Type"), "application/json");
  ck_assert(json_is_array(json_object_get(r->json, "dataValues")));
  return r;
}

static size_t n_values(const http_resp *r)
{
  return json_array_size(json_object_get(r->json, "dataValues"));
}

/* The value of the data value (data element, period, org unit, category option combo) — asserts
 * there is exactly one, a string, with lastUpdated. */
static const char *dv(const http_resp *r, const char *de, const char *pe, const char *ou,
                      const char *coc)
{
  const char *found = NULL;
  int n = 0;
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(r->json, "dataValues"), i, v)
    if (strcmp(JSTR(v, "dataElement"), de) == 0 && strcmp(JSTR(v, "period"), pe) == 0 &&
        strcmp(JSTR(v, "orgUnit"), ou) == 0 && strcmp(JSTR(v, "categoryOptionCombo"), coc) == 0) {
      n++;
      found = JSTR(v, "value");
      ck_assert_ptr_nonnull(JSTR(v, "lastUpdated"));
    }
  ck_assert_msg(n == 1, "%s %s %s %s: %d values", de, pe, ou, coc, n);
  ck_assert_ptr_nonnull(found);
  return found;
}

/* No data value of this data element for this org unit and combo. */
static void no_dv(const http_resp *r, const char *de, const char *ou, const char *coc)
{
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(r->json, "dataValues"), i, v)
    ck_assert_msg(!(strcmp(JSTR(v, "dataElement"), de) == 0 && strcmp(JSTR(v, "orgUnit"), ou) == 0 &&
                    strcmp(JSTR(v, "categoryOptionCombo"), coc) == 0),
                  "unexpected %s %s %s", de, ou, coc);
}

START_TEST(district_values_by_hand)
{
  http_resp *r = value_sets(dvs1_token, "period=2024&orgUnit=DVS1");
  /* the four school indicators (category combo SCHOOL_LEVEL) by level only, no default total:
   * BROADBAND 2 levels x 3, SATELLITE 2 x 3, CURRICULUM 1, DOCS 2 x 3; OFFICE (default) 1 */
  ck_assert_uint_eq(n_values(r), 20);
  ck_assert_str_eq(JSTR(r->json, "dataSet"), "EDUDX");
  /* share: 2 of 3 schools, by level: 1 of 2 primary, 1 of 1 lower secondary */
  no_dv(r, "BROADBAND_CONNECTED", "DVS1", "default");
  no_dv(r, "BROADBAND_CONNECTED_NUM", "DVS1", "default");
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED", "2023July", "DVS1", "LEVEL_PRIMARY"), "50");
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED_NUM", "2023July", "DVS1", "LEVEL_PRIMARY"), "1");
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED_DEN", "2023July", "DVS1", "LEVEL_PRIMARY"), "2");
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED", "2023July", "DVS1", "LEVEL_LOWER_SECONDARY"),
                   "100");
  /* ratio of sums: primary (3+1)/(4+2), lower secondary 2/4 (6/10 in all, which a receiver
   * adds up) */
  no_dv(r, "SATELLITE_SITES_HIGH_SPEED", "DVS1", "default");
  ck_assert_str_eq(dv(r, "SATELLITE_SITES_HIGH_SPEED_NUM", "2023July", "DVS1", "LEVEL_PRIMARY"),
                   "4");
  ck_assert_str_eq(dv(r, "SATELLITE_SITES_HIGH_SPEED", "2023July", "DVS1",
                      "LEVEL_LOWER_SECONDARY"), "50");
  ck_assert_str_eq(dv(r, "SATELLITE_SITES_HIGH_SPEED", "2023July", "DVS1", "LEVEL_PRIMARY"),
                   "66.67");
  ck_assert_str_eq(dv(r, "SATELLITE_SITES_HIGH_SPEED_DEN", "2023July", "DVS1", "LEVEL_PRIMARY"),
                   "6");
  ck_assert_str_eq(dv(r, "SATELLITE_SITES_HIGH_SPEED_NUM", "2023July", "DVS1",
                      "LEVEL_LOWER_SECONDARY"), "2");
  /* mean: a value without numerator and denominator */
  no_dv(r, "ONLINE_CURRICULUM_SHARE_SECONDARY", "DVS1", "default");
  ck_assert_str_eq(dv(r, "ONLINE_CURRICULUM_SHARE_SECONDARY", "2023July", "DVS1",
                      "LEVEL_LOWER_SECONDARY"), "8.5");
  no_dv(r, "ONLINE_CURRICULUM_SHARE_SECONDARY_NUM", "DVS1", "LEVEL_LOWER_SECONDARY");
  /* each school: primary 1 of 2 at 90 or more (95, 80), lower secondary 1 of 1 (100) */
  no_dv(r, "SCHOOL_DOCS_ONLINE", "DVS1", "default");
  ck_assert_str_eq(dv(r, "SCHOOL_DOCS_ONLINE", "2023July", "DVS1", "LEVEL_PRIMARY"), "50");
  ck_assert_str_eq(dv(r, "SCHOOL_DOCS_ONLINE_NUM", "2023July", "DVS1", "LEVEL_PRIMARY"), "1");
  ck_assert_str_eq(dv(r, "SCHOOL_DOCS_ONLINE_DEN", "2023July", "DVS1", "LEVEL_PRIMARY"), "2");
  ck_assert_str_eq(dv(r, "SCHOOL_DOCS_ONLINE", "2023July", "DVS1", "LEVEL_LOWER_SECONDARY"),
                   "100");
  /* the office's value, a calendar-year indicator */
  ck_assert_str_eq(dv(r, "OFFICE_DOCS_ONLINE", "2024", "DVS1", "default"), "99.5");
  no_dv(r, "OFFICE_DOCS_ONLINE_NUM", "DVS1", "default");
  /* no school without children=true */
  no_dv(r, "BROADBAND_CONNECTED", "DVS1-P1", "LEVEL_PRIMARY");
  http_free(r);
  /* the school year in both notations: the school-year indicators only */
  r = value_sets(dvs1_token, "period=2023-2024&orgUnit=DVS1&children=false");
  ck_assert_uint_eq(n_values(r), 19);
  no_dv(r, "OFFICE_DOCS_ONLINE", "DVS1", "default");
  http_free(r);
  r = value_sets(admin_token, "period=2023July&orgUnit=DVS1");
  ck_assert_uint_eq(n_values(r), 19);
  http_free(r);
}
END_TEST

START_TEST(schools_with_children)
{
  http_resp *r = value_sets(dvs1_token, "period=2024&orgUnit=DVS1&children=true");
  ck_assert_uint_eq(n_values(r), 42); /* the district's 20 and 22 of its schools */
  /* a school's value under its level's option; a boolean as a percent, 100 or 0, over 1 */
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED", "2023July", "DVS1-P1", "LEVEL_PRIMARY"), "100");
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED_NUM", "2023July", "DVS1-P1", "LEVEL_PRIMARY"), "1");
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED_DEN", "2023July", "DVS1-P1", "LEVEL_PRIMARY"), "1");
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED", "2023July", "DVS1-P2", "LEVEL_PRIMARY"), "0");
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED_NUM", "2023July", "DVS1-P2", "LEVEL_PRIMARY"), "0");
  no_dv(r, "BROADBAND_CONNECTED", "DVS1-P1", "default");
  /* fractions: the school's own */
  ck_assert_str_eq(dv(r, "SATELLITE_SITES_HIGH_SPEED", "2023July", "DVS1-P1", "LEVEL_PRIMARY"),
                   "75");
  ck_assert_str_eq(dv(r, "SATELLITE_SITES_HIGH_SPEED_NUM", "2023July", "DVS1-P1",
                      "LEVEL_PRIMARY"), "3");
  ck_assert_str_eq(dv(r, "SATELLITE_SITES_HIGH_SPEED_DEN", "2023July", "DVS1-L1",
                      "LEVEL_LOWER_SECONDARY"), "4");
  /* percents: the value alone */
  ck_assert_str_eq(dv(r, "SCHOOL_DOCS_ONLINE", "2023July", "DVS1-P2", "LEVEL_PRIMARY"), "80");
  no_dv(r, "SCHOOL_DOCS_ONLINE_NUM", "DVS1-P2", "LEVEL_PRIMARY");
  ck_assert_str_eq(dv(r, "ONLINE_CURRICULUM_SHARE_SECONDARY", "2023July", "DVS1-L1",
                      "LEVEL_LOWER_SECONDARY"), "8.5");
  http_free(r);
  /* one school: its own values */
  r = value_sets(dvs1_token, "period=2024&orgUnit=DVS1-L1");
  ck_assert_uint_eq(n_values(r), 8);
  ck_assert_str_eq(dv(r, "SCHOOL_DOCS_ONLINE", "2023July", "DVS1-L1", "LEVEL_LOWER_SECONDARY"),
                   "100");
  http_free(r);
}
END_TEST

START_TEST(a_province_and_its_districts)
{
  http_resp *r = value_sets(province_token, "period=2024&orgUnit=DVSP");
  ck_assert_uint_eq(n_values(r), 23); /* DVS1's 20 and DVS2's 3 */
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED", "2023July", "DVS2", "LEVEL_PRIMARY"), "100");
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED_DEN", "2023July", "DVS2", "LEVEL_PRIMARY"), "1");
  http_free(r);
  r = value_sets(province_token, "period=2024&orgUnit=DVSP&children=true");
  ck_assert_uint_eq(n_values(r), 23 + 22 + 3); /* DVS2-P1's BROADBAND value, _NUM, _DEN */
  ck_assert_str_eq(dv(r, "BROADBAND_CONNECTED", "2023July", "DVS2-P1", "LEVEL_PRIMARY"), "100");
  http_free(r);
  r = value_sets(province_token, "period=2024&orgUnit=DVS2");
  ck_assert_uint_eq(n_values(r), 3);
  http_free(r);
}
END_TEST

START_TEST(last_updated_filters_values)
{
  http_resp *r = value_sets(dvs1_token, "period=2024&orgUnit=DVS1&lastUpdated=2100-01-01");
  ck_assert_uint_eq(n_values(r), 0);
  http_free(r);
  r = value_sets(dvs1_token, "period=2024&orgUnit=DVS1&lastUpdated=2000-01-01T00:00:00Z");
  ck_assert_uint_eq(n_values(r), 20);
  /* at the values' own time: included (at or after) */
  char query[160];
  json_t *first = json_array_get(json_object_get(r->json, "dataValues"), 0);
  snprintf(query, sizeof(query), "period=2024&orgUnit=DVS1&lastUpdated=%s",
           JSTR(first, "lastUpdated"));
  http_free(r);
  r = value_sets(dvs1_token, query);
  ck_assert_uint_eq(n_values(r), 20);
  http_free(r);
}
END_TEST

START_TEST(bad_queries_and_scope)
{
  http_resp *r = http("GET", "/v1/dataValueSets?orgUnit=DVS1", dvs1_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "period"));
  http_free(r);
  r = http("GET", "/v1/dataValueSets?period=2024", dvs1_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "orgUnit"));
  http_free(r);
  r = http("GET", "/v1/dataValueSets?period=2024-2026&orgUnit=DVS1&children=yes&lastUpdated=soon",
           dvs1_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "period"));
  ck_assert(problem_names_field(r, "children"));
  ck_assert(problem_names_field(r, "lastUpdated"));
  http_free(r);
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=DVS1&dataElement=X", dvs1_token, NULL,
           NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "dataElement"));
  http_free(r);
  /* another district, another district's school, a province with other districts: 403 */
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=DVS3", dvs1_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=DVS2-P1", dvs1_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=DVSP", dvs1_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=DVSQ", province_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=DVS3", province_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* school tokens read their school's own answers */
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=DVS1-L1", school_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* a code naming nothing */
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=NO-SUCH-UNIT", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  ck_assert(problem_names_field(r, "orgUnit"));
  http_free(r);
  r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=DVS1", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 401);
  http_free(r);
}
END_TEST

/* Writes body to a temporary file and runs xmllint on it, args (options, redirections) after
 * the file; its exit status. */
static int xmllint(const char *body, const char *args)
{
  char path[] = "/tmp/edudx-adx-XXXXXX", cmd[1024];
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  FILE *f = fdopen(fd, "w");
  fputs(body, f);
  fclose(f);
  snprintf(cmd, sizeof(cmd), "xmllint --noout %s %s", path, args);
  int status = system(cmd);
  unlink(path);
  return status;
}

START_TEST(adx_carries_the_same_values)
{
  const char *const accept[] = {"Accept: application/adx+xml", NULL};
  http_resp *r = http("GET", "/v1/dataValueSets?period=2024&orgUnit=DVS1&children=true",
                      dvs1_token, NULL, accept);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_str_eq(http_header(r, "Content-Type"), "application/adx+xml");
  ck_assert_ptr_nonnull(strstr(r->body, "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\""));
  ck_assert_ptr_nonnull(
    strstr(r->body, "<group orgUnit=\"DVS1\" period=\"2023-07-01/P1Y\" dataSet=\"EDUDX\">"));
  ck_assert_ptr_nonnull(
    strstr(r->body, "<group orgUnit=\"DVS1\" period=\"2024-01-01/P1Y\" dataSet=\"EDUDX\">"));
  ck_assert_ptr_nonnull(
    strstr(r->body, "<group orgUnit=\"DVS1-P2\" period=\"2023-07-01/P1Y\" dataSet=\"EDUDX\">"));
  ck_assert_ptr_nonnull(strstr(r->body, "<dataValue dataElement=\"SATELLITE_SITES_HIGH_SPEED\" "
                                        "value=\"66.67\" SCHOOL_LEVEL=\"LEVEL_PRIMARY\"/>"));
  ck_assert_ptr_nonnull(strstr(r->body, "<dataValue dataElement=\"BROADBAND_CONNECTED_NUM\" "
                                        "value=\"1\" SCHOOL_LEVEL=\"LEVEL_PRIMARY\"/>"));
  ck_assert_ptr_nonnull(
    strstr(r->body, "<dataValue dataElement=\"OFFICE_DOCS_ONLINE\" value=\"99.5\"/>"));
  ck_assert_ptr_nonnull(
    strstr(r->body, "<dataValue dataElement=\"SCHOOL_DOCS_ONLINE\" value=\"80\" "
                    "SCHOOL_LEVEL=\"LEVEL_PRIMARY\"/>"));
  /* as many data values as the JSON has */
  size_t n = 0;
  for (const char *p = r->body; (p = strstr(p, "<dataValue ")); p++)
    n++;
  ck_assert_uint_eq(n, 42);
  ck_assert_int_eq(xmllint(r->body, ""), 0);
  ck_assert_int_eq(xmllint(r->body, "--schema " EDX_SOURCE_ROOT "/tests/exchange/adx.xsd"), 0);
  /* the schema is not a formality: a dataValue without its value fails it */
  char *broken = strdup(r->body), *at = strstr(broken, " value=\"66.67\"");
  memset(at, ' ', strlen(" value=\"66.67\""));
  ck_assert_int_ne(xmllint(broken, "--schema " EDX_SOURCE_ROOT "/tests/exchange/adx.xsd"
                                   " 2>/dev/null"), 0);
  free(broken);
  http_free(r);
  r = http("GET", "/v1/dataValueSets?period=2023July&orgUnit=DVS1&format=adx", dvs1_token, NULL,
           NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Type"), "application/adx+xml");
  ck_assert_ptr_null(strstr(r->body, "2024-01-01/P1Y"));
  ck_assert_int_eq(xmllint(r->body, "--schema " EDX_SOURCE_ROOT "/tests/exchange/adx.xsd"), 0);
  http_free(r);
}
END_TEST

/* The CSV line of (indicator, org_unit, category) in body; asserts there is one. */
static void ck_csv_line(const char *body, const char *line)
{
  char needle[512];
  snprintf(needle, sizeof(needle), "\r\n%s\r\n", line);
  ck_assert_msg(strstr(body, needle) != NULL, "no line %s in\n%s", line, body);
}

START_TEST(figures_csv_long_format)
{
  char path[256];
  snprintf(path, sizeof(path), "/v1/exports/figures.csv?period=2024&district_id=%s", dvs1_id);
  http_resp *r = http("GET", path, dvs1_token, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_str_eq(http_header(r, "Content-Type"), "text/csv; charset=utf-8");
  const char *head = "\xEF\xBB\xBF" "indicator,indicator_version,period,org_unit,org_unit_level,"
                     "category,numerator,denominator,value,target,status,last_updated\r\n";
  ck_assert(strncmp(r->body, head, strlen(head)) == 0);
  /* 12 district rows (BROADBAND, SATELLITE, DOCS 3 each, CURRICULUM 2, OFFICE 1), 10 school
   * rows (P1 3, P2 3, L1 4), the header */
  size_t lines = 0;
  for (const char *p = r->body; (p = strstr(p, "\r\n")); p += 2)
    lines++;
  ck_assert_uint_eq(lines, 23);
  const char *as_of = strstr(r->body, ",not_met,") + strlen(",not_met,");
  char stamp[64];
  snprintf(stamp, sizeof(stamp), "%.*s", (int)strcspn(as_of, "\r"), as_of);
  char line[256];
  snprintf(line, sizeof(line), "BROADBAND_CONNECTED,1,2023-2024,DVS1,district,default,2,3,66.67,"
           "100,not_met,%s", stamp);
  ck_csv_line(r->body, line);
  snprintf(line, sizeof(line), "BROADBAND_CONNECTED,1,2023-2024,DVS1,district,lower_secondary,1,"
           "1,100,100,met,%s", stamp);
  ck_csv_line(r->body, line);
  snprintf(line, sizeof(line), "SATELLITE_SITES_HIGH_SPEED,1,2023-2024,DVS1,district,primary,4,6,"
           "66.67,70,not_met,%s", stamp);
  ck_csv_line(r->body, line);
  snprintf(line, sizeof(line), "ONLINE_CURRICULUM_SHARE_SECONDARY,1,2023-2024,DVS1,district,"
           "default,,,8.5,7,met,%s", stamp);
  ck_csv_line(r->body, line);
  snprintf(line, sizeof(line), "OFFICE_DOCS_ONLINE,1,2024,DVS1,district,default,,,99.5,98,met,%s",
           stamp);
  ck_csv_line(r->body, line);
  snprintf(line, sizeof(line), "BROADBAND_CONNECTED,1,2023-2024,DVS1-P2,school,primary,0,1,0,100,"
           "not_met,%s", stamp);
  ck_csv_line(r->body, line);
  snprintf(line, sizeof(line), "BROADBAND_CONNECTED,1,2023-2024,DVS1-P1,school,primary,1,1,100,"
           "100,met,%s", stamp);
  ck_csv_line(r->body, line);
  snprintf(line, sizeof(line), "SATELLITE_SITES_HIGH_SPEED,1,2023-2024,DVS1-P1,school,primary,3,4,"
           "75,70,met,%s", stamp);
  ck_csv_line(r->body, line);
  snprintf(line, sizeof(line), "SCHOOL_DOCS_ONLINE,1,2023-2024,DVS1-L1,school,lower_secondary,,,"
           "100,90,met,%s", stamp);
  ck_csv_line(r->body, line);
  http_free(r);
  /* a province reader: its province's districts, DVS2's 3 rows (district default and primary,
   * its school) after DVS1's 22 */
  r = http("GET", "/v1/exports/figures.csv?period=2024", province_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  lines = 0;
  for (const char *p = r->body; (p = strstr(p, "\r\n")); p += 2)
    lines++;
  ck_assert_uint_eq(lines, 26);
  ck_assert_ptr_null(strstr(r->body, "DVS3"));
  http_free(r);
  /* the school year: no OFFICE_DOCS_ONLINE */
  snprintf(path, sizeof(path), "/v1/exports/figures.csv?period=2023-2024&province=DVSP"
           "&district_id=%s&sep=semicolon", dvs1_id);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_null(strstr(r->body, "OFFICE_DOCS_ONLINE"));
  ck_assert_ptr_nonnull(strstr(r->body, "\r\nBROADBAND_CONNECTED;1;2023-2024;DVS1;district;"));
  http_free(r);
}
END_TEST

START_TEST(figures_csv_scope_and_the_other_exports)
{
  char path[256];
  http_resp *r = http("GET", "/v1/exports/figures.csv", dvs1_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "period"));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/exports/figures.csv?period=2024&district_id=%s", dvs3_id);
  r = http("GET", path, dvs1_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/exports/figures.csv?period=2024&province=DVSQ", province_token, NULL,
           NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("GET", "/v1/exports/figures.csv?period=2024", school_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* the entity exports are unchanged beside it */
  r = http("GET", "/v1/exports/school.csv", dvs1_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, "DVS1-P1"));
  http_free(r);
  r = http("GET", "/v1/exports/school", dvs1_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("GET", "/v1/exports/figures", dvs1_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  /* both export routes match this path: each method is named once */
  r = http("POST", "/v1/exports/figures.csv", dvs1_token, "{}", NULL);
  ck_assert_int_eq(r->status, 405);
  ck_assert_str_eq(http_header(r, "Allow"), "GET, HEAD, OPTIONS");
  http_free(r);
}
END_TEST

/* The link POST /v1/download-links makes for path as token (the path and query with dl=). */
static char *link_to(const char *token, const char *path)
{
  char body[512];
  snprintf(body, sizeof(body), "{\"path\":\"%s\"}", path);
  http_resp *r = http("POST", "/v1/download-links", token, body, NULL);
  ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
  char *url = strdup(JSTR(r->json, "url"));
  http_free(r);
  return url;
}

START_TEST(a_browser_downloads_them_by_a_signed_link)
{
  char *url = link_to(province_token, "/v1/exports/figures.csv?period=2024&sep=semicolon");
  http_resp *r = http("GET", url, NULL, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_ptr_nonnull(strstr(r->body, "\r\nBROADBAND_CONNECTED;1;2023-2024;DVS2;district;"));
  http_free(r);
  free(url);
  url = link_to(dvs1_token, "/v1/dataValueSets?period=2024&orgUnit=DVS1&format=adx");
  r = http("GET", url, NULL, NULL, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_str_eq(http_header(r, "Content-Type"), "application/adx+xml");
  ck_assert_ptr_nonnull(strstr(r->body, "<dataValue dataElement=\"OFFICE_DOCS_ONLINE\" "
                                        "value=\"99.5\"/>"));
  http_free(r);
  free(url);
}
END_TEST

/* The member "code" of the item of list whose code is code, or NULL. */
static json_t *coded(json_t *list, const char *code)
{
  json_t *item;
  size_t i;
  json_array_foreach(list, i, item)
    if (JSTR(item, "code") && strcmp(JSTR(item, "code"), code) == 0)
      return item;
  return NULL;
}

/* Round trip: every code a data value set uses is in the metadata a receiver loads first, and
 * each value fits its data element there: its option combo belongs to the element's category
 * combo (DHIS2 refuses a value of another), its period to the element's period type. */
START_TEST(every_code_used_is_in_the_metadata)
{
  http_resp *r = value_sets(admin_token, "period=2024&orgUnit=DVSP&children=true");
  http_resp *m = http("GET", "/v1/exchange/metadata", admin_token, NULL, NULL);
  json_t *v;
  size_t i, level_values = 0;
  ck_assert_int_eq(m->status, 200);
  ck_assert_uint_eq(n_values(r), 23 + 22 + 3);
  json_array_foreach(json_object_get(r->json, "dataValues"), i, v)
  {
    json_t *de = coded(json_object_get(m->json, "dataElements"), JSTR(v, "dataElement"));
    const char *coc = JSTR(v, "categoryOptionCombo"), *period = JSTR(v, "period");
    ck_assert_msg(de != NULL, "no data element %s", JSTR(v, "dataElement"));
    ck_assert_msg(coded(json_object_get(m->json, "categoryOptionCombos"), coc) != NULL,
                  "no option combo %s", coc);
    ck_assert_msg(coded(json_object_get(m->json, "orgUnits"), JSTR(v, "orgUnit")) != NULL,
                  "no org unit %s", JSTR(v, "orgUnit"));
    if (strcmp(JSTR(de, "categoryCombo"), "default") == 0) {
      ck_assert_msg(strcmp(coc, "default") == 0, "%s: %s", JSTR(v, "dataElement"), coc);
    } else {
      ck_assert_str_eq(JSTR(de, "categoryCombo"), "SCHOOL_LEVEL");
      ck_assert_msg(strncmp(coc, "LEVEL_", 6) == 0, "%s: %s", JSTR(v, "dataElement"), coc);
      level_values++;
    }
    ck_assert_str_eq(JSTR(de, "periodType"), strstr(period, "July") ? "FinancialJuly" : "Yearly");
  }
  ck_assert_uint_eq(level_values, 23 + 22 + 3 - 1); /* all but OFFICE_DOCS_ONLINE's one */
  http_free(m);
  http_free(r);
}
END_TEST

Suite *data_exchange_suite(void)
{
  Suite *s = suite_create("data_exchange");
  TCase *tc = tcase_create("data_exchange");
  tcase_set_timeout(tc, 30);
  tcase_add_unchecked_fixture(tc, make_districts_once, NULL);
  tcase_add_test(tc, district_values_by_hand);
  tcase_add_test(tc, schools_with_children);
  tcase_add_test(tc, a_province_and_its_districts);
  tcase_add_test(tc, last_updated_filters_values);
  tcase_add_test(tc, bad_queries_and_scope);
  tcase_add_test(tc, adx_carries_the_same_values);
  tcase_add_test(tc, figures_csv_long_format);
  tcase_add_test(tc, figures_csv_scope_and_the_other_exports);
  tcase_add_test(tc, a_browser_downloads_them_by_a_signed_link);
  tcase_add_test(tc, every_code_used_is_in_the_metadata);
  suite_add_tcase(s, tc);
  return s;
}
