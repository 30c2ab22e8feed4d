/* jsonx.h — JSON helpers beyond jansson: strict parsing of request bodies, JSON Merge Patch
 * (RFC 7396), canonical serialisation for ETags. */
#ifndef EDX_JSONX_H
#define EDX_JSONX_H
#include <jansson.h>
#include <stddef.h>

/* Parses a request body as one JSON object. Duplicate keys, NUL characters, trailing garbage and
 * non-objects are refused. Returns the object (caller decrefs) or NULL with a one-line reason
 * (including line and column) in why. */
json_t *edx_json_parse_object(const char *body, size_t length, char *why, size_t why_len);

/* Applies merge patch `patch` to `target` in place (RFC 7396: null removes, objects merge
 * recursively, anything else replaces). */
void edx_json_merge_patch(json_t *target, const json_t *patch);

/* How answers are serialised: compact, and reals with 15 significant digits, so that a percent
 * computed as 66.67 is written "66.67" rather than 66.670000000000002. */
#define EDX_JSON_OUT (JSON_COMPACT | JSON_REAL_PRECISION(15))

/* Canonical text of a value (sorted keys, compact); malloc'ed, caller frees. */
char *edx_json_canonical(const json_t *value);

/* The string value of key, or NULL when absent or not a string. */
const char *edx_json_str(const json_t *obj, const char *key);
#endif
