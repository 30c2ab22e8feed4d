/* test_calendars.c — the working calendar: the seeded 2025 (Tết, a worked Saturday), due dates
 * counted against it, a changed year moving the open dossiers whose due dates were counted (and
 * not one set by hand), and who may change it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

Suite *calendars_suite(void);

/* The day a calendar marks, or NULL. */
static const json_t *day_of(const http_resp *r, const char *date)
{
  size_t i;
  json_t *d;
  json_array_foreach(json_object_get(r->json, "days"), i, d)
    if (strcmp(JSTR(d, "date"), date) == 0)
      return d;
  return NULL;
}

/* The dossier's due_at (into out). */
static void due_of(const char *id, char *out, size_t len)
{
  char path[96];
  snprintf(path, sizeof(path), "/v1/dossiers/%s", id);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  snprintf(out, len, "%s", JSTR(r->json, "due_at"));
  http_free(r);
}

/* PUTs the 2025 calendar: days (JSON array text). */
static http_resp *put_2025(const char *token, const char *days)
{
  char *body = malloc(strlen(days) + 16);
  sprintf(body, "{\"days\":%s}", days);
  http_resp *r = http("PUT", "/v1/calendars/vn/2025", token, body, NULL);
  free(body);
  return r;
}

START_TEST(seeded_2025_and_bad_paths)
{
  http_resp *r = http("GET", "/v1/calendars/vn/2025", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "country"), "vn");
  ck_assert_int_eq(JINT(r->json, "year"), 2025);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "days")), 13);
  ck_assert_str_eq(JSTR(day_of(r, "2025-01-27"), "kind"), "day_off");
  ck_assert_str_eq(JSTR(day_of(r, "2025-01-27"), "name"), "Tết Nguyên đán");
  ck_assert_str_eq(JSTR(day_of(r, "2025-04-26"), "kind"), "working_day");
  ck_assert_str_eq(JSTR(day_of(r, "2025-04-26"), "status"), "announced");
  ck_assert_ptr_null(day_of(r, "2025-01-24"));
  http_free(r);
  r = http("GET", "/v1/calendars/vn/2031", admin_token, NULL, NULL); /* nothing known: weekends */
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "days")), 0);
  http_free(r);
  r = http("GET", "/v1/calendars/us/2025", admin_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  r = http("GET", "/v1/calendars/vn/1999", admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "year"));
  http_free(r);
}
END_TEST

START_TEST(due_dates_follow_the_calendar_and_move_with_it)
{
  char *d = make_district("CAL-D", "Huyện Lịch", "Tỉnh T"), due[64];
  char *p = new_procedure(d, "CAL-P1", "Thủ tục năm ngày", ",\"statutory_days\":5");
  /* received Friday 24 January 2025, 09:00 in Vietnam; 5 working days past Tết (27-31 January
   * off): 3, 4, 5, 6, 7 February → Friday 7 February, 09:00 (weekends only gave 31 January) */
  char *counted = new_dossier(d, p, "CAL-1", "online", "2025-01-24T09:00:00+07:00", "");
  char *by_hand = new_dossier(d, p, "CAL-2", "online", "2025-01-24T09:00:00+07:00",
                              ",\"due_at\":\"2025-02-03T02:00:00Z\"");
  due_of(counted, due, sizeof(due));
  ck_assert_msg(strncmp(due, "2025-02-07T02:00:00", 19) == 0, "%s", due);
  /* a day off added on 7 February: the counted due date moves to Monday 10 February; the one
   * set by hand stays */
  http_resp *before = http("GET", "/v1/calendars/vn/2025", admin_token, NULL, NULL);
  json_t *days = json_deep_copy(json_object_get(before->json, "days"));
  json_array_append_new(days, json_pack("{s:s,s:s,s:s,s:s}", "date", "2025-02-07", "kind",
                                        "day_off", "name", "Nghỉ bù (thử)", "status", "assumed"));
  char *text = json_dumps(days, JSON_COMPACT);
  http_resp *r = put_2025(admin_token, text);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "days")), 14);
  ck_assert_int_ge(JINT(r->json, "dossiers_rescheduled"), 1);
  http_free(r);
  due_of(counted, due, sizeof(due));
  ck_assert_msg(strncmp(due, "2025-02-10T02:00:00", 19) == 0, "%s", due);
  due_of(by_hand, due, sizeof(due));
  ck_assert_msg(strncmp(due, "2025-02-03T02:00:00", 19) == 0, "%s", due);
  /* the calendar as it was: the counted due date comes back */
  free(text);
  text = json_dumps(json_object_get(before->json, "days"), JSON_COMPACT);
  r = put_2025(admin_token, text);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "days")), 13);
  http_free(r);
  due_of(counted, due, sizeof(due));
  ck_assert_msg(strncmp(due, "2025-02-07T02:00:00", 19) == 0, "%s", due);
  free(text);
  json_decref(days);
  http_free(before);
  free(counted);
  free(by_hand);
  free(p);
  free(d);
}
END_TEST

START_TEST(only_admins_change_it_and_bad_days_change_nothing)
{
  char *d = make_district("CAL-D2", "Huyện Lịch Hai", "Tỉnh T");
  char *token = mint_scoped("district", "district_id", d);
  const char *one = "[{\"date\":\"2025-03-03\",\"kind\":\"day_off\",\"name\":\"x\","
                    "\"status\":\"assumed\"}]";
  http_resp *r = put_2025(token, one);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = put_2025(admin_token, "[{\"date\":\"2024-03-03\",\"kind\":\"day_off\",\"name\":\"x\","
                            "\"status\":\"assumed\"},{\"date\":\"2025-03-04\",\"kind\":\"holiday\","
                            "\"name\":\"x\",\"status\":\"assumed\"}]");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "days[0].date"));
  ck_assert(problem_names_field(r, "days[1].kind"));
  http_free(r);
  r = http("GET", "/v1/calendars/vn/2025", token, NULL, NULL); /* any token reads; unchanged */
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "days")), 13);
  http_free(r);
  free(token);
  free(d);
}
END_TEST

Suite *calendars_suite(void)
{
  Suite *s = suite_create("calendars");
  TCase *tc = tcase_create("calendars");
  tcase_add_test(tc, seeded_2025_and_bad_paths);
  tcase_add_test(tc, due_dates_follow_the_calendar_and_move_with_it);
  tcase_add_test(tc, only_admins_change_it_and_bad_days_change_nothing);
  suite_add_tcase(s, tc);
  return s;
}
