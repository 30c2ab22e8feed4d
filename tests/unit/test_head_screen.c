/* test_head_screen.c — a connection's first request head judged from its bytes: what passes,
 * what needs more, and each refusal with its status, field and detail. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/head_screen.h"

Suite *head_screen_suite(void);

/* Small limits so that tests can reach them: a request line of 40 bytes, a head of 120, 3
 * header fields. */
static const edx_head_limits small = {.line_max = 40, .head_max = 120, .fields_max = 3};

static edx_head_screen judge(const char *text)
{
  edx_head_screen s;
  edx_head_judge(text, strlen(text), &small, &s);
  return s;
}

static void ck_refused(const char *text, int status, const char *field, const char *detail)
{
  edx_head_screen s = judge(text);
  ck_assert_int_eq(s.verdict, EDX_HEAD_REFUSE);
  ck_assert_int_eq(s.status, status);
  ck_assert_str_eq(s.field, field);
  ck_assert_str_eq(s.detail, detail);
}

START_TEST(a_whole_head_passes_and_says_its_length)
{
  /* 17 + 9 + 2 = 28 bytes of head, then a body */
  const char *text = "GET /x HTTP/1.1\r\nHost: t\r\n\r\nbody";
  edx_head_screen s = judge(text);
  ck_assert_int_eq(s.verdict, EDX_HEAD_PASS);
  ck_assert_int_eq(s.line_done, 1);
  ck_assert_uint_eq(s.head_len, 28);
  /* bare LFs, empty lines before the request line, HTTP/1.0 without Host, an empty value */
  s = judge("\r\n\nPOST /a?b=c HTTP/1.0\nX-Empty:\nContent-Length: 12\n\n");
  ck_assert_int_eq(s.verdict, EDX_HEAD_PASS);
  ck_assert_uint_eq(s.head_len, 3 + 21 + 9 + 19 + 1);
  /* the same Content-Length twice, with white space around it */
  s = judge("POST / HTTP/1.1\r\nhost: t\r\nContent-Length: 7 \r\ncontent-length:\t7\r\n\r\n");
  ck_assert_int_eq(s.verdict, EDX_HEAD_PASS);
}
END_TEST

START_TEST(a_head_not_all_in_needs_more)
{
  edx_head_screen s = judge("GET /x HT");
  ck_assert_int_eq(s.verdict, EDX_HEAD_MORE);
  ck_assert_int_eq(s.line_done, 0);
  s = judge("GET /x HTTP/1.1\r\nHost: t\r\n");
  ck_assert_int_eq(s.verdict, EDX_HEAD_MORE);
  ck_assert_int_eq(s.line_done, 1);
  s = judge("GET /x HTTP/1.1\r\nHost: t\r\n\r");
  ck_assert_int_eq(s.verdict, EDX_HEAD_MORE);
  s = judge("");
  ck_assert_int_eq(s.verdict, EDX_HEAD_MORE);
  s = judge("\r\n\r\n");
  ck_assert_int_eq(s.verdict, EDX_HEAD_MORE);
  /* a CR whose LF has not come yet is not judged before its LF, so that what a prefix refuses
   * stays refused (fuzz_head's invariant): an empty line, the end of a request line at the
   * limit */
  s = judge("\r\n\r");
  ck_assert_int_eq(s.verdict, EDX_HEAD_MORE);
  ck_assert_int_eq(judge("\r\n\r\nGET / HTTP/1.0\r\n\r\n").verdict, EDX_HEAD_PASS);
  char line[64];
  snprintf(line, sizeof(line), "GET /%026d HTTP/1.0\r", 0); /* 40 bytes and the CR */
  ck_assert_int_eq(judge(line).verdict, EDX_HEAD_MORE);
}
END_TEST

/* A first line that is not a request line is refused at its first wrong byte: a TLS hello
 * needs no line end to be told apart. */
START_TEST(what_is_not_http_is_400)
{
  const char *not_http =
    "the request does not begin with an HTTP/1 request line (method, target, version)";
  const char *malformed = "the request line is not <method> <target> HTTP/<major>.<minor>";
  ck_refused("\x16\x03\x01\x02", 400, "request-line", not_http);
  ck_refused(" GET / HTTP/1.1\r\n", 400, "request-line", not_http);
  ck_refused("GE(T / HTTP/1.1\r\n", 400, "request-line", not_http);
  ck_refused("HELLO\r\n\r\n", 400, "request-line", malformed);
  ck_refused("GET /x\r\n\r\n", 400, "request-line", malformed);               /* HTTP/0.9 */
  ck_refused("GET  HTTP/1.1\r\n\r\n", 400, "request-line", malformed);        /* no target */
  ck_refused("GET / http/1.1\r\n\r\n", 400, "request-line", malformed);
  ck_refused("GET / HTTP/1.10\r\n\r\n", 400, "request-line", malformed);
  ck_refused("GET / HTTP/1\r\n\r\n", 400, "request-line", malformed);
  char empty[130] = "";
  for (int i = 0; i < 61; i++) /* 122 bytes of empty lines: over the head's 120 */
    strcat(empty, "\r\n");
  ck_refused(empty, 400, "request-line", "the request sent only empty lines, no request line");
}
END_TEST

START_TEST(other_versions_are_505)
{
  ck_refused("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "request-line",
             "HTTP/2.0 is not supported: this server speaks HTTP/1.0 and HTTP/1.1");
  ck_refused("GET / HTTP/0.9\r\n\r\n", 505, "request-line",
             "HTTP/0.9 is not supported: this server speaks HTTP/1.0 and HTTP/1.1");
  /* HTTP/1.9 is a later HTTP/1 (RFC 9110 §2.5): taken as 1.1, Host required */
  ck_refused("GET / HTTP/1.9\r\n\r\n", 400, "Host", "an HTTP/1.1 request needs a Host header");
}
END_TEST

START_TEST(a_long_request_line_is_414_even_before_it_ends)
{
  char line[64];
  /* "GET /" and 36 bytes: 41, one over the limit, and the line end has not come */
  snprintf(line, sizeof(line), "GET /%036d", 0);
  ck_assert_uint_eq(strlen(line), 41);
  ck_refused(line, 414, "request-line", "the request line is longer than 40 bytes");
  /* "GET /", 26 bytes and " HTTP/1.0": exactly 40 passes */
  snprintf(line, sizeof(line), "GET /%026d HTTP/1.0\r\n\r\n", 0);
  ck_assert_int_eq(judge(line).verdict, EDX_HEAD_PASS);
}
END_TEST

START_TEST(a_large_head_is_431)
{
  /* 16 + 3 fields of 32 bytes = 112; 13 more bytes of a fourth line make 125 > 120 */
  char text[256] = "GET / HTTP/1.0\r\n";
  for (int i = 0; i < 3; i++)
    strcat(text, "X-Field: aaaaaaaaaaaaaaaaaaaaa\r\n");
  ck_assert_uint_eq(strlen(text), 112);
  strcat(text, "X-Other-Field");
  ck_refused(text, 431, "headers", "the request head is larger than 120 bytes");
  /* a head that ends past the limit is refused too: 16 + 3 x 35 + 2 = 123 */
  strcpy(text, "GET / HTTP/1.0\r\n");
  for (int i = 0; i < 3; i++)
    strcat(text, "X-Field: aaaaaaaaaaaaaaaaaaaaaaaa\r\n");
  strcat(text, "\r\n");
  ck_assert_uint_eq(strlen(text), 123);
  ck_refused(text, 431, "headers", "the request head is larger than 120 bytes");
  /* a fourth field is one too many */
  ck_refused("GET / HTTP/1.0\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4\r\n\r\n", 431, "headers",
             "the request has more than 3 header fields");
  ck_assert_int_eq(judge("GET / HTTP/1.0\r\na: 1\r\nb: 2\r\nc: 3\r\n\r\n").verdict,
                   EDX_HEAD_PASS);
}
END_TEST

START_TEST(header_lines_must_be_fields)
{
  ck_refused("GET / HTTP/1.1\r\nHost: t\r\nBogus\r\n\r\n", 400, "headers",
             "header line 2 has no colon");
  ck_refused("GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400, "headers",
             "header line 1 has a field name that is not a token (white space or a separator "
             "before its colon)");
  ck_refused("GET / HTTP/1.1\r\n: t\r\n\r\n", 400, "headers",
             "header line 1 has a field name that is not a token (white space or a separator "
             "before its colon)");
  ck_refused("GET / HTTP/1.1\r\nHost: t\r\nX-A: 1\r\n  more\r\n\r\n", 400, "headers",
             "header line 3 begins with white space (folded lines are not taken)");
}
END_TEST

START_TEST(host_exactly_once_in_http_1_1)
{
  edx_head_screen s;
  ck_refused("GET / HTTP/1.1\r\n\r\n", 400, "Host", "an HTTP/1.1 request needs a Host header");
  ck_refused("GET / HTTP/1.1\r\nHost: a\r\nHOST: b\r\n\r\n", 400, "Host",
             "the request has 2 Host headers; one is allowed");
  s = judge("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  ck_assert_str_eq(s.detail, "");
  ck_assert_int_eq(s.verdict, EDX_HEAD_PASS);
}
END_TEST

START_TEST(content_length_is_a_number)
{
  ck_refused("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n", 400, "Content-Length",
             "Content-Length must be a number of bytes, not 'abc'");
  ck_refused("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", 400, "Content-Length",
             "Content-Length must be a number of bytes, not '-1'");
  ck_refused("POST / HTTP/1.1\r\nHost: t\r\nContent-Length:\r\n\r\n", 400, "Content-Length",
             "Content-Length must be a number of bytes, not ''");
  ck_refused("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\"2\r\n\r\n", 400,
             "Content-Length", "Content-Length must be a number of bytes, not '1?2'");
  /* 2^64 - 1 is the largest a 64-bit count holds; one more is too large */
  edx_head_limits roomy = small;
  roomy.head_max = 200;
  edx_head_screen s;
  const char *max = "POST / HTTP/1.0\r\nContent-Length: 18446744073709551615\r\n\r\n";
  edx_head_judge(max, strlen(max), &roomy, &s);
  ck_assert_int_eq(s.verdict, EDX_HEAD_PASS);
  const char *over = "POST / HTTP/1.0\r\nContent-Length: 18446744073709551616\r\n\r\n";
  edx_head_judge(over, strlen(over), &roomy, &s);
  ck_assert_int_eq(s.verdict, EDX_HEAD_REFUSE);
  ck_assert_int_eq(s.status, 413);
  ck_assert_str_eq(s.detail,
                   "Content-Length 18446744073709551616 is larger than any body this server reads");
  ck_refused("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400,
             "Content-Length",
             "the request has two Content-Length headers that disagree (5 and 6)");
}
END_TEST

START_TEST(transfer_encoding_is_chunked_alone)
{
  edx_head_screen s = judge("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: Chunked\r\n\r\n");
  ck_assert_int_eq(s.verdict, EDX_HEAD_PASS);
  ck_refused("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 400,
             "Transfer-Encoding", "Transfer-Encoding must be chunked, once, not 'gzip'");
  ck_refused("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n", 400,
             "Transfer-Encoding", "Transfer-Encoding must be chunked, once, not 'gzip, chunked'");
  ck_refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
             400, "Transfer-Encoding", "Transfer-Encoding must be chunked, once, not 'chunked'");
  ck_refused("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
             "Transfer-Encoding: chunked\r\n\r\n", 400, "Content-Length",
             "the request has both Content-Length and Transfer-Encoding; send one");
}
END_TEST

/* Whatever the bytes, the judgment ends within them and, given head_max + 1 bytes, is never
 * "more". */
START_TEST(any_bytes_get_an_answer_at_the_limit)
{
  char buf[121];
  unsigned seed = 7;
  for (int round = 0; round < 2000; round++) {
    edx_head_screen s;
    for (size_t i = 0; i < sizeof(buf); i++) {
      seed = seed * 1103515245u + 12345u;
      buf[i] = "GET / HTTP/1.1\r\n:Hh \t"[(seed >> 16) % 21];
    }
    edx_head_judge(buf, sizeof(buf), &small, &s);
    ck_assert_int_ne(s.verdict, EDX_HEAD_MORE);
  }
}
END_TEST

Suite *head_screen_suite(void)
{
  Suite *s = suite_create("head_screen");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, a_whole_head_passes_and_says_its_length);
  tcase_add_test(tc, a_head_not_all_in_needs_more);
  tcase_add_test(tc, what_is_not_http_is_400);
  tcase_add_test(tc, other_versions_are_505);
  tcase_add_test(tc, a_long_request_line_is_414_even_before_it_ends);
  tcase_add_test(tc, a_large_head_is_431);
  tcase_add_test(tc, header_lines_must_be_fields);
  tcase_add_test(tc, host_exactly_once_in_http_1_1);
  tcase_add_test(tc, content_length_is_a_number);
  tcase_add_test(tc, transfer_encoding_is_chunked_alone);
  tcase_add_test(tc, any_bytes_get_an_answer_at_the_limit);
  suite_add_tcase(s, tc);
  return s;
}
