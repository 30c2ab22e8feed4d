/* test_gzip.c — gzip content coding over real HTTP: large answers (a JSON list, a CSV, the
 * contract, both progress answers, a problem document) come gzip-encoded when asked and inflate
 * (with zlib, here) to exactly the unencoded answer; small answers, gzip;q=0 and no
 * Accept-Encoding stay unencoded; each variant has its own ETag and both get 304; If-Match takes
 * the gzip ETag; Vary lists Accept-Encoding beside Origin. libcurl decodes nothing here (no
 * CURLOPT_ACCEPT_ENCODING): the header is sent by hand and the raw bytes come back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>
#include "testutil.h"

Suite *gzip_suite(void);

#define LIST "/v1/schools?district_id=%s&limit=500"
#define LIST_CSV "/v1/schools.csv?district_id=%s&limit=500"
#define TAG_SIZE 64

/* The demo district's id (the lists below are its 60 schools: about 30 KB of JSON). */
static void demo_district(char id[ID_SIZE])
{
  http_resp *r = http("GET", "/v1/districts/code:453", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  snprintf(id, ID_SIZE, "%s", JSTR(r->json, "id"));
  http_free(r);
}

/* Copies header name of r into out ("" when absent). */
static void header_copy(const http_resp *r, const char *name, char out[TAG_SIZE])
{
  const char *value = http_header(r, name);
  snprintf(out, TAG_SIZE, "%s", value ? value : "");
}

/* The gzip variant of an identity ETag, written out by hand: "-gzip" inside the quotes. */
static void gzip_tag(const char *identity, char out[TAG_SIZE])
{
  ck_assert_uint_eq(strlen(identity), 18);
  snprintf(out, TAG_SIZE, "%.17s-gzip\"", identity);
}

/* GETs path (as token, with header extra or NULL) without and with Accept-Encoding: gzip and
 * asserts that the second is the first gzip-encoded: same status and type, smaller, inflating
 * to the same bytes, Vary listing Accept-Encoding, and, when the answer has an ETag, the gzip
 * variant's. Copies both ETags ("" when none). */
static void ck_gzip_of_identity(const char *path, const char *token, const char *extra,
                                char identity_tag[TAG_SIZE], char gzip_etag[TAG_SIZE])
{
  const char *plain_h[] = {extra, NULL};
  const char *gzip_h[] = {"Accept-Encoding: gzip", extra, NULL};
  http_resp *plain = http("GET", path, token, NULL, plain_h);
  http_resp *gz = http("GET", path, token, NULL, gzip_h);
  char type[TAG_SIZE], expected[TAG_SIZE];
  size_t len;
  char *inflated;
  ck_assert_int_eq(plain->status, 200);
  ck_assert_int_eq(gz->status, 200);
  ck_assert_uint_ge(plain->body_len, 1024); /* large enough to be compressed */
  ck_assert_ptr_null(http_header(plain, "Content-Encoding"));
  ck_assert_str_eq(http_header(gz, "Content-Encoding"), "gzip");
  ck_assert_ptr_nonnull(strstr(http_header(gz, "Vary"), "Accept-Encoding"));
  ck_assert_ptr_nonnull(strstr(http_header(plain, "Vary"), "Accept-Encoding"));
  header_copy(plain, "Content-Type", type);
  ck_assert_str_eq(http_header(gz, "Content-Type"), type);
  ck_assert_uint_lt(gz->body_len, plain->body_len / 3);
  inflated = gunzip(gz->body, gz->body_len, &len);
  ck_assert_uint_eq(len, plain->body_len);
  ck_assert(memcmp(inflated, plain->body, len) == 0);
  header_copy(plain, "ETag", identity_tag);
  header_copy(gz, "ETag", gzip_etag);
  if (identity_tag[0]) {
    gzip_tag(identity_tag, expected);
    ck_assert_str_eq(gzip_etag, expected);
  } else {
    ck_assert_str_eq(gzip_etag, "");
  }
  free(inflated);
  http_free(plain);
  http_free(gz);
}

START_TEST(large_answers_come_gzip_encoded)
{
  char district[ID_SIZE], path[160], identity[TAG_SIZE], gzip[TAG_SIZE];
  demo_district(district);
  snprintf(path, sizeof(path), LIST, district);
  ck_gzip_of_identity(path, admin_token, NULL, identity, gzip);        /* a JSON list */
  snprintf(path, sizeof(path), LIST_CSV, district);
  ck_gzip_of_identity(path, admin_token, NULL, identity, gzip); /* its CSV */
  ck_assert_str_ne(identity, "");
  ck_gzip_of_identity("/v1/openapi.yaml", NULL, NULL, identity, gzip);
  ck_assert_str_eq(identity, ""); /* the contract has no ETag */
  /* over 256 KiB: compressed once and kept, the same again */
  ck_gzip_of_identity("/v1/openapi.yaml", NULL, NULL, identity, gzip);
  ck_gzip_of_identity("/v1/progress?year=2024", admin_token, NULL, identity, gzip);
  ck_gzip_of_identity("/v1/progress.csv?year=2024", admin_token, NULL, identity, gzip);
  ck_gzip_of_identity("/v1/districts/code:453/progress?year=2024", admin_token, NULL, identity,
                      gzip);
  ck_assert_str_ne(identity, "");
}
END_TEST

/* GETs path with the given Accept-Encoding value (NULL: none) and returns whether the answer
 * was gzip-encoded, after checking that an unencoded one is the plain body. */
static int comes_gzipped(const char *path, const char *accept_encoding)
{
  char header[128];
  const char *h[] = {header, NULL};
  http_resp *r;
  int gzipped;
  /* "Name;" is how libcurl sends a header with an empty value */
  if (accept_encoding && !*accept_encoding)
    snprintf(header, sizeof(header), "Accept-Encoding;");
  else
    snprintf(header, sizeof(header), "Accept-Encoding: %s", accept_encoding ? accept_encoding : "");
  r = http("GET", path, admin_token, NULL, accept_encoding ? h : NULL);
  ck_assert_int_lt(r->status, 500);
  ck_assert_ptr_nonnull(strstr(http_header(r, "Vary"), "Accept-Encoding"));
  gzipped = http_header(r, "Content-Encoding") != NULL;
  if (gzipped) {
    ck_assert_str_eq(http_header(r, "Content-Encoding"), "gzip");
    ck_assert_uint_ge(r->body_len, 18);
    ck_assert_int_eq((unsigned char)r->body[0], 0x1f);
    ck_assert_int_eq((unsigned char)r->body[1], 0x8b);
  } else {
    ck_assert_ptr_nonnull(r->json); /* readable as it is */
  }
  http_free(r);
  return gzipped;
}

START_TEST(accept_encoding_decides)
{
  char district[ID_SIZE], path[160];
  demo_district(district);
  snprintf(path, sizeof(path), LIST, district);
  ck_assert(comes_gzipped(path, "gzip"));
  ck_assert(!comes_gzipped(path, NULL));
  ck_assert(!comes_gzipped(path, ""));
  ck_assert(!comes_gzipped(path, "gzip;q=0"));
  ck_assert(!comes_gzipped(path, "identity"));
  ck_assert(!comes_gzipped(path, "br, deflate"));
  ck_assert(!comes_gzipped(path, "gzip;q=0.5, identity"));
  ck_assert(comes_gzipped(path, "GZIP ;\tQ=0.5"));
  ck_assert(comes_gzipped(path, "br;q=1.0, gzip;q=0.8, *;q=0.1"));
  ck_assert(comes_gzipped(path, "*"));
  ck_assert(!comes_gzipped(path, "*, gzip;q=0"));
  /* small answers stay as they are: GET /v1/me, a 404 problem */
  ck_assert(!comes_gzipped("/v1/me", "gzip"));
  ck_assert(!comes_gzipped("/v1/districts/code:nope", "gzip"));
}
END_TEST

/* GETs path with If-None-Match: tag, gzip-accepting or not; asserts 304 with no body and no
 * Content-Encoding, carrying want_tag and Vary: Accept-Encoding. */
static void ck_not_modified(const char *path, const char *extra, const char *tag, int gzip,
                            const char *want_tag)
{
  char inm[TAG_SIZE + 20];
  const char *plain_h[] = {inm, extra, NULL};
  const char *gzip_h[] = {inm, "Accept-Encoding: gzip", extra, NULL};
  http_resp *r;
  snprintf(inm, sizeof(inm), "If-None-Match: %s", tag);
  r = http("GET", path, admin_token, NULL, gzip ? gzip_h : plain_h);
  ck_assert_int_eq(r->status, 304);
  ck_assert_uint_eq(r->body_len, 0);
  ck_assert_ptr_null(http_header(r, "Content-Encoding"));
  ck_assert_str_eq(http_header(r, "ETag"), want_tag);
  ck_assert_ptr_nonnull(strstr(http_header(r, "Vary"), "Accept-Encoding"));
  http_free(r);
}

/* Both variants' ETags of path get 304, whichever variant is asked for, answered with the ETag
 * of the variant the request would get. */
static void ck_both_tags_304(const char *path, const char *extra)
{
  char identity[TAG_SIZE], gzip[TAG_SIZE];
  ck_gzip_of_identity(path, admin_token, extra, identity, gzip);
  ck_assert_str_ne(identity, gzip);
  ck_not_modified(path, extra, identity, 0, identity);
  ck_not_modified(path, extra, gzip, 0, identity);
  ck_not_modified(path, extra, identity, 1, gzip);
  ck_not_modified(path, extra, gzip, 1, gzip);
}

START_TEST(each_variant_has_its_etag_and_both_get_304)
{
  char district[ID_SIZE], path[160];
  demo_district(district);
  snprintf(path, sizeof(path), LIST, district);
  ck_both_tags_304(path, NULL);
  snprintf(path, sizeof(path), LIST_CSV, district);
  ck_both_tags_304(path, NULL);
  /* progress answers come from the answer cache the second time: the same rules */
  ck_both_tags_304("/v1/progress?year=2024", NULL);
  ck_both_tags_304("/v1/progress.csv?year=2024", NULL);
  ck_both_tags_304("/v1/districts/code:453/progress?year=2024", NULL);
}
END_TEST

START_TEST(if_match_takes_the_gzip_etag)
{
  char *d = make_district("GZ-D", "Huyện Nén", "Tỉnh T"), body[4096], path[80];
  char im[TAG_SIZE + 12], gzip_etag[TAG_SIZE];
  const char *gzip_h[] = {"Accept-Encoding: gzip", NULL};
  const char *if_match[] = {im, NULL};
  http_resp *list = http("GET", "/v1/indicators?limit=500", admin_token, NULL, NULL), *r;
  size_t used, i;
  json_t *item;
  /* a plan with a target for every indicator: more than 1 KiB of JSON */
  used = (size_t)snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,"
                          "\"title\":\"Kế hoạch nén\",\"targets\":[", d);
  json_array_foreach(json_object_get(list->json, "items"), i, item)
    used += (size_t)snprintf(body + used, sizeof(body) - used,
                             "%s{\"indicator\":\"%s\",\"comparator\":\">=\",\"target\":%s}",
                             i ? "," : "", JSTR(item, "code"), "50");
  snprintf(body + used, sizeof(body) - used, "]}");
  http_free(list);
  r = http("POST", "/v1/plans", admin_token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  snprintf(path, sizeof(path), "/v1/plans/%s", JSTR(r->json, "id"));
  http_free(r);
  r = http("GET", path, admin_token, NULL, gzip_h);
  ck_assert_str_eq(http_header(r, "Content-Encoding"), "gzip");
  header_copy(r, "ETag", gzip_etag);
  ck_assert_ptr_nonnull(strstr(gzip_etag, "-gzip\""));
  http_free(r);
  /* the gzip ETag is the current one: the change is made */
  snprintf(im, sizeof(im), "If-Match: %s", gzip_etag);
  r = http("PATCH", path, admin_token, "{\"title\":\"Kế hoạch nén mới\"}", if_match);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "title"), "Kế hoạch nén mới");
  http_free(r);
  /* now it is stale: 412, nothing changes */
  r = http("PATCH", path, admin_token, "{\"title\":\"Kế hoạch khác\"}", if_match);
  ck_assert_problem(r, 412, "precondition-failed");
  http_free(r);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "title"), "Kế hoạch nén mới");
  http_free(r);
  free(d);
}
END_TEST

START_TEST(vary_merges_with_origin)
{
  char district[ID_SIZE], path[160];
  const char *cors_gzip[] = {"Origin: https://app.example.org", "Accept-Encoding: gzip", NULL};
  const char *preflight[] = {"Origin: https://app.example.org",
                             "Access-Control-Request-Method: GET", NULL};
  http_resp *r;
  demo_district(district);
  snprintf(path, sizeof(path), LIST, district);
  r = http("GET", path, admin_token, NULL, cors_gzip);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(http_header(r, "Content-Encoding"), "gzip");
  ck_assert_str_eq(http_header(r, "Vary"), "Origin, Accept-Encoding");
  ck_assert_str_eq(http_header(r, "Access-Control-Allow-Origin"), "https://app.example.org");
  http_free(r);
  /* a small answer: not encoded, but it varies all the same */
  r = http("GET", "/v1/me", admin_token, NULL, cors_gzip);
  ck_assert_ptr_null(http_header(r, "Content-Encoding"));
  ck_assert_str_eq(http_header(r, "Vary"), "Origin, Accept-Encoding");
  http_free(r);
  /* a 204 has no body to encode */
  r = http("OPTIONS", path, NULL, NULL, preflight);
  ck_assert_int_eq(r->status, 204);
  ck_assert_str_eq(http_header(r, "Vary"), "Origin");
  http_free(r);
}
END_TEST

START_TEST(head_has_the_headers_of_get)
{
  char district[ID_SIZE], path[160], length[TAG_SIZE], etag[TAG_SIZE];
  const char *gzip_h[] = {"Accept-Encoding: gzip", NULL};
  http_resp *get, *head;
  demo_district(district);
  snprintf(path, sizeof(path), LIST, district);
  get = http("GET", path, admin_token, NULL, gzip_h);
  head = http("HEAD", path, admin_token, NULL, gzip_h);
  ck_assert_int_eq(head->status, 200);
  ck_assert_uint_eq(head->body_len, 0);
  ck_assert_str_eq(http_header(head, "Content-Encoding"), "gzip");
  header_copy(get, "ETag", etag);
  ck_assert_str_eq(http_header(head, "ETag"), etag);
  snprintf(length, sizeof(length), "%zu", get->body_len);
  ck_assert_str_eq(http_header(head, "Content-Length"), length);
  http_free(get);
  http_free(head);
}
END_TEST

START_TEST(large_problem_documents_are_gzip_encoded)
{
  const char *gzip_h[] = {"Accept-Encoding: gzip", NULL};
  char body[8192];
  size_t used = 1, len;
  http_resp *r;
  json_t *doc;
  char *text;
  body[0] = '[';
  for (int i = 0; i < 40; i++) /* forty rows with an unknown level */
    used += (size_t)snprintf(body + used, sizeof(body) - used,
                             "%s{\"code\":\"GZ-%02d\",\"name\":\"Trường %d\","
                             "\"level\":\"college\",\"district_code\":\"453\"}",
                             i ? "," : "", i, i);
  snprintf(body + used, sizeof(body) - used, "]");
  r = http("POST", "/v1/schools/import", admin_token, body, gzip_h);
  ck_assert_int_eq(r->status, 422);
  ck_assert_str_eq(http_header(r, "Content-Type"), "application/problem+json");
  ck_assert_str_eq(http_header(r, "Content-Encoding"), "gzip");
  text = gunzip(r->body, r->body_len, &len);
  doc = json_loadb(text, len, 0, NULL);
  ck_assert_ptr_nonnull(doc);
  ck_assert_str_eq(JSTR(doc, "type"), "urn:edudx:problem:validation-failed");
  ck_assert_uint_eq(json_array_size(json_object_get(doc, "errors")), 40);
  json_decref(doc);
  free(text);
  http_free(r);
  text = sql_value("SELECT count(*) FROM schools WHERE code LIKE 'GZ-%'");
  ck_assert_str_eq(text, "0");
  free(text);
}
END_TEST

Suite *gzip_suite(void)
{
  Suite *s = suite_create("gzip");
  TCase *tc = tcase_create("gzip");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, large_answers_come_gzip_encoded);
  tcase_add_test(tc, accept_encoding_decides);
  tcase_add_test(tc, each_variant_has_its_etag_and_both_get_304);
  tcase_add_test(tc, if_match_takes_the_gzip_etag);
  tcase_add_test(tc, vary_merges_with_origin);
  tcase_add_test(tc, head_has_the_headers_of_get);
  tcase_add_test(tc, large_problem_documents_are_gzip_encoded);
  suite_add_tcase(s, tc);
  return s;
}
