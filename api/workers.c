/* workers.c — a fixed pool of threads taking jobs from one queue (see workers.h). */
#include <pthread.h>
#include <stdlib.h>
#include "api/workers.h"

struct edx_workers {
  pthread_mutex_t lock;
  pthread_cond_t ready;
  edx_job *first, *last;
  int stopping, stopped;
  int threads;
  pthread_t thread[];
};

static void *work(void *arg)
{
  edx_workers *w = arg;
  pthread_mutex_lock(&w->lock);
  for (;;) {
    edx_job *job;
    while (!w->first && !w->stopping)
      pthread_cond_wait(&w->ready, &w->lock);
    if (!w->first)
      break; /* stopping, and nothing left */
    job = w->first;
    w->first = job->next;
    if (!w->first)
      w->last = NULL;
    pthread_mutex_unlock(&w->lock);
    job->run(job);
    pthread_mutex_lock(&w->lock);
  }
  pthread_mutex_unlock(&w->lock);
  return NULL;
}

edx_workers *edx_workers_new(int threads)
{
  edx_workers *w = calloc(1, sizeof(*w) + (size_t)threads * sizeof(pthread_t));
  if (!w)
    return NULL;
  pthread_mutex_init(&w->lock, NULL);
  pthread_cond_init(&w->ready, NULL);
  for (; w->threads < threads; w->threads++)
    if (pthread_create(&w->thread[w->threads], NULL, work, w) != 0) {
      edx_workers_free(w);
      return NULL;
    }
  return w;
}

void edx_workers_submit(edx_workers *w, edx_job *job)
{
  job->next = NULL;
  pthread_mutex_lock(&w->lock);
  if (w->stopped) {
    pthread_mutex_unlock(&w->lock);
    job->run(job);
    return;
  }
  if (w->last)
    w->last->next = job;
  else
    w->first = job;
  w->last = job;
  pthread_cond_signal(&w->ready);
  pthread_mutex_unlock(&w->lock);
}

void edx_workers_stop(edx_workers *w)
{
  if (!w || w->stopped)
    return;
  pthread_mutex_lock(&w->lock);
  w->stopping = 1;
  pthread_cond_broadcast(&w->ready);
  pthread_mutex_unlock(&w->lock);
  for (int i = 0; i < w->threads; i++)
    pthread_join(w->thread[i], NULL);
  pthread_mutex_lock(&w->lock);
  w->stopped = 1;
  pthread_mutex_unlock(&w->lock);
}

void edx_workers_free(edx_workers *w)
{
  if (!w)
    return;
  edx_workers_stop(w);
  pthread_cond_destroy(&w->ready);
  pthread_mutex_destroy(&w->lock);
  free(w);
}
