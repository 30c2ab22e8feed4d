/* health.c — operations endpoints: /healthz (process up), /readyz (database reachable and schema
 * current), /metrics (Prometheus text) and /v1/openapi.yaml (the contract). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/routes.h"
#include "db/migrate.h"
#include "db/query.h"
#include "src/runtime/embedded.h"
#include "src/rules/errors.h"
#include "src/runtime/metrics.h"

void edx_health_healthz(edx_ctx *ctx)
{
  static const char body[] = "{\"status\":\"ok\"}";
  edx_respond_bytes(ctx, 200, "application/json", body, strlen(body));
}

/* How long after a write failed for a full disk /readyz stays 503. */
#define DISK_FULL_UNREADY_S 30

/* Answers 503 and returns 1 when the database takes no writes: read-only now, or out of disk
 * a moment ago (nothing asks PostgreSQL for its free space: a refused write tells). */
static int storage_unready(edx_ctx *ctx, edx_conn *c)
{
  long long ago = edx_db_disk_full_seconds_ago();
  int read_only = 0, rc = edx_db_read_only(c, &read_only);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return 1;
  }
  if (read_only) {
    edx_problem(ctx, EDX_EUNAVAIL, "the database accepts no writes now (it is read-only)", NULL);
    return 1;
  }
  if (ago >= 0 && ago < DISK_FULL_UNREADY_S) {
    char detail[128];
    snprintf(detail, sizeof(detail), "the database's disk was full %lld s ago", ago);
    edx_problem(ctx, EDX_EUNAVAIL, detail, NULL);
    return 1;
  }
  return 0;
}

void edx_health_readyz(edx_ctx *ctx)
{
  char body[64];
  int version = 0, rc;
  edx_conn *c;
  if (atomic_load(&ctx->app->draining)) {
    edx_problem(ctx, EDX_EUNAVAIL, "this instance is shutting down", NULL);
    return;
  }
  c = edx_ctx_conn(ctx);
  if (!c)
    return;
  rc = edx_migrate_current(c, &version);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return;
  }
  if (version < edx_migrate_latest()) {
    snprintf(body, sizeof(body), "the database schema is at migration %d, this binary needs %d",
             version, edx_migrate_latest());
    edx_problem(ctx, EDX_EUNAVAIL, body, NULL);
    return;
  }
  if (storage_unready(ctx, c))
    return;
  snprintf(body, sizeof(body), "{\"status\":\"ready\",\"schema_version\":%d}", version);
  edx_respond_bytes(ctx, 200, "application/json", body, strlen(body));
}

void edx_health_metrics(edx_ctx *ctx)
{
  int in_use, idle, waiting;
  size_t len = 0;
  char *text;
  edx_pool_stats(ctx->app->pool, &in_use, &idle, &waiting);
  text = edx_metrics_render(in_use, idle, waiting, &len);
  if (!text) {
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
    return;
  }
  edx_respond_bytes(ctx, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
  free(text);
}

void edx_health_openapi(edx_ctx *ctx)
{
  edx_respond_bytes(ctx, 200, "application/yaml", edx_openapi[0].text, edx_openapi[0].length);
}
