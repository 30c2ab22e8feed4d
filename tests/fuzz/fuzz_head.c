/* fuzz_head.c — feeds edx_head_judge (a connection's first request head, head_screen.h) the
 * input as the bytes a client sent, under small limits (so they are reached) and the server's.
 * Checks: a refusal has a status of 400, 413, 414, 431 or 505, a field, a code and a detail of
 * printable ASCII without quotes; a head that passes ends with a line feed within the bytes and
 * the limit; head_max + 1 bytes always get a verdict; and judging sooner never contradicts
 * judging later — what a prefix refuses stays refused, what it passes passes alike. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/head_screen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
  fprintf(stderr, "fuzz_head: invariant broken: %s\n", what);
  abort();
}

static void check_one(const char *buf, size_t len, const edx_head_limits *lim,
                      edx_head_screen *s)
{
  edx_head_judge(buf, len, lim, s);
  if (s->verdict == EDX_HEAD_REFUSE) {
    if (s->status != 400 && s->status != 413 && s->status != 414 && s->status != 431 &&
        s->status != 505)
      broken("a refusal's status");
    if (!s->field || !s->code || !s->detail[0])
      broken("a refusal without field, code or detail");
    for (const char *c = s->detail; *c; c++)
      if (*c < 0x20 || *c > 0x7e || *c == '"' || *c == '\\')
        broken("a detail that is not plain ASCII");
  } else if (s->verdict == EDX_HEAD_PASS) {
    if (s->head_len == 0 || s->head_len > len || s->head_len > lim->head_max ||
        buf[s->head_len - 1] != '\n' || !s->line_done)
      broken("a head that passes");
  } else if (len > lim->head_max) {
    broken("head_max + 1 bytes without a verdict");
  }
}

static void check(const char *buf, size_t size, const edx_head_limits *lim)
{
  edx_head_screen whole, part;
  check_one(buf, size, lim, &whole);
  for (size_t cut = 0; cut < size; cut += size / 16 + 1) {
    check_one(buf, cut, lim, &part);
    if (part.verdict == EDX_HEAD_REFUSE && whole.verdict != EDX_HEAD_REFUSE)
      broken("a prefix refused, the whole not");
    if (part.verdict == EDX_HEAD_PASS &&
        (whole.verdict != EDX_HEAD_PASS || whole.head_len != part.head_len))
      broken("a prefix passed, the whole otherwise");
    if (part.line_done && !whole.line_done && whole.verdict != EDX_HEAD_REFUSE)
      broken("a request line in sooner, not later");
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const edx_head_limits small = {.line_max = 64, .head_max = 256, .fields_max = 8};
  static const edx_head_limits server = {.line_max = 16384, .head_max = 32768,
                                         .fields_max = 100};
  check((const char *)data, size, &small);
  check((const char *)data, size, &server);
  return 0;
}
