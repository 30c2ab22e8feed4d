/* fuzz_router.c — feeds any bytes, as a request path, to edx_route_match (router.h) against
 * route patterns of api/routes.c. Checks: a pattern without parameters matches only its own
 * text; when a pattern matches, each of its {name}s is captured (edx_path_param gives a
 * non-empty, NUL-terminated value) and nothing else is; edx_route_csv_stem takes ".csv" off
 * exactly when the path ends in it after a segment's first character, and nothing else. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const patterns[] = {
  "/healthz",
  "/v1/schools",
  "/v1/schools/import",
  "/v1/tokens/{token}",
  "/v1/districts/{district}",
  "/v1/schools/{school}",
  "/v1/schools/{school}/reports/{year}",
  "/v1/schools/{school}/reports/{year}/history",
  "/v1/districts/{district}/reports/{year}",
  "/v1/districts/{district}/assessments/overview",
  "/v1/assessments/{assessment}/answers",
  "/v1/procedures/{procedure}/metrics",
  "/v1/exports/{entity}",
  "/v1/org-units/{org_unit}",
};

static void broken(const char *pattern, const char *what)
{
  fprintf(stderr, "fuzz_router: invariant broken: %s: %s\n", pattern, what);
  abort();
}

/* Every {name} of pattern is captured, and they are all that is. */
static void check_params(const char *pattern, const edx_path_params *params)
{
  int names = 0;
  for (const char *open = strchr(pattern, '{'); open; open = strchr(open + 1, '{')) {
    char name[32];
    size_t len = strcspn(open + 1, "}");
    const char *value;
    snprintf(name, sizeof(name), "%.*s", (int)len, open + 1);
    value = edx_path_param(params, name);
    if (!value)
      broken(pattern, "a {name} of the pattern is not captured");
    if (value[0] == '\0' || strnlen(value, EDX_ROUTE_PARAM_LEN) == EDX_ROUTE_PARAM_LEN)
      broken(pattern, "a captured value is empty or not NUL-terminated");
    names++;
  }
  if (params->count != names)
    broken(pattern, "more values captured than the pattern names");
}

/* The stem of a ".csv" path is the path without its last four characters. */
static void check_csv_stem(const char *path, size_t len)
{
  char stem[64];
  int ends = len >= 5 && strcmp(path + len - 4, ".csv") == 0 && path[len - 5] != '/';
  int taken = edx_route_csv_stem(path, stem, sizeof(stem));
  if (taken != (ends && len - 4 < sizeof(stem)))
    broken(path, "a .csv suffix taken off when there is none, or not when there is one");
  if (taken && (strlen(stem) != len - 4 || strncmp(stem, path, len - 4) != 0))
    broken(path, "the stem is not the path without its .csv");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *path = malloc(size + 1);
  if (!path)
    return 0;
  memcpy(path, data, size);
  path[size] = '\0';
  check_csv_stem(path, strlen(path));
  for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
    edx_path_params params;
    int matched = edx_route_match(patterns[i], path, &params);
    if (!strchr(patterns[i], '{') && matched != (strcmp(patterns[i], path) == 0))
      broken(patterns[i], "a pattern without parameters matched other text, or not its own");
    if (matched)
      check_params(patterns[i], &params);
  }
  free(path);
  return 0;
}
