/* test_cursor.c — after= cursors: their text, exact round trips of any key value, and every way
 * a cursor is refused (malformed, another list, another sort, with an offset). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "../b64url.h"
#include "src/rules/cursor.h"

Suite *cursor_suite(void);

static const char *const allowed[] = {"commune", "code", "updated_at", NULL};

/* Params as a request for list with sort (NULL: the default "code") and offset would give. */
static void params(edx_list_params *lp, const char *list, const char *sort, const char *offset)
{
  json_t *errors = json_array();
  ck_assert_int_eq(edx_list_params_parse(lp, NULL, offset, sort, allowed, "code", errors), 0);
  lp->list = list;
  json_decref(errors);
}

/* The message of the only problem in errors, which must be about "after". */
static const char *after_problem(const json_t *errors)
{
  ck_assert_uint_eq(json_array_size(errors), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")),
                   "after");
  return json_string_value(json_object_get(json_array_get(errors, 0), "message"));
}

/* Parses cursor for lp; returns the problem's message, or NULL when it was accepted. */
static char *parse(edx_list_params *lp, const char *cursor)
{
  json_t *errors = json_array();
  char *message = NULL;
  if (edx_cursor_parse(lp, cursor, errors) != 0)
    message = strdup(after_problem(errors));
  else
    ck_assert_uint_eq(json_array_size(errors), 0);
  json_decref(errors);
  return message;
}

START_TEST(text_is_base64url_of_the_payload)
{
  edx_list_params lp;
  json_t *keys = json_pack("[ss]", "x", "1");
  char *cursor;
  params(&lp, "/l", "code", NULL);
  strcpy(lp.sort_text, "a");
  lp.nsort = 1;
  cursor = edx_cursor_make(&lp, keys);
  /* base64url of [1,"/l","a",["x","1"]] without padding, worked out apart from the code */
  ck_assert_str_eq(cursor, "WzEsIi9sIiwiYSIsWyJ4IiwiMSJdXQ");
  free(cursor);
  json_decref(keys);
  params(&lp, "/v1/schools", "-commune,code", NULL);
  ck_assert_ptr_null(parse(&lp, "WzEsIi92MS9zY2hvb2xzIiwiLWNvbW11bmUsY29kZSIsW251bGwsIsSQIiwiNyJdXQ"));
  ck_assert_int_eq(lp.after.nkeys, 3);
  ck_assert_ptr_null(edx_cursor_key(&lp.after, 0));
  ck_assert_str_eq(edx_cursor_key(&lp.after, 1), "Đ");
  ck_assert_str_eq(edx_cursor_key(&lp.after, 2), "7");
  ck_assert_ptr_null(edx_cursor_key(&lp.after, 3));
}
END_TEST

START_TEST(values_round_trip_exactly)
{
  static const char *const texts[] = {
    "2024-05-31 08:00:00.000001+00",              /* a timestamp's microseconds */
    "12345678901234567890.000000000000000000001", /* a numeric beyond any double */
    "a\"b,c&d=e+f/g?h%i#j\\k\nl\tm Đồng Lê 😀 ' < >", /* any character */
    "",
  };
  for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
    edx_list_params lp, back;
    json_t *keys = json_pack("[nss]", texts[t], "3f2b8a6e-0c1d-4e5f-8a9b-0c1d2e3f4a5b");
    char *cursor;
    params(&lp, "/v1/schools", "-commune,code,updated_at", NULL);
    ck_assert_ptr_null(edx_cursor_make(&lp, keys)); /* nsort + 1 keys, or no cursor */
    json_array_insert_new(keys, 1, json_string("second"));
    cursor = edx_cursor_make(&lp, keys);
    ck_assert_ptr_nonnull(cursor);
    ck_assert_uint_eq(strspn(cursor, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789-_"), strlen(cursor));
    params(&back, "/v1/schools", "-commune,code,updated_at", NULL);
    ck_assert_ptr_null(parse(&back, cursor));
    ck_assert_int_eq(back.after.nkeys, 4);
    ck_assert_ptr_null(edx_cursor_key(&back.after, 0));
    ck_assert_str_eq(edx_cursor_key(&back.after, 1), "second");
    ck_assert_str_eq(edx_cursor_key(&back.after, 2), texts[t]);
    ck_assert_str_eq(edx_cursor_key(&back.after, 3), "3f2b8a6e-0c1d-4e5f-8a9b-0c1d2e3f4a5b");
    free(cursor);
    json_decref(keys);
  }
}
END_TEST

START_TEST(no_cursor_is_no_cursor)
{
  edx_list_params lp;
  params(&lp, "/v1/schools", NULL, "40");
  ck_assert_ptr_null(parse(&lp, NULL));
  ck_assert_int_eq(lp.after.nkeys, 0);
}
END_TEST

START_TEST(cursors_of_another_list_or_sort_are_refused)
{
  edx_list_params lp;
  json_t *keys = json_pack("[ss]", "T-01", "3f2b8a6e-0c1d-4e5f-8a9b-0c1d2e3f4a5b");
  char *cursor, *message;
  params(&lp, "/v1/schools", NULL, NULL); /* the default sort, "code" */
  cursor = edx_cursor_make(&lp, keys);
  params(&lp, "/v1/schools", "code", NULL); /* the same sort, named */
  ck_assert_ptr_null(parse(&lp, cursor));
  params(&lp, "/v1/schools", "-code", NULL);
  message = parse(&lp, cursor);
  ck_assert_str_eq(message, "this cursor was made for sort=code; send it with that sort, or "
                            "start again without after");
  free(message);
  ck_assert_int_eq(lp.after.nkeys, 0);
  params(&lp, "/v1/districts", "code", NULL);
  message = parse(&lp, cursor);
  ck_assert_str_eq(message, "this cursor belongs to another list (/v1/schools); start this list "
                            "again without after");
  free(message);
  params(&lp, "/v1/schools", "code", "0"); /* offset=0 may come with a cursor */
  ck_assert_ptr_null(parse(&lp, cursor));
  params(&lp, "/v1/schools", "code", "50");
  message = parse(&lp, cursor);
  ck_assert_str_eq(message, "cannot be combined with a non-zero offset: the cursor already says "
                            "where the page starts");
  free(message);
  free(cursor);
  json_decref(keys);
}
END_TEST


START_TEST(malformed_cursors_are_refused)
{
  static const char *const payloads[] = {
    "not json",
    "{\"a\":1}",
    "[2,\"/v1/schools\",\"code\",[\"T\",\"id\"]]",    /* another version */
    "[1,\"/v1/schools\",\"code\",[\"T\",null]]",      /* no tie-breaker id */
    "[1,\"/v1/schools\",\"code\",[\"T\"]]",           /* one key too few */
    "[1,\"/v1/schools\",\"code\",[\"T\",\"x\",\"id\"]]", /* one key too many for sort=code */
    "[1,\"/v1/schools\",\"code\",[1,\"id\"]]",        /* a number, not a text */
    "[1,\"/v1/schools\",\"code\",[\"T\\u0000\",\"id\"]]", /* NUL */
    "[1,\"/v1/schools\",\"code\",[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]]",
    "[1,\"/v1/schools\",\"code\",\"T\"]",
    "[1,\"/v1/schools\",\"code\",[\"T\",\"id\"],5]",
    "[1,\"/v1/schools\",7,[\"T\",\"id\"]]",
  };
  edx_list_params lp;
  char *message, *big;
  for (size_t i = 0; i < sizeof(payloads) / sizeof(payloads[0]); i++) {
    char *cursor = b64(payloads[i]);
    params(&lp, "/v1/schools", "code", NULL);
    message = parse(&lp, cursor);
    ck_assert_msg(message != NULL, "accepted %s", payloads[i]);
    ck_assert_str_eq(message, EDX_CURSOR_NOT_OURS);
    free(message);
    free(cursor);
  }
  /* not base64url: other characters, padding, a lone last character, unused bits set */
  static const char *const texts[] = {"WzEs+Ii9s", "WzEsIi9sIiwiYSIsWyJ4IiwiMSJdXQ==", "WzEsI",
                                      "WzEsIi9sIiwiYSIsWyJ4IiwiMSJdXR", ""};
  for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
    params(&lp, "/l", "code", NULL);
    message = parse(&lp, texts[i]);
    ck_assert_msg(message != NULL, "accepted %s", texts[i]);
    ck_assert_str_eq(message, EDX_CURSOR_NOT_OURS); /* not "made for sort=a" */
    free(message);
  }
  big = malloc(EDX_CURSOR_MAX_CHARS + 2);
  memset(big, 'A', EDX_CURSOR_MAX_CHARS + 1);
  big[EDX_CURSOR_MAX_CHARS + 1] = '\0';
  message = parse(&lp, big);
  ck_assert_ptr_nonnull(message);
  free(message);
  free(big);
}
END_TEST

START_TEST(keys_too_long_to_read_back_make_no_cursor)
{
  edx_list_params lp;
  char *text = malloc(EDX_CURSOR_TEXT_MAX);
  json_t *keys;
  memset(text, 'x', EDX_CURSOR_TEXT_MAX - 1);
  text[EDX_CURSOR_TEXT_MAX - 1] = '\0';
  keys = json_pack("[ss]", text, "1");
  params(&lp, "/l", "code", NULL);
  ck_assert_ptr_null(edx_cursor_make(&lp, keys));
  json_decref(keys);
  keys = json_pack("[sn]", "T", NULL); /* no id */
  ck_assert_ptr_null(edx_cursor_make(&lp, keys));
  json_decref(keys);
  free(text);
}
END_TEST

Suite *cursor_suite(void)
{
  Suite *s = suite_create("cursor");
  TCase *tc = tcase_create("cursor");
  tcase_add_test(tc, text_is_base64url_of_the_payload);
  tcase_add_test(tc, values_round_trip_exactly);
  tcase_add_test(tc, no_cursor_is_no_cursor);
  tcase_add_test(tc, cursors_of_another_list_or_sort_are_refused);
  tcase_add_test(tc, malformed_cursors_are_refused);
  tcase_add_test(tc, keys_too_long_to_read_back_make_no_cursor);
  suite_add_tcase(s, tc);
  return s;
}
