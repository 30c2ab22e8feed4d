/* labels.h — what a UI shows for every enum value of the API, in English and in Vietnamese:
 * school levels, assessment statuses (under assessment_status, and under assessment_state, its
 * deprecated name), dossier statuses, channels and satisfaction, procedures' online modes,
 * indicators' sources, aggregations, value types, period kinds and units, token roles, progress
 * statuses, org unit levels, tasks' leads, due kinds and periods, and assignments' statuses
 * (GET /v1/labels); and the Vietnamese headers of list CSVs (?lang=vi). */
#ifndef EDX_LABELS_H
#define EDX_LABELS_H
#include <jansson.h>
#include "src/rules/i18n.h"

typedef struct {
  const char *value; /* NULL ends an enum's values */
  const char *en;
  const char *vi;
} edx_label;

typedef struct {
  const char *name;             /* the enum's name in the answer; NULL ends the table */
  const edx_label *values;
} edx_label_enum;

extern const edx_label_enum edx_label_enums[];

/* {"<enum name>": {"<value>": "<label>"}} in lang (new reference). */
json_t *edx_labels(edx_lang lang);
/* The label of value of enum name in lang, or NULL when there is none. */
const char *edx_label_of(const char *name, const char *value, edx_lang lang);
/* The header of a CSV column in lang: its Vietnamese name, or the column's (field's) own name in
 * English and for a column without one. */
const char *edx_column_label(const char *column, edx_lang lang);
/* The headers of columns (NULL-terminated) in lang, a NULL-terminated malloc'ed array (free it;
 * its strings are borrowed), or NULL when out of memory. */
const char **edx_csv_headers(const char *const *columns, edx_lang lang);
#endif
