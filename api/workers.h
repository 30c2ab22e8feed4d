/* workers.h — the threads that run requests' work (what may wait for the database), so that
 * libmicrohttpd's threads only move bytes and answer what needs no database (/healthz at once,
 * whatever the database does). A job is a node the caller owns; jobs run in submission order. */
#ifndef EDX_API_WORKERS_H
#define EDX_API_WORKERS_H

typedef struct edx_job {
  struct edx_job *next;
  void (*run)(struct edx_job *job);
} edx_job;

typedef struct edx_workers edx_workers;

/* Starts threads workers; NULL when out of memory or a thread cannot start. */
edx_workers *edx_workers_new(int threads);
/* Queues job (it runs once, on one of the threads; on the caller's once w is stopped). */
void edx_workers_submit(edx_workers *w, edx_job *job);
/* Runs what is queued and stops the threads. NULL-safe. */
void edx_workers_stop(edx_workers *w);
/* Stops w if it runs, and frees it. NULL-safe. */
void edx_workers_free(edx_workers *w);
#endif
