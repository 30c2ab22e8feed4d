/* staged.c — rows staged in a transaction (see staged.h). */
#include "db/query.h"
#include "db/staged.h"

int edx_db_stage_begin(edx_conn *c)
{
  return edx_db_run(c, NULL, "CREATE TEMPORARY TABLE " EDX_STAGED_ROWS " (r jsonb)"
                             " ON COMMIT DROP", 0, NULL);
}

int edx_db_stage_rows(edx_conn *c, const char *rows)
{
  const char *params[] = {rows};
  return edx_db_run(c, NULL, "INSERT INTO " EDX_STAGED_ROWS " (r)"
                             " SELECT jsonb_array_elements($1::jsonb)", 1, params);
}
