/* roles.h — who a caller is (from their token) and the pure rules of what each role may do.
 * Roles: admin (everything), district (one district), school (one school), reader (one district,
 * one province, or all). api/ asks these functions; none of them touches the database. */
#ifndef EDX_ROLES_H
#define EDX_ROLES_H
#include <jansson.h>
#include "src/rules/fields.h"
#include "src/rules/validate.h"

typedef enum { EDX_ROLE_ADMIN, EDX_ROLE_DISTRICT, EDX_ROLE_SCHOOL, EDX_ROLE_READER } edx_role;

#define EDX_CODE_SIZE 33            /* a code (EDX_CODE_RULE) and its NUL */
#define EDX_PROVINCE_DISTRICTS_MAX 64 /* districts a province-scoped reader can see */

typedef struct {
  char token_id[EDX_UUID_SIZE];     /* "" for the command line */
  edx_role role;
  char district_id[EDX_UUID_SIZE];  /* "" when unscoped */
  char school_id[EDX_UUID_SIZE];    /* "" unless role is school */
  char province_code[EDX_CODE_SIZE]; /* a reader scoped to a province: its code; else "" */
  int province_districts;           /* the province's districts, when province_code is set */
  char province_district[EDX_PROVINCE_DISTRICTS_MAX][EDX_UUID_SIZE];
  char label[804];       /* "" when none */
  char expires_at[40];   /* "" when it never expires */
} edx_caller;

/* Every role's name, NULL-terminated. */
extern const char *const edx_role_names[];
/* What a token's create body may hold (role, district_id, school_id, label, expires_at). */
extern const edx_field edx_token_fields[];

/* "admin" etc.; NULL for an unknown value. */
const char *edx_role_name(edx_role role);
/* 0 and *out set when name is a role, -1 otherwise. */
int edx_role_parse(const char *name, edx_role *out);

/* ---- Reading ---- */

/* The caller may read everything of every district (admin, or a reader without a district or a
 * province). */
int edx_caller_unscoped(const edx_caller *c);
/* The caller may read data of this district (a province's reader: of its province's). */
int edx_caller_sees_district(const edx_caller *c, const char *district_id);
/* The caller may read data of this school (of district_id): within its district scope, and a
 * school token only its own school. */
int edx_caller_sees_school(const edx_caller *c, const char *district_id, const char *school_id);
/* The district a list is limited to for this caller: its district, else NULL (unscoped, or a
 * province's reader: see edx_caller_province_scope). */
const char *edx_caller_district_scope(const edx_caller *c);
/* The province a list is limited to: a province reader's province code, else NULL. */
const char *edx_caller_province_scope(const edx_caller *c);
/* The school a list is limited to: a school token's own school, else NULL. */
const char *edx_caller_school_scope(const edx_caller *c);
/* The caller sees the district office's own business (procedures, dossiers, the assessment
 * overview): every token but a school's. */
int edx_caller_sees_office(const edx_caller *c);
/* The district whose office the caller is (a district token's own district), else NULL: the
 * default district of bodies and imports that leave it out, and the limit of the tokens and
 * audit rows a district token administers. */
const char *edx_caller_office_district(const edx_caller *c);
/* The caller may see (and revoke) the token token_id of token_district (NULL when unscoped):
 * its own, any for an admin, its district's for a district token. */
int edx_may_see_token(const edx_caller *c, const char *token_id, const char *token_district);
/* The caller may revoke the token: itself; admin any; a district token what it may mint, the
 * school and reader tokens of its district (not another district token: an admin does that). */
int edx_may_revoke_token(const edx_caller *c, const char *token_id, const char *token_role,
                         const char *token_district);

/* Checks that a token's scope fits its role: an admin has neither district_id nor school_id, a
 * district token needs district_id, a school token school_id (and only it may have one), and only
 * a reader may have a province_code, instead of a district_id. Appends a problem per misfit to
 * errors; returns how many. */
int edx_token_scope_problems(edx_role role, const char *district_id, const char *school_id,
                             const char *province_code, json_t *errors);

/* ---- Writing ---- */

/* The caller only reads (readers). */
int edx_caller_read_only(const edx_caller *c);
/* The caller may create, patch or delete districts in general (admin). */
int edx_may_manage_districts(const edx_caller *c);
/* The caller may patch this district; admin_fields: the patch changes its code or its
 * province, which only admins do. */
int edx_may_patch_district(const edx_caller *c, const char *district_id, int admin_fields);
/* The caller may mint a token of this role for this district (district_id "" when none), or for
 * a province (for_province: admins only). */
int edx_may_mint_token(const edx_caller *c, edx_role role, const char *district_id,
                       int for_province);
/* The caller may list tokens and read the audit log (admin: all; district: its own). */
int edx_may_administer(const edx_caller *c);
/* The caller may change the catalogues every district shares: indicators and frameworks
 * (admin). */
int edx_may_manage_catalogue(const edx_caller *c);
/* The caller manages some district's data (admin, or a district token); which district is
 * checked with edx_may_manage_district once it is known. */
int edx_may_manage_some_district(const edx_caller *c);
/* The caller manages this district's data: its schools, plans, the office's reports, its
 * procedures and dossiers, and reviews its schools' assessments (admin: any; district token:
 * its own). */
int edx_may_manage_district(const edx_caller *c, const char *district_id);
/* The caller acts for this school of district_id: creates, answers and submits its assessment
 * and writes its reports (the district's managers, and the school's own token). school_id NULL
 * names the district office, for which only its managers act. */
int edx_may_act_for_school(const edx_caller *c, const char *district_id, const char *school_id);

/* Whether the caller may read a file of district_id (NULL: none) uploaded by the token owner
 * (NULL: unknown): attached to nothing, only its uploader and admins; attached, whoever reads
 * what it is attached to: the data of school_id (a school's report values, assessment), or of
 * the district's office when school_id is NULL. */
int edx_may_read_file(const edx_caller *c, const char *district_id, const char *owner,
                      int attached, const char *school_id);

/* ---- Period reports (submissions) ---- */

/* The caller may freeze and submit period reports of this district: an admin, or the
 * district's own token. */
int edx_may_submit_report(const edx_caller *c, const char *district_id);
/* The caller reviews (accepts or returns) period reports of a district of province
 * district_province (NULL: the district has no province): an admin, or a reader scoped to that
 * province (the province's department; its only write). */
int edx_may_review_report(const edx_caller *c, const char *district_province);
/* The caller reads period reports (the list, one, its frozen document and history, within its
 * district scope): every token but a school's. */
int edx_may_read_reports(const edx_caller *c);
/* The caller reads a province's summary of period reports: an admin, an unscoped reader, or a
 * reader of that province (district and school tokens may not: it shows other districts). */
int edx_may_read_report_summary(const edx_caller *c, const char *province_code);
/* The caller sets the submission deadlines (admin). */
int edx_may_set_report_deadlines(const edx_caller *c);

/* Whether the caller may apply a patch to a school of district_id (the school already known to
 * be one the caller sees). */
typedef enum {
  EDX_SCHOOL_PATCH_OK,
  EDX_SCHOOL_PATCH_CONTACTS_ONLY, /* a school token changes more than its contact fields */
  EDX_SCHOOL_PATCH_FORBIDDEN,     /* the caller does not manage the school's district */
  EDX_SCHOOL_PATCH_NO_MOVE,       /* only admins move schools between districts */
} edx_school_patch_verdict;
/* fields: the patch's field names, NULL-terminated; moves: it names another district. For a
 * school token, appends {"field", "message"} to errors for every field other than the contact
 * fields (phone, email, website, address, principal). */
edx_school_patch_verdict edx_may_patch_school(const edx_caller *c, const char *district_id,
                                              int moves, const char *const *fields,
                                              json_t *errors);
#endif
