/* fuzz_json_body.c — feeds any bytes, as a request body, to edx_json_parse_object (jsonx.h).
 * Checks what its contract promises: a refusal comes with a non-empty, NUL-terminated reason; an
 * accepted body is a JSON object that serialises again, and held no NUL byte (those are
 * refused). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/jsonx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
  fprintf(stderr, "fuzz_json_body: invariant broken: %s\n", what);
  abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char why[256];
  json_t *obj;
  char *text;
  memset(why, 'x', sizeof(why)); /* so that a reason left unterminated shows */
  obj = edx_json_parse_object((const char *)data, size, why, sizeof(why));
  if (!obj) {
    if (!memchr(why, '\0', sizeof(why)) || why[0] == '\0')
      broken("refused without a NUL-terminated, non-empty reason");
    return 0;
  }
  if (!json_is_object(obj))
    broken("accepted a body that is not an object");
  if (memchr(data, '\0', size))
    broken("accepted a body holding a NUL byte");
  text = json_dumps(obj, EDX_JSON_OUT);
  if (!text || text[0] != '{')
    broken("an accepted object does not serialise");
  free(text);
  json_decref(obj);
  return 0;
}
