/* log_redact.c — request targets with their query values taken out (see log_redact.h). */
#include <stdio.h>
#include <string.h>
#include "src/rules/log_redact.h"

void edx_redact_target(char *out, size_t len, const char *target)
{
  const char *p = strchr(target, '?');
  size_t used;
  if (len == 0)
    return;
  used = (size_t)snprintf(out, len, "%.*s", (int)(p ? (size_t)(p - target) : strlen(target)),
                          target);
  while (p && *p && used < len) {
    size_t pair = strcspn(p + 1, "&"), name = strcspn(p + 1, "=&");
    used += (size_t)snprintf(out + used, len - used, "%c%.*s%s", *p, (int)name, p + 1,
                             name < pair ? "=…" : "");
    p += 1 + pair;
  }
}
