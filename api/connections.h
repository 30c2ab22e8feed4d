/* connections.h — the server's open connections and what each is waiting for: a watchdog
 * thread shuts a connection whose client takes too long over its request (deadlines.h), the
 * connections beyond the limit are marked so their request gets a 503, and idle ones are closed
 * at once when the server stops. A connection is counted from its accept (admission.h), so the
 * limits count the ones whose first head is still being screened; the libmicrohttpd threads
 * report each connection's phase once it is handed to them. */
#ifndef EDX_API_CONNECTIONS_H
#define EDX_API_CONNECTIONS_H
#include <netinet/in.h>
#include <stddef.h>
#include <time.h>
#include "src/rules/deadlines.h"

typedef struct edx_connections edx_connections;

typedef struct edx_connection {
  struct edx_connection *prev, *next;
  int fd;
  struct sockaddr_in peer;  /* the client's address */
  int handed;               /* handed to libmicrohttpd, which has not started it yet */
  edx_wait wait;            /* what the connection is waiting for */
  struct timespec since;    /* ...since when */
  size_t body_bytes;        /* of the body being received */
  int over_limit;           /* opened beyond the connection limit */
  int shut;                 /* the watchdog shut it (once) */
  int request_open;         /* a request is between its request line and its completion */
  unsigned long requests;   /* request lines libmicrohttpd read on it so far */
  void *exchange;           /* that request (exchange.h), or NULL */
} edx_connection;

/* limit: connections served; beyond it (up to what libmicrohttpd accepts) each gets a 503. The
 * watchdog starts now. NULL when out of memory or a thread cannot start. */
edx_connections *edx_connections_new(const edx_deadlines *deadlines, int limit);
/* Stops the watchdog and frees the set (the connections themselves are libmicrohttpd's). */
void edx_connections_free(edx_connections *set);

/* A connection accepted on socket fd from peer; it waits for a request line. NULL when out of
 * memory or when peer already has per_address connections open. A connection handed over
 * earlier on the same descriptor that libmicrohttpd never started (it may drop one silently)
 * is forgotten now: the descriptor's reuse shows it closed. */
edx_connection *edx_connection_accepted(edx_connections *set, int fd,
                                        const struct sockaddr_in *peer, int per_address);
/* The connection is being handed to libmicrohttpd: the watchdog leaves it (and its descriptor,
 * which libmicrohttpd may close at once) alone until libmicrohttpd starts it. */
void edx_connection_handing(edx_connections *set, edx_connection *c);
/* libmicrohttpd started the connection on fd: the one handed over on it (NULL if none). */
edx_connection *edx_connection_started(edx_connections *set, int fd);
/* The connection is closed, or about to be by whoever holds its descriptor: it leaves the set
 * (before the descriptor is closed, so the watchdog never touches a reused one). NULL-safe. */
void edx_connection_closed(edx_connections *set, edx_connection *c);
/* Connections open (accepted and not yet closed). */
int edx_connections_count(edx_connections *set);
/* The connection now waits for wait (its clock restarts). */
void edx_connection_waits(edx_connections *set, edx_connection *c, edx_wait wait);
/* bytes more of the body arrived. */
void edx_connection_body_read(edx_connections *set, edx_connection *c, size_t bytes);

/* From now on idle connections are closed at once (the server stops). */
void edx_connections_drain(edx_connections *set);
#endif
