/* cmd_token.c — `edudx token create`: bootstrapping from the command line. It prints the new
 * token on stdout and nothing else; a district or school may be named by id or code, a reader's
 * province by its code. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "db/districts.h"
#include "db/org_units.h"
#include "db/schools.h"
#include "src/app/commands.h"
#include "src/app/database.h"
#include "src/app/mint.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

/* Copies the "id" (and "district_id" when district_id is not NULL) of a district or school named
 * by an id or a code. */
static int resolve(edx_conn *c, int school, const char *ref, char id[EDX_UUID_SIZE],
                   char *district_id)
{
  edx_ref_kind kind = edx_is_uuid(ref) ? EDX_REF_ID : EDX_REF_CODE;
  json_t *found = NULL;
  int rc = school ? edx_db_school_get(c, &found, kind, ref, 0)
                  : edx_db_district_get(c, &found, kind, ref, 0);
  if (rc == EDX_OK) {
    snprintf(id, EDX_UUID_SIZE, "%s", edx_json_str(found, "id"));
    if (district_id)
      snprintf(district_id, EDX_UUID_SIZE, "%s", edx_json_str(found, "district_id"));
  }
  json_decref(found);
  return rc;
}

typedef struct {
  const char *role, *district, *school, *label, *province;
} token_args;

/* The province code names a province (an org unit of that level). */
static int check_province(edx_conn *c, const char *code)
{
  json_t *unit = NULL;
  int rc = edx_db_org_unit_get(c, &unit, code, 0);
  if (rc == EDX_OK && strcmp(edx_json_str(unit, "level"), "province") != 0) {
    edx_error_set("'%s' is a %s, not a province", code, edx_json_str(unit, "level"));
    rc = EDX_EINVALID;
  }
  json_decref(unit);
  return rc;
}

static int parse_token_args(int argc, char **argv, token_args *a)
{
  static const struct option options[] = {
    {"role", required_argument, NULL, 'r'}, {"district", required_argument, NULL, 'd'},
    {"school", required_argument, NULL, 's'}, {"label", required_argument, NULL, 'l'},
    {"province", required_argument, NULL, 'p'}, {NULL, 0, NULL, 0}};
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
    else if (opt == 'p') a->province = optarg;
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
  char err[512], token[EDX_TOKEN_LEN], district_id[EDX_UUID_SIZE] = "";
  char school_id[EDX_UUID_SIZE] = "";
  int rc = 1;
  memset(&cfg, 0, sizeof(cfg));
  if (argc < 2 || strcmp(argv[1], "create") != 0 || parse_token_args(argc - 1, argv + 1, &a)) {
    fprintf(stderr, "usage: edudx token create --role admin|district|school|reader "
                    "[--district ID|CODE] [--school ID|CODE] [--province CODE] "
                    "[--label TEXT]\n");
    return 2;
  }
  if (edx_config_load(&cfg, 1, argv, err, sizeof(err)) != 0 ||
      edx_database_open(&db, &cfg, 1, 1, err, sizeof(err)) != 0) {
    fprintf(stderr, "edudx token create: %s\n", err);
    goto cleanup;
  }
  if (edx_pool_acquire(edx_database_pool(db), &c) != EDX_OK ||
      (a.district && resolve(c, 0, a.district, district_id, NULL) != EDX_OK) ||
      (a.school && resolve(c, 1, a.school, school_id, district_id) != EDX_OK) ||
      (a.province && check_province(c, a.province) != EDX_OK) ||
      edx_cli_mint_token(c, token, &(edx_token_new){.role = a.role,
                                                    .district_id = district_id[0] ? district_id
                                                                                 : NULL,
                                                    .school_id = school_id[0] ? school_id : NULL,
                                                    .label = a.label,
                                                    .province_code = a.province}) != EDX_OK) {
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
