/* pg_embedded.c — a private PostgreSQL cluster under the data directory: initdb on first use,
 * pg_ctl start/stop on a Unix socket in a short /tmp folder, and database "edudx" created in it
 * (db/cluster.c).
 * Server programs run through fork+exec, as the postgres system user when edudx runs as root. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "src/app/pg_embedded.h"
#include "db/cluster.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG_FALLBACK_BINDIR "/usr/lib/postgresql/15/bin"
#define PG_SERVER_USER "postgres"
#define PG_DB_USER "edudx"
#define PG_DB_NAME "edudx"
#define PG_SOCK_PREFIX "/tmp/edudx-pg-"
#define PG_WAIT_SECONDS "60"
#define PG_PROBE_LIMIT 250 /* child exit codes up to this name a path component */

struct edx_pg_embedded {
  char *bindir;   /* folder holding initdb, pg_ctl and postgres */
  char *data_dir; /* absolute data folder */
  char *pgdata;   /* data_dir/pgdata, the cluster */
  char *logfile;  /* data_dir/postgresql.log */
  char *sockdir;  /* private socket folder, NULL until created */
  int log_fd;     /* logfile opened for append, -1 when closed */
  int as_other;   /* nonzero: children switch to uid/gid before exec */
  uid_t uid;      /* user that runs the server */
  gid_t gid;
  int running;    /* nonzero while a server we started may be up */
  int lock_fd;    /* data_dir/edudx.lock, held (flock) while this process owns the cluster */
  int adopted;    /* nonzero: another live edudx runs the cluster; we only connect to it */
};

/* Writes a printf-style one-line message to errbuf (ignored when errbuf is NULL or empty). */
__attribute__((format(printf, 3, 4)))
static void set_err(char *errbuf, size_t errlen, const char *fmt, ...)
{
  va_list ap;

  if (!errbuf || errlen == 0)
    return;
  va_start(ap, fmt);
  vsnprintf(errbuf, errlen, fmt, ap);
  va_end(ap);
}

/* Like set_err, then appends ": <strerror(err)>" with the reason's first letter lower-cased. */
__attribute__((format(printf, 4, 5)))
static void set_errno(char *errbuf, size_t errlen, int err, const char *fmt, ...)
{
  va_list ap;
  size_t n;

  if (!errbuf || errlen == 0)
    return;
  va_start(ap, fmt);
  vsnprintf(errbuf, errlen, fmt, ap);
  va_end(ap);
  n = strlen(errbuf);
  if (n + 3 >= errlen)
    return;
  snprintf(errbuf + n, errlen - n, ": %s", strerror(err));
  errbuf[n + 2] = (char)tolower((unsigned char)errbuf[n + 2]);
}

/* Returns malloc'ed "dir/name", or NULL when out of memory. */
static char *path_join(const char *dir, const char *name)
{
  char *out = NULL;

  if (asprintf(&out, "%s/%s", dir, name) < 0)
    return NULL;
  return out;
}

/* Waits for child pid (retrying on EINTR). Returns its exit status 0-255, or -1 when it could
 * not be waited for or did not exit normally. */
static int wait_child(pid_t pid)
{
  int status = 0;
  pid_t r;

  do {
    r = waitpid(pid, &status, 0);
  } while (r < 0 && errno == EINTR);
  if (r < 0 || !WIFEXITED(status))
    return -1;
  return WEXITSTATUS(status);
}

/* In a freshly forked child: restores default signal handling, points stdin at /dev/null and
 * stdout/stderr at out_fd (/dev/null when out_fd < 0), closes every other descriptor, switches
 * to the server user when needed and moves to "/". Async-signal-safe calls only. 0 or -1. */
static int child_prepare(const edx_pg_embedded *pg, int out_fd)
{
  static const int sigs[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2};
  struct sigaction sa;
  sigset_t none;
  size_t i;
  int nullfd;

  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = SIG_DFL;
  for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
    sigaction(sigs[i], &sa, NULL);
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  nullfd = open("/dev/null", O_RDWR);
  if (nullfd < 0)
    return -1;
  if (out_fd < 0)
    out_fd = nullfd;
  if (dup2(nullfd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
    return -1;
  if (close_range(3, ~0U, 0) != 0)
    for (int fd = 3; fd < 4096; fd++)
      close(fd);
  if (pg->as_other && (setgroups(0, NULL) != 0 || setgid(pg->gid) != 0 || setuid(pg->uid) != 0))
    return -1;
  return chdir("/");
}

/* Runs argv[0] (an absolute path) in a child set up by child_prepare and waits for it.
 * Returns the exit status (127 when it could not be executed), or -1 on fork/wait failure. */
static int run_program(const edx_pg_embedded *pg, const char *const argv[], int out_fd)
{
  pid_t pid;

  pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    if (child_prepare(pg, out_fd) == 0)
      execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  return wait_child(pid);
}

/* Runs `pg_ctl <action>` on the cluster as the server user; action is "start", "stop" or
 * "status". Output goes to out_fd (or /dev/null). Returns pg_ctl's exit status, or -1. */
static int run_pg_ctl(const edx_pg_embedded *pg, const char *action, int out_fd)
{
  const char *argv[16];
  char *pg_ctl = NULL, *opts = NULL;
  int n = 0, rc = -1;

  pg_ctl = path_join(pg->bindir, "pg_ctl");
  if (!pg_ctl)
    goto cleanup;
  argv[n++] = pg_ctl;
  argv[n++] = "-D";
  argv[n++] = pg->pgdata;
  if (strcmp(action, "status") != 0) {
    argv[n++] = "-w";
    argv[n++] = "-t";
    argv[n++] = PG_WAIT_SECONDS;
    argv[n++] = "-s";
  }
  if (strcmp(action, "stop") == 0) {
    argv[n++] = "-m";
    argv[n++] = "fast";
  } else if (strcmp(action, "start") == 0) {
    if (asprintf(&opts, "-k %s -p 5432 -c listen_addresses=''", pg->sockdir) < 0) {
      opts = NULL;
      goto cleanup;
    }
    argv[n++] = "-l";
    argv[n++] = pg->logfile;
    argv[n++] = "-o";
    argv[n++] = opts;
  }
  argv[n++] = action;
  argv[n] = NULL;
  rc = run_program(pg, argv, out_fd);
cleanup:
  free(opts);
  free(pg_ctl);
  return rc;
}

/* Returns nonzero when dir/name exists and is executable by us. */
static int has_program(const char *dir, const char *name)
{
  char *path = path_join(dir, name);
  int ok = path && access(path, X_OK) == 0;

  free(path);
  return ok;
}

/* Runs `pg_config --bindir` (found through PATH) and returns its output without the newline
 * (malloc'ed), or NULL when pg_config is missing or fails. */
static char *pg_config_bindir(void)
{
  char buf[PATH_MAX];
  int fds[2] = {-1, -1};
  size_t len = 0;
  ssize_t n;
  pid_t pid = -1;
  char *out = NULL;

  if (pipe2(fds, O_CLOEXEC) != 0)
    goto cleanup;
  pid = fork();
  if (pid == 0) {
    int nullfd = open("/dev/null", O_RDWR);
    if (nullfd < 0 || dup2(nullfd, 0) < 0 || dup2(nullfd, 2) < 0 || dup2(fds[1], 1) < 0)
      _exit(127);
    execlp("pg_config", "pg_config", "--bindir", (char *)NULL);
    _exit(127);
  }
  close(fds[1]);
  fds[1] = -1;
  while (pid > 0 && len < sizeof(buf) - 1) {
    n = read(fds[0], buf + len, sizeof(buf) - 1 - len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    len += (size_t)n;
  }
  close(fds[0]); /* before waiting, so a chatty child cannot block on a full pipe */
  fds[0] = -1;
  buf[len] = '\0';
  buf[strcspn(buf, "\r\n")] = '\0';
  if (pid > 0 && wait_child(pid) == 0 && buf[0] == '/')
    out = strdup(buf);
cleanup:
  if (fds[0] >= 0)
    close(fds[0]);
  if (fds[1] >= 0)
    close(fds[1]);
  return out;
}

/* Sets pg->bindir to the folder with initdb and pg_ctl: pg_config's bindir if it has them,
 * else the Debian default. Returns 0, or -1 with a message. */
static int find_bindir(edx_pg_embedded *pg, char *errbuf, size_t errlen)
{
  char *cand = NULL;
  int rc = -1;

  cand = pg_config_bindir();
  if (!cand || !has_program(cand, "initdb") || !has_program(cand, "pg_ctl")) {
    free(cand);
    cand = NULL;
    if (!has_program(PG_FALLBACK_BINDIR, "initdb") || !has_program(PG_FALLBACK_BINDIR, "pg_ctl")) {
      set_err(errbuf, errlen,
              "postgresql server binaries not found; install postgresql-15 or set DATABASE_URL");
      goto cleanup;
    }
    cand = strdup(PG_FALLBACK_BINDIR);
    if (!cand) {
      set_err(errbuf, errlen, "out of memory");
      goto cleanup;
    }
  }
  pg->bindir = cand;
  cand = NULL;
  rc = 0;
cleanup:
  free(cand);
  return rc;
}

/* Picks the user that runs the server: the postgres system user when we are root (initdb and
 * postgres refuse to run as root), else ourselves. Fills pg->as_other, uid, gid. 0 or -1. */
static int choose_server_user(edx_pg_embedded *pg, char *errbuf, size_t errlen)
{
  struct passwd pw, *found = NULL;
  char buf[4096];
  int err;

  pg->uid = geteuid();
  pg->gid = getegid();
  pg->as_other = 0;
  if (pg->uid != 0)
    return 0;
  err = getpwnam_r(PG_SERVER_USER, &pw, buf, sizeof(buf), &found);
  if (err != 0 || !found) {
    set_err(errbuf, errlen, "running as root needs the system user %s, which was not found",
            PG_SERVER_USER);
    return -1;
  }
  if (found->pw_uid == 0) {
    set_err(errbuf, errlen, "system user %s is root; postgresql cannot run as root",
            PG_SERVER_USER);
    return -1;
  }
  pg->uid = found->pw_uid;
  pg->gid = found->pw_gid;
  pg->as_other = 1;
  return 0;
}

/* Creates dir and its missing parents like mkdir -p (parents 0755, dir itself 0700).
 * *created is set nonzero when dir itself was made by this call. Returns 0, or -1. */
static int make_dirs(const char *dir, int *created, char *errbuf, size_t errlen)
{
  char *copy = NULL, *p;
  size_t n;
  struct stat st;
  int rc = -1;

  *created = 0;
  copy = strdup(dir);
  if (!copy) {
    set_err(errbuf, errlen, "out of memory");
    goto cleanup;
  }
  n = strlen(copy);
  while (n > 1 && copy[n - 1] == '/')
    copy[--n] = '\0';
  for (p = copy + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
      set_errno(errbuf, errlen, errno, "cannot create folder %s", copy);
      goto cleanup;
    }
    *p = '/';
  }
  if (mkdir(copy, 0700) == 0)
    *created = 1;
  else if (errno != EEXIST) {
    set_errno(errbuf, errlen, errno, "cannot create folder %s", copy);
    goto cleanup;
  }
  if (stat(copy, &st) != 0 || !S_ISDIR(st.st_mode)) {
    set_err(errbuf, errlen, "%s exists but is not a folder", copy);
    goto cleanup;
  }
  rc = 0;
cleanup:
  free(copy);
  return rc;
}

/* Child side of check_reachable: with the server user's rights, tests every folder on the way
 * to path and path itself for search permission. Returns 0 when all pass, k when the k-th
 * folder fails (capped at PG_PROBE_LIMIT), 255 when the child could not be set up. */
static int probe_path(const edx_pg_embedded *pg, char *path)
{
  char *p, saved;
  int k = 0;

  if (child_prepare(pg, -1) != 0)
    return 255;
  if (path[0] != '/' || path[1] == '\0')
    return access("/", X_OK) == 0 ? 0 : 1;
  for (p = path + 1;; p++) {
    if (*p != '/' && *p != '\0')
      continue;
    saved = *p;
    *p = '\0';
    if (++k > PG_PROBE_LIMIT)
      k = PG_PROBE_LIMIT;
    if (access(path, X_OK) != 0)
      return k;
    *p = saved;
    if (saved == '\0')
      return 0;
  }
}

/* Checks, as the server user, that pg->data_dir can be reached. Returns 0, or -1 with a message
 * naming the first folder on the way that the server user may not search. */
static int check_reachable(const edx_pg_embedded *pg, char *errbuf, size_t errlen)
{
  char *path = NULL, *p;
  pid_t pid;
  int code, k = 0, rc = -1;

  path = strdup(pg->data_dir);
  if (!path) {
    set_err(errbuf, errlen, "out of memory");
    goto cleanup;
  }
  pid = fork();
  if (pid < 0) {
    set_errno(errbuf, errlen, errno, "cannot start a process");
    goto cleanup;
  }
  if (pid == 0)
    _exit(probe_path(pg, path));
  code = wait_child(pid);
  if (code == 0) {
    rc = 0;
    goto cleanup;
  }
  if (code < 1 || code >= PG_PROBE_LIMIT) {
    set_err(errbuf, errlen, "cannot check that user %s can reach folder %s", PG_SERVER_USER,
            pg->data_dir);
    goto cleanup;
  }
  for (p = path + 1; *p; p++)
    if (*p == '/' && ++k == code) {
      *p = '\0';
      break;
    }
  set_err(errbuf, errlen,
          "user %s cannot reach folder %s (no search permission); allow it (chmod o+x) or use "
          "another data directory",
          PG_SERVER_USER, path);
cleanup:
  free(path);
  return rc;
}

/* Hands the data folder to the server user (when we run as root) if this call created it or it
 * is a private root-owned folder, then checks that the server user can reach it. 0 or -1. */
static int adopt_data_dir(const edx_pg_embedded *pg, int created, char *errbuf, size_t errlen)
{
  struct stat st;

  if (stat(pg->data_dir, &st) != 0) {
    set_errno(errbuf, errlen, errno, "cannot inspect folder %s", pg->data_dir);
    return -1;
  }
  if ((created || (st.st_uid == 0 && (st.st_mode & 077) == 0)) && st.st_uid != pg->uid &&
      chown(pg->data_dir, pg->uid, pg->gid) != 0) {
    set_errno(errbuf, errlen, errno, "cannot give folder %s to user %s", pg->data_dir,
              PG_SERVER_USER);
    return -1;
  }
  return check_reachable(pg, errbuf, errlen);
}

/* Creates pg->pgdata (0700) owned by the server user, or checks that an existing one is owned
 * by it. Returns 0, or -1 with a message. */
static int make_pgdata(const edx_pg_embedded *pg, char *errbuf, size_t errlen)
{
  struct stat st;

  if (mkdir(pg->pgdata, 0700) == 0) {
    if (pg->as_other && chown(pg->pgdata, pg->uid, pg->gid) != 0) {
      set_errno(errbuf, errlen, errno, "cannot give folder %s to user %s", pg->pgdata,
                PG_SERVER_USER);
      return -1;
    }
  } else if (errno != EEXIST) {
    set_errno(errbuf, errlen, errno, "cannot create folder %s", pg->pgdata);
    return -1;
  }
  if (stat(pg->pgdata, &st) != 0 || !S_ISDIR(st.st_mode)) {
    set_err(errbuf, errlen, "%s exists but is not a folder", pg->pgdata);
    return -1;
  }
  if (st.st_uid != pg->uid) {
    set_err(errbuf, errlen, "folder %s belongs to uid %u, but the server runs as uid %u; fix its "
            "owner", pg->pgdata, (unsigned)st.st_uid, (unsigned)pg->uid);
    return -1;
  }
  return 0;
}

/* Opens (creating) data_dir/postgresql.log for appending, owned by the server user so that
 * pg_ctl can write to it too; keeps the descriptor in pg->log_fd. Returns 0 or -1. */
static int open_log(edx_pg_embedded *pg, char *errbuf, size_t errlen)
{
  pg->log_fd = open(pg->logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (pg->log_fd < 0) {
    set_errno(errbuf, errlen, errno, "cannot open %s", pg->logfile);
    return -1;
  }
  if (pg->as_other && fchown(pg->log_fd, pg->uid, pg->gid) != 0) {
    set_errno(errbuf, errlen, errno, "cannot give %s to user %s", pg->logfile, PG_SERVER_USER);
    return -1;
  }
  return 0;
}

/* Creates data_dir (mkdir -p) and data_dir/pgdata, stores their absolute paths in pg, hands them
 * to the server user when we are root and opens the server log. Returns 0 or -1. */
static int prepare_dirs(edx_pg_embedded *pg, const char *data_dir, char *errbuf, size_t errlen)
{
  int created = 0;

  if (make_dirs(data_dir, &created, errbuf, errlen) != 0)
    return -1;
  pg->data_dir = realpath(data_dir, NULL);
  if (!pg->data_dir) {
    set_errno(errbuf, errlen, errno, "cannot resolve folder %s", data_dir);
    return -1;
  }
  if (pg->as_other && adopt_data_dir(pg, created, errbuf, errlen) != 0)
    return -1;
  pg->pgdata = path_join(pg->data_dir, "pgdata");
  pg->logfile = path_join(pg->data_dir, "postgresql.log");
  if (!pg->pgdata || !pg->logfile) {
    set_err(errbuf, errlen, "out of memory");
    return -1;
  }
  if (make_pgdata(pg, errbuf, errlen) != 0)
    return -1;
  return open_log(pg, errbuf, errlen);
}

/* Runs initdb into pg->pgdata unless it already holds a cluster (PG_VERSION exists); initdb's
 * output goes to data_dir/initdb.log. Returns 0, or -1 with a message. */
static int ensure_initdb(const edx_pg_embedded *pg, char *errbuf, size_t errlen)
{
  char *version = NULL, *initdb = NULL, *log = NULL;
  const char *argv[10];
  int fd = -1, rc = -1;

  version = path_join(pg->pgdata, "PG_VERSION");
  initdb = path_join(pg->bindir, "initdb");
  log = path_join(pg->data_dir, "initdb.log");
  if (!version || !initdb || !log) {
    set_err(errbuf, errlen, "out of memory");
    goto cleanup;
  }
  if (access(version, F_OK) == 0) {
    rc = 0;
    goto cleanup;
  }
  fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    set_errno(errbuf, errlen, errno, "cannot open %s", log);
    goto cleanup;
  }
  argv[0] = initdb;
  argv[1] = "-D";
  argv[2] = pg->pgdata;
  argv[3] = "-U";
  argv[4] = PG_DB_USER;
  argv[5] = "--auth=trust";
  argv[6] = "-E";
  argv[7] = "UTF8";
  argv[8] = "--locale=C.UTF-8";
  argv[9] = NULL;
  if (run_program(pg, argv, fd) != 0) {
    set_err(errbuf, errlen, "creating the database cluster failed; see %s", log);
    goto cleanup;
  }
  rc = 0;
cleanup:
  if (fd >= 0)
    close(fd);
  free(log);
  free(initdb);
  free(version);
  return rc;
}

/* Returns the socket folder recorded on line 5 of postmaster.pid (malloc'ed), or NULL. */
static char *pidfile_sockdir(const char *pidfile)
{
  FILE *f = NULL;
  char *line = NULL, *out = NULL;
  size_t cap = 0;
  int lineno = 0;

  f = fopen(pidfile, "re");
  if (!f)
    goto cleanup;
  while (getline(&line, &cap, f) >= 0)
    if (++lineno == 5) {
      line[strcspn(line, "\r\n")] = '\0';
      out = strdup(line);
      break;
    }
cleanup:
  if (f)
    fclose(f);
  free(line);
  return out;
}

/* If postmaster.pid shows that a server from an earlier run is still up (edudx crashed), stops
 * it (fast) and removes its socket folder. Returns 0, or -1 with a message. */
static int stop_stale(const edx_pg_embedded *pg, char *errbuf, size_t errlen)
{
  char *pidfile = NULL, *oldsock = NULL;
  int rc = -1;

  pidfile = path_join(pg->pgdata, "postmaster.pid");
  if (!pidfile) {
    set_err(errbuf, errlen, "out of memory");
    goto cleanup;
  }
  if (access(pidfile, F_OK) != 0 || run_pg_ctl(pg, "status", -1) != 0) {
    rc = 0; /* nothing running; a stale pid file is handled by pg_ctl start */
    goto cleanup;
  }
  oldsock = pidfile_sockdir(pidfile);
  if (run_pg_ctl(pg, "stop", pg->log_fd) != 0) {
    set_err(errbuf, errlen, "a postgresql server left running on %s could not be stopped; see %s",
            pg->pgdata, pg->logfile);
    goto cleanup;
  }
  if (oldsock && strncmp(oldsock, PG_SOCK_PREFIX, strlen(PG_SOCK_PREFIX)) == 0)
    rmdir(oldsock);
  rc = 0;
cleanup:
  free(oldsock);
  free(pidfile);
  return rc;
}

/* Takes data_dir/edudx.lock. When another live edudx holds it, that process runs the cluster:
 * with may_join, connect to its socket (from postmaster.pid) and leave the server alone
 * (pg->adopted); without, refuse. Without a holder, a running server is a crash's leftover and
 * is stopped. Returns 0 or -1. */
static int lock_or_adopt(edx_pg_embedded *pg, int may_join, char *errbuf, size_t errlen)
{
  char *lockfile = path_join(pg->data_dir, "edudx.lock");
  char *pidfile = path_join(pg->pgdata, "postmaster.pid");
  int rc = -1;

  if (!lockfile || !pidfile) {
    set_err(errbuf, errlen, "out of memory");
    goto cleanup;
  }
  pg->lock_fd = open(lockfile, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (pg->lock_fd < 0) {
    set_errno(errbuf, errlen, errno, "cannot open %s", lockfile);
    goto cleanup;
  }
  if (flock(pg->lock_fd, LOCK_EX | LOCK_NB) == 0) {
    rc = stop_stale(pg, errbuf, errlen);
    goto cleanup;
  }
  if (!may_join) {
    set_err(errbuf, errlen, "another edudx is running on the data directory %s (it holds %s); "
            "stop it first, or give this one its own EDUDX_DATA_DIR or a DATABASE_URL",
            pg->data_dir, lockfile);
    goto cleanup;
  }
  pg->sockdir = run_pg_ctl(pg, "status", -1) == 0 ? pidfile_sockdir(pidfile) : NULL;
  if (!pg->sockdir) {
    set_err(errbuf, errlen, "another edudx holds %s but its postgresql is not running", lockfile);
    goto cleanup;
  }
  pg->adopted = 1;
  rc = 0;
cleanup:
  free(lockfile);
  free(pidfile);
  return rc;
}

/* Creates the private socket folder (owned by the server user) and starts the server with
 * pg_ctl, listening on a Unix socket there and on no TCP port. Returns 0 or -1. */
static int start_server(edx_pg_embedded *pg, char *errbuf, size_t errlen)
{
  char tmpl[] = PG_SOCK_PREFIX "XXXXXX";

  if (!mkdtemp(tmpl)) {
    set_errno(errbuf, errlen, errno, "cannot create a socket folder under /tmp");
    return -1;
  }
  pg->sockdir = strdup(tmpl);
  if (!pg->sockdir) {
    rmdir(tmpl);
    set_err(errbuf, errlen, "out of memory");
    return -1;
  }
  if (pg->as_other && chown(pg->sockdir, pg->uid, pg->gid) != 0) {
    set_errno(errbuf, errlen, errno, "cannot give folder %s to user %s", pg->sockdir,
              PG_SERVER_USER);
    return -1;
  }
  pg->running = 1;
  if (run_pg_ctl(pg, "start", pg->log_fd) != 0) {
    /* pg_ctl may have given up waiting on a server that is still coming up: stop it later */
    pg->running = run_pg_ctl(pg, "status", -1) == 0;
    set_err(errbuf, errlen, "postgresql failed to start; see %s", pg->logfile);
    return -1;
  }
  return 0;
}

/* Creates database "edudx" over the private socket when it does not exist yet (db/cluster.c).
 * Returns 0, or -1 with a message. */
static int ensure_database(const edx_pg_embedded *pg, char *errbuf, size_t errlen)
{
  char *conninfo = NULL;
  int rc;
  if (asprintf(&conninfo, "host=%s port=5432 dbname=postgres user=%s", pg->sockdir, PG_DB_USER) < 0) {
    set_err(errbuf, errlen, "out of memory");
    return -1;
  }
  rc = edx_db_create_database(conninfo, PG_DB_NAME, errbuf, errlen);
  free(conninfo);
  return rc;
}

int edx_pg_embedded_start(edx_pg_embedded **out, char **conninfo_out, const char *data_dir,
                          int may_join, char *errbuf, size_t errlen)
{
  edx_pg_embedded *pg = NULL;
  char *conninfo = NULL;
  int rc = -1;

  if (errbuf && errlen > 0)
    errbuf[0] = '\0';
  if (!out || !conninfo_out || !data_dir || !data_dir[0]) {
    set_err(errbuf, errlen, "no data directory given for the embedded postgresql");
    goto cleanup;
  }
  *out = NULL;
  *conninfo_out = NULL;
  pg = calloc(1, sizeof(*pg));
  if (!pg) {
    set_err(errbuf, errlen, "out of memory");
    goto cleanup;
  }
  pg->log_fd = -1;
  pg->lock_fd = -1;
  if (find_bindir(pg, errbuf, errlen) != 0 || choose_server_user(pg, errbuf, errlen) != 0 ||
      prepare_dirs(pg, data_dir, errbuf, errlen) != 0 || lock_or_adopt(pg, may_join, errbuf, errlen) != 0)
    goto cleanup;
  if (!pg->adopted && (ensure_initdb(pg, errbuf, errlen) != 0 ||
                       start_server(pg, errbuf, errlen) != 0 ||
                       ensure_database(pg, errbuf, errlen) != 0))
    goto cleanup;
  if (asprintf(&conninfo, "host=%s port=5432 dbname=%s user=%s", pg->sockdir, PG_DB_NAME, PG_DB_USER) < 0) {
    conninfo = NULL;
    set_err(errbuf, errlen, "out of memory");
    goto cleanup;
  }
  *out = pg;
  *conninfo_out = conninfo;
  pg = NULL;
  conninfo = NULL;
  rc = 0;
cleanup:
  edx_pg_embedded_stop(pg);
  free(conninfo);
  return rc;
}

void edx_pg_embedded_stop(edx_pg_embedded *pg)
{
  if (!pg)
    return;
  if (pg->running && run_pg_ctl(pg, "stop", pg->log_fd) != 0)
    fprintf(stderr, "warning: the embedded postgresql did not stop cleanly; see %s\n",
            pg->logfile);
  if (pg->sockdir && !pg->adopted)
    rmdir(pg->sockdir);
  if (pg->log_fd >= 0)
    close(pg->log_fd);
  if (pg->lock_fd >= 0)
    close(pg->lock_fd);
  free(pg->sockdir);
  free(pg->logfile);
  free(pg->pgdata);
  free(pg->data_dir);
  free(pg->bindir);
  free(pg);
}
