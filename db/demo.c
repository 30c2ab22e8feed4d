/* demo.c — demo data (see demo.h). Figures come from ../shared/domain/tuyenhoa-schools.json:
 * GSO district code 453, "Huyện Tuyên Hóa", "Tỉnh Quảng Bình". */
#include "db/audit.h"
#include "db/demo.h"
#include "db/query.h"
#include "src/errors.h"

int edx_db_demo_load(edx_conn *c, int *loaded)
{
  json_t *district = NULL;
  int rc;
  *loaded = 0;
  rc = edx_db_begin(c);
  if (rc == EDX_OK)
    rc = edx_db_json(c, &district,
                     "INSERT INTO districts AS d (code, name, province, office_name)"
                     " SELECT '453', 'Huyện Tuyên Hóa', 'Tỉnh Quảng Bình',"
                     "        'Phòng Giáo dục và Đào tạo huyện Tuyên Hóa'"
                     " WHERE NOT EXISTS (SELECT 1 FROM districts) RETURNING edx_district_json(d)",
                     0, NULL);
  if (rc == EDX_ENOTFOUND) {
    rc = EDX_OK;
    goto cleanup;
  }
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, NULL, "create", "district", json_string_value(json_object_get(
                              district, "id")), json_string_value(json_object_get(district, "id")),
                            NULL, district);
  if (rc == EDX_OK)
    *loaded = 1;
cleanup:
  if (rc == EDX_OK)
    rc = edx_db_commit(c);
  else
    edx_db_rollback(c);
  json_decref(district);
  return rc;
}
