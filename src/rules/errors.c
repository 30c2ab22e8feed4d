/* errors.c — the thread-local message behind edx_code results. */
#include <stdarg.h>
#include <stdio.h>
#include "src/rules/errors.h"

static __thread char last_message[512];

void edx_error_set(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(last_message, sizeof(last_message), fmt, ap);
  va_end(ap);
}

const char *edx_error_last(void)
{
  return last_message;
}

void edx_error_clear(void)
{
  last_message[0] = '\0';
}
