/* router.c — path pattern matching (see router.h). */
#include <ctype.h>
#include <string.h>
#include "src/rules/router.h"

static int hex_value(char c)
{
  return isdigit((unsigned char)c) ? c - '0' : (tolower((unsigned char)c) - 'a' + 10);
}

/* Percent-decodes src[0..len) into dst (NUL-terminated). -1 on a malformed escape, an encoded
 * NUL or an encoded '/'. */
static int decode_segment(char *dst, const char *src, size_t len)
{
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    if (src[i] != '%') {
      dst[o++] = src[i];
      continue;
    }
    if (i + 2 >= len || !isxdigit((unsigned char)src[i + 1]) ||
        !isxdigit((unsigned char)src[i + 2]))
      return -1;
    dst[o] = (char)(hex_value(src[i + 1]) * 16 + hex_value(src[i + 2]));
    if (dst[o] == '\0' || dst[o] == '/')
      return -1;
    o++;
    i += 2;
  }
  dst[o] = '\0';
  return 0;
}

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
      if (decode_segment(params->values[params->count], u, ulen) != 0)
        return 0;
      params->count++;
    } else if (plen != ulen || strncmp(p, u, plen) != 0) {
      return 0;
    }
    p += plen;
    u += ulen;
  }
  return *p == '\0' && *u == '\0';
}

int edx_route_csv_stem(const char *path, char *stem, size_t len)
{
  size_t n = strlen(path);
  if (n < 5 || strcmp(path + n - 4, ".csv") != 0 || path[n - 5] == '/' || n - 4 >= len)
    return 0;
  memcpy(stem, path, n - 4);
  stem[n - 4] = '\0';
  return 1;
}

const char *edx_path_param(const edx_path_params *params, const char *name)
{
  for (int i = 0; i < params->count; i++)
    if (strcmp(params->names[i], name) == 0)
      return params->values[i];
  return NULL;
}
