/* main.c — the edudx binary: picks the subcommand (serve, migrate, token create). */
#include <stdio.h>
#include <string.h>
#include "src/app/commands.h"

static int usage(FILE *out, int rc)
{
  fprintf(out, "usage: edudx serve [--demo] [options]   run the HTTP service (--help for options)\n"
               "       edudx migrate                    apply pending database migrations\n"
               "       edudx token create --role ROLE [--district ID|CODE] [--school ID|CODE]"
               " [--label TEXT]\n"
               "without DATABASE_URL, edudx runs its own PostgreSQL in EDUDX_DATA_DIR"
               " (./var/edudx)\n");
  return rc;
}

int main(int argc, char **argv)
{
  int rc;
  if (argc < 2)
    return usage(stderr, 2);
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0)
    return usage(stdout, 0);
  if (strcmp(argv[1], "serve") == 0)
    rc = edx_cmd_serve(argc - 1, argv + 1);
  else if (strcmp(argv[1], "migrate") == 0)
    rc = edx_cmd_migrate(argc - 1, argv + 1);
  else if (strcmp(argv[1], "token") == 0)
    rc = edx_cmd_token(argc - 1, argv + 1);
  else
    rc = usage(stderr, 2);
  return rc;
}
