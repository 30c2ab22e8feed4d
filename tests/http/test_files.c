/* test_files.c — evidence files over HTTP: a round trip byte for byte (the SHA-256 computed
 * here), a Vietnamese name in and out, 20 MiB taken and 20 MiB + 1 byte refused (declared, and
 * chunked) with the server serving on, the magic checked against the declared type, who reads a
 * file before and after it is attached, the sweep of files attached to nothing, a district's
 * quota, the audit row of an upload, and files attached to report values, assessment answers
 * and task assignments (each refused when the writer may not attach it). */
#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "raw.h"
#include "testutil.h"

Suite *files_suite(void);

#define MIB (1024 * 1024)
#define PDF_TEXT "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

/* The SHA-256 of len bytes as hex, into out (65 bytes). */
static void sha256_of(const void *bytes, size_t len, char *out)
{
  unsigned char digest[32];
  ck_assert_int_eq(gnutls_hash_fast(GNUTLS_DIG_SHA256, bytes, len, digest), 0);
  for (int i = 0; i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* POSTs len bytes to /v1/files as token, with Content-Type type and Content-Disposition
 * disposition (NULL: none). */
static http_resp *upload(const char *token, const char *type, const char *disposition,
                         const void *bytes, size_t len)
{
  char type_line[160], disposition_line[600];
  const char *headers[3] = {type_line, NULL, NULL};
  snprintf(type_line, sizeof(type_line), "Content-Type: %s", type);
  if (disposition) {
    snprintf(disposition_line, sizeof(disposition_line), "Content-Disposition: %s", disposition);
    headers[1] = disposition_line;
  }
  return http_raw("POST", "/v1/files", token, bytes, len, headers);
}

/* Uploads the small PDF as token; asserts 201; its id into id. */
static void upload_pdf(const char *token, const char *name, char *id)
{
  char disposition[300];
  snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"", name);
  http_resp *r = upload(token, "application/pdf", disposition, PDF_TEXT, strlen(PDF_TEXT));
  ck_assert_int_eq(r->status, 201);
  snprintf(id, ID_SIZE, "%s", JSTR(r->json, "id"));
  http_free(r);
}

/* The status of GET /v1/files/<id><suffix> as token. */
static long status_of(const char *id, const char *suffix, const char *token)
{
  char path[128];
  snprintf(path, sizeof(path), "/v1/files/%s%s", id, suffix);
  http_resp *r = http("GET", path, token, NULL, NULL);
  long status = r->status;
  http_free(r);
  return status;
}

START_TEST(a_round_trip_byte_for_byte_with_a_vietnamese_name)
{
  char *d = make_district("FL-RT", "Huyện Tệp", "Tỉnh T"), token_id[ID_SIZE], sha[65],
       path[128], body[200], etag[80];
  snprintf(body, sizeof(body), "{\"role\":\"district\",\"district_id\":\"%s\",\"label\":\"vp\"}",
           d);
  char *token = mint_token(admin_token, body, token_id);
  sha256_of(PDF_TEXT, strlen(PDF_TEXT), sha);
  /* RFC 6266 / 5987: the UTF-8 name percent-encoded, an ASCII one beside it */
  http_resp *r = upload(token, "application/pdf",
                        "attachment; filename=\"Bien ban kiem tra.pdf\"; filename*=UTF-8''"
                        "Bi%C3%AAn%20b%E1%BA%A3n%20ki%E1%BB%83m%20tra.pdf",
                        PDF_TEXT, strlen(PDF_TEXT));
  ck_assert_int_eq(r->status, 201);
  ck_assert_str_eq(JSTR(r->json, "filename"), "Biên bản kiểm tra.pdf");
  ck_assert_str_eq(JSTR(r->json, "content_type"), "application/pdf");
  ck_assert_int_eq(JINT(r->json, "size"), (long long)strlen(PDF_TEXT));
  ck_assert_str_eq(JSTR(r->json, "sha256"), sha);
  ck_assert_str_eq(JSTR(r->json, "district_id"), d);
  ck_assert(json_is_false(json_object_get(r->json, "attached")));
  json_t *by = json_object_get(r->json, "created_by");
  ck_assert_str_eq(JSTR(by, "token_id"), token_id);
  ck_assert_str_eq(JSTR(by, "role"), "district");
  ck_assert_str_eq(JSTR(by, "label"), "vp");
  char id[ID_SIZE];
  snprintf(id, sizeof(id), "%s", JSTR(r->json, "id"));
  snprintf(path, sizeof(path), "/v1/files/%s", id);
  ck_assert_str_eq(http_header(r, "Location"), path);
  http_free(r);

  r = http("GET", path, token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(r->body_len, strlen(PDF_TEXT));
  ck_assert_int_eq(memcmp(r->body, PDF_TEXT, r->body_len), 0);
  ck_assert_str_eq(http_header(r, "Content-Type"), "application/pdf");
  ck_assert_str_eq(http_header(r, "Content-Disposition"),
                   "attachment; filename=\"Bien ban kiem tra.pdf\"; filename*=UTF-8''"
                   "Bi%C3%AAn%20b%E1%BA%A3n%20ki%E1%BB%83m%20tra.pdf");
  snprintf(etag, sizeof(etag), "\"%s\"", sha);
  ck_assert_str_eq(http_header(r, "ETag"), etag);
  http_free(r);
  char inm[100];
  snprintf(inm, sizeof(inm), "If-None-Match: %s", etag);
  r = http("GET", path, token, NULL, (const char *const[]){inm, NULL});
  ck_assert_int_eq(r->status, 304);
  ck_assert_uint_eq(r->body_len, 0);
  http_free(r);

  strcat(path, "/meta");
  r = http("GET", path, token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "id"), id);
  ck_assert_str_eq(JSTR(r->json, "filename"), "Biên bản kiểm tra.pdf");
  ck_assert_str_eq(JSTR(r->json, "sha256"), sha);
  http_free(r);

  /* the upload's audit row */
  snprintf(path, sizeof(path), "/v1/audit?entity=file&entity_id=%s", id);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 1);
  json_t *row = json_array_get(json_object_get(r->json, "items"), 0);
  ck_assert_str_eq(JSTR(row, "action"), "create");
  ck_assert_str_eq(JSTR(row, "actor_token_id"), token_id);
  ck_assert_str_eq(JSTR(row, "district_id"), d);
  http_free(r);
  free(token);
  free(d);
}
END_TEST

/* 20 MiB (twenty stored chunks) comes back byte for byte; one byte more is refused, declared or
 * chunked, and the server serves on. */
START_TEST(twenty_mib_taken_one_byte_more_refused)
{
  size_t len = 20 * MIB;
  unsigned char *png = malloc(len + 1);
  unsigned int x = 12345;
  char sha[65], path[128], head[2048];
  for (size_t i = 0; i < len + 1; i++) {
    x = x * 1103515245u + 12345u;
    png[i] = (unsigned char)(x >> 16);
  }
  memcpy(png, "\x89PNG\r\n\x1a\n", 8);
  sha256_of(png, len, sha);
  http_resp *r = upload(admin_token, "image/png", "attachment; filename=\"big.png\"", png, len);
  ck_assert_int_eq(r->status, 201);
  ck_assert_int_eq(JINT(r->json, "size"), (long long)len);
  ck_assert_str_eq(JSTR(r->json, "sha256"), sha);
  snprintf(path, sizeof(path), "/v1/files/%s", JSTR(r->json, "id"));
  http_free(r);
  r = http_unrecorded("GET", path, admin_token, NULL); /* binary: not for the contract's log */
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(r->body_len, len);
  ck_assert_int_eq(memcmp(r->body, png, len), 0);
  http_free(r);

  /* declared: refused from the head */
  int fd = raw_open(NULL);
  snprintf(head, sizeof(head), "POST /v1/files HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer %s\r\n"
           "Content-Type: image/png\r\nContent-Disposition: attachment; filename=\"b.png\"\r\n"
           "Content-Length: %zu\r\n\r\n", admin_token, len + 1);
  ck_assert_int_eq(raw_send(fd, head), 0);
  ck_assert_int_eq(raw_answer(fd, 5000, head, sizeof(head)), 413);
  ck_assert_ptr_nonnull(strstr(head, "application/problem+json"));
  close(fd);
  /* chunked: refused once the limit is passed */
  fd = raw_open(NULL);
  snprintf(head, sizeof(head), "POST /v1/files HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer %s\r\n"
           "Content-Type: image/png\r\nContent-Disposition: attachment; filename=\"b.png\"\r\n"
           "Transfer-Encoding: chunked\r\n\r\n", admin_token);
  ck_assert_int_eq(raw_send(fd, head), 0);
  char *chunk = malloc(MIB + 32);
  size_t at = (size_t)snprintf(chunk, 32, "100000\r\n");
  memset(chunk + at, 'x', MIB);
  memcpy(chunk + at + MIB, "\r\n", 3);
  for (int i = 0; i < 21; i++) /* 21 MiB, no last chunk: the body is still open */
    if (raw_send(fd, chunk) != 0)
      break; /* the server may have closed its side already */
  ck_assert_int_eq(raw_answer(fd, 5000, head, sizeof(head)), 413);
  close(fd);
  free(chunk);
  r = http("GET", "/healthz", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  free(png);
}
END_TEST

START_TEST(the_bytes_must_be_what_the_type_says)
{
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  http_resp *r = upload(admin_token, "application/pdf", "attachment; filename=\"a.pdf\"", png,
                        sizeof(png) - 1);
  ck_assert_problem(r, 415, "unsupported-media-type");
  ck_assert(problem_names_field(r, "Content-Type"));
  http_free(r);
  r = upload(admin_token, "image/gif", "attachment; filename=\"a.gif\"", "GIF89a", 6);
  ck_assert_problem(r, 415, "unsupported-media-type");
  ck_assert(problem_names_field(r, "Content-Type"));
  http_free(r);
  r = upload(admin_token, "application/json", "attachment; filename=\"a.json\"", "{}", 2);
  ck_assert_problem(r, 415, "unsupported-media-type");
  http_free(r);
  /* a name is needed, and is never a path */
  r = upload(admin_token, "application/pdf", NULL, PDF_TEXT, strlen(PDF_TEXT));
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "Content-Disposition"));
  http_free(r);
  r = upload(admin_token, "application/pdf", "attachment; filename=\"../../x/report.pdf\"",
             PDF_TEXT, strlen(PDF_TEXT));
  ck_assert_int_eq(r->status, 201);
  ck_assert_str_eq(JSTR(r->json, "filename"), "report.pdf");
  http_free(r);
  /* readers upload nothing */
  char *reader = mint_token(admin_token, "{\"role\":\"reader\"}", NULL);
  r = upload(reader, "application/pdf", "attachment; filename=\"a.pdf\"", PDF_TEXT,
             strlen(PDF_TEXT));
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(reader);
}
END_TEST

START_TEST(who_reads_a_file)
{
  char *d = make_district("FL-AC", "Huyện Quyền", "Tỉnh T");
  char *other = make_district("FL-AC2", "Huyện Khác", "Tỉnh T");
  char *s = make_school(d, "FL-AC-S", "Trường Tệp");
  char *s2 = make_school(d, "FL-AC-S2", "Trường Tệp Hai");
  char *uploader = mint_scoped("district", "district_id", d);
  char *colleague = mint_scoped("district", "district_id", d);
  char *foreign = mint_scoped("district", "district_id", other);
  char *district_reader = mint_scoped("reader", "district_id", d);
  char *school = mint_scoped("school", "school_id", s);
  char *school2 = mint_scoped("school", "school_id", s2);
  char id[ID_SIZE], sql[256];
  upload_pdf(uploader, "a.pdf", id);
  /* attached to nothing: its uploader and admins only */
  ck_assert_int_eq(status_of(id, "", uploader), 200);
  ck_assert_int_eq(status_of(id, "/meta", uploader), 200);
  ck_assert_int_eq(status_of(id, "", admin_token), 200);
  ck_assert_int_eq(status_of(id, "", colleague), 403);
  ck_assert_int_eq(status_of(id, "/meta", colleague), 403);
  ck_assert_int_eq(status_of(id, "", district_reader), 403);
  ck_assert_int_eq(status_of(id, "", foreign), 403);
  /* attached to the office's data (set here: attaching through the API is for report values
   * and answers): the district reads it, its schools do not, another district does not */
  snprintf(sql, sizeof(sql), "UPDATE files SET attached_at = now() WHERE id = '%s'", id);
  free(sql_value(sql));
  ck_assert_int_eq(status_of(id, "", colleague), 200);
  ck_assert_int_eq(status_of(id, "/meta", district_reader), 200);
  ck_assert_int_eq(status_of(id, "", school), 403);
  ck_assert_int_eq(status_of(id, "", foreign), 403);
  ck_assert_int_eq(status_of(id, "/meta", foreign), 403);
  /* attached to a school's data: that school reads it, another does not */
  snprintf(sql, sizeof(sql), "UPDATE files SET school_id = '%s' WHERE id = '%s'", s, id);
  free(sql_value(sql));
  ck_assert_int_eq(status_of(id, "", school), 200);
  ck_assert_int_eq(status_of(id, "", school2), 403);
  ck_assert_int_eq(status_of(id, "", district_reader), 200);
  /* none there: 404 */
  ck_assert_int_eq(status_of("0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b", "", admin_token), 404);
  ck_assert_int_eq(status_of("not-an-id", "/meta", admin_token), 404);
  free(uploader);
  free(colleague);
  free(foreign);
  free(district_reader);
  free(school);
  free(school2);
  free(s);
  free(s2);
  free(d);
  free(other);
}
END_TEST

/* A file attached to nothing for more than 24 h is gone at the next upload; an attached one of
 * the same age stays. */
START_TEST(unattached_files_are_swept_after_a_day)
{
  char *d = make_district("FL-GC", "Huyện Dọn", "Tỉnh T");
  char *token = mint_scoped("district", "district_id", d);
  char old[ID_SIZE], kept[ID_SIZE], fresh[ID_SIZE], recent[ID_SIZE], sql[300];
  upload_pdf(token, "old.pdf", old);
  upload_pdf(token, "kept.pdf", kept);
  upload_pdf(token, "recent.pdf", recent);
  snprintf(sql, sizeof(sql),
           "UPDATE files SET created_at = now() - interval '25 hours' WHERE id IN ('%s', '%s')",
           old, kept);
  free(sql_value(sql));
  snprintf(sql, sizeof(sql),
           "UPDATE files SET created_at = now() - interval '23 hours' WHERE id = '%s'", recent);
  free(sql_value(sql));
  snprintf(sql, sizeof(sql), "UPDATE files SET attached_at = now() WHERE id = '%s'", kept);
  free(sql_value(sql));
  ck_assert_int_eq(status_of(old, "", token), 200); /* not swept until an upload */
  upload_pdf(token, "fresh.pdf", fresh);
  ck_assert_int_eq(status_of(old, "", token), 404);
  ck_assert_int_eq(status_of(old, "/meta", admin_token), 404);
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM file_chunks WHERE file_id = '%s'", old);
  char *chunks = sql_value(sql);
  ck_assert_str_eq(chunks, "0");
  free(chunks);
  ck_assert_int_eq(status_of(kept, "", token), 200);
  ck_assert_int_eq(status_of(recent, "", token), 200);
  ck_assert_int_eq(status_of(fresh, "", token), 200);
  free(token);
  free(d);
}
END_TEST

START_TEST(a_district_quota)
{
  char *d = make_district("FL-Q", "Huyện Hạn Mức", "Tỉnh T");
  char *token = mint_scoped("district", "district_id", d);
  char sql[200], id[ID_SIZE];
  size_t size = strlen(PDF_TEXT); /* 77 bytes */
  ck_assert_uint_eq(size, 77);
  char path[128];
  http_resp *q;
  snprintf(path, sizeof(path), "/v1/districts/%s/file-quota", d);
  q = http("GET", path, token, NULL, NULL); /* the district reads its own: 5 GiB unless set */
  ck_assert_int_eq(q->status, 200);
  ck_assert_str_eq(JSTR(q->json, "district_id"), d);
  ck_assert_int_eq(JINT(q->json, "quota_bytes"), 5368709120LL);
  ck_assert_int_eq(JINT(q->json, "used_bytes"), 0);
  ck_assert_int_eq(JINT(q->json, "files"), 0);
  http_free(q);
  /* only an admin sets it (the district is told 403 before its body is looked at) */
  q = http("PUT", path, token, "{\"quota_bytes\": 1000000000000}", NULL);
  ck_assert_problem(q, 403, "forbidden");
  http_free(q);
  q = http("PUT", path, admin_token, "{\"quota_bytes\": -1}", NULL);
  ck_assert_problem(q, 422, "validation-failed");
  ck_assert_int_eq(problem_names_field(q, "quota_bytes"), 1);
  http_free(q);
  q = http("PUT", path, admin_token, "{}", NULL);
  ck_assert_problem(q, 422, "validation-failed");
  ck_assert_int_eq(problem_names_field(q, "quota_bytes"), 1);
  http_free(q);
  q = http("PUT", path, admin_token, "{\"quota_bytes\": 154}", NULL);
  ck_assert_int_eq(q->status, 200);
  ck_assert_int_eq(JINT(q->json, "quota_bytes"), 154);
  http_free(q);
  char *quota = sql_value("SELECT file_quota_bytes FROM districts WHERE code = 'FL-Q'");
  ck_assert_str_eq(quota, "154");
  free(quota);
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE entity = 'district' AND "
           "entity_id = '%s' AND after->>'file_quota_bytes' = '154'", d);
  quota = sql_value(sql);
  ck_assert_str_eq(quota, "1"); /* the change is in the audit log */
  free(quota);
  upload_pdf(token, "one.pdf", id);
  upload_pdf(token, "two.pdf", id); /* 154: exactly the quota */
  http_resp *r = upload(token, "application/pdf", "attachment; filename=\"three.pdf\"", PDF_TEXT,
                        size);
  ck_assert_problem(r, 507, "quota-exceeded");
  ck_assert_str_eq(JSTR(r->json, "detail"),
                   "the district's files would take 231 bytes, over its quota of 154 bytes "
                   "(154 used): delete or attach fewer files, or ask an administrator for a "
                   "larger quota");
  http_free(r);
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM files WHERE district_id = '%s'", d);
  char *count = sql_value(sql);
  ck_assert_str_eq(count, "2");
  free(count);
  q = http("GET", path, token, NULL, NULL); /* two files of 77 bytes */
  ck_assert_int_eq(JINT(q->json, "used_bytes"), 154);
  ck_assert_int_eq(JINT(q->json, "files"), 2);
  http_free(q);
  free(token);
  free(d);
}
END_TEST

/* A report value names its evidence files: they become attached (kept past 24 h) and read as
 * the report is; files the writer may not attach are refused, nothing saved. */
START_TEST(report_values_attach_files)
{
  char *d = make_district("FL-RV", "Huyện Minh Chứng", "Tỉnh T");
  char *other = make_district("FL-RV2", "Huyện Khác Nữa", "Tỉnh T");
  char *s = make_school(d, "FL-RV-S", "Trường Minh Chứng");
  char *school = mint_scoped("school", "school_id", s);
  char *office = mint_scoped("district", "district_id", d);
  char *foreign = mint_scoped("district", "district_id", other);
  char a[ID_SIZE], b[ID_SIZE], fresh[ID_SIZE], path[160], body[400], sql[200];
  upload_pdf(school, "bien-ban.pdf", a);
  upload_pdf(office, "cong-van.pdf", b);
  snprintf(path, sizeof(path), "/v1/schools/%s/reports/2024", s);
  snprintf(body, sizeof(body),
           "{\"values\":{\"BROADBAND_CONNECTED\":{\"value\":true,\"note\":\"Biên bản\","
           "\"evidence_files\":[\"%s\"]}}}", a);
  http_resp *r = http("PUT", path, school, body, NULL);
  ck_assert_int_eq(r->status, 200);
  json_t *files = json_object_get(
    json_object_get(json_object_get(r->json, "values"), "BROADBAND_CONNECTED"), "evidence_files");
  ck_assert_uint_eq(json_array_size(files), 1);
  ck_assert_str_eq(json_string_value(json_array_get(files, 0)), a);
  http_free(r);
  /* attached to the school's report: read as the report is */
  snprintf(path, sizeof(path), "/v1/files/%s/meta", a);
  r = http("GET", path, office, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_true(json_object_get(r->json, "attached")));
  http_free(r);
  ck_assert_int_eq(status_of(a, "", school), 200);
  ck_assert_int_eq(status_of(a, "", foreign), 403);
  /* another token's file attached to nothing, a file that is not there, an id that is not
   * one: refused, naming the value; nothing saved */
  snprintf(path, sizeof(path), "/v1/schools/%s/reports/2024", s);
  snprintf(body, sizeof(body),
           "{\"values\":{\"BROADBAND_CONNECTED\":{\"value\":false,\"evidence_files\":[\"%s\"]}}}",
           b);
  r = http("PATCH", path, school, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "values.BROADBAND_CONNECTED.evidence_files"));
  http_free(r);
  r = http("PATCH", path, school,
           "{\"values\":{\"BROADBAND_CONNECTED\":{\"value\":false,\"evidence_files\":"
           "[\"0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b\"]}}}", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "values.BROADBAND_CONNECTED.evidence_files"));
  http_free(r);
  r = http("PATCH", path, school,
           "{\"values\":{\"BROADBAND_CONNECTED\":{\"value\":false,\"evidence_files\":[\"x\"]}}}",
           NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "values.BROADBAND_CONNECTED"));
  http_free(r);
  ck_assert_int_eq(status_of(b, "", school), 403); /* still the office's own */
  r = http("GET", path, school, NULL, NULL);
  ck_assert(json_is_true(json_object_get(
    json_object_get(json_object_get(r->json, "values"), "BROADBAND_CONNECTED"), "value")));
  http_free(r);
  /* a file another token attached already may be named again in the district */
  snprintf(body, sizeof(body),
           "{\"values\":{\"BROADBAND_CONNECTED\":{\"value\":true,\"evidence_files\":[\"%s\"]}}}",
           a);
  r = http("PUT", path, office, body, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* the upload and the attachment are audited */
  snprintf(path, sizeof(path), "/v1/audit?entity=file&entity_id=%s&sort=at", a);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 3);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "action"),
                   "create");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 1), "action"),
                   "update");
  http_free(r);
  /* attached: the sweep keeps it */
  snprintf(sql, sizeof(sql),
           "UPDATE files SET created_at = now() - interval '25 hours' WHERE id = '%s'", a);
  free(sql_value(sql));
  upload_pdf(school, "fresh.pdf", fresh);
  ck_assert_int_eq(status_of(a, "", school), 200);
  free(school);
  free(office);
  free(foreign);
  free(s);
  free(d);
  free(other);
}
END_TEST

/* An assessment's answers name evidence files per criterion: attached to the school's
 * assessment, read as it is; a file the writer may not attach is a 422 naming the criterion. */
START_TEST(assessment_answers_attach_files)
{
  char *d = make_district("FL-AS", "Huyện Tự Đánh Giá", "Tỉnh T");
  char *s = make_school(d, "FL-AS-S", "Trường Tự Đánh Giá");
  char *s2 = make_school(d, "FL-AS-S2", "Trường Bên Cạnh");
  char *school = mint_scoped("school", "school_id", s);
  char *school2 = mint_scoped("school", "school_id", s2);
  char *office = mint_scoped("district", "district_id", d);
  char a[ID_SIZE], b[ID_SIZE], other[ID_SIZE], path[128], body[600];
  upload_pdf(school, "ke-hoach.pdf", a);
  upload_pdf(school, "quy-che.pdf", b);
  upload_pdf(school2, "cua-truong-khac.pdf", other);
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":2024}", s);
  http_resp *r = http("POST", "/v1/assessments", school, body, NULL);
  ck_assert_int_eq(r->status, 201);
  snprintf(path, sizeof(path), "/v1/assessments/%s/answers", JSTR(r->json, "id"));
  http_free(r);
  snprintf(body, sizeof(body),
           "{\"answers\":{\"T1\":{\"met\":true,\"evidence_files\":[\"%s\"]},"
           "\"T3.1\":{\"points\":6,\"evidence_files\":[\"%s\",\"%s\"]}}}", a, a, b);
  r = http("PUT", path, school, body, NULL);
  ck_assert_int_eq(r->status, 200);
  json_t *files = json_object_get(
    json_object_get(json_object_get(r->json, "answers"), "T3.1"), "evidence_files");
  ck_assert_uint_eq(json_array_size(files), 2);
  ck_assert_str_eq(json_string_value(json_array_get(files, 1)), b);
  http_free(r);
  /* attached to the school's assessment: its district reads them, the school beside does not */
  ck_assert_int_eq(status_of(a, "", office), 200);
  ck_assert_int_eq(status_of(b, "/meta", office), 200);
  ck_assert_int_eq(status_of(b, "", school2), 403);
  /* another school's file, attached to nothing: refused, naming the criterion */
  snprintf(body, sizeof(body),
           "{\"answers\":{\"T3.2\":{\"points\":6,\"evidence_files\":[\"%s\"]}}}", other);
  r = http("PUT", path, school, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "answers.T3.2.evidence_files"));
  http_free(r);
  /* the same file twice, or an id that is not one: refused by the answers' own checks */
  snprintf(body, sizeof(body),
           "{\"answers\":{\"T3.2\":{\"points\":6,\"evidence_files\":[\"%s\",\"%s\"]}}}", a, a);
  r = http("PUT", path, school, body, NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "answers.T3.2"));
  http_free(r);
  ck_assert_int_eq(status_of(other, "", office), 403); /* still its uploader's alone */
  free(school);
  free(school2);
  free(office);
  free(s);
  free(s2);
  free(d);
}
END_TEST

/* PATCHes the assignment of task with If-Match its current ETag, as token. */
static http_resp *patch_assignment(const char *token, const char *task, const char *assignment,
                                   const char *body)
{
  char path[200], im[160];
  snprintf(path, sizeof(path), "/v1/tasks/%s/assignments/%s", task, assignment);
  http_resp *cur = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(cur->status, 200);
  snprintf(im, sizeof(im), "If-Match: %s", http_header(cur, "ETag"));
  http_free(cur);
  const char *h[] = {im, NULL};
  return http("PATCH", path, token, body, h);
}

/* The id of the task's assignment of school (NULL: the office's), into id. */
static void assignment_id(const char *task, const char *school, char *id)
{
  char path[160];
  size_t i;
  json_t *a;
  id[0] = '\0';
  snprintf(path, sizeof(path), "/v1/tasks/%s/assignments", task);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  json_array_foreach(json_object_get(r->json, "items"), i, a) {
    const char *s = JSTR(a, "school_id");
    if ((!school && !s) || (school && s && strcmp(s, school) == 0))
      snprintf(id, ID_SIZE, "%s", JSTR(a, "id"));
  }
  http_free(r);
  ck_assert(id[0] != '\0');
}

/* A task assignment's evidence names files as report values do: the writer's own upload is
 * attached (kept past 24 h, read as the assignment's unit's data); another token's unattached
 * file, another district's file, a file that is not there are 422 naming evidence[i], nothing
 * saved. */
START_TEST(assignment_evidence_attaches_files)
{
  char *d = make_district("FL-TA", "Huyện Nhiệm Vụ", "Tỉnh T");
  char *other = make_district("FL-TA2", "Huyện Xa", "Tỉnh T");
  char *s = make_school(d, "FL-TA-S", "Trường Nhiệm Vụ");
  char *s2 = make_school(d, "FL-TA-S2", "Trường Bên Kia");
  char *school = mint_scoped("school", "school_id", s);
  char *colleague = mint_scoped("school", "school_id", s);
  char *school2 = mint_scoped("school", "school_id", s2);
  char *office = mint_scoped("district", "district_id", d);
  char *reader = mint_scoped("reader", "district_id", d);
  char *foreign = mint_scoped("district", "district_id", other);
  char mine[ID_SIZE], theirs[ID_SIZE], far[ID_SIZE], memo[ID_SIZE], fresh[ID_SIZE];
  char task[ID_SIZE], a[ID_SIZE], ao[ID_SIZE], body[600], sql[300], path[160];
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2030,\"code\":\"III.1.2\","
           "\"title_vi\":\"Ban hành kế hoạch của trường\",\"lead\":\"office_and_schools\","
           "\"due\":{\"kind\":\"continuous\"}}", d);
  http_resp *r = http("POST", "/v1/tasks", office, body, NULL);
  ck_assert_int_eq(r->status, 201);
  snprintf(task, sizeof(task), "%s", JSTR(r->json, "id"));
  http_free(r);
  assignment_id(task, s, a);
  assignment_id(task, NULL, ao);
  upload_pdf(school, "ke-hoach-truong.pdf", mine);
  upload_pdf(school2, "cua-truong-ben.pdf", theirs);
  upload_pdf(foreign, "huyen-khac.pdf", far);
  snprintf(sql, sizeof(sql), "UPDATE files SET attached_at = now() WHERE id = '%s'", far);
  free(sql_value(sql)); /* attached in its own district: still not this one's */
  ck_assert_int_eq(status_of(mine, "", colleague), 403); /* unattached: its uploader's */
  ck_assert_int_eq(status_of(mine, "", office), 403);

  /* the school's own upload: attached, the assignment names it */
  snprintf(body, sizeof(body), "{\"status\":\"in_progress\",\"evidence\":[\"%s\"]}", mine);
  r = patch_assignment(school, task, a, body);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "evidence")), 1);
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r->json, "evidence"), 0)),
                   mine);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/files/%s/meta", mine);
  r = http("GET", path, office, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert(json_is_true(json_object_get(r->json, "attached")));
  http_free(r);
  /* read as the school's assignment: the school's tokens, its district's tokens and readers */
  ck_assert_int_eq(status_of(mine, "", colleague), 200);
  ck_assert_int_eq(status_of(mine, "", school), 200);
  ck_assert_int_eq(status_of(mine, "", reader), 200);
  ck_assert_int_eq(status_of(mine, "", school2), 403);
  ck_assert_int_eq(status_of(mine, "", foreign), 403);

  /* another school's unattached upload: 422 naming it (evidence[1]), nothing saved */
  snprintf(body, sizeof(body), "{\"status\":\"done\",\"evidence\":[\"%s\",\"%s\"]}", mine,
           theirs);
  r = patch_assignment(school, task, a, body);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "evidence[1]"));
  ck_assert(!problem_names_field(r, "evidence[0]"));
  http_free(r);
  /* another district's file (attached there) and a file that is not there: the same */
  snprintf(body, sizeof(body), "{\"evidence\":[\"%s\"]}", far);
  r = patch_assignment(school, task, a, body);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "evidence[0]"));
  http_free(r);
  r = patch_assignment(office, task, a, "{\"evidence\":[\"0b7e8f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b\"]}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "evidence[0]"));
  http_free(r);
  snprintf(path, sizeof(path), "/v1/tasks/%s/assignments/%s", task, a);
  r = http("GET", path, school, NULL, NULL);
  ck_assert_str_eq(JSTR(r->json, "status"), "in_progress");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "evidence")), 1);
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r->json, "evidence"), 0)),
                   mine);
  http_free(r);
  ck_assert_int_eq(status_of(theirs, "", office), 403); /* still its uploader's alone */
  snprintf(sql, sizeof(sql), "SELECT attached_at IS NULL FROM files WHERE id = '%s'", theirs);
  char *unattached = sql_value(sql);
  ck_assert_str_eq(unattached, "t");
  free(unattached);
  ck_assert_int_eq(status_of(far, "", office), 403);

  /* the office's assignment: its own upload is the office's data (the district reads it, its
   * schools do not); a file of the district attached already may be named again */
  upload_pdf(office, "cong-van.pdf", memo);
  snprintf(body, sizeof(body), "{\"status\":\"in_progress\",\"evidence\":[\"%s\",\"%s\"]}", memo,
           mine);
  r = patch_assignment(office, task, ao, body);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "evidence")), 2);
  http_free(r);
  ck_assert_int_eq(status_of(memo, "", reader), 200);
  ck_assert_int_eq(status_of(memo, "", school), 403);
  ck_assert_int_eq(status_of(mine, "", colleague), 200); /* its first attachment's school's */

  /* the upload and its attachments are audited: create, then one update per attachment */
  snprintf(path, sizeof(path), "/v1/audit?entity=file&entity_id=%s&sort=at", mine);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 3);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "action"),
                   "create");
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 1), "action"),
                   "update");
  http_free(r);

  /* a day later the sweep keeps the attached files and takes the unattached one */
  snprintf(sql, sizeof(sql), "UPDATE files SET created_at = now() - interval '25 hours'"
           " WHERE id IN ('%s', '%s', '%s')", mine, memo, theirs);
  free(sql_value(sql));
  upload_pdf(school, "fresh.pdf", fresh);
  ck_assert_int_eq(status_of(mine, "", colleague), 200);
  ck_assert_int_eq(status_of(memo, "", office), 200);
  ck_assert_int_eq(status_of(theirs, "/meta", admin_token), 404);
  free(school);
  free(colleague);
  free(school2);
  free(office);
  free(reader);
  free(foreign);
  free(s);
  free(s2);
  free(d);
  free(other);
}
END_TEST

Suite *files_suite(void)
{
  Suite *s = suite_create("files");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, a_round_trip_byte_for_byte_with_a_vietnamese_name);
  tcase_add_test(tc, twenty_mib_taken_one_byte_more_refused);
  tcase_add_test(tc, the_bytes_must_be_what_the_type_says);
  tcase_add_test(tc, who_reads_a_file);
  tcase_add_test(tc, unattached_files_are_swept_after_a_day);
  tcase_add_test(tc, a_district_quota);
  tcase_add_test(tc, report_values_attach_files);
  tcase_add_test(tc, assessment_answers_attach_files);
  tcase_add_test(tc, assignment_evidence_attaches_files);
  suite_add_tcase(s, tc);
  return s;
}
