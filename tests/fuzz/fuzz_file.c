/* fuzz_file.c — feeds any bytes to the evidence files' rules (file_rules.h): the first byte picks
 * a type whose magic the rest is checked against (ZIP central directories walked without reading
 * past the end), and the bytes as a Content-Disposition header. Checks: a name read is 1–255
 * bytes of UTF-8 without controls, '/' or '\'; its download Content-Disposition is written and
 * holds no CR, LF or NUL, and a '"' only around the ASCII name. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/file_rules.h"
#include "src/rules/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const char *name)
{
  fprintf(stderr, "fuzz_file: invariant broken: %s: %s\n", what, name);
  abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *header, name[512], disposition[EDX_FILE_NAME_MAX * 4 + 128];
  if (size == 0)
    return 0;
  /* the magic: a copy of exactly the bytes, so that ASan sees any read past them */
  unsigned char *bytes = malloc(size - 1 ? size - 1 : 1);
  memcpy(bytes, data + 1, size - 1);
  (void)edx_file_magic_matches((edx_file_type)(data[0] % EDX_FILE_TYPES), bytes, size - 1);
  free(bytes);
  header = malloc(size + 1);
  memcpy(header, data, size);
  header[size] = '\0';
  if (edx_file_disposition_name(header, name, sizeof(name)) == 0) {
    size_t len = strlen(name);
    if (len == 0 || len > EDX_FILE_NAME_MAX || edx_utf8_length(name) < 1 ||
        strpbrk(name, "/\\\r\n\t"))
      broken("a name that will not do was read", name);
    if (edx_file_disposition(name, disposition, sizeof(disposition)) != 0)
      broken("no Content-Disposition for a name read", name);
    if (strpbrk(disposition, "\r\n"))
      broken("a Content-Disposition with CR or LF", disposition);
    const char *open = strchr(disposition, '"'), *close = open ? strchr(open + 1, '"') : NULL;
    if (!close || strchr(close + 1, '"'))
      broken("a '\"' inside the ASCII name", disposition);
  }
  free(header);
  return 0;
}
