/* raw.c — raw TCP exchanges with the server under test (see raw.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "harness.h"
#include "raw.h"

long raw_now_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int raw_open(const char *from)
{
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)http_port())};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0)
    return -1;
  if (from) {
    struct sockaddr_in me = {.sin_family = AF_INET, .sin_port = 0};
    inet_pton(AF_INET, from, &me.sin_addr);
    if (bind(fd, (struct sockaddr *)&me, sizeof(me)) != 0) {
      close(fd);
      return -1;
    }
  }
  if (connect(fd, (struct sockaddr *)&to, sizeof(to)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

int raw_send(int fd, const char *text)
{
  size_t len = strlen(text), sent = 0;
  while (sent < len) {
    ssize_t n = send(fd, text + sent, len - sent, MSG_NOSIGNAL);
    if (n <= 0)
      return -1;
    sent += (size_t)n;
  }
  return 0;
}

/* Reads what arrives within the time left into buf[*have..cap); 1 on bytes, 0 on the end of
 * the stream (or a reset), -1 when the time ran out. */
static int read_some(int fd, long deadline, char *buf, size_t cap, size_t *have)
{
  struct pollfd p = {.fd = fd, .events = POLLIN};
  long left = deadline - raw_now_ms();
  ssize_t n;
  if (left <= 0 || poll(&p, 1, (int)left) <= 0)
    return -1;
  n = recv(fd, buf + *have, cap - *have, 0);
  if (n <= 0)
    return 0;
  *have += (size_t)n;
  buf[*have] = '\0';
  return 1;
}

int raw_answer(int fd, int ms, char *head, size_t len)
{
  char buf[65536];
  size_t have = 0;
  long deadline = raw_now_ms() + ms;
  char *end, *cl;
  int status = 0;
  buf[0] = '\0';
  while (!(end = strstr(buf, "\r\n\r\n"))) {
    int rc = have + 1 < sizeof(buf) ? read_some(fd, deadline, buf, sizeof(buf) - 1, &have) : -1;
    if (rc <= 0)
      return have ? -1 : rc; /* a head cut short is no answer */
  }
  sscanf(buf, "HTTP/1.%*d %d", &status);
  *end = '\0';
  if (head)
    snprintf(head, len, "%s", buf);
  cl = strcasestr(buf, "\r\nContent-Length:");
  if (cl) {
    size_t body = strtoul(cl + 17, NULL, 10), got = have - (size_t)(end + 4 - buf);
    while (got < body) {
      size_t before = have = 0;
      if (read_some(fd, deadline, buf, sizeof(buf) - 1, &have) <= 0)
        return -1;
      got += have - before;
    }
  }
  return status;
}
