/* demo.h — the demo data that `edudx serve --demo` loads into an empty database: the Tuyên Hoá
 * district (Quảng Bình). Later resources add their own demo rows here. */
#ifndef EDX_DB_DEMO_H
#define EDX_DB_DEMO_H
#include "db/pool.h"

/* Loads the demo when the database holds no district; *loaded says whether it did. */
int edx_db_demo_load(edx_conn *c, int *loaded);
#endif
