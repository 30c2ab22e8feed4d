/* http_lifecycle_main.c — the service's life around its requests: 503 + Retry-After while
 * PostgreSQL is down and recovery after it returns (no restart of edudx); 503 naming it, and
 * /readyz 503, while the database is read-only; a connection lost during COMMIT answered as an
 * unknown outcome, and the retry with the same Idempotency-Key made once; SIGTERM during a slow
 * request (the request finishes, new connections are refused, an idle keep-alive connection is
 * closed at once, a request under way gets /readyz 503 and Connection: close, exit 0); 250 and
 * 1,000 query parameters get a problem document naming each, and do not hold a later SIGTERM; a
 * hung database (its backends stopped) fails requests with 503 within the statement timeout and
 * 2 s, and the service recovers when it answers again; /healthz and /metrics answer at once
 * while every worker waits on the database; imports one at a time (a second one 503);
 * migrations run from two processes at once and an edited migration refused; the embedded
 * cluster (no DATABASE_URL) that persists across runs and stops with edudx, and refuses a second
 * serve; exports cut short by their clients give their database connections back, and are
 * streamed in bounded memory; a token revoked on one of two instances is refused by the other
 * within 2 s; statements prepared once per session, again after a reconnect. test_connections.c
 * adds what clients do to connections. Run under pg_virtualenv. */
#include <curl/curl.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "raw.h"
#include "testutil.h"

static void sleep_ms(long ms)
{
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&t, NULL);
}

static PGconn *connect_to(const char *dbname)
{
  char conninfo[600];
  snprintf(conninfo, sizeof(conninfo), "%s%s%s", harness_conninfo(), dbname ? " dbname=" : "",
           dbname ? dbname : "");
  PGconn *pg = PQconnectdb(conninfo);
  ck_assert_int_eq(PQstatus(pg), CONNECTION_OK);
  return pg;
}

static void exec_ok(PGconn *pg, const char *sql)
{
  PGresult *res = PQexec(pg, sql);
  ck_assert_msg(PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK,
                "%s: %s", sql, PQerrorMessage(pg));
  PQclear(res);
}

/* Waits (up to 10 s) until some backend matches condition, a pg_stat_activity WHERE clause: a
 * request the test holds has reached the point it is held at. Fails the test otherwise. */
/* Takes the first bytes of an answer and hangs up. */
static size_t hang_up(char *data, size_t size, size_t n, void *seen)
{
  (void)data;
  *(size_t *)seen += size * n;
  return 0;
}

/* Starts reading path as token and hangs up after the first block; returns the bytes seen. */
static size_t read_and_hang_up(const char *path, const char *token)
{
  char url[256], auth[256];
  size_t seen = 0;
  CURL *curl = curl_easy_init();
  struct curl_slist *headers = NULL;
  snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", http_port(), path);
  snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
  headers = curl_slist_append(headers, auth);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, hang_up);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &seen);
  ck_assert_int_eq(curl_easy_perform(curl), CURLE_WRITE_ERROR);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return seen;
}

START_TEST(an_export_cut_short_gives_its_connection_back)
{
  static const char *const env[] = {"EDUDX_DB_POOL=2", NULL};
  char sql[512];
  edudx_proc server;
  harness_serve(&server, harness_conninfo(), NULL, env);
  admin_token = harness_token((const char *const[]){"--role", "admin", NULL});
  char *d = make_district("EX-H", "Huyện Bỏ Dở", "Tỉnh T");
  char *reader = mint_scoped("reader", "district_id", d);
  char *p = new_procedure(d, "EX-H.1", "Thủ tục nhiều hồ sơ", ",\"statutory_days\":5");
  /* 20,000 dossiers: several megabytes, far more than the sockets hold */
  snprintf(sql, sizeof(sql), "INSERT INTO dossiers (district_id, procedure_id, reference, channel,"
           " received_at, due_at) SELECT '%s', '%s', 'EX-H/' || g, 'online',"
           " '2024-05-01T08:00:00Z', '2024-05-08T08:00:00Z' FROM generate_series(1, 20000) g"
           " RETURNING 1", d, p);
  free(sql_value(sql));
  /* more exports hung up than the server has database connections (2) */
  for (int i = 0; i < 4; i++)
    ck_assert_uint_gt(read_and_hang_up("/v1/exports/dossier", reader), 0);
  /* every connection came back: a whole export still answers */
  http_resp *r = http("GET", "/v1/exports/dossier.csv", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  size_t lines = 0;
  for (const char *c = r->body; *c; c++)
    lines += *c == '\n';
  ck_assert_uint_eq(lines, 20001); /* the header and every dossier */
  http_free(r);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(admin_token);
  admin_token = NULL;
  free(p);
  free(reader);
  free(d);
}
END_TEST

/* The peak resident memory of process pid (VmHWM), in kB. */
static long peak_kb(pid_t pid)
{
  char path[64], line[256];
  long kb = -1;
  snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
  FILE *f = fopen(path, "r");
  ck_assert_ptr_nonnull(f);
  while (fgets(line, sizeof(line), f))
    if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
      break;
  fclose(f);
  return kb;
}

/* An export is streamed: the server holds about one block of it, not the whole of it (the
 * buffer once kept every byte already sent, 60 MB for the country's report values). Not under
 * AddressSanitizer, whose quarantine keeps every freed row. */
START_TEST(an_export_is_streamed_in_bounded_memory)
{
#if defined(__SANITIZE_ADDRESS__)
  return;
#endif
  char sql[512];
  edudx_proc server;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  admin_token = harness_token((const char *const[]){"--role", "admin", NULL});
  char *d = make_district("EX-M", "Huyện Nhiều Hồ Sơ", "Tỉnh T");
  char *p = new_procedure(d, "EX-M.1", "Thủ tục nhiều hồ sơ", ",\"statutory_days\":5");
  snprintf(sql, sizeof(sql), "INSERT INTO dossiers (district_id, procedure_id, reference, channel,"
           " received_at, due_at) SELECT '%s', '%s', 'EX-M/' || g, 'online',"
           " '2024-05-01T08:00:00Z', '2024-05-08T08:00:00Z' FROM generate_series(1, 30000) g"
           " RETURNING 1", d, p);
  free(sql_value(sql));
  /* a first small export warms the server up (its pools, the representations' plans) */
  http_resp *r = http("GET", "/v1/exports/procedure", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  long before = peak_kb(server.pid);
  r = http("GET", "/v1/exports/dossier", admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  long grown = peak_kb(server.pid) - before;
  /* the export is over 24 MB (31.6 MB); the server's peak grows by less than 4 MB (0-148 kB
   * measured; 30.8 MB when the buffer kept what it had sent) */
  ck_assert_uint_gt(r->body_len, 24u * 1024 * 1024);
  ck_assert_msg(grown < 4 * 1024, "the server's peak grew by %ld kB for a %zu-byte export", grown,
                r->body_len);
  http_free(r);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(admin_token);
  admin_token = NULL;
  free(p);
  free(d);
}
END_TEST

/* The number GET /metrics gives for a series (its whole name and labels), -1 when absent. */
static long metric(const char *series)
{
  char line[128];
  long n = -1;
  http_resp *r = http("GET", "/metrics", NULL, NULL, NULL);
  snprintf(line, sizeof(line), "\n%s ", series);
  const char *at = strstr(r->body, line);
  if (at)
    n = strtol(at + strlen(line), NULL, 10);
  http_free(r);
  return n;
}

/* Two instances on one database: a token checked by both is revoked through the first, which
 * refuses it at once; the second trusts its cached check for at most the cache's 2 s. While
 * cached, a request costs no token check in the database. */
START_TEST(a_revocation_reaches_every_instance_within_two_seconds)
{
  edudx_proc first, second;
  char id[ID_SIZE], path[64];
  harness_serve(&first, harness_conninfo(), NULL, NULL);
  harness_serve(&second, harness_conninfo(), NULL, NULL);
  admin_token = harness_token((const char *const[]){"--role", "admin", NULL});
  http_use(&first);
  char *reader = mint_token(admin_token, "{\"role\":\"reader\"}", id);
  http_use(&second);
  static const char by_db[] = "edudx_token_checks_total{source=\"database\"}";
  static const char by_cache[] = "edudx_token_checks_total{source=\"cache\"}";
  long from_db = metric(by_db), from_cache = metric(by_cache);
  for (int i = 0; i < 5; i++) {
    http_resp *r = http("GET", "/v1/me", reader, NULL, NULL);
    ck_assert_int_eq(r->status, 200);
    http_free(r);
  }
  ck_assert_int_eq(metric(by_db) - from_db, 1);
  ck_assert_int_eq(metric(by_cache) - from_cache, 4);
  http_use(&first);
  http_resp *r = http("GET", "/v1/me", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  snprintf(path, sizeof(path), "/v1/tokens/%s", id);
  r = http("DELETE", path, admin_token, NULL, NULL);
  ck_assert_int_eq(r->status, 204);
  http_free(r);
  r = http("GET", "/v1/me", reader, NULL, NULL);
  ck_assert_int_eq(r->status, 401);
  http_free(r);
  /* the second instance: refused within 2 s of its last check (polled every 50 ms) */
  http_use(&second);
  long waited = ms_until_status("/v1/me", reader, 401);
  ck_assert_int_ge(waited, 0);
  ck_assert_int_le(waited, 2100);
  ck_assert_int_eq(harness_stop(&second, SIGTERM), 0);
  ck_assert_int_eq(harness_stop(&first, SIGTERM), 0);
  free(reader);
  free(admin_token);
  admin_token = NULL;
}
END_TEST

static void get_ok(const char *path, const char *token)
{
  http_resp *r = http("GET", path, token, NULL, NULL);
  ck_assert_msg(r->status == 200, "GET %s: %ld %s", path, r->status, r->body);
  http_free(r);
}

/* A connection prepares a statement once: the same request again prepares nothing; after the
 * session is killed the new one prepares its statements again and the request still answers;
 * with --prepared-statements off nothing is prepared. */
START_TEST(statements_are_prepared_once_per_session)
{
  static const char *const one_connection[] = {"EDUDX_DB_POOL=1", NULL};
  static const char *const off[] = {"EDUDX_DB_POOL=1", "EDUDX_PREPARED_STATEMENTS=off", NULL};
  edudx_proc server;
  char path[96];
  harness_serve(&server, harness_conninfo(), NULL, one_connection);
  admin_token = harness_token((const char *const[]){"--role", "admin", NULL});
  char *d = make_district("PS-1", "Huyện Chuẩn Bị", "Tỉnh T");
  snprintf(path, sizeof(path), "/v1/districts/%s", d);
  get_ok(path, admin_token);
  long first = metric("edudx_db_statements_prepared_total");
  ck_assert_int_gt(first, 0);
  for (int i = 0; i < 5; i++)
    get_ok(path, admin_token);
  ck_assert_int_eq(metric("edudx_db_statements_prepared_total"), first);
  free(sql_value("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                 " WHERE application_name = 'edudx'"));
  /* the request that finds the session gone may be a 503 (Retry-After); the next reconnects */
  ck_assert_int_ge(ms_until_status(path, admin_token, 200), 0);
  ck_assert_int_gt(metric("edudx_db_statements_prepared_total"), first);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);

  harness_serve(&server, harness_conninfo(), NULL, off);
  for (int i = 0; i < 3; i++)
    get_ok(path, admin_token);
  ck_assert_int_eq(metric("edudx_db_statements_prepared_total"), 0);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(admin_token);
  admin_token = NULL;
  free(d);
}
END_TEST

START_TEST(database_down_gives_503_then_recovers)
{
  edudx_proc server;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  char *token = harness_token((const char *const[]){"--role", "admin", NULL});
  http_resp *r = http("GET", "/v1/districts", token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  ck_assert_int_eq(system("pg_ctlcluster 15 regress stop -m fast"), 0);
  r = http("GET", "/v1/districts", token, NULL, NULL);
  ck_assert_problem(r, 503, "unavailable");
  ck_assert_str_eq(http_header(r, "Retry-After"), "2");
  http_free(r);
  r = http("GET", "/readyz", NULL, NULL, NULL);
  ck_assert_problem(r, 503, "unavailable");
  http_free(r);
  r = http("GET", "/healthz", NULL, NULL, NULL); /* the process itself is fine */
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  ck_assert_int_eq(system("pg_ctlcluster 15 regress start"), 0);
  long status = 0;
  for (int i = 0; i < 100 && status != 200; i++) {
    r = http("GET", "/v1/districts", token, NULL, NULL);
    status = r->status;
    http_free(r);
    if (status != 200)
      sleep_ms(100);
  }
  ck_assert_int_eq(status, 200);
  /* every pooled connection is usable again, not only the first */
  for (int i = 0; i < 20; i++) {
    r = http("GET", "/v1/me", token, NULL, NULL);
    ck_assert_int_eq(r->status, 200);
    http_free(r);
  }
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(token);
}
END_TEST

/* Sets default_transaction_read_only for the whole cluster (on: 1) and reloads its settings, so
 * that the server's open sessions take it for their next transaction. */
static void cluster_read_only(int on)
{
  PGconn *pg = connect_to(NULL);
  exec_ok(pg, "SET default_transaction_read_only = off");
  exec_ok(pg, on ? "ALTER SYSTEM SET default_transaction_read_only = on"
                 : "ALTER SYSTEM RESET default_transaction_read_only");
  exec_ok(pg, "SELECT pg_reload_conf()");
  PQfinish(pg);
  sleep_ms(300); /* the backends read the file when they next go idle */
}

START_TEST(a_read_only_database_gives_503_saying_so)
{
  edudx_proc server;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  char *token = harness_token((const char *const[]){"--role", "admin", NULL});
  const char *body = "{\"code\":\"RO-1\",\"name\":\"Huyện Chỉ Đọc\",\"province\":\"Tỉnh T\"}";
  http_resp *r;
  cluster_read_only(1);
  r = http("POST", "/v1/districts", token, body, NULL);
  ck_assert_problem(r, 503, "unavailable"); /* before: 500 internal */
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "read-only"));
  ck_assert_ptr_nonnull(http_header(r, "Retry-After"));
  http_free(r);
  r = http("GET", "/readyz", NULL, NULL, NULL); /* before: 200 */
  ck_assert_problem(r, 503, "unavailable");
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "read-only"));
  http_free(r);
  r = http("GET", "/v1/districts/code:RO-1", token, NULL, NULL); /* nothing was written */
  ck_assert_int_eq(r->status, 404);
  http_free(r);
  r = http("GET", "/v1/districts", token, NULL, NULL); /* reads go on */
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  cluster_read_only(0);
  r = http("GET", "/readyz", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("POST", "/v1/districts", token, body, NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(token);
}
END_TEST

typedef struct {
  const char *token;
  long status;
  char type[64];
} commit_call;

static const char *const hanging_district =
  "{\"code\":\"HANG\",\"name\":\"Huyện Treo\",\"province\":\"Tỉnh T\"}";

static void *post_hanging_district(void *arg)
{
  commit_call *call = arg;
  const char *key[] = {"Idempotency-Key: hang-1", NULL};
  http_resp *r = http("POST", "/v1/districts", call->token, hanging_district, key);
  call->status = r->status;
  if (r->json && JSTR(r->json, "type"))
    snprintf(call->type, sizeof(call->type), "%s", JSTR(r->json, "type"));
  http_free(r);
  return NULL;
}

START_TEST(a_connection_lost_during_commit_is_an_unknown_outcome)
{
  edudx_proc server;
  pthread_t thread;
  PGconn *pg = connect_to(NULL);
  commit_call call = {NULL, 0, ""};
  const char *key[] = {"Idempotency-Key: hang-1", NULL};
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  call.token = harness_token((const char *const[]){"--role", "admin", NULL});
  /* the district's COMMIT runs a deferred trigger that sleeps: the connection is cut there */
  exec_ok(pg, "CREATE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
              "IF NEW.code = 'HANG' THEN PERFORM pg_sleep(5); END IF; RETURN NULL; END $$");
  exec_ok(pg, "CREATE CONSTRAINT TRIGGER test_slow_commit AFTER INSERT ON districts DEFERRABLE "
              "INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_slow_commit()");
  pthread_create(&thread, NULL, post_hanging_district, &call);
  wait_for_backend("wait_event = 'PgSleep'");
  exec_ok(pg, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = "
              "'PgSleep'");
  pthread_join(thread, NULL);
  ck_assert_int_eq(call.status, 503); /* before: 503 "unavailable", read as "not done" */
  ck_assert_str_eq(call.type, "urn:edudx:problem:outcome-unknown");
  exec_ok(pg, "DROP TRIGGER test_slow_commit ON districts");
  exec_ok(pg, "DROP FUNCTION test_slow_commit()");
  /* the retry with the same key makes the district once, whatever the first did */
  for (int i = 0; i < 2; i++) {
    http_resp *r = http("POST", "/v1/districts", call.token, hanging_district, key);
    ck_assert_int_eq(r->status, 201);
    http_free(r);
  }
  char *n = sql_value("SELECT count(*) FROM districts WHERE code = 'HANG'");
  ck_assert_str_eq(n, "1");
  free(n);
  PQfinish(pg);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free((char *)call.token);
}
END_TEST

typedef struct {
  const char *token;
  long status;
} import_call;

static const char *const gate_import =
  "[{\"code\":\"GATE-1\",\"name\":\"Trường Cổng\",\"level\":\"primary\","
  "\"district_code\":\"GATE\"}]";

/* Imports GATE-1 under a new name: a write, which waits while the row is held. */
static void *import_held_school(void *arg)
{
  import_call *call = arg;
  http_resp *r = http("POST", "/v1/schools/import", call->token,
                      "[{\"code\":\"GATE-1\",\"name\":\"Trường Đổi Tên\"}]", NULL);
  call->status = r->status;
  http_free(r);
  return NULL;
}

/* An import's writes have the statement time of bulk work (15 min), not the session's: with a
 * statement timeout of 100 ms, 5,000 schools are still imported (before: 503, the upsert cut). */
START_TEST(an_import_outlasts_the_statement_timeout)
{
  static const char *const env[] = {"EDUDX_STATEMENT_TIMEOUT_MS=100", NULL};
  edudx_proc server;
  size_t cap = 5000 * 110 + 64, used = 0;
  char *body = malloc(cap);
  harness_serve(&server, harness_conninfo(), NULL, env);
  char *token = harness_token((const char *const[]){"--role", "admin", NULL});
  http_resp *r = http("POST", "/v1/districts", token,
                      "{\"code\":\"BULK\",\"name\":\"Huyện Nhập Lớn\",\"province\":\"Tỉnh T\"}",
                      NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  used += (size_t)snprintf(body + used, cap - used, "[");
  for (int i = 0; i < 5000; i++)
    used += (size_t)snprintf(body + used, cap - used,
                             "%s{\"code\":\"BULK-%05d\",\"name\":\"Trường số %d\",\"level\":"
                             "\"primary\",\"district_code\":\"BULK\"}", i ? "," : "", i, i);
  snprintf(body + used, cap - used, "]");
  r = http("POST", "/v1/schools/import", token, body, NULL);
  ck_assert_msg(r->status == 200, "%ld %s", r->status, r->body);
  ck_assert_int_eq(JINT(r->json, "created"), 5000);
  http_free(r);
  char *n = sql_value("SELECT count(*) FROM schools WHERE code LIKE 'BULK-%'");
  ck_assert_str_eq(n, "5000");
  free(n);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(body);
  free(token);
}
END_TEST

/* 4,500 rows of school LOT-0001… in district IM-D8 (row n is LOT-n), row 4,500 with level; as
 * a CSV (malloc'ed). */
static char *lot_csv(const char *last_level)
{
  size_t cap = 4500 * 48 + 64, used = 0;
  char *csv = malloc(cap);
  used += (size_t)snprintf(csv, cap, "code;name;level;district_code\r\n");
  for (int n = 1; n <= 4500; n++)
    used += (size_t)snprintf(csv + used, cap - used, "LOT-%04d;Trường Lô %d;%s;IM-D8\r\n", n, n,
                             n == 4500 ? last_level : "primary");
  return csv;
}

static void assert_lot_count(const char *where, const char *expected)
{
  char sql[256], *n;
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM schools WHERE %s", where);
  n = sql_value(sql);
  ck_assert_str_eq(n, expected);
  free(n);
}

/* An import's rows go to the database in batches of 2,000 (EDX_IMPORT_BATCH): 4,500 rows are
 * three batches, all in one transaction. A refusal in the last batch leaves nothing of the first
 * two. Here rather than in the schools_import suite: its 4,500 schools would make the whole
 * change feed the http-api run checks at its end longer than the feed's deletions kept. */
START_TEST(an_import_larger_than_a_batch_is_all_or_nothing)
{
  static const char *const csv_type[] = {"Content-Type: text/csv", NULL};
  edudx_proc server;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  char *token = harness_token((const char *const[]){"--role", "admin", NULL});
  http_resp *r = http("POST", "/v1/districts", token,
                      "{\"code\":\"IM-D8\",\"name\":\"Huyện Lô\",\"province\":\"Tỉnh T\"}",
                      NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  char *csv = lot_csv("college"), *audits;
  r = http("POST", "/v1/schools/import", token, csv, csv_type);
  ck_assert_problem(r, 422, "validation-failed"); /* the last row's level, found as it comes */
  ck_assert_uint_eq(problem_error_count(r), 1);
  json_t *e = json_array_get(json_object_get(r->json, "errors"), 0);
  ck_assert_int_eq(JINT(e, "row"), 4500);
  ck_assert_str_eq(JSTR(e, "field"), "level");
  http_free(r);
  assert_lot_count("code LIKE 'LOT-%'", "0");
  free(csv);

  /* the database refuses the last row, in the third batch, after two batches were written */
  free(sql_value("CREATE FUNCTION test_refuse_lot() RETURNS trigger LANGUAGE plpgsql AS $$"
                 " BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation';"
                 " END $$;"
                 " CREATE TRIGGER test_refuse_lot BEFORE INSERT ON schools FOR EACH ROW"
                 " WHEN (NEW.code = 'LOT-4500') EXECUTE FUNCTION test_refuse_lot()"));
  csv = lot_csv("primary");
  r = http("POST", "/v1/schools/import", token, csv, csv_type);
  ck_assert_int_eq(r->status, 422);
  http_free(r);
  free(sql_value("DROP TRIGGER test_refuse_lot ON schools; DROP FUNCTION test_refuse_lot()"));
  assert_lot_count("code LIKE 'LOT-%'", "0");
  audits = sql_value("SELECT count(*) FROM audit WHERE entity = 'school' AND after->>'code' LIKE "
                     "'LOT-%'");
  ck_assert_str_eq(audits, "0");
  free(audits);

  r = http("POST", "/v1/schools/import", token, csv, csv_type);
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "rows"), 4500);
  ck_assert_int_eq(JINT(r->json, "created"), 4500);
  http_free(r);
  assert_lot_count("code LIKE 'LOT-%'", "4500");
  assert_lot_count("code = 'LOT-4500' AND name = 'Trường Lô 4500'", "1");
  audits = sql_value("SELECT count(*) FROM audit WHERE entity = 'school' AND action = 'create' "
                     "AND after->>'code' LIKE 'LOT-%'");
  ck_assert_str_eq(audits, "4500");
  free(audits);
  r = http("POST", "/v1/schools/import", token, csv, csv_type); /* again: all the same */
  ck_assert_int_eq(r->status, 200);
  ck_assert_int_eq(JINT(r->json, "unchanged"), 4500);
  ck_assert_int_eq(JINT(r->json, "created") + JINT(r->json, "updated"), 0);
  http_free(r);
  free(csv);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(token);
}
END_TEST

START_TEST(imports_run_one_at_a_time)
{
  edudx_proc server;
  pthread_t thread;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  char *token = harness_token((const char *const[]){"--role", "admin", NULL});
  http_resp *r = http("POST", "/v1/districts", token,
                      "{\"code\":\"GATE\",\"name\":\"Huyện Cổng\",\"province\":\"Tỉnh T\"}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  r = http("POST", "/v1/schools/import", token, gate_import, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* the first import waits on the school's row, held here: it is still being processed */
  PGconn *locker = connect_to(NULL);
  exec_ok(locker, "BEGIN");
  exec_ok(locker, "SELECT 1 FROM schools WHERE code = 'GATE-1' FOR UPDATE");
  import_call first = {token, 0};
  pthread_create(&thread, NULL, import_held_school, &first);
  wait_for_backend("wait_event_type = 'Lock'");
  r = http("POST", "/v1/schools/import?dry_run=true", token, gate_import, NULL);
  ck_assert_problem(r, 503, "unavailable"); /* before: both checked at once (942 MB each) */
  ck_assert_ptr_nonnull(strstr(JSTR(r->json, "detail"), "another import"));
  ck_assert_ptr_nonnull(http_header(r, "Retry-After"));
  http_free(r);
  r = http("GET", "/v1/schools/code:GATE-1", token, NULL, NULL); /* other requests go on */
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  exec_ok(locker, "COMMIT");
  pthread_join(thread, NULL);
  PQfinish(locker);
  ck_assert_int_eq(first.status, 200);
  r = http("POST", "/v1/schools/import?dry_run=true", token, gate_import, NULL);
  ck_assert_int_eq(r->status, 200); /* the gate is open again */
  http_free(r);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(token);
}
END_TEST

typedef struct {
  const char *token;
  long status;
  char name[64];
} slow_call;

static void *slow_patch(void *arg)
{
  slow_call *call = arg;
  http_resp *r = http("PATCH", "/v1/districts/code:SLOW", call->token,
                      "{\"name\":\"Huyện Chậm Xong\"}", NULL);
  call->status = r->status;
  if (r->json && JSTR(r->json, "name"))
    snprintf(call->name, sizeof(call->name), "%s", JSTR(r->json, "name"));
  http_free(r);
  return NULL;
}

/* Sends sig to every backend of edudx's pool (application_name edudx); how many. */
static int signal_pool_backends(int sig)
{
  char *pids = sql_value("SELECT coalesce(string_agg(pid::text, ' '), '') FROM pg_stat_activity "
                         "WHERE application_name = 'edudx'");
  int n = 0;
  for (char *save = NULL, *p = strtok_r(pids, " ", &save); p; p = strtok_r(NULL, " ", &save))
    n += kill((pid_t)atoi(p), sig) == 0;
  free(pids);
  return n;
}

START_TEST(a_hung_database_fails_requests_in_bounded_time)
{
  static const char *const env[] = {"EDUDX_STATEMENT_TIMEOUT_MS=1000", NULL};
  edudx_proc server;
  struct timespec start, end;
  long status, healthz;
  harness_serve(&server, harness_conninfo(), NULL, env);
  char *token = harness_token((const char *const[]){"--role", "admin", NULL});
  http_resp *r = http("GET", "/v1/districts", token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* the pool's backends stop answering (SIGSTOP): the kernel still takes what is sent */
  ck_assert_int_gt(signal_pool_backends(SIGSTOP), 0);
  clock_gettime(CLOCK_MONOTONIC, &start);
  r = http("GET", "/v1/districts", token, NULL, NULL);
  clock_gettime(CLOCK_MONOTONIC, &end);
  status = r->status;
  http_free(r);
  r = http("GET", "/healthz", NULL, NULL, NULL);
  healthz = r->status;
  http_free(r);
  signal_pool_backends(SIGCONT); /* before asserting: a failed test must not leave them stopped */
  /* statement timeout 1 s + 2 s: 503 in about 3 s (before: no answer while they were stopped) */
  ck_assert_int_eq(status, 503);
  ck_assert_int_lt(end.tv_sec - start.tv_sec, 8);
  ck_assert_int_eq(healthz, 200);
  ck_assert_int_ge(ms_until_status("/v1/districts", token, 200), 0); /* the cut one reopened */
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(token);
}
END_TEST

typedef struct {
  const char *token;
  long status;
} waiting_call;

static void *list_districts(void *arg)
{
  waiting_call *call = arg;
  http_resp *r = http("GET", "/v1/districts", call->token, NULL, NULL);
  call->status = r->status;
  http_free(r);
  return NULL;
}

/* Milliseconds a GET of path (no token) takes; its status in *status. */
static long timed_get(const char *path, long *status)
{
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  http_resp *r = http("GET", path, NULL, NULL, NULL);
  clock_gettime(CLOCK_MONOTONIC, &end);
  *status = r->status;
  http_free(r);
  return (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000;
}

START_TEST(healthz_answers_while_every_worker_waits)
{
  static const char *const env[] = {"EDUDX_STATEMENT_TIMEOUT_MS=4000", NULL};
  edudx_proc server;
  pthread_t threads[4];
  waiting_call calls[4];
  long healthz, metrics, healthz_ms, metrics_ms;
  harness_serve(&server, harness_conninfo(), (const char *const[]){"--threads", "2", NULL}, env);
  char *token = harness_token((const char *const[]){"--role", "admin", NULL});
  http_resp *r = http("GET", "/v1/districts", token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* the districts are locked: every list of them waits (a new backend as much as an old one) */
  PGconn *locker = connect_to(NULL);
  exec_ok(locker, "BEGIN");
  exec_ok(locker, "LOCK TABLE districts IN ACCESS EXCLUSIVE MODE");
  for (int i = 0; i < 4; i++) { /* more requests waiting on the database than there are workers */
    calls[i] = (waiting_call){token, 0};
    pthread_create(&threads[i], NULL, list_districts, &calls[i]);
  }
  wait_for_backend("wait_event_type = 'Lock'");
  sleep_ms(300);
  healthz_ms = timed_get("/healthz", &healthz);
  metrics_ms = timed_get("/metrics", &metrics);
  exec_ok(locker, "COMMIT");
  PQfinish(locker);
  for (int i = 0; i < 4; i++)
    pthread_join(threads[i], NULL);
  /* before: /healthz waited behind them, until the lock went or the statement timeout (4 s) */
  ck_assert_int_eq(healthz, 200);
  ck_assert_int_eq(metrics, 200);
  ck_assert_int_lt(healthz_ms, 1000);
  ck_assert_int_lt(metrics_ms, 1000);
  for (int i = 0; i < 4; i++)
    ck_assert(calls[i].status == 200 || calls[i].status == 503);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  free(token);
}
END_TEST

/* "/healthz?zz0=a&zz1=a…" with n parameters (malloc'ed). */
static char *many_parameters(int n)
{
  size_t cap = (size_t)n * 12 + 16, used = 0;
  char *path = malloc(cap);
  used = (size_t)snprintf(path, cap, "/healthz");
  for (int i = 0; i < n; i++)
    used += (size_t)snprintf(path + used, cap - used, "%czz%d=a", i ? '&' : '?', i);
  return path;
}

START_TEST(requests_with_many_parameters_are_answered_and_do_not_hold_the_drain)
{
  edudx_proc server;
  struct timespec start, end;
  char *some = many_parameters(250), *too_many = many_parameters(1000);
  int status = 0;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  /* 250 parameters: a problem document naming each of them */
  http_resp *r = http("GET", some, NULL, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_uint_eq(problem_error_count(r), 250);
  http_free(r);
  /* 1,000 (7.9 KB): the same (before: they overflowed the connection's memory and libmicrohttpd
   * closed the connection without an answer) */
  r = http("GET", too_many, NULL, NULL, NULL);
  ck_assert_problem(r, 400, "bad-request");
  ck_assert_uint_eq(problem_error_count(r), 1000);
  http_free(r);
  r = http("GET", "/healthz", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  /* nothing stays counted in flight: SIGTERM exits at once (before: after the 30 s drain) */
  clock_gettime(CLOCK_MONOTONIC, &start);
  kill(server.pid, SIGTERM);
  ck_assert_int_eq(waitpid(server.pid, &status, 0), server.pid);
  clock_gettime(CLOCK_MONOTONIC, &end);
  ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ck_assert_int_lt(end.tv_sec - start.tv_sec, 10);
  free(some);
  free(too_many);
}
END_TEST

START_TEST(sigterm_lets_the_running_request_finish)
{
  edudx_proc server;
  pthread_t thread;
  int status = 0;
  harness_serve(&server, harness_conninfo(), NULL, NULL);
  char *token = harness_token((const char *const[]){"--role", "admin", NULL});
  http_resp *r = http("POST", "/v1/districts", token,
                      "{\"code\":\"SLOW\",\"name\":\"Huyện Chậm\",\"province\":\"Tỉnh T\"}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  /* hold the row so the PATCH waits on its lock: a genuinely slow request */
  PGconn *locker = connect_to(NULL);
  exec_ok(locker, "BEGIN");
  exec_ok(locker, "SELECT 1 FROM districts WHERE code = 'SLOW' FOR UPDATE");
  slow_call call = {token, 0, ""};
  pthread_create(&thread, NULL, slow_patch, &call);
  wait_for_backend("wait_event_type = 'Lock'"); /* the PATCH waits on the row lock */
  char head[2048];
  /* a keep-alive client between requests, and one halfway through its request's head */
  int idle = raw_open(NULL), half = raw_open(NULL);
  ck_assert_int_ge(idle, 0);
  ck_assert_int_ge(half, 0);
  ck_assert_int_eq(raw_send(idle, "GET /readyz HTTP/1.1\r\nHost: t\r\n\r\n"), 0);
  ck_assert_int_eq(raw_answer(idle, 5000, NULL, 0), 200);
  ck_assert_int_eq(raw_send(half, "GET /readyz HTTP/1.1\r\n"), 0);
  sleep_ms(300); /* the request line is in */
  kill(server.pid, SIGTERM);
  /* the idle connection is closed at once (before: kept, and served, until the drain ended) */
  ck_assert_int_eq(raw_answer(idle, 2000, NULL, 0), 0);
  close(idle);
  long refused = -1;
  for (int i = 0; i < 100 && refused != 0; i++) { /* new connections are refused soon */
    sleep_ms(50);
    r = http("GET", "/healthz", NULL, NULL, NULL);
    refused = r->status;
    http_free(r);
  }
  ck_assert_int_eq(refused, 0);
  ck_assert_int_eq(waitpid(server.pid, &status, WNOHANG), 0); /* still draining */
  /* the request under way is answered, and told that this instance is going */
  ck_assert_int_eq(raw_send(half, "Host: t\r\n\r\n"), 0);
  ck_assert_int_eq(raw_answer(half, 5000, head, sizeof(head)), 503);
  ck_assert_ptr_nonnull(strcasestr(head, "\r\nConnection: close"));
  close(half);
  exec_ok(locker, "COMMIT");
  pthread_join(thread, NULL);
  PQfinish(locker);
  ck_assert_int_eq(call.status, 200);
  ck_assert_str_eq(call.name, "Huyện Chậm Xong");
  ck_assert_int_eq(waitpid(server.pid, &status, 0), server.pid);
  ck_assert(WIFEXITED(status));
  ck_assert_int_eq(WEXITSTATUS(status), 0);
  free(token);
}
END_TEST

/* Runs `edudx migrate` against database dbname; returns the exit status, output in out. */
static int migrate_db(const char *dbname, char *out, size_t len)
{
  char url[700];
  snprintf(url, sizeof(url), "DATABASE_URL=%s dbname=%s", harness_conninfo(), dbname);
  const char *env[] = {url, NULL};
  return harness_run(out, len, (const char *const[]){"migrate", NULL}, env, 1);
}

START_TEST(migrations_are_safe_concurrently_and_refuse_edits)
{
  char out[4096];
  PGconn *admin = connect_to(NULL);
  exec_ok(admin, "DROP DATABASE IF EXISTS migration_race");
  exec_ok(admin, "CREATE DATABASE migration_race");
  PQfinish(admin);
  pid_t a = fork();
  if (a == 0)
    _exit(migrate_db("migration_race", NULL, 0));
  pid_t b = fork();
  if (b == 0)
    _exit(migrate_db("migration_race", NULL, 0));
  int sa = 0, sb = 0;
  waitpid(a, &sa, 0);
  waitpid(b, &sb, 0);
  ck_assert(WIFEXITED(sa) && WEXITSTATUS(sa) == 0);
  ck_assert(WIFEXITED(sb) && WEXITSTATUS(sb) == 0);
  PGconn *race = connect_to("migration_race");
  PGresult *res = PQexec(race, "SELECT count(*), min(version) FROM schema_migrations");
  ck_assert_str_eq(PQgetvalue(res, 0, 0), "29"); /* 0001 to 0029, each once */
  ck_assert_str_eq(PQgetvalue(res, 0, 1), "1");
  PQclear(res);
  ck_assert_int_eq(migrate_db("migration_race", out, sizeof(out)), 0); /* idempotent */
  /* an applied migration whose text no longer matches its checksum is refused */
  exec_ok(race, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
  ck_assert_int_ne(migrate_db("migration_race", out, sizeof(out)), 0);
  ck_assert_ptr_nonnull(strstr(out, "migration 0001_foundation.sql was edited after it was applied"));
  PQfinish(race);
}
END_TEST

START_TEST(migrations_are_not_cut_by_the_statement_timeout)
{
  char url[700], out[4096];
  PGconn *admin = connect_to(NULL);
  exec_ok(admin, "DROP DATABASE IF EXISTS migration_slow");
  exec_ok(admin, "CREATE DATABASE migration_slow");
  PQfinish(admin);
  /* another migrating process holds the migrations' lock for 1.5 s; with a statement timeout of
   * 100 ms this one waits for it all the same, then migrates (a migration rewriting a big table
   * takes as long as it needs the same way) */
  PGconn *holder = connect_to("migration_slow");
  exec_ok(holder, "SELECT pg_advisory_lock(7120357001)");
  pid_t child = fork();
  if (child == 0) {
    snprintf(url, sizeof(url), "DATABASE_URL=%s dbname=migration_slow", harness_conninfo());
    const char *env[] = {url, "EDUDX_STATEMENT_TIMEOUT_MS=100", NULL};
    _exit(harness_run(out, sizeof(out), (const char *const[]){"migrate", NULL}, env, 1));
  }
  usleep(1500 * 1000);
  int status = 0;
  ck_assert_int_eq(waitpid(child, &status, WNOHANG), 0); /* still waiting */
  exec_ok(holder, "SELECT pg_advisory_unlock(7120357001)");
  ck_assert_int_eq(waitpid(child, &status, 0), child);
  ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  PGresult *res = PQexec(holder, "SELECT count(*) FROM schema_migrations");
  ck_assert_str_eq(PQgetvalue(res, 0, 0), "29");
  PQclear(res);
  PQfinish(holder);
}
END_TEST

/* The first value of sql on conn (copied into out). */
static void value_on(PGconn *conn, const char *sql, char *out, size_t len)
{
  PGresult *res = PQexec(conn, sql);
  ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(conn));
  snprintf(out, len, "%s", PQntuples(res) ? PQgetvalue(res, 0, 0) : "");
  PQclear(res);
}

START_TEST(representations_are_reapplied_when_they_change)
{
  static const char *const district_json =
    "SELECT edx_district_json(d)->>'code' FROM districts d WHERE d.code = 'REP-1'";
  char out[4096], first[80], now[80], code[80], checksum[80];
  PGconn *admin = connect_to(NULL);
  exec_ok(admin, "DROP DATABASE IF EXISTS representations_db");
  exec_ok(admin, "CREATE DATABASE representations_db");
  PQfinish(admin);
  ck_assert_int_eq(migrate_db("representations_db", out, sizeof(out)), 0);
  PGconn *db = connect_to("representations_db");
  exec_ok(db, "INSERT INTO districts (code, name, province) VALUES ('REP-1', 'Huyện R', 'Tỉnh T')");
  value_on(db, "SELECT checksum FROM schema_definitions WHERE name = 'representations.sql'",
           checksum, sizeof(checksum));
  ck_assert_uint_eq(strlen(checksum), 64); /* a SHA-256 */
  value_on(db, "SELECT applied_at FROM schema_definitions", first, sizeof(first));
  value_on(db, district_json, code, sizeof(code));
  ck_assert_str_eq(code, "REP-1");
  /* the same file is not applied again */
  ck_assert_int_eq(migrate_db("representations_db", out, sizeof(out)), 0);
  value_on(db, "SELECT applied_at FROM schema_definitions", now, sizeof(now));
  ck_assert_str_eq(now, first);
  /* a representation changed in the database under the same checksum stays as it is ... */
  exec_ok(db, "CREATE OR REPLACE FUNCTION edx_district_json(d districts) RETURNS json"
              " LANGUAGE sql STABLE AS $$ SELECT json_build_object('changed', true) $$");
  ck_assert_int_eq(migrate_db("representations_db", out, sizeof(out)), 0);
  value_on(db, district_json, code, sizeof(code));
  ck_assert_str_eq(code, "");
  /* ... and a recorded checksum that is not this binary's file's applies the file again */
  exec_ok(db, "UPDATE schema_definitions SET checksum = 'an older file'");
  ck_assert_int_eq(migrate_db("representations_db", out, sizeof(out)), 0);
  ck_assert_ptr_nonnull(strstr(out, "applied representations.sql"));
  value_on(db, district_json, code, sizeof(code));
  ck_assert_str_eq(code, "REP-1");
  value_on(db, "SELECT checksum FROM schema_definitions", now, sizeof(now));
  ck_assert_str_eq(now, checksum);
  /* a database whose schema is newer than this binary's (an older build started in a rollback)
   * keeps the representations it has, whatever their checksum */
  exec_ok(db, "INSERT INTO schema_migrations (version, name, checksum)"
              " VALUES (9999, '9999_future.sql', 'x')");
  exec_ok(db, "CREATE OR REPLACE FUNCTION edx_district_json(d districts) RETURNS json"
              " LANGUAGE sql STABLE AS $$ SELECT json_build_object('code', 'future') $$");
  exec_ok(db, "UPDATE schema_definitions SET checksum = 'a newer file'");
  ck_assert_int_eq(migrate_db("representations_db", out, sizeof(out)), 0);
  ck_assert_ptr_nonnull(strstr(out, "is newer than this binary's"));
  ck_assert_ptr_null(strstr(out, "applied representations.sql"));
  value_on(db, district_json, code, sizeof(code));
  ck_assert_str_eq(code, "future");
  value_on(db, "SELECT checksum FROM schema_definitions", now, sizeof(now));
  ck_assert_str_eq(now, "a newer file");
  PQfinish(db);
}
END_TEST

START_TEST(embedded_cluster_persists_and_stops_with_edudx)
{
  char data_env[300], data_dir[256], pgrep[400], *token;
  edudx_proc server;
  snprintf(data_dir, sizeof(data_dir), "%s/embedded-data", getenv("EDUDX_TEST_LOGDIR"));
  snprintf(data_env, sizeof(data_env), "EDUDX_DATA_DIR=%s", data_dir);
  const char *env[] = {data_env, "DATABASE_URL=", NULL};
  harness_serve(&server, NULL, NULL, env);
  http_resp *r = http("GET", "/readyz", NULL, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  char out[256];
  ck_assert_int_eq(harness_run(out, sizeof(out),
                               (const char *const[]){"token", "create", "--role", "admin", NULL},
                               env, 0), 0);
  out[strcspn(out, "\n")] = '\0';
  token = strdup(out);
  /* a second serve on the same data directory is refused (before: it joined the first one's
   * cluster and answered 503 for ever once the first stopped it) */
  char two[600];
  ck_assert_int_eq(harness_run(two, sizeof(two), (const char *const[]){"serve", NULL}, env, 1), 1);
  ck_assert_msg(strstr(two, "another edudx is running on the data directory") != NULL, "%s", two);
  r = http("GET", "/readyz", NULL, NULL, NULL); /* the first is untouched */
  ck_assert_int_eq(r->status, 200);
  http_free(r);
  r = http("POST", "/v1/districts", token,
           "{\"code\":\"EMB\",\"name\":\"Huyện Nhúng\",\"province\":\"Tỉnh T\"}", NULL);
  ck_assert_int_eq(r->status, 201);
  http_free(r);
  ck_assert_int_eq(harness_stop(&server, SIGTERM), 0);
  /* "[e]" keeps the pattern from matching the shell that runs pgrep */
  snprintf(pgrep, sizeof(pgrep), "pgrep -f '%s/[p]gdata' >/dev/null", data_dir);
  char pidfile[300];
  snprintf(pidfile, sizeof(pidfile), "%s/pgdata/postmaster.pid", data_dir);
  ck_assert_int_ne(system(pgrep), 0); /* the cluster stopped with edudx */
  ck_assert_int_ne(access(pidfile, F_OK), 0);
  harness_serve(&server, NULL, NULL, env);
  r = http("GET", "/v1/districts/code:EMB", token, NULL, NULL);
  ck_assert_int_eq(r->status, 200);
  ck_assert_str_eq(JSTR(r->json, "name"), "Huyện Nhúng");
  http_free(r);
  ck_assert_int_eq(harness_stop(&server, SIGINT), 0);
  ck_assert_int_ne(system(pgrep), 0);
  ck_assert_int_ne(access(pidfile, F_OK), 0);
  free(token);
}
END_TEST

TCase *connections_tcase(void);

int main(void)
{
  Suite *s = suite_create("lifecycle");
  TCase *tc = tcase_create("lifecycle");
  int failed;
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, database_down_gives_503_then_recovers);
  tcase_add_test(tc, a_read_only_database_gives_503_saying_so);
  tcase_add_test(tc, a_connection_lost_during_commit_is_an_unknown_outcome);
  tcase_add_test(tc, a_hung_database_fails_requests_in_bounded_time);
  tcase_add_test(tc, healthz_answers_while_every_worker_waits);
  tcase_add_test(tc, imports_run_one_at_a_time);
  tcase_add_test(tc, an_import_outlasts_the_statement_timeout);
  tcase_add_test(tc, an_import_larger_than_a_batch_is_all_or_nothing);
  tcase_add_test(tc, requests_with_many_parameters_are_answered_and_do_not_hold_the_drain);
  tcase_add_test(tc, sigterm_lets_the_running_request_finish);
  tcase_add_test(tc, migrations_are_safe_concurrently_and_refuse_edits);
  tcase_add_test(tc, migrations_are_not_cut_by_the_statement_timeout);
  tcase_add_test(tc, representations_are_reapplied_when_they_change);
  tcase_add_test(tc, an_export_cut_short_gives_its_connection_back);
  tcase_add_test(tc, an_export_is_streamed_in_bounded_memory);
  tcase_add_test(tc, a_revocation_reaches_every_instance_within_two_seconds);
  tcase_add_test(tc, statements_are_prepared_once_per_session);
  tcase_add_test(tc, embedded_cluster_persists_and_stops_with_edudx);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, connections_tcase());
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? 0 : 1;
}
