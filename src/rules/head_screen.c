/* head_screen.c — a connection's first request head, judged from its bytes (see head_screen.h).
 * Lines end with CRLF or a bare LF (libmicrohttpd takes both); empty lines before the request
 * line are skipped (RFC 9112 §2.2). */
#include <stdarg.h>
#include <stdio.h>
#include <ctype.h>
#include <string.h>
#include "src/rules/head_screen.h"

/* The request line's version must be HTTP/<digit>.<digit>: 8 bytes. */
#define VERSION_LEN 8

typedef struct {
  const char *buf;
  size_t len, pos;             /* what was sent, and where the judging is */
  const edx_head_limits *lim;
  edx_head_screen *out;
  int minor_1;                 /* HTTP/1.1 (or 1.2-1.9, taken as 1.1): Host is required */
  size_t fields, hosts;
  int has_length, has_coding;
  unsigned long long length;   /* the first Content-Length's value */
} judging;

/* RFC 9110 §5.6.2: the characters of a token (a method, a field name). */
static int tchar(unsigned char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static void refuse(judging *j, int status, const char *field, const char *code,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void refuse(judging *j, int status, const char *field, const char *code,
                   const char *fmt, ...)
{
  va_list ap;
  j->out->verdict = EDX_HEAD_REFUSE;
  j->out->status = status;
  j->out->field = field;
  j->out->code = code;
  va_start(ap, fmt);
  vsnprintf(j->out->detail, sizeof(j->out->detail), fmt, ap);
  va_end(ap);
}

/* Whether the n bytes at s are name, letter case aside. */
static int named(const char *s, size_t n, const char *name)
{
  size_t k = 0;
  while (k < n && name[k] && tolower((unsigned char)s[k]) == tolower((unsigned char)name[k]))
    k++;
  return k == n && name[k] == '\0';
}

/* The end of the line starting at from: the offset of its LF, or len when it is not all in. */
static size_t line_feed(const judging *j, size_t from)
{
  const char *lf = memchr(j->buf + from, '\n', j->len - from);
  return lf ? (size_t)(lf - j->buf) : j->len;
}

/* The length of the line from..lf without its CR (lf: its LF, or len when it is not all in). */
static size_t content_len(const judging *j, size_t from, size_t lf)
{
  return lf > from && j->buf[lf - 1] == '\r' ? lf - from - 1 : lf - from;
}

/* A value copied for a message: at most 40 bytes, anything but printable ASCII (and the quote
 * and backslash a JSON text would escape) shown as '?'. */
static void shown(const char *s, size_t n, char *to, size_t cap)
{
  size_t k = 0;
  for (; k < n && k < 40 && k + 1 < cap; k++) {
    unsigned char c = (unsigned char)s[k];
    to[k] = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char)c : '?';
  }
  to[k] = '\0';
}

/* The request line at j->pos..lf (lf == len: not all in). 1 when it passes (all in), 0 when
 * more is needed or it was refused. */
static int request_line(judging *j, size_t lf)
{
  const char *s = j->buf + j->pos;
  /* (a line not all in may end with the CR of its line end: not counted either) */
  size_t n = content_len(j, j->pos, lf), m = 0, end, v;
  while (m < n && tchar((unsigned char)s[m]))
    m++;
  if (m < n && (m == 0 || s[m] != ' ')) {
    refuse(j, 400, "request-line", "invalid_format",
           "the request does not begin with an HTTP/1 request line (method, target, version)");
    return 0;
  }
  if (n > j->lim->line_max) {
    refuse(j, 414, "request-line", "too_long", "the request line is longer than %zu bytes",
           j->lim->line_max);
    return 0;
  }
  if (lf == j->len)
    return 0;
  end = n;
  while (end > m && s[end - 1] == ' ')
    end--;
  v = end;
  while (v > m && s[v - 1] != ' ')
    v--;
  /* method SP target SP version: the version is the last word, the target what is between */
  if (m == n || v <= m + 1 || strspn(s + m, " ") >= v - m || end - v != VERSION_LEN ||
      strncmp(s + v, "HTTP/", 5) != 0 || s[v + 5] < '0' || s[v + 5] > '9' || s[v + 6] != '.' ||
      s[v + 7] < '0' || s[v + 7] > '9') {
    refuse(j, 400, "request-line", "invalid_format",
           "the request line is not <method> <target> HTTP/<major>.<minor>");
    return 0;
  }
  if (s[v + 5] != '1') {
    refuse(j, 505, "request-line", "not_allowed_value",
           "HTTP/%c.%c is not supported: this server speaks HTTP/1.0 and HTTP/1.1", s[v + 5],
           s[v + 7]);
    return 0;
  }
  j->minor_1 = s[v + 7] != '0';
  j->out->line_done = 1;
  return 1;
}

/* Content-Length's value s (n bytes, white space trimmed): 1 when it passes. */
static int content_length(judging *j, const char *s, size_t n)
{
  unsigned long long value = 0;
  char quoted[48];
  size_t k = 0;
  int over = 0;
  for (; k < n && s[k] >= '0' && s[k] <= '9'; k++) {
    unsigned digit = (unsigned)(s[k] - '0');
    over |= value > (~0ULL - digit) / 10;
    value = value * 10 + digit;
  }
  shown(s, n, quoted, sizeof(quoted));
  if (k == 0 || k < n)
    refuse(j, 400, "Content-Length", "invalid_format",
           "Content-Length must be a number of bytes, not '%s'", quoted);
  else if (over)
    refuse(j, 413, "Content-Length", "out_of_range",
           "Content-Length %s is larger than any body this server reads", quoted);
  else if (j->has_length && value != j->length)
    refuse(j, 400, "Content-Length", "conflict",
           "the request has two Content-Length headers that disagree (%llu and %llu)",
           j->length, value);
  else {
    j->has_length = 1;
    j->length = value;
    return 1;
  }
  return 0;
}

/* Transfer-Encoding's value s (n bytes, white space trimmed): 1 when it passes. libmicrohttpd
 * reads a body of any other coding as one with no end (RFC 9112 §6.3: 400). */
static int transfer_coding(judging *j, const char *s, size_t n)
{
  char quoted[48];
  shown(s, n, quoted, sizeof(quoted));
  if (!named(s, n, "chunked") || j->has_coding)
    refuse(j, 400, "Transfer-Encoding", "not_allowed_value",
           "Transfer-Encoding must be chunked, once, not '%s'", quoted);
  else {
    j->has_coding = 1;
    return 1;
  }
  return 0;
}

/* The header line j->pos..lf (all in, not empty; number counts header lines from 1): 1 when
 * it passes. */
static int header_line(judging *j, size_t lf, size_t number)
{
  const char *s = j->buf + j->pos, *colon;
  size_t n = content_len(j, j->pos, lf), name = 0, a, b;
  if (s[0] == ' ' || s[0] == '\t') {
    refuse(j, 400, "headers", "invalid_format",
           "header line %zu begins with white space (folded lines are not taken)", number);
    return 0;
  }
  colon = memchr(s, ':', n);
  if (!colon) {
    refuse(j, 400, "headers", "invalid_format", "header line %zu has no colon", number);
    return 0;
  }
  while (s + name < colon && tchar((unsigned char)s[name]))
    name++;
  if (name == 0 || s + name != colon) {
    refuse(j, 400, "headers", "invalid_format",
           "header line %zu has a field name that is not a token (white space or a separator "
           "before its colon)", number);
    return 0;
  }
  if (++j->fields > j->lim->fields_max) {
    refuse(j, 431, "headers", "too_long", "the request has more than %zu header fields",
           j->lim->fields_max);
    return 0;
  }
  a = name + 1;
  b = n;
  while (a < b && (s[a] == ' ' || s[a] == '\t'))
    a++;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
    b--;
  if (named(s, name, "Host"))
    j->hosts++;
  else if (named(s, name, "Content-Length"))
    return content_length(j, s + a, b - a);
  else if (named(s, name, "Transfer-Encoding"))
    return transfer_coding(j, s + a, b - a);
  return 1;
}

/* The head is all in (its empty line ends at lf): what needs every header line. */
static void head_end(judging *j, size_t lf)
{
  if (lf + 1 > j->lim->head_max)
    refuse(j, 431, "headers", "too_long", "the request head is larger than %zu bytes",
           j->lim->head_max);
  else if (j->minor_1 && j->hosts == 0)
    refuse(j, 400, "Host", "required", "an HTTP/1.1 request needs a Host header");
  else if (j->hosts > 1)
    refuse(j, 400, "Host", "conflict", "the request has %zu Host headers; one is allowed",
           j->hosts);
  else if (j->has_coding && j->has_length)
    refuse(j, 400, "Content-Length", "conflict",
           "the request has both Content-Length and Transfer-Encoding; send one");
  else {
    j->out->verdict = EDX_HEAD_PASS;
    j->out->head_len = lf + 1;
  }
}

void edx_head_judge(const char *buf, size_t len, const edx_head_limits *limits,
                    edx_head_screen *out)
{
  judging j = {.buf = buf, .len = len, .lim = limits, .out = out};
  size_t lf, number = 0;
  memset(out, 0, sizeof(*out));
  out->verdict = EDX_HEAD_MORE;
  while (j.pos < len && (buf[j.pos] == '\n' || (buf[j.pos] == '\r' && (j.pos + 1 == len ||
                                                                      buf[j.pos + 1] == '\n'))))
    j.pos += buf[j.pos] == '\n' ? 1 : 2;
  if (j.pos >= len && len > limits->head_max) {
    refuse(&j, 400, "request-line", "invalid_format",
           "the request sent only empty lines, no request line");
    return;
  }
  if (j.pos >= len)
    return; /* nothing but empty lines (perhaps a CR whose LF is coming) so far */
  lf = line_feed(&j, j.pos);
  if (!request_line(&j, lf))
    return;
  for (j.pos = lf + 1; out->verdict == EDX_HEAD_MORE; j.pos = lf + 1) {
    lf = line_feed(&j, j.pos);
    if (lf == len) {
      if (len > limits->head_max)
        refuse(&j, 431, "headers", "too_long", "the request head is larger than %zu bytes",
               limits->head_max);
      return;
    }
    if (content_len(&j, j.pos, lf) == 0) {
      head_end(&j, lf);
      return;
    }
    if (!header_line(&j, lf, ++number))
      return;
  }
}
