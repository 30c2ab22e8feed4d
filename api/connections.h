/* connections.h — the server's open connections and what each is waiting for: a watchdog
 * thread shuts a connection whose client takes too long over its request (deadlines.h), the
 * connections beyond the limit are marked so their request gets a 503, and idle ones are closed
 * at once when the server stops. The libmicrohttpd threads report each connection's phase. */
#ifndef EDX_API_CONNECTIONS_H
#define EDX_API_CONNECTIONS_H
#include <stddef.h>
#include <time.h>
#include "src/rules/deadlines.h"

typedef struct edx_connections edx_connections;

typedef struct edx_connection {
  struct edx_connection *prev, *next;
  int fd;
  edx_wait wait;            /* what the connection is waiting for */
  struct timespec since;    /* ...since when */
  size_t body_bytes;        /* of the body being received */
  int over_limit;           /* opened beyond the connection limit */
  int shut;                 /* the watchdog shut it (once) */
  int request_open;         /* a request is between its request line and its completion */
  void *exchange;           /* that request (exchange.h), or NULL */
} edx_connection;

/* limit: connections served; beyond it (up to what libmicrohttpd accepts) each gets a 503. The
 * watchdog starts now. NULL when out of memory or a thread cannot start. */
edx_connections *edx_connections_new(const edx_deadlines *deadlines, int limit);
/* Stops the watchdog and frees the set (the connections themselves are libmicrohttpd's). */
void edx_connections_free(edx_connections *set);

/* A connection opened on socket fd (NULL when out of memory); it waits for a request line. */
edx_connection *edx_connection_opened(edx_connections *set, int fd);
void edx_connection_closed(edx_connections *set, edx_connection *c);
/* The connection now waits for wait (its clock restarts). */
void edx_connection_waits(edx_connections *set, edx_connection *c, edx_wait wait);
/* bytes more of the body arrived. */
void edx_connection_body_read(edx_connections *set, edx_connection *c, size_t bytes);

/* From now on idle connections are closed at once (the server stops). */
void edx_connections_drain(edx_connections *set);
#endif
