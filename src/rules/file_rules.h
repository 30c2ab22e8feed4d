/* file_rules.h — evidence files (POST /v1/files): the types taken and the check that a file's
 * bytes are what its Content-Type says (its magic: PDF, JPEG, PNG; DOCX and XLSX as ZIP archives
 * holding [Content_Types].xml and word/ or xl/ entries; ODT and ODS as ZIP archives whose first
 * entry is `mimetype` holding the OpenDocument media type), the name a Content-Disposition
 * gives (RFC 6266, filename*= as RFC 5987 UTF-8), and the Content-Disposition of a download. */
#ifndef EDX_FILE_RULES_H
#define EDX_FILE_RULES_H
#include <jansson.h>
#include <stddef.h>
#include "src/rules/fields.h"

typedef enum {
  EDX_FILE_PDF,
  EDX_FILE_JPEG,
  EDX_FILE_PNG,
  EDX_FILE_DOCX,
  EDX_FILE_XLSX,
  EDX_FILE_ODT,
  EDX_FILE_ODS,
  EDX_FILE_TYPES
} edx_file_type;

/* Most bytes one file may hold (20 MiB). */
#define EDX_FILE_MAX_BYTES (20u * 1024u * 1024u)
/* Most bytes of a file's name (UTF-8). */
#define EDX_FILE_NAME_MAX 255
/* The types taken, as a message ("application/pdf, image/jpeg, ..."). */
extern const char edx_file_types_rule[];

/* The body of PUT /v1/districts/{district}/file-quota: {"quota_bytes": 0 to 1 TiB}. */
extern const edx_field edx_file_quota_fields[];

/* The type a Content-Type header names (its parameters and case ignored), or -1. */
int edx_file_type_of(const char *content_type);
/* The media type of type ("application/pdf"). */
const char *edx_file_media_type(edx_file_type type);
/* 1 when the len bytes are a file of type as far as their magic tells, 0 otherwise. */
int edx_file_magic_matches(edx_file_type type, const unsigned char *bytes, size_t len);
/* The file name a Content-Disposition header gives: filename*=UTF-8''<percent-encoded> when
 * present, else filename= (a quoted string or a token), keeping what follows the last '/' or '\'
 * (a name, never a path). 0 with the name in out (at most size - 1 bytes), or -1 when the header
 * names none, or one that is empty, not UTF-8, holds controls or is longer than
 * EDX_FILE_NAME_MAX bytes. */
int edx_file_disposition_name(const char *header, char *out, size_t size);
/* The Content-Disposition of a download of name: attachment; filename="<ASCII fallback>";
 * filename*=UTF-8''<name percent-encoded>. The fallback keeps ASCII letters, digits and
 * ". - _ ( ) space", folds Vietnamese letters to their base letter and writes '_' for anything
 * else. 0, or -1 when out is too small. */
int edx_file_disposition(const char *name, char *out, size_t size);
/* Most evidence files one report value or assessment answer may name. */
#define EDX_EVIDENCE_FILES_MAX 20
/* 1 when files is an array of at most EDX_EVIDENCE_FILES_MAX distinct file ids (UUIDs), or
 * null; 0 otherwise. Whether the files exist and may be attached is the database's to say. */
int edx_evidence_files_ok(const json_t *files);
#endif
