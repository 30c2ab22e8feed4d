/* entities.c — how the feed's entities are read (see entities.h). */
#include <string.h>
#include "db/entities.h"

#define IN_SCOPE(column)                                                                        \
  " WHERE ($1::uuid IS NULL OR " column " = $1::uuid) AND ($2::text IS NULL OR " column          \
  " IN (SELECT pd.id FROM districts pd WHERE pd.province_code = $2))"

const edx_feed_entity edx_feed_entities[] = {
  {"district",
   "(SELECT edx_district_json(d) FROM districts d WHERE d.id = c.entity_id::uuid)",
   "SELECT edx_district_json(d) FROM districts d" IN_SCOPE("d.id") " ORDER BY d.id", 1},
  {"school",
   "(SELECT edx_school_json(s) FROM schools s WHERE s.id = c.entity_id::uuid)",
   "SELECT edx_school_json(s) FROM schools s" IN_SCOPE("s.district_id") " ORDER BY s.id", 1},
  {"plan",
   "(SELECT edx_plan_json(p) FROM plans p WHERE p.id = c.entity_id::uuid)",
   "SELECT edx_plan_json(p) FROM plans p" IN_SCOPE("p.district_id") " ORDER BY p.id", 1},
  {"report_value",
   "(SELECT edx_report_item_json(v) FROM report_values v WHERE v.id = c.entity_id::bigint)",
   "SELECT edx_report_item_json(v) FROM report_values v" IN_SCOPE("v.district_id")
   " ORDER BY v.id", 1},
  {"assessment",
   "(SELECT edx_assessment_json(a) FROM assessments a WHERE a.id = c.entity_id::uuid)",
   "SELECT edx_assessment_json(a) FROM assessments a" IN_SCOPE("a.district_id")
   " ORDER BY a.id", 1},
  {"framework",
   "(SELECT edx_framework_json(f) FROM frameworks f WHERE f.code = c.entity_id"
   " ORDER BY f.version DESC LIMIT 1)",
   "SELECT edx_framework_json(f) FROM frameworks f"
   " WHERE f.version = (SELECT max(l.version) FROM frameworks l WHERE l.code = f.code)"
   " ORDER BY f.code", 0},
  {"indicator",
   "(SELECT edx_indicator_json(i) FROM indicators i WHERE i.code = c.entity_id)",
   "SELECT edx_indicator_json(i) FROM indicators i ORDER BY i.code", 0},
  {"procedure",
   "(SELECT edx_procedure_json(p) FROM procedures p WHERE p.id = c.entity_id::uuid)",
   "SELECT edx_procedure_json(p) FROM procedures p" IN_SCOPE("p.district_id") " ORDER BY p.id", 1},
  {"dossier",
   "(SELECT edx_dossier_json(d) FROM dossiers d WHERE d.id = c.entity_id::uuid)",
   "SELECT edx_dossier_json(d) FROM dossiers d" IN_SCOPE("d.district_id") " ORDER BY d.id", 1},
  {NULL, NULL, NULL, 0},
};

const edx_feed_entity *edx_feed_entity_named(const char *name)
{
  for (const edx_feed_entity *e = edx_feed_entities; name && e->name; e++)
    if (strcmp(e->name, name) == 0)
      return e;
  return NULL;
}
