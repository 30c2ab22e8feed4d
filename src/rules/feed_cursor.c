/* feed_cursor.c — change feed positions and cursors (see feed_cursor.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "src/rules/feed_cursor.h"

static int hex_digit(char ch)
{
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  return -1;
}

/* Reads exactly n hex digits (n <= 16) at *p into *out, advancing *p. 0 or -1. */
static int read_hex(const char **p, size_t n, uint64_t *out)
{
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    int d = hex_digit((*p)[i]);
    if (d < 0)
      return -1;
    v = v << 4 | (uint64_t)d;
  }
  *p += n;
  *out = v;
  return 0;
}

/* Reads 1 to 16 hex digits (no leading zero beyond a single "0") into *out. 0 or -1. */
static int read_hex_number(const char **p, uint64_t *out)
{
  size_t n = 0;
  while (n < 17 && hex_digit((*p)[n]) >= 0)
    n++;
  if (n == 0 || n > 16 || (n > 1 && (*p)[0] == '0'))
    return -1;
  return read_hex(p, n, out);
}

static int parse_snapshot(const char *p, edx_feed_cursor *out)
{
  if (read_hex_number(&p, &out->snap_xmin) || *p++ != '_' ||
      read_hex_number(&p, &out->snap_xmax) || out->snap_xmax < out->snap_xmin)
    return -1;
  while (*p == '_') {
    p++;
    if (out->nxip == EDX_FEED_XIP_MAX || read_hex_number(&p, &out->xip[out->nxip]) ||
        out->xip[out->nxip] < out->snap_xmin || out->xip[out->nxip] >= out->snap_xmax)
      return -1;
    out->nxip++;
  }
  out->has_snapshot = 1;
  return *p == '\0' ? 0 : -1;
}

int edx_feed_cursor_parse(const char *text, edx_feed_cursor *out)
{
  const char *p = text;
  memset(out, 0, sizeof(*out));
  if (!text || strlen(text) < 32 || read_hex(&p, 16, &out->xid) || read_hex(&p, 16, &out->seq))
    return -1;
  if (*p == '\0')
    return 0;
  if (*p != '.' || parse_snapshot(p + 1, out) != 0) {
    memset(out, 0, sizeof(*out));
    return -1;
  }
  return 0;
}

void edx_feed_cursor_format(const edx_feed_cursor *c, char out[EDX_FEED_CURSOR_LEN])
{
  size_t used = (size_t)snprintf(out, EDX_FEED_CURSOR_LEN, "%016" PRIx64 "%016" PRIx64, c->xid,
                                 c->seq);
  if (!c->has_snapshot)
    return;
  used += (size_t)snprintf(out + used, EDX_FEED_CURSOR_LEN - used, ".%" PRIx64 "_%" PRIx64,
                           c->snap_xmin, c->snap_xmax);
  for (size_t i = 0; i < c->nxip; i++)
    used += (size_t)snprintf(out + used, EDX_FEED_CURSOR_LEN - used, "_%" PRIx64, c->xip[i]);
}

void edx_feed_cursor_snapshot(const edx_feed_cursor *c, char out[EDX_FEED_SNAPSHOT_LEN])
{
  size_t used;
  out[0] = '\0';
  if (!c->has_snapshot)
    return;
  used = (size_t)snprintf(out, EDX_FEED_SNAPSHOT_LEN, "%" PRIu64 ":%" PRIu64 ":", c->snap_xmin,
                          c->snap_xmax);
  for (size_t i = 0; i < c->nxip; i++)
    used += (size_t)snprintf(out + used, EDX_FEED_SNAPSHOT_LEN - used, "%s%" PRIu64,
                             i ? "," : "", c->xip[i]);
}

void edx_feed_cursor_advance(edx_feed_cursor *c, uint64_t xid, uint64_t seq)
{
  if (xid > c->xid || (xid == c->xid && seq > c->seq)) {
    c->xid = xid;
    c->seq = seq;
  }
  if (c->has_snapshot && c->xid >= c->snap_xmax) {
    c->has_snapshot = 0;
    c->nxip = 0;
  }
}

/* Reads a decimal number at *p into *out. 0 or -1. */
static int read_decimal(const char **p, uint64_t *out)
{
  uint64_t v = 0;
  const char *s = *p;
  if (*s < '0' || *s > '9')
    return -1;
  for (; *s >= '0' && *s <= '9'; s++) {
    if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
      return -1;
    v = v * 10 + (uint64_t)(*s - '0');
  }
  *p = s;
  *out = v;
  return 0;
}

int edx_feed_cursor_from_snapshot(const char *text, edx_feed_cursor *out)
{
  const char *p = text;
  uint64_t xip;
  memset(out, 0, sizeof(*out));
  if (!text || read_decimal(&p, &out->snap_xmin) || *p++ != ':' ||
      read_decimal(&p, &out->snap_xmax) || *p++ != ':')
    return -1;
  out->xid = out->snap_xmin;
  out->has_snapshot = 1;
  while (*p) {
    if (read_decimal(&p, &xip) || (*p && *p++ != ','))
      return -1;
    if (out->nxip < EDX_FEED_XIP_MAX)
      out->xip[out->nxip] = xip;
    out->nxip++;
  }
  if (out->nxip > EDX_FEED_XIP_MAX) {
    out->has_snapshot = 0;
    out->nxip = 0;
  }
  edx_feed_cursor_advance(out, out->xid, 0);
  return 0;
}
