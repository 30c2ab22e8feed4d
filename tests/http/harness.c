/* harness.c — real binary, real PostgreSQL, real HTTP (see harness.h). */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "harness.h"

static int current_port;

static void die(const char *what)
{
  fprintf(stderr, "harness: %s\n", what);
  abort();
}

const char *harness_conninfo(void)
{
  static char conninfo[512];
  snprintf(conninfo, sizeof(conninfo), "host=%s port=%s user=%s password=%s dbname=%s",
           getenv("PGHOST") ? getenv("PGHOST") : "localhost",
           getenv("PGPORT") ? getenv("PGPORT") : "5432",
           getenv("PGUSER") ? getenv("PGUSER") : "postgres",
           getenv("PGPASSWORD") ? getenv("PGPASSWORD") : "",
           getenv("PGDATABASE") ? getenv("PGDATABASE") : "postgres");
  return conninfo;
}

const char *harness_binary(void)
{
  const char *bin = getenv("EDUDX_BIN");
  if (!bin)
    die("EDUDX_BIN is not set");
  return bin;
}

static int free_port(void)
{
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
  socklen_t len = sizeof(addr);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
      getsockname(fd, (struct sockaddr *)&addr, &len) != 0)
    die("no free port");
  close(fd);
  return ntohs(addr.sin_port);
}

static void set_env_list(const char *const *env)
{
  for (int i = 0; env && env[i]; i++)
    putenv((char *)env[i]);
}

void harness_serve(edudx_proc *p, const char *database_url, const char *const *args,
                   const char *const *env)
{
  char port[16];
  static int serial;
  http_resp *r = NULL;
  p->port = free_port();
  snprintf(port, sizeof(port), "%d", p->port);
  snprintf(p->log_path, sizeof(p->log_path), "%s/edudx-%d-%d.log",
           getenv("EDUDX_TEST_LOGDIR") ? getenv("EDUDX_TEST_LOGDIR") : "/tmp", (int)getpid(),
           ++serial);
  p->pid = fork();
  if (p->pid == 0) {
    FILE *log = freopen(p->log_path, "w", stdout);
    if (!log || dup2(fileno(stdout), 2) < 0)
      _exit(127);
    setenv("EDUDX_PORT", port, 1);
    if (database_url)
      setenv("DATABASE_URL", database_url, 1);
    else
      unsetenv("DATABASE_URL");
    set_env_list(env);
    char *argv[16] = {(char *)harness_binary(), "serve"};
    for (int i = 0; args && args[i] && i < 13; i++)
      argv[i + 2] = (char *)args[i];
    execv(argv[0], argv);
    _exit(127);
  }
  http_use(p);
  for (int i = 0; i < 600; i++) {
    struct timespec pause = {0, 50 * 1000 * 1000};
    int status;
    if (waitpid(p->pid, &status, WNOHANG) == p->pid)
      die("edudx exited during start-up; see its log");
    r = http("GET", "/healthz", NULL, NULL, NULL);
    if (r->status == 200) {
      http_free(r);
      return;
    }
    http_free(r);
    nanosleep(&pause, NULL);
  }
  die("edudx did not answer /healthz within 30 s");
}

int harness_stop(edudx_proc *p, int sig)
{
  int status = 0;
  pid_t done;
  kill(p->pid, sig);
  while ((done = waitpid(p->pid, &status, 0)) < 0 && errno == EINTR)
    ;
  if (done != p->pid) {
    fprintf(stderr, "harness_stop: waitpid %d: %s\n", (int)p->pid, strerror(errno));
    return -1;
  }
  if (WIFSIGNALED(status))
    fprintf(stderr, "harness_stop: edudx %d ended by signal %d\n", (int)p->pid, WTERMSIG(status));
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int harness_run(char *out, size_t outlen, const char *const *args, const char *const *env,
                int with_stderr)
{
  int pipefd[2], status = 0;
  size_t used = 0;
  ssize_t n;
  pid_t pid;
  if (pipe(pipefd) != 0)
    die("pipe");
  pid = fork();
  if (pid == 0) {
    char *argv[32];
    int i = 0;
    argv[i++] = (char *)harness_binary();
    for (; args[i - 1] && i < 31; i++)
      argv[i] = (char *)args[i - 1];
    argv[i] = NULL;
    dup2(pipefd[1], 1);
    if (with_stderr)
      dup2(pipefd[1], 2);
    close(pipefd[0]);
    setenv("DATABASE_URL", harness_conninfo(), 0);
    set_env_list(env);
    execv(argv[0], argv);
    _exit(127);
  }
  close(pipefd[1]);
  while ((n = read(pipefd[0], out ? out + used : (char[256]){0},
                   out ? outlen - used - 1 : 256)) > 0)
    used += out ? (size_t)n : 0;
  if (out)
    out[used] = '\0';
  close(pipefd[0]);
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *harness_token(const char *const *args)
{
  const char *full[16] = {"token", "create"};
  char out[256];
  int i = 0;
  for (; args && args[i] && i < 13; i++)
    full[i + 2] = args[i];
  full[i + 2] = NULL;
  if (harness_run(out, sizeof(out), full, NULL, 0) != 0)
    die("edudx token create failed");
  out[strcspn(out, "\n")] = '\0';
  return strdup(out);
}

void http_use(const edudx_proc *p)
{
  current_port = p->port;
}

typedef struct {
  char *data;
  size_t len;
} buffer;

static size_t collect(char *ptr, size_t size, size_t nmemb, void *userdata)
{
  buffer *b = userdata;
  size_t n = size * nmemb;
  char *grown = realloc(b->data, b->len + n + 1);
  if (!grown)
    return 0;
  b->data = grown;
  memcpy(b->data + b->len, ptr, n);
  b->len += n;
  b->data[b->len] = '\0';
  return n;
}

/* A response header as a JSON string, or null when absent. */
static json_t *header_json(const http_resp *r, const char *name)
{
  const char *value = http_header(r, name);
  return value ? json_string(value) : json_null();
}

/* bytes[0..len) in base64 (RFC 4648, padded; malloc'ed). */
static char *base64(const char *bytes, size_t len)
{
  static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const unsigned char *in = (const unsigned char *)bytes;
  char *out = malloc((len + 2) / 3 * 4 + 1), *o = out;
  for (size_t i = 0; i < len; i += 3) {
    unsigned long v = (unsigned long)in[i] << 16 |
                      (i + 1 < len ? (unsigned long)in[i + 1] << 8 : 0) |
                      (i + 2 < len ? in[i + 2] : 0);
    *o++ = digits[v >> 18 & 63];
    *o++ = digits[v >> 12 & 63];
    *o++ = i + 1 < len ? digits[v >> 6 & 63] : '=';
    *o++ = i + 2 < len ? digits[v & 63] : '=';
  }
  *o = '\0';
  return out;
}

/* Appends the exchange to $EDUDX_EXCHANGE_LOG for the contract check; an encoded body goes as
 * body_base64, with the Content-Encoding and Vary it came with, for the checker to decode. */
static void record(const char *method, const char *path, const http_resp *r)
{
  const char *log_path = getenv("EDUDX_EXCHANGE_LOG");
  json_t *line;
  char *text;
  int fd;
  if (!log_path || (fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT, 0644)) < 0)
    return;
  line = json_object();
  json_object_set_new(line, "method", json_string(method));
  json_object_set_new(line, "url", json_string(path));
  json_object_set_new(line, "status", json_integer(r->status));
  json_object_set_new(line, "content_type", header_json(r, "Content-Type"));
  if (http_header(r, "Content-Encoding")) {
    char *encoded = base64(r->body, r->body_len);
    json_object_set_new(line, "content_encoding", header_json(r, "Content-Encoding"));
    json_object_set_new(line, "vary", header_json(r, "Vary"));
    json_object_set_new(line, "body_base64", json_string(encoded));
    free(encoded);
  } else {
    json_object_set_new(line, "body",
                        r->body_len ? json_stringn(r->body, r->body_len) : json_null());
  }
  /* one write() per line: threads and forked tests append to the same file at once, and stdio
   * would write a long line (a 130 KB page of the change feed) in pieces that others' lines
   * could fall between */
  text = json_dumps(line, JSON_COMPACT);
  if (text) {
    size_t len = strlen(text);
    text[len] = '\n'; /* json_dumps's NUL, replaced; the length is known */
    if (write(fd, text, len + 1) != (ssize_t)(len + 1))
      fprintf(stderr, "harness: could not record %s %s in %s\n", method, path, log_path);
  }
  close(fd);
  free(text);
  json_decref(line);
}

int http_port(void)
{
  return current_port;
}

/* Sends a request; the exchange is recorded for the contract check when recorded is set. */
static http_resp *perform(const char *method, const char *path, const char *token,
                          const char *body, size_t body_len, const char *const *headers,
                          int recorded)
{
  CURL *curl = curl_easy_init();
  struct curl_slist *list = NULL;
  buffer head = {0}, content = {0};
  char *url = NULL, auth[256];
  int has_type = 0;
  http_resp *r = calloc(1, sizeof(*r));
  if (asprintf(&url, "http://127.0.0.1:%d%s", current_port, path) < 0)
    die("asprintf");
  curl_easy_setopt(curl, CURLOPT_URL, url); /* curl copies it */
  free(url);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
  if (strcmp(method, "HEAD") == 0)
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &head);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &content);
  for (int i = 0; headers && headers[i]; i++) {
    list = curl_slist_append(list, headers[i]);
    has_type |= strncasecmp(headers[i], "Content-Type:", 13) == 0;
  }
  if (token) {
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
    list = curl_slist_append(list, auth);
  }
  if (body) {
    if (!has_type)
      list = curl_slist_append(list, "Content-Type: application/json");
    list = curl_slist_append(list, "Expect:");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  if (curl_easy_perform(curl) == CURLE_OK)
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
  r->headers = head.data ? head.data : strdup("");
  r->body = content.data ? content.data : strdup("");
  r->body_len = content.len;
  r->json = json_loadb(r->body, r->body_len, JSON_DECODE_ANY, NULL);
  if (r->status && recorded)
    record(method, path, r);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return r;
}

http_resp *http_raw(const char *method, const char *path, const char *token, const char *body,
                    size_t body_len, const char *const *headers)
{
  return perform(method, path, token, body, body_len, headers, 1);
}

http_resp *http_unrecorded(const char *method, const char *path, const char *token,
                           const char *const *headers)
{
  return perform(method, path, token, NULL, 0, headers, 0);
}

http_resp *http(const char *method, const char *path, const char *token, const char *body,
                const char *const *headers)
{
  return http_raw(method, path, token, body, body ? strlen(body) : 0, headers);
}

const char *http_header(const http_resp *r, const char *name)
{
  static __thread char value[1024];
  size_t n = strlen(name);
  const char *line = r->headers;
  const char *found = NULL;
  while (line && *line) {
    if (strncasecmp(line, name, n) == 0 && line[n] == ':')
      found = line + n + 1; /* the last block wins (after 100-continue) */
    line = strchr(line, '\n');
    line = line ? line + 1 : NULL;
  }
  if (!found)
    return NULL;
  while (*found == ' ')
    found++;
  snprintf(value, sizeof(value), "%.*s", (int)strcspn(found, "\r\n"), found);
  return value;
}

void http_free(http_resp *r)
{
  if (!r)
    return;
  free(r->headers);
  free(r->body);
  json_decref(r->json);
  free(r);
}

char *sql_value(const char *sql)
{
  PGconn *pg = PQconnectdb(harness_conninfo());
  PGresult *res = PQexec(pg, sql);
  char *value = NULL;
  if (PQresultStatus(res) != PGRES_TUPLES_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
    fprintf(stderr, "sql failed: %s: %s\n", sql, PQerrorMessage(pg));
    abort();
  }
  if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
    value = strdup(PQgetvalue(res, 0, 0));
  PQclear(res);
  PQfinish(pg);
  return value;
}
