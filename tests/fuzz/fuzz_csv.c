/* fuzz_csv.c — feeds any bytes, as an uploaded CSV file, to edx_csv_parse (csv_read.h).
 * Checks: a refusal comes with a non-empty, NUL-terminated reason; an accepted file is an array
 * of objects, each with at most EDX_CSV_MAX_COLUMNS members, every value a non-empty string
 * (empty cells are left out). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/csv_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
  fprintf(stderr, "fuzz_csv: invariant broken: %s\n", what);
  abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char why[256];
  json_t *rows, *row, *value;
  size_t i;
  const char *key;
  memset(why, 'x', sizeof(why)); /* so that a reason left unterminated shows */
  rows = edx_csv_parse((const char *)data, size, why, sizeof(why));
  if (!rows) {
    if (!memchr(why, '\0', sizeof(why)) || why[0] == '\0')
      broken("refused without a NUL-terminated, non-empty reason");
    return 0;
  }
  if (!json_is_array(rows))
    broken("the records are not an array");
  json_array_foreach(rows, i, row) {
    if (!json_is_object(row))
      broken("a record is not an object");
    if (json_object_size(row) > EDX_CSV_MAX_COLUMNS)
      broken("a record has more than EDX_CSV_MAX_COLUMNS members");
    json_object_foreach(row, key, value)
      if (!json_is_string(value) || json_string_length(value) == 0)
        broken("a cell is not a non-empty string");
  }
  json_decref(rows);
  return 0;
}
