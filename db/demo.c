/* demo.c — demo data (see demo.h), from db/demo-tuyenhoa.json compiled into the binary: the
 * Tuyên Hoá district (GSO code 453, Quảng Bình) with its real schools from
 * ../shared/domain/tuyenhoa-schools.json and clearly marked sample schools ("(trường mẫu)",
 * codes MAU-…) so that every level and commune has some. */
#include <string.h>
#include "db/audit.h"
#include "db/demo.h"
#include "db/query.h"
#include "db/schools.h"
#include "src/embedded.h"
#include "src/errors.h"

/* Inserts the demo district unless any district exists; *out is it (EDX_ENOTFOUND: skipped). */
static int load_district(edx_conn *c, const json_t *data, json_t **out)
{
  const json_t *d = json_object_get(data, "district");
  const char *params[] = {json_string_value(json_object_get(d, "code")),
                          json_string_value(json_object_get(d, "name")),
                          json_string_value(json_object_get(d, "province")),
                          json_string_value(json_object_get(d, "office_name"))};
  int rc = edx_db_json(c, out,
                       "INSERT INTO districts AS d (code, name, province, office_name)"
                       " SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM districts)"
                       " RETURNING edx_district_json(d)",
                       4, params);
  if (rc == EDX_OK) {
    const char *id = json_string_value(json_object_get(*out, "id"));
    rc = edx_db_audit_write(c, NULL, "create", "district", id, id, NULL, *out);
  }
  return rc;
}

static int load_schools(edx_conn *c, const json_t *data, const char *district_id)
{
  json_t *rows = json_deep_copy(json_object_get(data, "schools")), *row;
  long created = 0, updated = 0;
  size_t i;
  int rc;
  json_array_foreach(rows, i, row) {
    json_object_del(row, "sample");
    json_object_del(row, "source");
    json_object_set_new(row, "district_id", json_string(district_id));
  }
  rc = edx_db_schools_upsert(c, NULL, rows, &created, &updated);
  json_decref(rows);
  return rc;
}

int edx_db_demo_load(edx_conn *c, int *loaded)
{
  json_t *data = json_loadb(edx_demo_data[0].text, edx_demo_data[0].length, 0, NULL);
  json_t *district = NULL;
  int rc;
  *loaded = 0;
  if (!data) {
    edx_error_set("the demo data compiled into this binary is not valid JSON");
    return EDX_EINTERNAL;
  }
  rc = edx_db_begin(c);
  if (rc == EDX_OK)
    rc = load_district(c, data, &district);
  if (rc == EDX_ENOTFOUND) {
    rc = EDX_OK; /* the database already holds data */
    goto cleanup;
  }
  if (rc == EDX_OK)
    rc = load_schools(c, data, json_string_value(json_object_get(district, "id")));
  if (rc == EDX_OK)
    *loaded = 1;
cleanup:
  if (rc == EDX_OK)
    rc = edx_db_commit(c);
  else
    edx_db_rollback(c);
  json_decref(district);
  json_decref(data);
  return rc;
}
