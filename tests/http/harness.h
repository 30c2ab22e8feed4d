/* harness.h — what HTTP test suites use: the real edudx binary started against the throwaway
 * PostgreSQL that pg_virtualenv provides (PG* variables), a small libcurl client that records
 * every exchange for the OpenAPI contract check, and direct SQL for set-up the API cannot do. */
#ifndef EDX_TEST_HARNESS_H
#define EDX_TEST_HARNESS_H
#include <jansson.h>
#include <sys/types.h>

typedef struct {
  long status;
  char *headers;   /* raw header block */
  char *body;      /* NUL-terminated */
  size_t body_len;
  json_t *json;    /* parsed body, or NULL */
} http_resp;

typedef struct {
  pid_t pid;
  int port;
  char log_path[256];
} edudx_proc;

/* The libpq conninfo for the pg_virtualenv database ("" to let libpq read PG* itself). */
const char *harness_conninfo(void);
/* Path of the edudx binary (EDUDX_BIN). */
const char *harness_binary(void);
/* Starts `edudx serve` with extra arguments and environment entries ("NAME=value"), both
 * NULL-terminated or NULL, on a free port and waits until /healthz answers. database_url NULL =
 * embedded mode. Aborts on failure. */
void harness_serve(edudx_proc *p, const char *database_url, const char *const *args,
                   const char *const *env);
/* Sends a signal and waits for the process; returns its exit status (or -1 if a signal ended
 * it, which is said on stderr). */
int harness_stop(edudx_proc *p, int sig);
/* Runs the binary with args (DATABASE_URL defaults to the test database) and returns its exit
 * status; its stdout (and stderr when with_stderr) goes to out (may be NULL). */
int harness_run(char *out, size_t outlen, const char *const *args, const char *const *env,
                int with_stderr);
/* Mints a token through `edudx token create` (args after "create", NULL-terminated). */
char *harness_token(const char *const *args);

/* Sets the port that http() talks to, and tells it. */
void http_use(const edudx_proc *p);
int http_port(void);
/* Sends a request. token may be NULL; body may be NULL; headers is a NULL-terminated list of
 * "Name: value" lines (may be NULL); content type defaults to application/json with a body. */
http_resp *http(const char *method, const char *path, const char *token, const char *body,
                const char *const *headers);
/* Same as http with the raw body bytes of the given length. */
http_resp *http_raw(const char *method, const char *path, const char *token, const char *body,
                    size_t body_len, const char *const *headers);
/* Same as http without a body, and not recorded for the contract check: for what the server
 * still answers but openapi.yaml no longer declares (format=csv or Accept: text/csv on a JSON
 * path, the older way to ask for CSV before the .csv operations). */
http_resp *http_unrecorded(const char *method, const char *path, const char *token,
                           const char *const *headers);
/* A response header's value (copied into a static per-thread buffer), or NULL. */
const char *http_header(const http_resp *r, const char *name);
void http_free(http_resp *r);

/* Runs SQL on the test database and returns the first value of the first row (malloc'ed;
 * NULL when none). Aborts on error. */
char *sql_value(const char *sql);
#endif
