/* load.h — the resources a request's path names, loaded only when the caller may see them (404
 * or 403 sent otherwise), and the district scope of bodies and lists. */
#ifndef EDX_API_LOAD_H
#define EDX_API_LOAD_H
#include "api/http.h"

/* Loads the resource whose UUID is the path parameter `param` with get, if the caller may see
 * its district ("district_id"); sends 404 ("no <what> with this id") or 403 and returns NULL
 * otherwise. */
typedef int (*edx_get_by_id_fn)(edx_conn *c, json_t **out, const char *id, int for_update);
json_t *edx_load_scoped(edx_ctx *ctx, const char *param, edx_get_by_id_fn get, int for_update,
                        const char *what);
/* A lookup by id or by code, as the path's id or code:<code> names it. */
typedef int (*edx_get_by_ref_fn)(edx_conn *c, json_t **out, edx_ref_kind kind, const char *ref,
                                 int for_update);
/* Loads what the path parameter param ("district" or "school") names, an id or code:<code>, with
 * get, whoever the caller is; sends 404 and returns NULL when there is none. */
json_t *edx_load_ref(edx_ctx *ctx, const char *param, edx_get_by_ref_fn get, int for_update);
/* Loads the district named by the path parameter "district" (an id or code:<code>; locked when
 * for_update) if the caller may see it; sends 404 or 403 and returns NULL otherwise. */
json_t *edx_load_district(edx_ctx *ctx, int for_update);
/* edx_load_district for the office's dashboards: school tokens (which see their own school's
 * scorecard, not the office's figures) get 403 too. */
json_t *edx_load_office_district(edx_ctx *ctx);
/* The same for the school named by the path parameter "school". */
json_t *edx_load_school(edx_ctx *ctx, int for_update);
/* Answers a GET of one resource with what load finds (a loader above, or a handler's own): 200
 * with it, or the problem load sent. */
typedef json_t *(*edx_loader_fn)(edx_ctx *ctx, int for_update);
void edx_respond_loaded(edx_ctx *ctx, edx_loader_fn load);
/* EDX_OK when code is NULL or names a province (an org unit of that level); EDX_EINVALID with
 * province_code named in errors when it names none; another code when the database failed. */
int edx_check_province_code(edx_ctx *ctx, const char *code, json_t *errors);
/* {id, code, name} of a district, for answers about one district. */
json_t *edx_district_brief(const json_t *district);

/* A list's district_id filter for a caller scoped to a district: another district is 403 (sent,
 * -1 returned), none becomes the caller's own. Unscoped callers keep their filter. */
int edx_scope_district(edx_ctx *ctx, const char **district_id);
/* The start of a list of district data once its filters are read: ends the query (400 naming
 * every bad parameter), keeps school tokens out when office_only (edx_office_only), limits
 * *district_id to the caller's scope (edx_scope_district) and takes the connection. Returns 0
 * when the handler goes on, -1 after answering. */
int edx_list_begin(edx_ctx *ctx, json_t *errors, const char **district_id,
                   const char **province, int office_only);
/* The province a list is limited to: a province reader's own (403 when *province names another),
 * else *province as asked (NULL: any). Returns 0, or -1 after answering. */
int edx_scope_province(edx_ctx *ctx, const char **province);
/* For a creation, before its body is checked: the district the body puts the new resource in —
 * the "district_id" it names, or the district of the school ("school_id") or procedure
 * ("procedure_id") it names — must be one the caller manages (for a school, one it acts for).
 * A reference that is not a string is left to the body's checks (422); one that names nothing is
 * too for admin, and a 403 like a foreign one for a caller scoped to a district or school (who
 * cannot tell "not yours" from "not there"). Returns 0, or -1 after answering 403 with detail
 * (or 503). */
int edx_body_scope_first(edx_ctx *ctx, const char *detail);
/* For a creation whose body has passed its checks: the body's district_id must be one the caller
 * manages (403 with forbidden) and must exist (422 naming district_id, titled invalid; also when
 * it is missing). Takes the connection. Returns 0, or -1 after answering. */
int edx_create_in_district(edx_ctx *ctx, const char *forbidden, const char *invalid);
/* A body that leaves district_id out gets the caller's own when it is a district token. */
void edx_default_district(edx_ctx *ctx);
/* The office's business (procedures, dossiers) is not for school tokens: sends 403 and returns -1
 * for them, 0 otherwise. */
int edx_office_only(edx_ctx *ctx);
#endif
