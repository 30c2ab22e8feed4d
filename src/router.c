/* router.c — path pattern matching (see router.h). */
#include <string.h>
#include "src/router.h"

int edx_route_match(const char *pattern, const char *path, edx_path_params *params)
{
  const char *p = pattern, *u = path;
  params->count = 0;
  while (*p && *u) {
    if (*p != '/' || *u != '/')
      return 0;
    p++;
    u++;
    const char *pend = strchr(p, '/'), *uend = strchr(u, '/');
    size_t plen = pend ? (size_t)(pend - p) : strlen(p);
    size_t ulen = uend ? (size_t)(uend - u) : strlen(u);
    if (plen > 2 && p[0] == '{' && p[plen - 1] == '}') {
      if (ulen == 0 || ulen >= EDX_ROUTE_PARAM_LEN || params->count == EDX_ROUTE_MAX_PARAMS ||
          plen - 2 >= sizeof(params->names[0]))
        return 0;
      memcpy(params->names[params->count], p + 1, plen - 2);
      params->names[params->count][plen - 2] = '\0';
      memcpy(params->values[params->count], u, ulen);
      params->values[params->count][ulen] = '\0';
      params->count++;
    } else if (plen != ulen || strncmp(p, u, plen) != 0) {
      return 0;
    }
    p += plen;
    u += ulen;
  }
  return *p == '\0' && *u == '\0';
}

const char *edx_path_param(const edx_path_params *params, const char *name)
{
  for (int i = 0; i < params->count; i++)
    if (strcmp(params->names[i], name) == 0)
      return params->values[i];
  return NULL;
}
