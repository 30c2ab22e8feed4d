/* embedded.h — files compiled into the binary (migrations, the representations, the demo data,
 * openapi.yaml) by src/runtime/embed_files.py, and the API reference by api_docs.py. */
#ifndef EDX_EMBEDDED_H
#define EDX_EMBEDDED_H
#include <stddef.h>

typedef struct {
  const char *name;  /* base name, e.g. "0001_foundation.sql"; NULL ends the array */
  const char *text;  /* contents, NUL-terminated */
  size_t length;     /* contents' length in bytes */
} edx_embedded_file;

extern const edx_embedded_file edx_migrations[]; /* sorted by name */
extern const edx_embedded_file edx_openapi[];    /* one entry: openapi.yaml */
extern const edx_embedded_file edx_demo_data[];  /* one entry: db/demo-tuyenhoa.json */
extern const edx_embedded_file edx_demo_tasks[]; /* one entry: db/demo-tasks-2024.json */
extern const edx_embedded_file edx_representations[]; /* one entry: db/representations.sql */
/* The API reference (src/runtime/api_docs.py): "api.html" and "redoc.standalone.js", or no
 * entries when the build had no Redocly to make them. */
extern const edx_embedded_file edx_api_docs[];
#endif
