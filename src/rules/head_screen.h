/* head_screen.h — a request head judged from its bytes (a connection's first before
 * libmicrohttpd reads it, api/admission.c; a later one as libmicrohttpd read it,
 * api/exchange.c): what libmicrohttpd 0.9.75 would refuse with an HTML page of its own (a
 * request line or a head too long for its 64 KiB of memory: 414, 431; a first line that is not
 * an HTTP/1 request line: 400 or 505; a header line without a colon, a Content-Length that is not a
 * number: 400, or too large a number: 413) and what RFC 9112 says a server must refuse and
 * libmicrohttpd lets through (an HTTP/1.1 request without exactly one Host, a field name with
 * white space before its colon, a folded header line, two Content-Lengths that disagree, a
 * Transfer-Encoding other than chunked, or both it and a Content-Length: 400),
 * so that edudx answers each with a problem document instead. The limits keep every head that
 * passes within what libmicrohttpd holds. */
#ifndef EDX_HEAD_SCREEN_H
#define EDX_HEAD_SCREEN_H
#include <stddef.h>

typedef struct {
  size_t line_max;   /* bytes of the request line (without its line end): 414 past them */
  size_t head_max;   /* bytes of the whole head, its empty last line included: 431 past them */
  size_t fields_max; /* header fields: 431 past them */
} edx_head_limits;

typedef enum {
  EDX_HEAD_MORE,   /* nothing wrong so far; the head is not all in */
  EDX_HEAD_PASS,   /* the head is all in and passes */
  EDX_HEAD_REFUSE, /* refused: status, field, code and detail say why */
} edx_head_verdict;

typedef struct {
  edx_head_verdict verdict;
  int line_done;      /* the request line is all in (its head's deadline runs from then) */
  size_t head_len;    /* PASS: the head's bytes, its empty last line included */
  int status;         /* REFUSE: 400, 413, 414, 431 or 505 */
  const char *field;  /* REFUSE: what is wrong: "request-line", "headers", "Host", ... */
  const char *code;   /* REFUSE: the error code of openapi.yaml's ValidationError */
  char detail[200];   /* REFUSE: for people, naming the limit or the line; ASCII, no quotes */
} edx_head_screen;

/* Judges the first len bytes a connection sent (the head, and perhaps more). A head not all in
 * yet is refused as soon as what is in is wrong or over a limit, so a caller that has
 * head_max + 1 bytes in hand always gets PASS or REFUSE. */
void edx_head_judge(const char *buf, size_t len, const edx_head_limits *limits,
                    edx_head_screen *out);
#endif
