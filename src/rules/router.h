/* router.h — matching a request path against route patterns such as "/v1/districts/{district}".
 * Pure string work; api/routes.c holds the table. */
#ifndef EDX_ROUTER_H
#define EDX_ROUTER_H

#include <stddef.h>

#define EDX_ROUTE_MAX_PARAMS 4
#define EDX_ROUTE_PARAM_LEN 256

typedef struct {
  int count;
  char names[EDX_ROUTE_MAX_PARAMS][32];
  char values[EDX_ROUTE_MAX_PARAMS][EDX_ROUTE_PARAM_LEN];
} edx_path_params;

/* 1 when path matches pattern segment for segment ("{name}" matches one non-empty segment,
 * whose percent-decoded value is captured into params); 0 otherwise. */
int edx_route_match(const char *pattern, const char *path, edx_path_params *params);
/* 1 when path's last segment ends in ".csv" after at least one other character (so "/v1/schools.csv"
 * but not "/v1/.csv") and path minus that suffix fits in stem (len bytes), which then holds it;
 * 0 otherwise (stem untouched). The CSV form of a route is its path with ".csv" added. */
int edx_route_csv_stem(const char *path, char *stem, size_t len);
/* The captured value of a parameter, or NULL. */
const char *edx_path_param(const edx_path_params *params, const char *name);
#endif
