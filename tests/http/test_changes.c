/* test_changes.c — GET /v1/changes: every kind of change appears with what the entity's GET
 * returns (deletions, a report value removed, a school moved, a school recoded, a procedure's
 * fee, a plan's targets), coalescing, paging, scope, a transaction that commits after a later
 * one is not skipped, a rolled-back change never appears, and 410 once a deletion the cursor
 * has not seen was dropped. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *changes_suite(void);

/* The items after cursor (NULL: from the start) that token sees, read page by page (limit per
 * page) until has_more is false; *next gets the last answer's next (malloc'ed). */
static json_t *feed_since(const char *cursor, const char *token, long limit, char **next)
{
  json_t *all = json_array();
  char *at = cursor ? strdup(cursor) : NULL;
  int more = 1;
  while (more) {
    char path[512];
    size_t i;
    json_t *item;
    snprintf(path, sizeof(path), "/v1/changes?limit=%ld%s%s", limit, at ? "&after=" : "",
             at ? at : "");
    http_resp *r = http("GET", path, token, NULL, NULL);
    ck_assert_msg(r->status == 200, "%s: %ld %s", path, r->status, r->body);
    json_array_foreach(json_object_get(r->json, "items"), i, item)
      json_array_append(all, item);
    more = json_is_true(json_object_get(r->json, "has_more"));
    free(at);
    at = strdup(JSTR(r->json, "next"));
    http_free(r);
  }
  *next = at;
  return all;
}

/* The cursor after everything token sees now. */
static char *feed_end(const char *token)
{
  char *next;
  json_decref(feed_since(NULL, token, 5000, &next));
  return next;
}

/* The items about (entity, id), in feed order. */
static json_t *items_about(const json_t *items, const char *entity, const char *id)
{
  json_t *found = json_array(), *item;
  size_t i;
  json_array_foreach(items, i, item)
    if (strcmp(JSTR(item, "entity"), entity) == 0 && strcmp(JSTR(item, "id"), id) == 0)
      json_array_append(found, item);
  return found;
}

/* Asserts that items hold exactly one item about (entity, id), with op, and returns it. */
static json_t *the_item(const json_t *items, const char *entity, const char *id, const char *op)
{
  json_t *found = items_about(items, entity, id);
  ck_assert_msg(json_array_size(found) == 1, "%s %s: %zu items", entity, id,
                json_array_size(found));
  json_t *item = json_array_get(found, 0);
  ck_assert_str_eq(JSTR(item, "op"), op);
  json_decref(found);
  return item;
}

/* Asserts that an upsert's data equals what GET path returns now. */
static void ck_data_is_get(const json_t *item, const char *path)
{
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_msg(json_equal(json_object_get(item, "data"), r->json), "%s: feed %s, GET %s", path,
                json_dumps(json_object_get(item, "data"), JSON_COMPACT), r->body);
  http_free(r);
}

/* The report value of school for indicator in year as GET /v1/reports lists it (new ref). */
static json_t *listed_value(const char *school_id, const char *indicator)
{
  char path[256];
  snprintf(path, sizeof(path), "/v1/reports?school_id=%s&indicator=%s&year=2024", school_id,
           indicator);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 1);
  json_t *v = json_incref(json_array_get(json_object_get(r->json, "items"), 0));
  http_free(r);
  return v;
}

static void send_ok(const char *method, const char *path, const char *body, long status)
{
  http_resp *r = http(method, path, admin_token, body, NULL);
  ck_assert_msg(r->status == status, "%s %s: %ld %s", method, path, r->status, r->body);
  http_free(r);
}

START_TEST(every_kind_of_change_appears_as_its_get)
{
  char path[256], body[512], *next;
  char *d = make_district("CF-A", "Huyện Dòng Đổi", "Tỉnh T");
  char *reader = mint_scoped("reader", "district_id", d);
  char *start = feed_end(reader);
  char *s = make_school(d, "CF-A-1", "Trường Tiểu học Dòng Đổi");
  char *gone = make_school(d, "CF-A-2", "Trường Tiểu học Sẽ Xoá");
  /* a school changed twice: one item, as it is now */
  snprintf(path, sizeof(path), "/v1/schools/%s", s);
  send_ok("PATCH", path, "{\"students\":120}", 200);
  send_ok("PATCH", path, "{\"students\":121}", 200);
  snprintf(path, sizeof(path), "/v1/schools/%s/reports/2024", s);
  send_ok("PUT", path, "{\"values\":{\"BROADBAND_CONNECTED\":true,\"SCHOOL_DOCS_ONLINE\":80}}", 200);
  json_t *broadband = listed_value(s, "BROADBAND_CONNECTED");
  json_t *docs = listed_value(s, "SCHOOL_DOCS_ONLINE");
  /* a value removed */
  send_ok("PATCH", path, "{\"values\":{\"SCHOOL_DOCS_ONLINE\":null}}", 200);
  /* a school deleted */
  snprintf(path, sizeof(path), "/v1/schools/%s", gone);
  send_ok("DELETE", path, NULL, 204);
  /* a procedure's fee changes its dossiers' fee */
  char *p = new_procedure(d, "CF-A.1", "Thủ tục dòng đổi", ",\"statutory_days\":5");
  char *dossier = new_dossier(d, p, "CF-A/1", "online", "2024-03-01T09:00:00Z", "");
  char *plan_body = body;
  snprintf(plan_body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"title\":\"KH\","
           "\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">=\",\"target\":50}]}", d);
  char *plan = create_as_admin("/v1/plans", plan_body);

  json_t *items = feed_since(start, reader, 1000, &next);
  json_t *item = the_item(items, "school", s, "upsert");
  ck_assert_str_eq(JSTR(item, "district_id"), d);
  ck_assert_int_eq(JINT(json_object_get(item, "data"), "students"), 121);
  snprintf(path, sizeof(path), "/v1/schools/%s", s);
  ck_data_is_get(item, path);
  ck_assert(json_is_null(json_object_get(the_item(items, "school", gone, "delete"), "data")));
  item = the_item(items, "report_value", JSTR(broadband, "id"), "upsert");
  ck_assert(json_equal(json_object_get(item, "data"), broadband));
  ck_assert(json_is_null(json_object_get(the_item(items, "report_value", JSTR(docs, "id"),
                                                  "delete"), "data")));
  item = the_item(items, "dossier", dossier, "upsert");
  ck_assert(json_is_false(json_object_get(json_object_get(item, "data"), "fee")));
  item = the_item(items, "plan", plan, "upsert");
  snprintf(path, sizeof(path), "/v1/plans/%s", plan);
  ck_data_is_get(item, path);
  /* the district itself was created before `start`; the catalogue did not change */
  json_t *none = items_about(items, "district", d);
  ck_assert_uint_eq(json_array_size(none), 0);
  json_decref(none);
  json_decref(items);

  /* derived changes: the fee re-announces the dossier, a recode the school's values, new
   * targets the plan */
  snprintf(path, sizeof(path), "/v1/procedures/%s", p);
  send_ok("PATCH", path, "{\"fee\":true}", 200);
  snprintf(path, sizeof(path), "/v1/schools/%s", s);
  send_ok("PATCH", path, "{\"code\":\"CF-A-1B\"}", 200);
  snprintf(path, sizeof(path), "/v1/plans/%s", plan);
  send_ok("PATCH", path, "{\"targets\":[{\"indicator\":\"BROADBAND_CONNECTED\",\"comparator\":\">\","
                         "\"target\":60}]}", 200);
  char *later;
  items = feed_since(next, reader, 1000, &later);
  item = the_item(items, "dossier", dossier, "upsert");
  ck_assert(json_is_true(json_object_get(json_object_get(item, "data"), "fee")));
  snprintf(path, sizeof(path), "/v1/dossiers/%s", dossier);
  ck_data_is_get(item, path);
  item = the_item(items, "report_value", JSTR(broadband, "id"), "upsert");
  ck_assert_str_eq(JSTR(json_object_get(item, "data"), "school_code"), "CF-A-1B");
  json_t *now = listed_value(s, "BROADBAND_CONNECTED");
  ck_assert(json_equal(json_object_get(item, "data"), now));
  json_decref(now);
  item = the_item(items, "plan", plan, "upsert");
  snprintf(path, sizeof(path), "/v1/plans/%s", plan);
  ck_data_is_get(item, path);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(json_object_get(item, "data"),
                                                       "targets"), 0), "comparator"), ">");
  /* exactly these: the procedure, the dossier, the school, its value, the plan */
  ck_assert_uint_eq(json_array_size(items), 5);
  json_decref(items);
  json_decref(broadband);
  json_decref(docs);
  free(later);
  free(next);
  free(plan);
  free(dossier);
  free(p);
  free(gone);
  free(s);
  free(start);
  free(reader);
  free(d);
}
END_TEST

/* Assessments, dossiers and report values embed their school's or procedure's {id, code, name}
 * (migration 0024): lists show them, and renaming (or recoding) the school or procedure
 * re-announces every row that embeds it, so a mirror keeps the new name. A change that leaves
 * the names alone (a school's students, a procedure's statutory days) re-announces nothing. */
START_TEST(renames_re_announce_the_embedded_names)
{
  char path[256], body[256], *next;
  char *d = make_district("CF-N", "Huyện Tên", "Tỉnh T");
  char *reader = mint_scoped("reader", "district_id", d);
  char *s = new_school(d, "CF-N1", "primary", "");
  char *p = new_procedure(d, "CF-N.1", "Thủ tục tên cũ", ",\"statutory_days\":5");
  char *dossier = new_dossier(d, p, "CF-N/1", "online", "2024-03-01T09:00:00Z", "");
  snprintf(body, sizeof(body), "{\"school_id\":\"%s\",\"year\":2024}", s);
  char *assessment = create_as_admin("/v1/assessments", body);
  snprintf(path, sizeof(path), "/v1/schools/%s/reports/2024", s);
  send_ok("PUT", path, "{\"values\":{\"BROADBAND_CONNECTED\":true}}", 200);
  /* the lists carry the names */
  snprintf(path, sizeof(path), "/v1/assessments?district_id=%s", d);
  http_resp *r = http("GET", path, reader, NULL, NULL);
  json_t *school = json_object_get(json_array_get(json_object_get(r->json, "items"), 0), "school");
  ck_assert_str_eq(JSTR(school, "id"), s);
  ck_assert_str_eq(JSTR(school, "code"), "CF-N1");
  ck_assert_str_eq(JSTR(school, "name"), "Trường CF-N1");
  http_free(r);
  snprintf(path, sizeof(path), "/v1/dossiers?district_id=%s", d);
  r = http("GET", path, reader, NULL, NULL);
  json_t *proc = json_object_get(json_array_get(json_object_get(r->json, "items"), 0), "procedure");
  ck_assert_str_eq(JSTR(proc, "id"), p);
  ck_assert_str_eq(JSTR(proc, "code"), "CF-N.1");
  ck_assert_str_eq(JSTR(proc, "name"), "Thủ tục tên cũ");
  http_free(r);
  json_t *value = listed_value(s, "BROADBAND_CONNECTED");
  ck_assert_str_eq(JSTR(json_object_get(value, "school"), "name"), "Trường CF-N1");
  json_decref(value);
  /* changes that leave the names alone re-announce only the school and the procedure */
  char *start = feed_end(reader);
  snprintf(path, sizeof(path), "/v1/schools/%s", s);
  send_ok("PATCH", path, "{\"students\":300}", 200);
  snprintf(path, sizeof(path), "/v1/procedures/%s", p);
  send_ok("PATCH", path, "{\"statutory_days\":6}", 200);
  json_t *items = feed_since(start, reader, 1000, &next);
  ck_assert_uint_eq(json_array_size(items), 2);
  json_decref(items);
  free(start);
  start = next;
  /* renames: the school's assessment and value, the procedure's dossier come again */
  snprintf(path, sizeof(path), "/v1/schools/%s", s);
  send_ok("PATCH", path, "{\"name\":\"Trường Tiểu học Mới\"}", 200);
  snprintf(path, sizeof(path), "/v1/procedures/%s", p);
  send_ok("PATCH", path, "{\"name\":\"Thủ tục tên mới\"}", 200);
  items = feed_since(start, reader, 1000, &next);
  json_t *item = the_item(items, "assessment", assessment, "upsert");
  ck_assert_str_eq(JSTR(json_object_get(json_object_get(item, "data"), "school"), "name"),
                   "Trường Tiểu học Mới");
  snprintf(path, sizeof(path), "/v1/assessments/%s", assessment);
  ck_data_is_get(item, path);
  item = the_item(items, "dossier", dossier, "upsert");
  ck_assert_str_eq(JSTR(json_object_get(json_object_get(item, "data"), "procedure"), "name"),
                   "Thủ tục tên mới");
  snprintf(path, sizeof(path), "/v1/dossiers/%s", dossier);
  ck_data_is_get(item, path);
  value = listed_value(s, "BROADBAND_CONNECTED");
  item = the_item(items, "report_value", JSTR(value, "id"), "upsert");
  ck_assert_str_eq(JSTR(json_object_get(json_object_get(item, "data"), "school"), "name"),
                   "Trường Tiểu học Mới");
  ck_assert(json_equal(json_object_get(item, "data"), value));
  /* exactly: the school, its assessment, its value, the procedure, its dossier */
  ck_assert_uint_eq(json_array_size(items), 5);
  json_decref(value);
  json_decref(items);
  free(next);
  free(start);
  free(assessment);
  free(dossier);
  free(p);
  free(s);
  free(reader);
  free(d);
}
END_TEST

START_TEST(a_moved_school_leaves_one_district_and_joins_the_other)
{
  char path[128], *next_a, *next_b, *next_all;
  char *a = make_district("CF-MA", "Huyện Đi", "Tỉnh T");
  char *b = make_district("CF-MB", "Huyện Đến", "Tỉnh T");
  char *reader_a = mint_scoped("reader", "district_id", a);
  char *reader_b = mint_scoped("reader", "district_id", b);
  char *s = make_school(a, "CF-M-1", "Trường Tiểu học Chuyển Đi");
  char *from_a = feed_end(reader_a), *from_b = feed_end(reader_b);
  char *from_all = feed_end(admin_token);
  snprintf(path, sizeof(path), "/v1/schools/%s", s);
  char body[128];
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\"}", b);
  send_ok("PATCH", path, body, 200);
  json_t *seen_a = feed_since(from_a, reader_a, 1000, &next_a);
  json_t *seen_b = feed_since(from_b, reader_b, 1000, &next_b);
  json_t *seen_all = feed_since(from_all, admin_token, 1000, &next_all);
  ck_assert_str_eq(JSTR(the_item(seen_a, "school", s, "delete"), "district_id"), a);
  json_t *joined = the_item(seen_b, "school", s, "upsert");
  ck_assert_str_eq(JSTR(json_object_get(joined, "data"), "district_id"), b);
  ck_data_is_get(joined, path);
  /* everything: the delete for the district left, then the upsert, in that order */
  json_t *both = items_about(seen_all, "school", s);
  ck_assert_uint_eq(json_array_size(both), 2);
  ck_assert_str_eq(JSTR(json_array_get(both, 0), "op"), "delete");
  ck_assert_str_eq(JSTR(json_array_get(both, 1), "op"), "upsert");
  ck_assert_int_lt(strcmp(JSTR(json_array_get(both, 0), "seq"), JSTR(json_array_get(both, 1),
                                                                     "seq")), 0);
  json_decref(both);
  json_decref(seen_a);
  json_decref(seen_b);
  json_decref(seen_all);
  free(next_a);
  free(next_b);
  free(next_all);
  free(from_a);
  free(from_b);
  free(from_all);
  free(s);
  free(reader_a);
  free(reader_b);
  free(a);
  free(b);
}
END_TEST

static PGconn *connect_db(void)
{
  PGconn *c = PQconnectdb(harness_conninfo());
  ck_assert_msg(PQstatus(c) == CONNECTION_OK, "%s", PQerrorMessage(c));
  return c;
}

static void exec_ok(PGconn *c, const char *sql)
{
  PGresult *res = PQexec(c, sql);
  ck_assert_msg(PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK,
                "%s: %s", sql, PQerrorMessage(c));
  PQclear(res);
}

START_TEST(a_transaction_committing_after_a_later_one_is_not_skipped)
{
  /* The defect a puller saw: a long import (xid X) and a short write elsewhere (xid Y > X)
   * commit in the other order; reading between the two commits must not move past X. */
  char sql[256], *next, *after_commit;
  char *a = make_district("CF-LA", "Huyện Nhập Lâu", "Tỉnh T");
  char *b = make_district("CF-LB", "Huyện Ghi Nhanh", "Tỉnh T");
  char *slow = make_school(a, "CF-L-1", "Trường Tiểu học Chậm");
  char *fast = make_school(b, "CF-L-2", "Trường Tiểu học Nhanh");
  char *start = feed_end(admin_token);
  PGconn *importer = connect_db();
  exec_ok(importer, "BEGIN");
  snprintf(sql, sizeof(sql), "UPDATE schools SET students = 999 WHERE id = '%s'", slow);
  exec_ok(importer, sql); /* holds its xid, not committed */
  char path[128];
  snprintf(path, sizeof(path), "/v1/schools/%s", fast);
  send_ok("PATCH", path, "{\"students\":7}", 200); /* a later xid, committed first */
  json_t *items = feed_since(start, admin_token, 1000, &next);
  /* the committed later change waits behind the open one: nothing about either yet */
  json_t *none = items_about(items, "school", fast);
  ck_assert_uint_eq(json_array_size(none), 0);
  json_decref(none);
  none = items_about(items, "school", slow);
  ck_assert_uint_eq(json_array_size(none), 0);
  json_decref(none);
  json_decref(items);
  exec_ok(importer, "COMMIT");
  PQfinish(importer);
  /* from the cursor handed out while it was open, both arrive */
  items = feed_since(next, admin_token, 1000, &after_commit);
  ck_assert_int_eq(JINT(json_object_get(the_item(items, "school", slow, "upsert"), "data"),
                        "students"), 999);
  ck_assert_int_eq(JINT(json_object_get(the_item(items, "school", fast, "upsert"), "data"),
                        "students"), 7);
  json_decref(items);
  free(after_commit);
  free(next);
  free(start);
  free(slow);
  free(fast);
  free(a);
  free(b);
}
END_TEST

START_TEST(a_rolled_back_change_never_appears)
{
  char sql[256], *next;
  char *d = make_district("CF-RB", "Huyện Hoàn Tác", "Tỉnh T");
  char *s = make_school(d, "CF-RB-1", "Trường Tiểu học Hoàn Tác");
  char *start = feed_end(admin_token);
  PGconn *c = connect_db();
  exec_ok(c, "BEGIN");
  snprintf(sql, sizeof(sql), "UPDATE schools SET students = 5 WHERE id = '%s'", s);
  exec_ok(c, sql);
  exec_ok(c, "ROLLBACK");
  PQfinish(c);
  json_t *items = feed_since(start, admin_token, 1000, &next);
  json_t *none = items_about(items, "school", s);
  ck_assert_uint_eq(json_array_size(none), 0);
  json_decref(none);
  json_decref(items);
  free(next);
  free(start);
  free(s);
  free(d);
}
END_TEST

START_TEST(pages_scope_and_bad_requests)
{
  char path[256], *next;
  char *d = make_district("CF-P", "Huyện Phân Trang", "Tỉnh T");
  char *reader = mint_scoped("reader", "district_id", d);
  char *start = feed_end(reader);
  char *s1 = make_school(d, "CF-P-1", "Trường Một");
  char *s2 = make_school(d, "CF-P-2", "Trường Hai");
  char *s3 = make_school(d, "CF-P-3", "Trường Ba");
  /* one item per page: next is the item's seq while has_more */
  snprintf(path, sizeof(path), "/v1/changes?limit=1&after=%s", start);
  http_resp *r = http("GET", path, reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(http_header(r, "ETag"));
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 1);
  ck_assert(json_is_true(json_object_get(r->json, "has_more")));
  ck_assert_str_eq(JSTR(r->json, "next"),
                   JSTR(json_array_get(json_object_get(r->json, "items"), 0), "seq"));
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "id"), s1);
  http_free(r);
  /* the three in order of their creation, and only this district's */
  json_t *items = feed_since(start, reader, 1, &next);
  ck_assert_uint_eq(json_array_size(items), 3);
  ck_assert_str_eq(JSTR(json_array_get(items, 0), "id"), s1);
  ck_assert_str_eq(JSTR(json_array_get(items, 1), "id"), s2);
  ck_assert_str_eq(JSTR(json_array_get(items, 2), "id"), s3);
  json_decref(items);
  /* a district's reader never sees another district's items, from the start */
  char *all_next;
  items = feed_since(NULL, reader, 5000, &all_next);
  json_t *item;
  size_t i;
  json_array_foreach(items, i, item) {
    const json_t *district = json_object_get(item, "district_id");
    ck_assert_msg(json_is_null(district) || strcmp(json_string_value(district), d) == 0,
                  "item of district %s", json_string_value(district));
  }
  json_decref(items);
  free(all_next);
  /* a poll with nothing new: no items, and a cursor at least as far */
  snprintf(path, sizeof(path), "/v1/changes?after=%s", next);
  r = http("GET", path, reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 0);
  ck_assert(json_is_false(json_object_get(r->json, "has_more")));
  ck_assert_int_ge(strcmp(JSTR(r->json, "next"), next), 0);
  http_free(r);
  /* a school token may not follow the feed */
  char *school_token = mint_scoped("school", "school_id", s1);
  r = http("GET", "/v1/changes", school_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* bad cursors and limits are 400s naming the parameter */
  static const char *const bad[][2] = {
    {"/v1/changes?after=zz", "after"},
    {"/v1/changes?after=00000000000002f1000000000000002a.1", "after"},
    {"/v1/changes?limit=0", "limit"},
    {"/v1/changes?limit=5001", "limit"},
    {"/v1/changes?since=2024-01-01T00:00:00Z", "since"},
  };
  for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
    r = http("GET", bad[k][0], reader, NULL, NULL);
    ck_assert_problem(r, 400, "bad-request");
    ck_assert_msg(problem_names_field(r, bad[k][1]), "%s names %s", bad[k][0], bad[k][1]);
    http_free(r);
  }
  free(school_token);
  free(next);
  free(start);
  free(s1);
  free(s2);
  free(s3);
  free(reader);
  free(d);
}
END_TEST

START_TEST(a_cursor_older_than_a_dropped_deletion_is_410)
{
  char path[256], sql[256], *next;
  char *d = make_district("CF-X", "Huyện Hết Hạn", "Tỉnh T");
  char *s = make_school(d, "CF-X-1", "Trường Tiểu học Hết Hạn");
  char *old = feed_end(admin_token);
  snprintf(path, sizeof(path), "/v1/schools/%s", s);
  send_ok("DELETE", path, NULL, 204);
  char *fresh = feed_end(admin_token);
  /* the deletion is 91 days old and the last purge two hours ago: the next read purges it */
  snprintf(sql, sizeof(sql), "UPDATE changes SET changed_at = now() - interval '91 days'"
           " WHERE entity = 'school' AND entity_id = '%s' RETURNING op", s);
  char *op = sql_value(sql);
  ck_assert_str_eq(op, "delete");
  free(op);
  free(sql_value("UPDATE change_feed_state SET purged_at = now() - interval '2 hours'"
                 " RETURNING 1"));
  snprintf(path, sizeof(path), "/v1/changes?after=%s", old);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_problem(r, 410, "cursor-expired");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "/v1/exports/"));
  http_free(r);
  /* a cursor that had seen it is fine, and so is starting over */
  json_decref(feed_since(fresh, admin_token, 1000, &next));
  free(next);
  r = http("GET", "/v1/changes?limit=1", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  free(fresh);
  free(old);
  free(s);
  free(d);
}
END_TEST

Suite *changes_suite(void)
{
  Suite *s = suite_create("changes");
  TCase *tc = tcase_create("feed");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, every_kind_of_change_appears_as_its_get);
  tcase_add_test(tc, renames_re_announce_the_embedded_names);
  tcase_add_test(tc, a_moved_school_leaves_one_district_and_joins_the_other);
  tcase_add_test(tc, a_transaction_committing_after_a_later_one_is_not_skipped);
  tcase_add_test(tc, a_rolled_back_change_never_appears);
  tcase_add_test(tc, pages_scope_and_bad_requests);
  tcase_add_test(tc, a_cursor_older_than_a_dropped_deletion_is_410);
  suite_add_tcase(s, tc);
  return s;
}
