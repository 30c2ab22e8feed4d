/* raw.h — raw TCP exchanges with the server under test, for what a well-behaved HTTP client
 * never does: a head sent a line at a time, a body promised and never sent, many connections
 * held open. (These exchanges are not recorded for the contract check.) */
#ifndef EDX_TEST_RAW_H
#define EDX_TEST_RAW_H
#include <stddef.h>

/* A TCP connection to the server http() talks to, from source address from ("127.0.0.5"; NULL:
 * any); -1 when it cannot be opened. */
int raw_open(const char *from);
/* Sends text in full; 0, or -1. */
int raw_send(int fd, const char *text);
/* Waits up to ms for an answer: its status (its head copied to head when not NULL, and its body,
 * when it has a Content-Length, read past), 0 when the server closed the connection without one,
 * -1 when nothing complete came in time. */
int raw_answer(int fd, int ms, char *head, size_t len);
/* Milliseconds since the monotonic clock's start. */
long raw_now_ms(void);
#endif
