/* staged.h — rows staged in a transaction for one set-based write too large for one statement
 * parameter: an import sends its rows in batches into a temporary table, dropped when the
 * transaction ends, and upserts them from there in one statement (so the statement-level
 * triggers — the progress recounts — run once, not once per batch). */
#ifndef EDX_DB_STAGED_H
#define EDX_DB_STAGED_H
#include "db/pool.h"

/* The table's name, for the statements that read it (its one column is r jsonb). */
#define EDX_STAGED_ROWS "edx_staged_rows"

/* Inside a transaction: creates the (empty) table of staged rows. */
int edx_db_stage_begin(edx_conn *c);
/* Inside the same transaction: adds rows, a JSON array text. */
int edx_db_stage_rows(edx_conn *c, const char *rows);
#endif
