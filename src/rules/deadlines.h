/* deadlines.h — how long a connection may take over what it is sending, so that a client that
 * trickles its request (a header line every few seconds, a body a byte at a time) loses its slot
 * instead of holding it for ever: libmicrohttpd's own timeout restarts with every byte. */
#ifndef EDX_DEADLINES_H
#define EDX_DEADLINES_H
#include <stddef.h>

typedef enum {
  EDX_WAIT_IDLE, /* open, no request line yet (new, or kept alive after an answer) */
  EDX_WAIT_HEAD, /* the request line is in, the headers are not */
  EDX_WAIT_BODY, /* the head is in, the body is arriving */
  EDX_WAIT_WORK, /* the request is in: the server is answering (no deadline here) */
} edx_wait;

typedef struct {
  int idle_s;          /* an open connection's first request line (the idle timeout) */
  int head_s;          /* the rest of the head, once the request line is in */
  int body_s;          /* a body's first bytes... */
  size_t body_rate;    /* ...and one more second for every body_rate bytes received */
  int over_limit_s;    /* a connection beyond the connection limit: its head, to answer 503 */
} edx_deadlines;

/* The seconds a connection may spend in wait (having received body_bytes of a body), or -1 when
 * there is no deadline. over_limit: the connection came beyond the limit; draining: the server
 * is stopping, so an idle connection may stay no longer (0). */
double edx_deadline_seconds(const edx_deadlines *d, edx_wait wait, size_t body_bytes,
                            int over_limit, int draining);
#endif
