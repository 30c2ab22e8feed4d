/* exchange_metadata.h — what the receivers' metadata is built from (GET /v1/exchange/metadata):
 * every indicator and the org units a scope sees, read in one statement. */
#ifndef EDX_DB_EXCHANGE_METADATA_H
#define EDX_DB_EXCHANGE_METADATA_H
#include <jansson.h>
#include "db/pool.h"

/* The scope of the org units: each NULL when not limited by it. */
typedef struct {
  const char *district_id;   /* a district's units only (with its province) */
  const char *province_code; /* a province's districts only (with the province) */
  const char *school_id;     /* that school only, of the districts above */
} edx_exchange_scope;

/* *out = {"indicators": [representation, … by code], "org_units": [{code, name, level
 * (province, district, school), parent_code, school_level, active}, …]}: the provinces (all of
 * them when the scope is not limited, else those of the districts seen and the scope's own),
 * the districts seen, their schools (all, inactive ones too), each group by code, parents first. */
int edx_db_exchange_metadata(edx_conn *c, json_t **out, const edx_exchange_scope *scope);
#endif
