/* test_validate.c — UTF-8 lengths, UUIDs, codes, RFC 3339, integers, booleans, keys, URLs,
 * e-mail addresses and `code:` references. */
#include <check.h>
#include "src/rules/validate.h"

Suite *validate_suite(void);

START_TEST(utf8_length_counts_code_points)
{
  ck_assert_int_eq(edx_utf8_length(""), 0);
  ck_assert_int_eq(edx_utf8_length("abc"), 3);
  ck_assert_int_eq(edx_utf8_length("Đồng Lê"), 7);       /* Đ ồ n g space L ê */
  ck_assert_int_eq(edx_utf8_length("Hoa\xCC\x81"), 4);   /* a + combining acute = 2 points */
  ck_assert_int_eq(edx_utf8_length("\xF0\x9F\x98\x80"), 1);
  ck_assert_int_eq(edx_utf8_length("tab\there"), 8);
  ck_assert_int_eq(edx_utf8_length("\xC3"), -1);          /* truncated */
  ck_assert_int_eq(edx_utf8_length("\xC0\xAF"), -1);      /* overlong '/' */
  ck_assert_int_eq(edx_utf8_length("\xED\xA0\x80"), -1);  /* surrogate */
  ck_assert_int_eq(edx_utf8_length("bell\x07"), -1);      /* control character */
}
END_TEST

START_TEST(uuid_and_code_shapes)
{
  ck_assert(edx_is_uuid("568b6609-d0ed-476a-95db-9ba6852368f8"));
  ck_assert(edx_is_uuid("568B6609-D0ED-476A-95DB-9BA6852368F8"));
  ck_assert(!edx_is_uuid("568b6609d0ed476a95db9ba6852368f8"));
  ck_assert(!edx_is_uuid("568b6609-d0ed-476a-95db-9ba6852368fg"));
  ck_assert(!edx_is_uuid("568b6609-d0ed-476a-95db-9ba6852368f"));
  ck_assert(!edx_is_uuid(NULL));
  ck_assert(edx_is_code("453"));
  ck_assert(edx_is_code("TH-01.a_b"));
  ck_assert(!edx_is_code(""));
  ck_assert(!edx_is_code("has space"));
  ck_assert(!edx_is_code("Đ1"));
  ck_assert(edx_is_code("12345678901234567890123456789012"));
  ck_assert(!edx_is_code("123456789012345678901234567890123"));
}
END_TEST

START_TEST(rfc3339_accepts_zones_and_fractions_only_when_valid)
{
  ck_assert(edx_is_rfc3339("2024-05-31T08:00:00Z"));
  ck_assert(edx_is_rfc3339("2024-05-31t08:00:00z"));
  ck_assert(edx_is_rfc3339("2024-05-31T08:00:00.123456Z"));
  ck_assert(edx_is_rfc3339("2024-05-31T15:00:00+07:00"));
  ck_assert(edx_is_rfc3339("2024-02-29T00:00:00Z"));      /* leap year */
  ck_assert(!edx_is_rfc3339("2023-02-29T00:00:00Z"));
  ck_assert(!edx_is_rfc3339("1900-02-29T00:00:00Z"));     /* century, not leap */
  ck_assert(edx_is_rfc3339("2000-02-29T00:00:00Z"));
  ck_assert(!edx_is_rfc3339("2024-05-31"));
  ck_assert(!edx_is_rfc3339("2024-05-31 08:00:00Z"));
  ck_assert(!edx_is_rfc3339("2024-05-31T08:00:00"));      /* no zone */
  ck_assert(!edx_is_rfc3339("2024-13-01T00:00:00Z"));
  ck_assert(!edx_is_rfc3339("2024-04-31T00:00:00Z"));
  ck_assert(!edx_is_rfc3339("2024-05-31T24:00:00Z"));
  ck_assert(!edx_is_rfc3339("2024-05-31T08:00:00.Z"));
  ck_assert(!edx_is_rfc3339("2024-05-31T08:00:00+0700"));
  ck_assert(!edx_is_rfc3339("2024-05-31T08:00:00Zjunk"));
}
END_TEST

START_TEST(rfc3339_epoch_applies_offsets)
{
  ck_assert_int_eq(edx_rfc3339_epoch("1970-01-01T00:00:00Z"), 0);
  ck_assert_int_eq(edx_rfc3339_epoch("1970-01-02T00:00:00Z"), 86400);
  ck_assert_int_eq(edx_rfc3339_epoch("1970-01-01T07:00:00+07:00"), 0);
  ck_assert_int_eq(edx_rfc3339_epoch("1969-12-31T23:30:00.999-00:30"), 0);
  ck_assert_int_eq(edx_rfc3339_epoch("2024-05-31T08:00:00Z"), 1717142400);
}
END_TEST

START_TEST(integers_booleans_and_keys)
{
  long v = -7;
  int b = -1;
  ck_assert_int_eq(edx_parse_int("50", 1, 500, &v), 0);
  ck_assert_int_eq(v, 50);
  ck_assert_int_eq(edx_parse_int("0", 1, 500, &v), -1);
  ck_assert_int_eq(edx_parse_int("501", 1, 500, &v), -1);
  ck_assert_int_eq(edx_parse_int("5x", 1, 500, &v), -1);
  ck_assert_int_eq(edx_parse_int(" 5", 1, 500, &v), -1);
  ck_assert_int_eq(edx_parse_int("+5", 1, 500, &v), -1);
  ck_assert_int_eq(edx_parse_int("", 1, 500, &v), -1);
  ck_assert_int_eq(edx_parse_int("99999999999999999999", 0, 10, &v), -1);
  ck_assert_int_eq(v, 50);
  ck_assert_int_eq(edx_parse_bool("true", &b), 0);
  ck_assert_int_eq(b, 1);
  ck_assert_int_eq(edx_parse_bool("false", &b), 0);
  ck_assert_int_eq(b, 0);
  ck_assert_int_eq(edx_parse_bool("1", &b), -1);
  ck_assert_int_eq(edx_parse_bool("True", &b), -1);
  ck_assert(edx_is_idempotency_key("a"));
  ck_assert(edx_is_idempotency_key("9f1c-4b2e:retry#1"));
  ck_assert(!edx_is_idempotency_key(""));
  ck_assert(!edx_is_idempotency_key("with space"));
  ck_assert(!edx_is_idempotency_key("khóa"));
}
END_TEST

START_TEST(urls_and_emails)
{
  ck_assert(edx_is_http_url("https://tuyenhoa.edu.vn/x?y=1", 500));
  ck_assert(edx_is_http_url("http://a", 500));
  ck_assert(!edx_is_http_url("ftp://a", 500));
  ck_assert(!edx_is_http_url("https://", 500));
  ck_assert(!edx_is_http_url("https:///path", 500));
  ck_assert(!edx_is_http_url("https://a b", 500));
  ck_assert(!edx_is_http_url("https://abcdef", 10));
  ck_assert(edx_is_email("c1tienhoa@quangbinh.edu.vn"));
  ck_assert(!edx_is_email("no-at.example.vn"));
  ck_assert(!edx_is_email("a@@b.vn"));
  ck_assert(!edx_is_email("@b.vn"));
  ck_assert(!edx_is_email("a@b"));
  ck_assert(!edx_is_email("a@b."));
  ck_assert(!edx_is_email("a b@c.vn"));
}
END_TEST

START_TEST(references_are_ids_or_codes)
{
  const char *v = NULL;
  ck_assert_int_eq(edx_ref_parse("code:453", &v), EDX_REF_CODE);
  ck_assert_str_eq(v, "453");
  ck_assert_int_eq(edx_ref_parse("568b6609-d0ed-476a-95db-9ba6852368f8", &v), EDX_REF_ID);
  ck_assert_int_eq(edx_ref_parse("code:", &v), EDX_REF_INVALID);
  ck_assert_int_eq(edx_ref_parse("code:a b", &v), EDX_REF_INVALID);
  ck_assert_int_eq(edx_ref_parse("453", &v), EDX_REF_INVALID);
  ck_assert_int_eq(edx_ref_parse(NULL, &v), EDX_REF_INVALID);
}
END_TEST

Suite *validate_suite(void)
{
  Suite *s = suite_create("validate");
  TCase *tc = tcase_create("checks");
  tcase_add_test(tc, utf8_length_counts_code_points);
  tcase_add_test(tc, uuid_and_code_shapes);
  tcase_add_test(tc, rfc3339_accepts_zones_and_fractions_only_when_valid);
  tcase_add_test(tc, rfc3339_epoch_applies_offsets);
  tcase_add_test(tc, integers_booleans_and_keys);
  tcase_add_test(tc, urls_and_emails);
  tcase_add_test(tc, references_are_ids_or_codes);
  suite_add_tcase(s, tc);
  return s;
}
