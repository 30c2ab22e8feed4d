/* logs.c — console logging through yder (see logs.h). */
#include <string.h>
#include <yder.h>
#include "src/app/logs.h"

void edx_logs_init(const char *level)
{
  unsigned long y_level = Y_LOG_LEVEL_INFO;
  if (strcmp(level, "error") == 0)
    y_level = Y_LOG_LEVEL_ERROR;
  else if (strcmp(level, "warning") == 0)
    y_level = Y_LOG_LEVEL_WARNING;
  else if (strcmp(level, "debug") == 0)
    y_level = Y_LOG_LEVEL_DEBUG;
  y_init_logs("edudx", Y_LOG_MODE_CONSOLE, y_level, NULL, "edudx starting");
}

void edx_logs_close(void)
{
  y_close_logs();
}
