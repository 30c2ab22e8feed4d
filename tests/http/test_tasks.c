/* test_tasks.c — the plan's tasks and their assignments (issue 16), on hand-made districts:
 * assignments made for exactly the units a task's lead and levels name, a school created later
 * getting its own, deactivation cancelling open ones and reactivation reopening them, who may move
 * an assignment (a school its own, never accepting; the office any), If-Match required (428) and
 * checked (412), illegal moves (409), the history in order, the summary counted by hand, the
 * overdue filter with a past due date, the list's filters and CSV header, and problem documents
 * naming the fields of bad tasks. Year 2030 is an open plan year (a school created now gets its
 * tasks); 2024 is past (its dated task is overdue). */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"

Suite *tasks_suite(void);

static char *post_task(const char *token, const char *body)
{
  http_resp *r = http("POST", "/v1/tasks", token, body, NULL);
  ck_assert_msg(r->status == 201, "POST /v1/tasks: %ld %s", r->status, r->body);
  char *id = strdup(JSTR(r->json, "id"));
  http_free(r);
  return id;
}

static http_resp *get_path(const char *token, const char *fmt, const char *a, const char *b)
{
  char path[300];
  snprintf(path, sizeof(path), fmt, a, b);
  return http("GET", path, token, NULL, NULL);
}

/* The assignment of school (NULL: the office) among the task's; its id (malloc'ed). */
static char *assignment_of(const char *task, const char *school)
{
  http_resp *r = get_path(admin_token, "/v1/tasks/%s/assignments%s", task, "");
  json_t *items = json_object_get(r->json, "items"), *a;
  size_t i;
  char *id = NULL;
  ck_assert_int_eq(r->status, 200);
  json_array_foreach(items, i, a) {
    const char *s = JSTR(a, "school_id");
    if ((!school && !s) || (school && s && strcmp(s, school) == 0))
      id = strdup(JSTR(a, "id"));
  }
  http_free(r);
  ck_assert_ptr_nonnull(id);
  return id;
}

/* PATCHes an assignment with If-Match its current ETag (read first). */
static http_resp *move(const char *token, const char *task, const char *assignment,
                       const char *body)
{
  char path[300], im[160];
  http_resp *cur = get_path(admin_token, "/v1/tasks/%s/assignments/%s", task, assignment);
  ck_assert_int_eq(cur->status, 200);
  snprintf(im, sizeof(im), "If-Match: %s", http_header(cur, "ETag"));
  http_free(cur);
  const char *h[] = {im, NULL};
  snprintf(path, sizeof(path), "/v1/tasks/%s/assignments/%s", task, assignment);
  return http("PATCH", path, token, body, h);
}

static json_t *summary_of(const char *task)
{
  http_resp *r = get_path(admin_token, "/v1/tasks/%s%s", task, "");
  ck_assert_int_eq(r->status, 200);
  json_t *s = json_incref(json_object_get(r->json, "summary"));
  http_free(r);
  return s;
}

START_TEST(assignments_follow_lead_levels_and_schools)
{
  char *d = make_district("TK-A", "Huyện Việc Làm", "Tỉnh T");
  char *thcs1 = new_school(d, "TK-A-THCS1", "lower_secondary", "");
  char *thcs2 = new_school(d, "TK-A-THCS2", "lower_secondary", "");
  char *th = new_school(d, "TK-A-TH", "primary", "");
  char *ths = new_school(d, "TK-A-THS", "primary_lower_secondary", "");
  char *off = new_school(d, "TK-A-OFF", "lower_secondary", ",\"active\":false");
  char body[1024], path[200];
  /* lower-secondary schools only, with the office: office + THCS1 + THCS2 (not TH, THS, nor the
   * inactive one) = 3 */
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2030,\"code\":\"III.4.5.b\","
           "\"title_vi\":\"Triển khai ngân hàng câu hỏi\",\"lead\":\"office_and_schools\","
           "\"school_levels\":[\"lower_secondary\"],\"due\":{\"kind\":\"date\","
           "\"date\":\"2030-06-15\"},\"indicators\":[\"QUESTION_BANK_USE\"]}", d);
  char *task = post_task(admin_token, body);
  http_resp *r = get_path(admin_token, "/v1/tasks/%s/assignments%s", task, "");
  ck_assert_int_eq(r->status, 200);
  json_t *items = json_object_get(r->json, "items");
  ck_assert_uint_eq(json_array_size(items), 3);
  ck_assert_str_eq(JSTR(json_array_get(items, 0), "unit"), "office");
  ck_assert(json_is_null(json_object_get(json_array_get(items, 0), "school_id")));
  ck_assert_str_eq(JSTR(json_array_get(items, 1), "school_id"), thcs1);
  ck_assert_str_eq(JSTR(json_array_get(items, 2), "school_id"), thcs2);
  ck_assert_str_eq(JSTR(json_array_get(items, 1), "status"), "not_started");
  http_free(r);
  /* the schools' own lead: no office assignment; every level: 4 active schools */
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2030,\"code\":\"V.2.1\","
           "\"title_vi\":\"Ban hành kế hoạch của đơn vị\",\"lead\":\"schools\"}", d);
  char *task2 = post_task(admin_token, body);
  r = get_path(admin_token, "/v1/tasks/%s/assignments%s", task2, "");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 4);
  http_free(r);
  json_t *s = summary_of(task2);
  ck_assert_int_eq(JINT(s, "assignments"), 4);
  ck_assert_int_eq(JINT(s, "not_started"), 4);
  json_decref(s);

  /* a lower-secondary school created later gets its own in both tasks */
  char *late = new_school(d, "TK-A-THCS3", "lower_secondary", "");
  s = summary_of(task);
  ck_assert_int_eq(JINT(s, "assignments"), 4);
  json_decref(s);
  s = summary_of(task2);
  ck_assert_int_eq(JINT(s, "assignments"), 5);
  json_decref(s);
  /* reactivating the inactive one: its own too */
  snprintf(path, sizeof(path), "/v1/schools/%s", off);
  r = http("PATCH", path, admin_token, "{\"active\":true}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  s = summary_of(task);
  ck_assert_int_eq(JINT(s, "assignments"), 5);
  json_decref(s);

  /* deactivating the late school cancels its open assignment, reactivating reopens it */
  char *late_a = assignment_of(task, late);
  snprintf(path, sizeof(path), "/v1/schools/%s", late);
  r = http("PATCH", path, admin_token, "{\"active\":false}", NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = get_path(admin_token, "/v1/tasks/%s/assignments/%s", task, late_a);
  ck_assert_str_eq(JSTR(r->json, "status"), "cancelled");
  http_free(r);
  s = summary_of(task);
  ck_assert_int_eq(JINT(s, "assignments"), 4); /* cancelled ones are not counted ... */
  ck_assert_int_eq(JINT(s, "cancelled"), 1);   /* ... but shown apart */
  json_decref(s);
  r = http("PATCH", path, admin_token, "{\"active\":true}", NULL);
  http_free(r);
  r = get_path(admin_token, "/v1/tasks/%s/assignments/%s/history", task, late_a);
  ck_assert_int_eq(r->status, 200);
  items = json_object_get(r->json, "items");
  ck_assert_uint_eq(json_array_size(items), 2);
  ck_assert_str_eq(JSTR(json_array_get(items, 0), "from"), "not_started");
  ck_assert_str_eq(JSTR(json_array_get(items, 0), "to"), "cancelled");
  ck_assert_str_eq(JSTR(json_array_get(items, 0), "role"), "system");
  ck_assert_str_eq(JSTR(json_array_get(items, 0), "note"), "the school was deactivated");
  ck_assert_str_eq(JSTR(json_array_get(items, 1), "from"), "cancelled");
  ck_assert_str_eq(JSTR(json_array_get(items, 1), "to"), "not_started");
  http_free(r);

  /* a school's checklist: its assignments with their task */
  r = get_path(admin_token, "/v1/schools/%s/tasks?year=2029-2030%s", thcs1, "");
  ck_assert_int_eq(r->status, 200);
  items = json_object_get(r->json, "items");
  ck_assert_uint_eq(json_array_size(items), 2);
  ck_assert_str_eq(JSTR(json_object_get(json_array_get(items, 0), "task"), "code"), "III.4.5.b");
  ck_assert_str_eq(JSTR(json_object_get(json_object_get(json_array_get(items, 0), "task"), "due"),
                        "date"), "2030-06-15");
  ck_assert_str_eq(JSTR(json_object_get(json_array_get(items, 1), "task"), "code"), "V.2.1");
  http_free(r);
  r = get_path(admin_token, "/v1/schools/%s/tasks?year=2024%s", th, "");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 0);
  http_free(r);
  free(d), free(thcs1), free(thcs2), free(th), free(ths), free(off), free(task), free(task2);
  free(late), free(late_a);
}
END_TEST

START_TEST(moves_rights_and_history)
{
  char *d = make_district("TK-B", "Huyện Giao Việc", "Tỉnh T");
  char *other_d = make_district("TK-B2", "Huyện Khác", "Tỉnh T");
  char *s1 = new_school(d, "TK-B-S1", "primary", "");
  char *s2 = new_school(d, "TK-B-S2", "primary", "");
  char *s3 = new_school(d, "TK-B-S3", "primary", "");
  char body[1024], path[300], im[160];
  char *district_token = mint_scoped("district", "district_id", d);
  char *other_token = mint_scoped("district", "district_id", other_d);
  char *school_token = mint_scoped("school", "school_id", s1);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2030,\"code\":\"III.3.9\","
           "\"title_vi\":\"Tự bồi dưỡng thường xuyên\",\"lead\":\"office_and_schools\","
           "\"due\":{\"kind\":\"continuous\"}}", d);
  /* another district's token may not add a task here; the district's own may */
  http_resp *r = http("POST", "/v1/tasks", other_token, body, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  char *task = post_task(district_token, body);
  char *a1 = assignment_of(task, s1), *a2 = assignment_of(task, s2), *a3 = assignment_of(task, s3);
  char *ao = assignment_of(task, NULL);
  /* the school token reads its district's task */
  r = get_path(school_token, "/v1/tasks/%s%s", task, "");
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = get_path(other_token, "/v1/tasks/%s%s", task, "");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);

  /* authorization before validation: a school token's bad task is a 403, not a 422; so is its
   * bad body on another school's assignment */
  r = http("POST", "/v1/tasks", school_token, "{\"lead\":\"bogus\"}", NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = move(school_token, task, a2, "{\"status\":\"bogus\"}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* another school's assignment, and the office's: 403 */
  r = move(school_token, task, a2, "{\"status\":\"in_progress\"}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = move(school_token, task, ao, "{\"status\":\"in_progress\"}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* If-Match is required (428), and must be current (412) */
  snprintf(path, sizeof(path), "/v1/tasks/%s/assignments/%s", task, a1);
  r = http("PATCH", path, school_token, "{\"status\":\"in_progress\"}", NULL);
  ck_assert_problem(r, 428, "precondition-required");
  http_free(r);
  r = http("GET", path, school_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  snprintf(im, sizeof(im), "If-Match: %s", http_header(r, "ETag"));
  http_free(r);
  const char *h[] = {im, NULL};
  r = http("PATCH", path, school_token, "{\"status\":\"in_progress\",\"progress_percent\":40,"
           "\"note\":\"Đã họp tổ chuyên môn\"}", h);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "status"), "in_progress");
  ck_assert_int_eq(JINT(r->json, "progress_percent"), 40);
  http_free(r);
  r = http("PATCH", path, school_token, "{\"progress_percent\":50}", h); /* the old ETag */
  ck_assert_problem(r, 412, "precondition-failed");
  http_free(r);
  /* bad body: 422 naming fields; evidence is file ids */
  r = move(school_token, task, a1, "{\"status\":\"finished\",\"progress_percent\":140,"
           "\"evidence\":[\"not-a-file\"]}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "status"));
  ck_assert(problem_names_field(r, "progress_percent"));
  http_free(r);
  r = move(school_token, task, a1, "{\"evidence\":[\"nope\"]}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "evidence[0]"));
  http_free(r);
  /* a UUID that names no file: 422 (attaching files: test_files.c), the move not made */
  r = move(school_token, task, a1, "{\"status\":\"done\",\"progress_percent\":100,"
           "\"evidence\":[\"7b0c3f0e-9a59-4c1e-8a51-0d6f3c2b1a90\"]}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "evidence[0]"));
  http_free(r);
  r = move(school_token, task, a1, "{\"status\":\"done\",\"progress_percent\":100}");
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "status"), "done");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "evidence")), 0);
  http_free(r);
  /* a school cannot accept its own work, nor take it back from done */
  r = move(school_token, task, a1, "{\"status\":\"accepted\"}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  /* the office sends it back only with a note, then accepts it */
  r = move(district_token, task, a1, "{\"status\":\"in_progress\"}");
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "note"));
  http_free(r);
  r = move(district_token, task, a1, "{\"status\":\"in_progress\",\"note\":\"Thiếu biên bản\"}");
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "note"), "Thiếu biên bản");
  http_free(r);
  r = move(school_token, task, a1, "{\"status\":\"done\",\"note\":\"Đã bổ sung\"}");
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = move(district_token, task, a1, "{\"status\":\"accepted\"}");
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* accepted is closed: 409 naming both statuses */
  r = move(district_token, task, a1, "{\"status\":\"in_progress\",\"note\":\"x\"}");
  ck_assert_problem(r, 409, "conflict");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "from accepted to in_progress"));
  http_free(r);
  /* accepting what is not done: 409 */
  r = move(district_token, task, a2, "{\"status\":\"accepted\"}");
  ck_assert_problem(r, 409, "conflict");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "from not_started to accepted"));
  http_free(r);
  r = move(district_token, task, a2, "{\"status\":\"blocked\",\"note\":\"Chưa có máy\"}");
  ck_assert_int_eq(r->status, 200);
  http_free(r);

  /* the history, oldest first: who, from, to, note */
  r = get_path(admin_token, "/v1/tasks/%s/assignments/%s/history", task, a1);
  ck_assert_int_eq(r->status, 200);
  json_t *items = json_object_get(r->json, "items");
  ck_assert_uint_eq(json_array_size(items), 5);
  const char *expect[5][4] = {{"school", "not_started", "in_progress", "Đã họp tổ chuyên môn"},
                              {"school", "in_progress", "done", NULL},
                              {"district", "done", "in_progress", "Thiếu biên bản"},
                              {"school", "in_progress", "done", "Đã bổ sung"},
                              {"district", "done", "accepted", NULL}};
  for (size_t i = 0; i < 5; i++) {
    json_t *e = json_array_get(items, i);
    ck_assert_str_eq(JSTR(e, "role"), expect[i][0]);
    ck_assert_str_eq(JSTR(e, "from"), expect[i][1]);
    ck_assert_str_eq(JSTR(e, "to"), expect[i][2]);
    if (expect[i][3])
      ck_assert_str_eq(JSTR(e, "note"), expect[i][3]);
    else
      ck_assert(json_is_null(json_object_get(e, "note")));
    ck_assert_ptr_nonnull(JSTR(e, "token_id"));
    ck_assert_ptr_nonnull(JSTR(e, "at"));
  }
  http_free(r);

  /* summary by hand: office not_started, S1 accepted, S2 blocked, S3 in_progress after this */
  r = move(school_token, task, a3, "{\"status\":\"in_progress\"}");
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = move(district_token, task, a3, "{\"status\":\"in_progress\"}");
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  json_t *s = summary_of(task);
  ck_assert_int_eq(JINT(s, "assignments"), 4);
  ck_assert_int_eq(JINT(s, "not_started"), 1);
  ck_assert_int_eq(JINT(s, "in_progress"), 1);
  ck_assert_int_eq(JINT(s, "done"), 0);
  ck_assert_int_eq(JINT(s, "accepted"), 1);
  ck_assert_int_eq(JINT(s, "blocked"), 1);
  ck_assert_int_eq(JINT(s, "overdue"), 0); /* continuous: never overdue */
  json_decref(s);
  /* a deactivated school's accepted assignment stays; its open ones are cancelled */
  snprintf(path, sizeof(path), "/v1/schools/%s", s1);
  r = http("PATCH", path, admin_token, "{\"active\":false}", NULL);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/schools/%s", s2);
  r = http("PATCH", path, admin_token, "{\"active\":false}", NULL);
  http_free(r);
  s = summary_of(task);
  ck_assert_int_eq(JINT(s, "accepted"), 1);
  ck_assert_int_eq(JINT(s, "blocked"), 0);
  ck_assert_int_eq(JINT(s, "cancelled"), 1);
  json_decref(s);
  r = move(district_token, task, a2, "{\"status\":\"in_progress\"}");
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  /* every change of an assignment is audited, as the task's creation is */
  r = get_path(admin_token, "/v1/audit?entity=task_assignment&entity_id=%s%s", a1, "");
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "total"), 5);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "action"), "update");
  http_free(r);
  r = get_path(admin_token, "/v1/audit?entity=task&entity_id=%s%s", task, "");
  ck_assert_int_eq(JINT(r->json, "total"), 1);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "action"), "create");
  http_free(r);
  /* deleting the task: the district's own, If-Match checked */
  snprintf(path, sizeof(path), "/v1/tasks/%s", task);
  r = http("DELETE", path, school_token, NULL, NULL);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  r = http("DELETE", path, district_token, NULL, NULL);
  ck_assert_int_eq(r->status, 204);
  http_free(r);
  r = http("GET", path, district_token, NULL, NULL);
  ck_assert_problem(r, 404, "not-found");
  http_free(r);
  free(d), free(other_d), free(s1), free(s2), free(s3), free(district_token), free(other_token);
  free(school_token), free(task), free(a1), free(a2), free(a3), free(ao);
}
END_TEST

START_TEST(lists_overdue_and_csv)
{
  char *d = make_district("TK-C", "Huyện Hạn Chót", "Tỉnh T");
  char *s1 = new_school(d, "TK-C-S1", "primary", "");
  char body[1024], path[400];
  /* 2024, due 15 June 2024: long past, the office's assignment is overdue */
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2024,\"code\":\"V.1.2.c\","
           "\"title_vi\":\"Cập nhật kết quả đánh giá trên CSDL ngành\",\"lead\":\"office\","
           "\"due\":{\"kind\":\"date\",\"date\":\"2024-06-15\"},"
           "\"indicators\":[\"DT_SELF_ASSESSED\"]}", d);
  char *late = post_task(admin_token, body);
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":\"2029-2030\",\"code\":\"III.1.1\","
           "\"title_vi\":\"Đẩy mạnh nhận thức số\",\"lead\":\"office_and_schools\","
           "\"due\":{\"kind\":\"year_end\"}}", d);
  char *open = post_task(admin_token, body);
  json_t *s = summary_of(late);
  ck_assert_int_eq(JINT(s, "assignments"), 1);
  ck_assert_int_eq(JINT(s, "overdue"), 1);
  json_decref(s);
  http_resp *r = get_path(admin_token, "/v1/tasks/%s%s", open, "");
  ck_assert_int_eq(JINT(r->json, "year"), 2030);
  ck_assert_str_eq(JSTR(json_object_get(r->json, "due"), "date"), "2030-12-31");
  ck_assert(json_is_null(json_object_get(r->json, "school_levels")));
  http_free(r);

#define COUNT(query, n)                                                                         \
  do {                                                                                          \
    snprintf(path, sizeof(path), "/v1/tasks?district_id=%s&%s", d, query);                     \
    r = http("GET", path, admin_token, NULL, NULL);                                             \
    ck_assert_msg(r->status == 200, "%s: %ld", query, r->status);                               \
    ck_assert_msg(json_array_size(json_object_get(r->json, "items")) == (n), "%s", query);      \
    http_free(r);                                                                               \
  } while (0)
  COUNT("overdue=true", 1);
  COUNT("overdue=false", 1);
  COUNT("lead=office", 1);
  COUNT("lead=schools", 0);
  COUNT("year=2024", 1);
  COUNT("year=2029-2030", 1);
  COUNT("indicator=DT_SELF_ASSESSED", 1);
  COUNT("status=not_started", 2);
  COUNT("status=done", 0);
  COUNT("q=nhan%20thuc", 1);
  snprintf(path, sizeof(path), "/v1/tasks?district_id=%s&overdue=true", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_str_eq(JSTR(json_array_get(json_object_get(r->json, "items"), 0), "id"), late);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/tasks?district_id=%s&lead=everyone&overdue=maybe", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "lead"));
  ck_assert(problem_names_field(r, "overdue"));
  http_free(r);
  /* the CSV's header row */
  snprintf(path, sizeof(path), "/v1/tasks.csv?district_id=%s", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_ptr_nonnull(strstr(r->body, "id,district_id,year,code,section_vi,title_vi,title_en,"
                                        "description,lead,lead_detail_vi,school_levels,due,"
                                        "indicators,deliverable_vi,summary\r\n"));
  http_free(r);
  free(d), free(s1), free(late), free(open);
}
END_TEST

START_TEST(bad_tasks_are_named)
{
  char *d = make_district("TK-D", "Huyện Lỗi", "Tỉnh T");
  char body[1024];
  http_resp *r;
#define BAD(extra, field)                                                                       \
  do {                                                                                          \
    snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2030,\"code\":\"X.1\","     \
             "\"title_vi\":\"Việc\"%s}", d, extra);                                             \
    r = http("POST", "/v1/tasks", admin_token, body, NULL);                                     \
    ck_assert_msg(r->status == 422, "%s: %ld %s", extra, r->status, r->body);                  \
    ck_assert_msg(problem_names_field(r, field), "%s: %s", field, r->body);                    \
    http_free(r);                                                                               \
  } while (0)
  BAD(",\"lead\":\"everyone\"", "lead");
  BAD("", "lead");
  BAD(",\"lead\":\"office\",\"due\":{\"kind\":\"weekly\"}", "due.kind");
  BAD(",\"lead\":\"office\",\"due\":{\"kind\":\"date\"}", "due.date");
  BAD(",\"lead\":\"office\",\"due\":{\"kind\":\"periodic\"}", "due.every");
  BAD(",\"lead\":\"office\",\"due\":{\"kind\":\"continuous\",\"date\":\"2030-01-01\"}",
      "due.date");
  BAD(",\"lead\":\"office\",\"indicators\":[\"BROADBAND_CONNECTED\",\"NO_SUCH_CODE\"]",
      "indicators[1]");
  BAD(",\"lead\":\"schools\",\"school_levels\":[\"university\"]", "school_levels");
  BAD(",\"lead\":\"office\",\"school_levels\":[\"primary\"]", "school_levels");
  /* unknown fields: 400 */
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2030,\"code\":\"X.1\","
           "\"title_vi\":\"Việc\",\"lead\":\"office\",\"owner\":\"me\"}", d);
  r = http("POST", "/v1/tasks", admin_token, body, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "owner"));
  http_free(r);
  /* the same code twice in a year: 409 */
  snprintf(body, sizeof(body), "{\"district_id\":\"%s\",\"year\":2030,\"code\":\"X.1\","
           "\"title_vi\":\"Việc\",\"lead\":\"office\",\"indicators\":[\"BROADBAND_CONNECTED\"],"
           "\"due\":{\"kind\":\"periodic\",\"every\":\"quarter\"}}", d);
  char *t = post_task(admin_token, body);
  r = http("POST", "/v1/tasks", admin_token, body, NULL);
  ck_assert_problem(r, 409, "conflict");
  http_free(r);
  /* PATCH: a due sent replaces the whole due; a bad one is named */
  char path[200];
  snprintf(path, sizeof(path), "/v1/tasks/%s", t);
  r = http("PATCH", path, admin_token, "{\"due\":{\"kind\":\"date\",\"date\":\"2030-02-30\"}}",
           NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert(problem_names_field(r, "due.date"));
  http_free(r);
  r = http("PATCH", path, admin_token, "{\"due\":{\"kind\":\"date\",\"date\":\"2030-03-01\"},"
           "\"lead\":\"office_and_schools\"}", NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(json_object_get(r->json, "due"), "kind"), "date");
  ck_assert(json_is_null(json_object_get(json_object_get(r->json, "due"), "every")));
  http_free(r);
  free(d), free(t);
}
END_TEST

/* The text of a file of the source tree (malloc'ed). */
static char *source_file(const char *path, size_t *len)
{
  char full[512];
  snprintf(full, sizeof(full), "%s/%s", EDX_SOURCE_ROOT, path);
  FILE *f = fopen(full, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", full);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)n + 1);
  ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
  text[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return text;
}

/* The sum of summary.assignments over the district's tasks of 2024, and how many tasks. */
static long long assignments_of(const char *d, size_t *tasks)
{
  char path[200];
  snprintf(path, sizeof(path), "/v1/tasks?district_id=%s&year=2024&limit=100", d);
  http_resp *r = http("GET", path, admin_token, NULL, NULL);
  json_t *items = json_object_get(r->json, "items"), *t;
  size_t i;
  long long n = 0;
  json_array_foreach(items, i, t)
    n += JINT(json_object_get(t, "summary"), "assignments");
  *tasks = json_array_size(items);
  http_free(r);
  return n;
}

START_TEST(import_the_plan)
{
  char *d = make_district("TK-I", "Huyện Nhập Kế Hoạch", "Tỉnh T");
  char *p1 = new_school(d, "TK-I-TH", "primary", "");
  char *l1 = new_school(d, "TK-I-THCS", "lower_secondary", "");
  char *k1 = new_school(d, "TK-I-MN", "preschool", "");
  char path[300];
  size_t len, ntasks;
  char *doc = source_file("db/demo-tasks-2024.json", &len);
  const char *json_type[] = {"Content-Type: application/json", NULL};
  const char *csv_type[] = {"Content-Type: text/csv", NULL};
  /* a dry run counts, writes nothing */
  snprintf(path, sizeof(path), "/v1/tasks/import?district_id=%s&year=2024&dry_run=true", d);
  http_resp *r = http_raw("POST", path, admin_token, doc, len, json_type);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "created"), 48);
  http_free(r);
  ck_assert_int_eq(assignments_of(d, &ntasks), 0);
  ck_assert_uint_eq(ntasks, 0);
  /* the whole document: 48 tasks. By hand from the file: 15 office, 5 schools, 28 both, so 43
   * office assignments; of the 33 tasks for schools, 28 are for every level (3 schools: 84),
   * 4 (III.3.10, III.3.11, III.5.7, III.5.8) for primary and lower-secondary levels (TH and THCS:
   * 8) and III.4.5.b for lower-secondary ones (THCS: 1): 43 + 84 + 8 + 1 = 136 */
  snprintf(path, sizeof(path), "/v1/tasks/import?district_id=%s&year=2024", d);
  r = http_raw("POST", path, admin_token, doc, len, json_type);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "created"), 48);
  http_free(r);
  ck_assert_int_eq(assignments_of(d, &ntasks), 136);
  ck_assert_uint_eq(ntasks, 48);
  r = get_path(admin_token, "/v1/schools/%s/tasks?year=2024%s", k1, "");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 28);
  http_free(r);
  r = get_path(admin_token, "/v1/schools/%s/tasks?year=2024%s", l1, "");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 33);
  http_free(r);
  r = get_path(admin_token, "/v1/schools/%s/tasks?year=2024%s", p1, "");
  ck_assert_uint_eq(json_array_size(json_object_get(r->json, "items")), 32);
  http_free(r);
  /* again: nothing changes */
  r = http_raw("POST", path, admin_token, doc, len, json_type);
  ck_assert_int_eq(JINT(r->json, "unchanged"), 48);
  http_free(r);
  /* the CSV export goes back in unchanged */
  snprintf(path, sizeof(path), "/v1/tasks.csv?district_id=%s&year=2024&limit=100", d);
  r = http("GET", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  char *csv = strdup(r->body);
  size_t csv_len = r->body_len;
  http_free(r);
  snprintf(path, sizeof(path), "/v1/tasks/import?district_id=%s&year=2024", d);
  r = http_raw("POST", path, admin_token, csv, csv_len, csv_type);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "unchanged"), 48);
  http_free(r);
  /* row errors, all or nothing: row 2's lead, row 3's indicator; row 1 (new) not written */
  r = http("POST", path, admin_token,
           "[{\"code\":\"NEW.1\",\"title_vi\":\"Mới\",\"lead\":\"office\"},"
           "{\"code\":\"NEW.2\",\"title_vi\":\"Mới\",\"lead\":\"nobody\"},"
           "{\"code\":\"NEW.3\",\"title_vi\":\"Mới\",\"lead\":\"office\","
           "\"indicators\":[\"NOPE\"],\"due\":{\"kind\":\"date\"}}]", NULL);
  ck_assert_problem(r, 422, "validation-failed");
  ck_assert_uint_eq(problem_error_count(r), 3);
  json_t *e = json_object_get(r->json, "errors");
  ck_assert_int_eq(JINT(json_array_get(e, 0), "row"), 2);
  ck_assert_str_eq(JSTR(json_array_get(e, 0), "field"), "lead");
  ck_assert_int_eq(JINT(json_array_get(e, 1), "row"), 3);
  ck_assert_str_eq(JSTR(json_array_get(e, 1), "field"), "due.date");
  ck_assert_str_eq(JSTR(json_array_get(e, 2), "field"), "indicators[0]");
  http_free(r);
  ck_assert_int_eq(assignments_of(d, &ntasks), 136);
  ck_assert_uint_eq(ntasks, 48);
  /* a district token of another district: 403; no year: 400 */
  char *other = make_district("TK-I2", "Huyện Bên", "Tỉnh T");
  char *other_token = mint_scoped("district", "district_id", other);
  r = http_raw("POST", path, other_token, doc, len, json_type);
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  char *school_token = mint_scoped("school", "school_id", p1);
  r = http_raw("POST", "/v1/tasks/import", school_token, "[]", 2, json_type); /* 403 first */
  ck_assert_problem(r, 403, "forbidden");
  http_free(r);
  free(school_token);
  snprintf(path, sizeof(path), "/v1/tasks/import?district_id=%s", d);
  r = http_raw("POST", path, admin_token, doc, len, json_type);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert(problem_names_field(r, "year"));
  http_free(r);
  free(d), free(p1), free(l1), free(k1), free(doc), free(csv), free(other), free(other_token);
}
END_TEST

/* The demo (serve --demo): the 48 tasks of Tuyên Hoá's 2024 plan. Its 60 schools are all
 * active: 19 TH, 19 THCS, 19 MN, 3 TH&THCS. Assignments: 43 office (15 office + 28 both) + 28
 * every-level tasks x 60 + 4 tasks x 41 (TH, THCS, TH&THCS) + 1 x 22 (THCS, TH&THCS) = 1909.
 * Statuses by place modulo 8 (db/demo.c): 1909 = 8 x 238 + 5, so places 0-4 occur 239 times and
 * 5-7 238 times: not_started (0, 6) 477, in_progress (1, 4) 478, done (2, 7) 477, accepted (3)
 * 239, blocked (5) 238. */
START_TEST(demo_tasks)
{
  http_resp *r = http("GET", "/v1/districts/code:453", admin_token, NULL, NULL);
  char path[200];
  ck_assert_int_eq(r->status, 200);
  snprintf(path, sizeof(path), "/v1/tasks?district_id=%s&year=2024&limit=100", JSTR(r->json, "id"));
  http_free(r);
  r = http("GET", path, admin_token, NULL, NULL);
  json_t *items = json_object_get(r->json, "items"), *t;
  size_t i;
  long long sum[6] = {0};
  const char *keys[6] = {"assignments", "not_started", "in_progress", "done", "accepted",
                         "blocked"};
  const long long expect[6] = {1909, 477, 478, 477, 239, 238};
  ck_assert_uint_eq(json_array_size(items), 48);
  json_array_foreach(items, i, t)
    for (int k = 0; k < 6; k++)
      sum[k] += JINT(json_object_get(t, "summary"), keys[k]);
  for (int k = 0; k < 6; k++)
    ck_assert_msg(sum[k] == expect[k], "%s: %lld", keys[k], sum[k]);
  http_free(r);
}
END_TEST

Suite *tasks_suite(void)
{
  Suite *s = suite_create("tasks");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, assignments_follow_lead_levels_and_schools);
  tcase_add_test(tc, moves_rights_and_history);
  tcase_add_test(tc, lists_overdue_and_csv);
  tcase_add_test(tc, bad_tasks_are_named);
  tcase_add_test(tc, import_the_plan);
  tcase_add_test(tc, demo_tasks);
  suite_add_tcase(s, tc);
  return s;
}
