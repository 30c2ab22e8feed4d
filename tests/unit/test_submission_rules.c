/* test_submission_rules.c — period reports: every move from every state, the creation's fields,
 * lateness at the edges of Vietnam's day, and the deadlines' body. */
#include <check.h>
#include <string.h>
#include "src/rules/submission_rules.h"

Suite *submission_rules_suite(void);

START_TEST(moves_from_every_state)
{
  static const char *const states[] = {"draft", "submitted", "accepted", "returned",
                                       "superseded"};
  /* expected next state per move (submit, accept, return) and state; NULL: 409 */
  static const char *const next[3][5] = {
    {"submitted", NULL, NULL, NULL, NULL},
    {NULL, "accepted", NULL, NULL, NULL},
    {NULL, "returned", NULL, NULL, NULL},
  };
  for (int m = 0; m < 3; m++)
    for (int s = 0; s < 5; s++) {
      const char *got = edx_submission_next_state((edx_submission_move)m, states[s]);
      if (next[m][s])
        ck_assert_str_eq(got, next[m][s]);
      else
        ck_assert_msg(got == NULL, "%s from %s gave %s",
                      edx_submission_move_name((edx_submission_move)m), states[s], got);
    }
  ck_assert_ptr_null(edx_submission_next_state(EDX_SUBMISSION_SUBMIT, NULL));
  ck_assert_str_eq(edx_submission_move_name(EDX_SUBMISSION_RETURN), "return");
  ck_assert(edx_submission_sent("submitted"));
  ck_assert(edx_submission_sent("accepted"));
  ck_assert(edx_submission_sent("returned"));
  ck_assert(!edx_submission_sent("draft"));
  ck_assert(!edx_submission_sent("superseded"));
  ck_assert_uint_eq(sizeof(states) / sizeof(states[0]), 5);
  for (int s = 0; s < 5; s++)
    ck_assert_str_eq(edx_submission_states[s], states[s]);
  ck_assert_ptr_null(edx_submission_states[5]);
}
END_TEST

START_TEST(creation_fields)
{
  json_t *errors = json_array();
  json_t *ok = json_pack("{s:s,s:s,s:s,s:s}", "period", "2023-2024", "title", "Báo cáo",
                         "document_number", "12/BC-PGDĐT", "signed_by", "Nguyễn Văn A");
  json_t *bad = json_pack("{s:s,s:s,s:s}", "period", "2024-2026", "title", "",
                          "document_number", "1");
  ck_assert_int_eq(edx_fields_check_create(ok, edx_submission_fields, errors), 0);
  ck_assert_int_eq(edx_fields_check_create(bad, edx_submission_fields, errors), 3);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")),
                   "period");
  ck_assert(edx_is_period_code("2024"));
  ck_assert(!edx_is_period_code("24"));
  ck_assert(!edx_is_period_code(NULL));
  json_decref(ok);
  json_decref(bad);
  json_decref(errors);
}
END_TEST

/* 2024-12-15T16:59:59Z is 23:59:59 on 15 December in Vietnam; 17:00:00Z is 16 December. */
START_TEST(late_in_vietnams_date)
{
  const long long last_second = 1734281999LL; /* 2024-12-15T16:59:59Z */
  const long long next_day = 1734282000LL;    /* 2024-12-15T17:00:00Z */
  ck_assert(!edx_submission_late("2024-12-15", last_second, next_day + 86400 * 30));
  ck_assert(edx_submission_late("2024-12-15", next_day, next_day));
  /* none submitted: late once the day has passed in Vietnam */
  ck_assert(!edx_submission_late("2024-12-15", -1, last_second));
  ck_assert(edx_submission_late("2024-12-15", -1, next_day));
  /* no deadline: never late */
  ck_assert(!edx_submission_late(NULL, -1, next_day));
  ck_assert(!edx_submission_late("not a date", next_day, next_day));
}
END_TEST

static int check(const char *text, json_t *errors)
{
  json_t *body = json_loads(text, 0, NULL);
  int n;
  ck_assert_ptr_nonnull(body);
  n = edx_submission_deadlines_check(body, errors);
  json_decref(body);
  return n;
}

static const char *field_at(const json_t *errors, size_t i)
{
  return json_string_value(json_object_get(json_array_get(errors, i), "field"));
}

START_TEST(deadlines_body)
{
  json_t *errors = json_array();
  ck_assert_int_eq(check("{\"deadlines\":[{\"province_code\":null,\"due\":\"2024-12-15\"},"
                         "{\"province_code\":\"44\",\"due\":\"2024-12-20\"}]}", errors), 0);
  ck_assert_int_eq(check("{\"deadlines\":[]}", errors), 0);
  ck_assert_int_eq(check("{}", errors), 1);
  ck_assert_str_eq(field_at(errors, 0), "deadlines");
  json_array_clear(errors);
  ck_assert_int_eq(check("{\"deadlines\":[{\"due\":\"2024-02-30\"},{\"province_code\":\"44\","
                         "\"due\":\"2024-12-01\",\"x\":1},{\"province_code\":\"44\","
                         "\"due\":\"2024-12-02\"},{\"due\":\"2024-12-03\"}],\"y\":2}", errors), 5);
  ck_assert_str_eq(field_at(errors, 0), "y");
  ck_assert_str_eq(field_at(errors, 1), "deadlines[0].due");
  ck_assert_str_eq(field_at(errors, 2), "deadlines[1].x");
  ck_assert_str_eq(field_at(errors, 3), "deadlines[2].province_code");
  ck_assert_str_eq(field_at(errors, 4), "deadlines[3].province_code");
  json_decref(errors);
}
END_TEST

Suite *submission_rules_suite(void)
{
  Suite *s = suite_create("submission_rules");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, moves_from_every_state);
  tcase_add_test(tc, creation_fields);
  tcase_add_test(tc, late_in_vietnams_date);
  tcase_add_test(tc, deadlines_body);
  suite_add_tcase(s, tc);
  return s;
}
