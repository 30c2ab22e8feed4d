/* cmd_token.c — `edudx migrate` and `edudx token create`: bootstrapping from the command line.
 * token create prints the new token on stdout and nothing else. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "db/districts.h"
#include "db/query.h"
#include "db/tokens.h"
#include "src/commands.h"
#include "src/database.h"
#include "src/errors.h"
#include "src/validate.h"

int edx_cli_mint_token(edx_conn *c, char out[EDX_CLI_TOKEN_LEN], const char *role,
                       const char *district_id, const char *school_id, const char *label)
{
  char hash[EDX_SHA256_HEX];
  edx_token_new t = {role, district_id, school_id, label, NULL};
  json_t *token = NULL;
  int rc;
  if (edx_secret_new_token(out) != 0) {
    edx_error_set("could not generate a token");
    return EDX_EINTERNAL;
  }
  edx_sha256_hex(hash, out, strlen(out));
  rc = edx_db_begin(c);
  if (rc == EDX_OK)
    rc = edx_db_token_create(c, &token, NULL, hash, &t);
  if (rc == EDX_OK)
    rc = edx_db_commit(c);
  else
    edx_db_rollback(c);
  json_decref(token);
  return rc;
}

/* Resolves an id or a code of a district to its id (37 bytes). */
static int resolve_district(edx_conn *c, const char *ref, char *id)
{
  json_t *district = NULL;
  int rc = edx_db_district_get(c, &district, edx_is_uuid(ref) ? EDX_REF_ID : EDX_REF_CODE, ref, 0);
  if (rc == EDX_OK)
    snprintf(id, 37, "%s", json_string_value(json_object_get(district, "id")));
  json_decref(district);
  return rc;
}

/* Resolves an id or a code of a school to its id and its district's id. */
static int resolve_school(edx_conn *c, const char *ref, char *id, char *district_id)
{
  const char *params[] = {ref};
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res,
                       edx_is_uuid(ref) ? "SELECT id, district_id FROM schools WHERE id = $1::uuid"
                                        : "SELECT id, district_id FROM schools WHERE code = $1",
                       1, params);
  if (rc == EDX_OK && PQntuples(res) != 1) {
    edx_error_set("no school '%s'", ref);
    rc = EDX_ENOTFOUND;
  }
  if (rc == EDX_OK) {
    snprintf(id, 37, "%s", PQgetvalue(res, 0, 0));
    snprintf(district_id, 37, "%s", PQgetvalue(res, 0, 1));
  }
  PQclear(res);
  return rc;
}

typedef struct {
  const char *role, *district, *school, *label;
} token_args;

static int parse_token_args(int argc, char **argv, token_args *a)
{
  static const struct option options[] = {
    {"role", required_argument, NULL, 'r'}, {"district", required_argument, NULL, 'd'},
    {"school", required_argument, NULL, 's'}, {"label", required_argument, NULL, 'l'},
    {NULL, 0, NULL, 0}};
  edx_role role;
  int opt;
  memset(a, 0, sizeof(*a));
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
    if (opt == 'r') a->role = optarg;
    else if (opt == 'd') a->district = optarg;
    else if (opt == 's') a->school = optarg;
    else if (opt == 'l') a->label = optarg;
    else return -1;
  }
  return optind == argc && edx_role_parse(a->role, &role) == 0 ? 0 : -1;
}

int edx_cmd_token(int argc, char **argv)
{
  edx_config cfg;
  edx_database *db = NULL;
  edx_conn *c = NULL;
  token_args a;
  char err[512], token[EDX_CLI_TOKEN_LEN], district_id[37] = "", school_id[37] = "";
  int rc = 1;
  memset(&cfg, 0, sizeof(cfg));
  if (argc < 2 || strcmp(argv[1], "create") != 0 || parse_token_args(argc - 1, argv + 1, &a)) {
    fprintf(stderr, "usage: edudx token create --role admin|district|school|reader "
                    "[--district ID|CODE] [--school ID|CODE] [--label TEXT]\n");
    return 2;
  }
  if (edx_config_load(&cfg, 1, argv, err, sizeof(err)) != 0 ||
      edx_database_open(&db, &cfg, 1, err, sizeof(err)) != 0) {
    fprintf(stderr, "edudx token create: %s\n", err);
    goto cleanup;
  }
  if (edx_pool_acquire(edx_database_pool(db), &c) != EDX_OK ||
      (a.district && resolve_district(c, a.district, district_id) != EDX_OK) ||
      (a.school && resolve_school(c, a.school, school_id, district_id) != EDX_OK) ||
      edx_cli_mint_token(c, token, a.role, district_id[0] ? district_id : NULL,
                         school_id[0] ? school_id : NULL, a.label) != EDX_OK) {
    fprintf(stderr, "edudx token create: %s\n",
            *edx_error_last() ? edx_error_last() : "the role does not fit the scope given");
    goto cleanup;
  }
  printf("%s\n", token);
  rc = 0;
cleanup:
  edx_pool_release(db ? edx_database_pool(db) : NULL, c);
  edx_database_close(db);
  edx_config_free(&cfg);
  return rc;
}

int edx_cmd_migrate(int argc, char **argv)
{
  edx_config cfg;
  edx_database *db = NULL;
  char err[512];
  int rc = 1;
  if (edx_config_load(&cfg, argc, argv, err, sizeof(err)) != 0) {
    fprintf(stderr, "edudx migrate: %s\n", err);
    goto cleanup;
  }
  edx_logs_init(cfg.log_level);
  if (edx_database_open(&db, &cfg, 1, err, sizeof(err)) != 0) {
    fprintf(stderr, "edudx migrate: %s\n", err);
    goto cleanup;
  }
  rc = 0;
cleanup:
  edx_database_close(db);
  edx_logs_close();
  edx_config_free(&cfg);
  return rc;
}
