/* gzip_levels.c — how long src/runtime/gzip.c takes to compress a file at each zlib level, and
 * how large the result is: for choosing EDX_GZIP_LEVEL (tests/bench/gzip.sh runs it on the
 * country-size progress answers and a large list). Each level is timed `rounds` times (one
 * thread, CPU time of the process); prints the median and the spread. Not a test.
 * Usage: gzip_levels FILE [ROUNDS]   (ROUNDS default 7) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "src/runtime/gzip.h"

static double cpu_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static char *read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *data = NULL;
  long size;
  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (data = malloc((size_t)size + 1)) != NULL &&
      fread(data, 1, (size_t)size, f) != (size_t)size) {
    free(data);
    data = NULL;
  }
  *len = data ? (size_t)size : 0;
  fclose(f);
  return data;
}

int main(int argc, char **argv)
{
  size_t len = 0;
  int rounds = argc > 2 ? atoi(argv[2]) : 7;
  char *data = argc > 1 ? read_file(argv[1], &len) : NULL;
  double *ms;
  if (!data || rounds < 1) {
    fprintf(stderr, "usage: gzip_levels FILE [ROUNDS]\n");
    return 2;
  }
  ms = calloc((size_t)rounds, sizeof(double));
  printf("%-5s %12s %7s %10s %19s %9s\n", "level", "bytes", "ratio", "median ms", "spread ms",
         "MB/s");
  for (int level = 1; level <= 9; level++) {
    size_t out_len = 0;
    for (int i = 0; i < rounds; i++) {
      char *out = NULL;
      double start = cpu_ms();
      if (edx_gzip(data, len, level, &out, &out_len) != 0) {
        fprintf(stderr, "gzip_levels: level %d failed\n", level);
        return 1;
      }
      ms[i] = cpu_ms() - start;
      free(out);
    }
    qsort(ms, (size_t)rounds, sizeof(double), by_value);
    printf("%-5d %12zu %6.1f%% %10.1f %8.1f – %8.1f %9.0f\n", level, out_len,
           100.0 * (double)out_len / (double)len, ms[rounds / 2], ms[0], ms[rounds - 1],
           (double)len / 1e6 / (ms[rounds / 2] / 1e3));
  }
  free(ms);
  free(data);
  return 0;
}
