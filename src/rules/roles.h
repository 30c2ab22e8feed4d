/* roles.h — who a caller is (from their token) and the pure rules of what each role may do.
 * Roles: admin (everything), district (one district), school (one school), reader (one district
 * or all). api/ asks these functions; none of them touches the database. */
#ifndef EDX_ROLES_H
#define EDX_ROLES_H
#include <jansson.h>

typedef enum { EDX_ROLE_ADMIN, EDX_ROLE_DISTRICT, EDX_ROLE_SCHOOL, EDX_ROLE_READER } edx_role;

typedef struct {
  char token_id[37];     /* "" for the command line */
  edx_role role;
  char district_id[37];  /* "" when unscoped */
  char school_id[37];    /* "" unless role is school */
  char label[804];       /* "" when none */
  char expires_at[40];   /* "" when it never expires */
} edx_caller;

/* "admin" etc.; NULL for an unknown value. */
const char *edx_role_name(edx_role role);
/* 0 and *out set when name is a role, -1 otherwise. */
int edx_role_parse(const char *name, edx_role *out);

/* The caller may read everything of every district (admin, or a reader without a district). */
int edx_caller_unscoped(const edx_caller *c);
/* The caller may read data of this district. */
int edx_caller_sees_district(const edx_caller *c, const char *district_id);
/* The caller may read data of this school (of district_id): within its district scope, and a
 * school token only its own school. */
int edx_caller_sees_school(const edx_caller *c, const char *district_id, const char *school_id);
/* The caller may create, patch or delete districts in general (admin). */
int edx_may_manage_districts(const edx_caller *c);
/* The caller may patch this district; changing its code is for admins only. */
int edx_may_patch_district(const edx_caller *c, const char *district_id, int changes_code);
/* The caller may mint a token of this role for this district (district_id "" when none). */
int edx_may_mint_token(const edx_caller *c, edx_role role, const char *district_id);
/* The caller may create, change or delete schools of this district (admin: any; district
 * token: its own). A school token's contact-field edits are checked by edx_school_fields_denied. */
int edx_may_manage_schools(const edx_caller *c, const char *district_id);
/* For a school token patching its own school: appends {"field", "message"} for every field of
 * the patch other than the contact fields (phone, email, website, address, principal) and
 * returns how many. Pass the patch's field names, NULL-terminated. */
int edx_school_fields_denied(const char *const *fields, json_t *errors);
/* The caller may list tokens and read the audit log (admin: all; district: its own). */
int edx_may_administer(const edx_caller *c);
#endif
