/* metrics.h — in-process request counters and latency histograms, rendered in the Prometheus
 * text format for GET /metrics. Thread-safe. */
#ifndef EDX_METRICS_H
#define EDX_METRICS_H
#include <stddef.h>

/* Counts one answered request: route is the matched pattern ("unmatched" when none). */
void edx_metrics_observe(const char *method, const char *route, int status, double seconds);
/* Counts one token check: answered by the token cache (hit 1) or by the database (0). */
void edx_metrics_token_check(int hit);
/* Counts one statement prepared on a database session. */
void edx_metrics_statement_prepared(void);
/* The exposition text (malloc'ed; caller frees). Pool figures are passed in by the caller. */
char *edx_metrics_render(int pool_in_use, int pool_idle, int pool_waiting, size_t *len);
#endif
