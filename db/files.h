/* files.h — evidence files in PostgreSQL: a row of metadata and the bytes in 1 MiB bytea chunks
 * (migration 0027 says why not large objects), the district's quota checked when one is stored,
 * and the sweep of files attached to nothing. */
#ifndef EDX_DB_FILES_H
#define EDX_DB_FILES_H
#include <jansson.h>
#include <stddef.h>
#include "db/exports.h"
#include "db/pool.h"
#include "src/rules/roles.h"

/* Bytes of one stored chunk. */
#define EDX_FILE_CHUNK (1024 * 1024)

/* What a new file is. */
typedef struct {
  const char *district_id; /* NULL: none (an admin's) */
  const char *filename, *content_type, *sha256;
  const unsigned char *bytes;
  size_t size;
} edx_db_new_file;

/* Inside a transaction: stores f (its district locked while its quota is checked: EDX_EQUOTA,
 * with a message naming the quota and what is used, when f does not fit) with an audit row;
 * *out is the file's JSON (edx_file_json). */
int edx_db_file_create(edx_conn *c, json_t **out, const edx_caller *actor,
                       const edx_db_new_file *f);
/* The file id: {"file": <edx_file_json>, "owner": <uploader's token id or null>,
 * "school_id": <the school whose data it is attached to, or null>}. EDX_ENOTFOUND when none. */
int edx_db_file_get(edx_conn *c, json_t **out, const char *id);
/* Starts reading the file's chunks in order (edx_db_export_next gives each chunk's bytea text,
 * "\x" and hex digits). */
int edx_db_file_chunks_open(edx_db_export *x, edx_conn *c, const char *id);
/* How many of ids (a JSON array of file ids) token_id (NULL: none) may attach to data of
 * district_id, into *count: the district's files that are attached already or are the token's
 * own, and the token's own files of no district (an admin's). */
int edx_db_files_usable(edx_conn *c, long *count, const json_t *ids, const char *district_id,
                        const char *token_id);
/* Which of ids (a JSON array of file ids) token_id may not attach to data of district_id (as
 * edx_db_files_usable says): *out a JSON array of their positions in ids, from 0, in order
 * ([] when every one may be). */
int edx_db_files_unusable(edx_conn *c, json_t **out, const json_t *ids, const char *district_id,
                          const char *token_id);
/* Inside a transaction: attaches ids (all usable, as above) to data of district_id — of school
 * school_id, or of the office when NULL: each is marked attached (and, on its first attachment,
 * takes that district and school as its read scope), with an audit row (entity file, action
 * update). EDX_ECONFLICT when one of them may no longer be attached. */
int edx_db_files_attach(edx_conn *c, const edx_caller *actor, const json_t *ids,
                        const char *district_id, const char *school_id);
/* Deletes the files attached to nothing that are older than max_age_seconds; *rows how many. */
int edx_db_files_sweep(edx_conn *c, long max_age_seconds, long *rows);
/* The district's file quota: {"district_id", "quota_bytes", "used_bytes", "files"}. */
int edx_db_file_quota(edx_conn *c, json_t **out, const char *district_id);
/* Inside a transaction: sets the district's file quota, with an audit row (entity district,
 * action update, before and after {"file_quota_bytes"}); *out as edx_db_file_quota. */
int edx_db_file_quota_set(edx_conn *c, json_t **out, const edx_caller *actor,
                          const char *district_id, long long quota_bytes);
#endif
