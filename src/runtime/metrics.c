/* metrics.c — request counters and latency histograms (see metrics.h). Series are few (routes ×
 * methods × statuses), so a small array under one mutex is enough. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include "src/runtime/metrics.h"

#define MAX_COUNTERS 512
#define MAX_ROUTES 128
#define NBUCKETS 12

static const double bucket_bounds[NBUCKETS] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,   0.25,   0.5,   1,    2.5,   10};

typedef struct {
  char method[12];
  char route[64];
  int status;
  unsigned long long count;
} counter;

typedef struct {
  char route[64];
  unsigned long long buckets[NBUCKETS];
  unsigned long long count;
  double sum;
} histogram;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static counter counters[MAX_COUNTERS];
static int ncounters;
static histogram histograms[MAX_ROUTES];
static int nhistograms;
static atomic_ullong token_checks[2]; /* by the database, by the cache */
static atomic_ullong statements_prepared;

static counter *find_counter(const char *method, const char *route, int status)
{
  for (int i = 0; i < ncounters; i++)
    if (counters[i].status == status && strcmp(counters[i].route, route) == 0 &&
        strcmp(counters[i].method, method) == 0)
      return &counters[i];
  if (ncounters == MAX_COUNTERS)
    return NULL;
  counter *c = &counters[ncounters++];
  snprintf(c->method, sizeof(c->method), "%s", method);
  snprintf(c->route, sizeof(c->route), "%s", route);
  c->status = status;
  return c;
}

static histogram *find_histogram(const char *route)
{
  for (int i = 0; i < nhistograms; i++)
    if (strcmp(histograms[i].route, route) == 0)
      return &histograms[i];
  if (nhistograms == MAX_ROUTES)
    return NULL;
  histogram *h = &histograms[nhistograms++];
  snprintf(h->route, sizeof(h->route), "%s", route);
  return h;
}

void edx_metrics_observe(const char *method, const char *route, int status, double seconds)
{
  pthread_mutex_lock(&lock);
  counter *c = find_counter(method, route, status);
  histogram *h = find_histogram(route);
  if (c)
    c->count++;
  if (h) {
    for (int b = 0; b < NBUCKETS; b++)
      if (seconds <= bucket_bounds[b])
        h->buckets[b]++;
    h->count++;
    h->sum += seconds;
  }
  pthread_mutex_unlock(&lock);
}

void edx_metrics_statement_prepared(void)
{
  atomic_fetch_add(&statements_prepared, 1);
}

void edx_metrics_token_check(int hit)
{
  atomic_fetch_add(&token_checks[hit ? 1 : 0], 1);
}

char *edx_metrics_render(int pool_in_use, int pool_idle, int pool_waiting, size_t *len)
{
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  if (!f)
    return NULL;
  pthread_mutex_lock(&lock);
  fputs("# HELP edudx_http_requests_total HTTP requests answered.\n"
        "# TYPE edudx_http_requests_total counter\n", f);
  for (int i = 0; i < ncounters; i++)
    fprintf(f, "edudx_http_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"} %llu\n",
            counters[i].method, counters[i].route, counters[i].status, counters[i].count);
  fputs("# HELP edudx_http_request_duration_seconds Time to answer a request.\n"
        "# TYPE edudx_http_request_duration_seconds histogram\n", f);
  for (int i = 0; i < nhistograms; i++) {
    const histogram *h = &histograms[i];
    for (int b = 0; b < NBUCKETS; b++)
      fprintf(f, "edudx_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
              h->route, bucket_bounds[b], h->buckets[b]);
    fprintf(f, "edudx_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
            h->route, h->count);
    fprintf(f, "edudx_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", h->route, h->sum);
    fprintf(f, "edudx_http_request_duration_seconds_count{route=\"%s\"} %llu\n", h->route,
            h->count);
  }
  pthread_mutex_unlock(&lock);
  fprintf(f,
          "# HELP edudx_db_pool_connections PostgreSQL connections in the pool.\n"
          "# TYPE edudx_db_pool_connections gauge\n"
          "edudx_db_pool_connections{state=\"in_use\"} %d\n"
          "edudx_db_pool_connections{state=\"idle\"} %d\n"
          "# HELP edudx_db_pool_waiting Requests waiting for a connection.\n"
          "# TYPE edudx_db_pool_waiting gauge\n"
          "edudx_db_pool_waiting %d\n",
          pool_in_use, pool_idle, pool_waiting);
  fprintf(f,
          "# HELP edudx_token_checks_total Tokens checked, by where the answer came from.\n"
          "# TYPE edudx_token_checks_total counter\n"
          "edudx_token_checks_total{source=\"cache\"} %llu\n"
          "edudx_token_checks_total{source=\"database\"} %llu\n",
          atomic_load(&token_checks[1]), atomic_load(&token_checks[0]));
  fprintf(f,
          "# HELP edudx_db_statements_prepared_total Statements prepared on database sessions.\n"
          "# TYPE edudx_db_statements_prepared_total counter\n"
          "edudx_db_statements_prepared_total %llu\n",
          atomic_load(&statements_prepared));
  fclose(f);
  return buf;
}
