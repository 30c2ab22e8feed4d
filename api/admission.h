/* admission.h — the listening socket and a thread that accepts each connection and screens its
 * first request head before libmicrohttpd sees it: it looks at the bytes without taking them
 * (MSG_PEEK) until the head is all in, judges them (head_screen.h), answers a refusal itself
 * with a problem document and Connection: close, and hands a head that passes, still unread, to
 * libmicrohttpd (MHD_add_connection), which then reads it as if it had accepted the connection.
 * libmicrohttpd 0.9.75 answers what it refuses with HTML pages edudx cannot replace, and only
 * the first head of a connection can be screened this way: a later request on a kept-alive
 * connection is read by libmicrohttpd, then judged by the same rule from what it read
 * (exchange.h). It also holds the limits libmicrohttpd held: the
 * connections open in all (it stops accepting at the cap, until one closes) and per client
 * address (beyond, a connection is closed at once). A connection is counted and given its
 * deadlines (connections.h) from its accept. */
#ifndef EDX_API_ADMISSION_H
#define EDX_API_ADMISSION_H
#include <microhttpd.h>
#include "api/connections.h"
#include "src/rules/head_screen.h"

/* Connections one client address may hold open (more are closed at once). */
#define EDX_PER_ADDRESS_CONNECTIONS 200

typedef struct edx_admission edx_admission;

/* Starts admitting the connections of listener (a listening socket, now the admission's) to
 * daemon (started without a listening socket), counted in set; at most cap open at once. NULL
 * when out of memory or when the thread cannot start (listener is then closed). */
edx_admission *edx_admission_start(int listener, struct MHD_Daemon *daemon, edx_connections *set,
                                   const edx_head_limits *limits, int cap);
/* Closes the listening socket (soon, on the admission's thread): new connections are refused.
 * Heads being screened go on until they are in or late. */
void edx_admission_stop_listening(edx_admission *a);
/* Connections whose first request line is in and whose head is still being screened: requests
 * under way that are not yet libmicrohttpd's. */
int edx_admission_heads(edx_admission *a);
/* Stops the thread, closes the connections still being screened and the listening socket, and
 * frees a. NULL-safe. */
void edx_admission_stop(edx_admission *a);
#endif
