/* logs.h — the process's log set-up through yder: console logging at a configured level,
 * started by each subcommand once its configuration is read and stopped when it ends. */
#ifndef EDX_APP_LOGS_H
#define EDX_APP_LOGS_H

/* Starts console logging at a level name (error, warning, info, debug; anything else is info). */
void edx_logs_init(const char *level);
void edx_logs_close(void);
#endif
