/* testutil.h — assertions shared by the HTTP suites: problem documents, error fields, and quick
 * creation of test districts through the API. */
#ifndef EDX_TEST_UTIL_H
#define EDX_TEST_UTIL_H
#include <check.h>
#include <string.h>
#include "harness.h"

extern char *admin_token;
/* The download links' secret the suite's server is started with (EDUDX_LINK_SECRET). */
#define TEST_LINK_SECRET "edudx-http-tests-link-secret-0123456789"
/* The log file of the server the suite talks to. */
extern const char *server_log_path;

#define JSTR(j, key) json_string_value(json_object_get((j), (key)))
#define JINT(j, key) json_integer_value(json_object_get((j), (key)))

/* Asserts a problem document with this status and type slug. */
#define ck_assert_problem(r, st, slug)                                                          \
  do {                                                                                          \
    ck_assert_int_eq((r)->status, (st));                                                        \
    ck_assert_str_eq(http_header((r), "Content-Type"), "application/problem+json");             \
    ck_assert_ptr_nonnull((r)->json);                                                           \
    ck_assert_str_eq(JSTR((r)->json, "type"), "urn:edudx:problem:" slug);                       \
    ck_assert_int_eq(JINT((r)->json, "status"), (st));                                          \
    ck_assert_ptr_nonnull(JSTR((r)->json, "detail"));                                           \
  } while (0)

/* 1 when the problem's errors[] names field. */
int problem_names_field(const http_resp *r, const char *field);
/* Number of items in errors[]. */
size_t problem_error_count(const http_resp *r);
/* Bytes of an id's text and its NUL. */
#define ID_SIZE 37

/* Mints a token through the API as `as` from body; asserts 201; returns the secret (malloc'ed)
 * and, when id_out is not NULL, copies its id there. */
char *mint_token(const char *as, const char *body, char *id_out);
/* A token of role minted by admin, scoped by scope_field ("district_id", "school_id") to
 * scope_id; its secret (malloc'ed). */
char *mint_scoped(const char *role, const char *scope_field, const char *scope_id);
/* POSTs body to path as admin; asserts 201; returns the new resource's id (malloc'ed). */
char *create_as_admin(const char *path, const char *body);
/* A school "Trường <code>" of level in district_id, with extra members ("" or ",\"commune\":...");
 * its id (malloc'ed). */
char *new_school(const char *district_id, const char *code, const char *level, const char *extra);
/* A procedure of district_id with extra members ("" or starting with ','); its id. */
char *new_procedure(const char *district_id, const char *code, const char *name,
                    const char *extra);
/* A dossier received at received_at (district_id NULL: the procedure's), with extra members;
 * its id (malloc'ed). */
char *new_dossier(const char *district_id, const char *procedure_id, const char *reference,
                  const char *channel, const char *received_at, const char *extra);
/* Creates a district through the API as admin; returns its id (malloc'ed). */
char *make_district(const char *code, const char *name, const char *province);
/* Creates a primary school through the API as admin; returns its id (malloc'ed). */
char *make_school(const char *district_id, const char *code, const char *name);
/* Waits (up to 10 s) for a backend of the test database matching condition (SQL on
 * pg_stat_activity, e.g. "wait_event_type = 'Lock'"); fails the test when none comes. */
void wait_for_backend(const char *condition);
/* Asserts that an import endpoint (path, posted with token) refuses bodies that hold no records
 * as the shared reader does: malformed JSON with its line and column, a JSON body that is not an
 * array, a record that is not an object, no records (JSON or CSV) with 400, another media type
 * with 415 naming the records (what: "school"). Nothing is written by any of them. */
void ck_import_refuses_non_records(const char *path, const char *token, const char *what);
/* The entry for indicator code among a progress answer's entries; aborts the test when absent. */
json_t *progress_entry(const json_t *entries, const char *code);
/* The same among the "indicators" of the answer r. */
json_t *answer_indicator(const http_resp *r, const char *code);
/* Asserts that the district's entries in GET /v1/progress (read from the counts kept on write)
 * carry the same figures as its own progress (computed from the schools' values at request
 * time): target, comparator, actual, numerator, denominator, status, gap, reason, expected and
 * reported of every indicator. */
void ck_progress_agrees(const char *district_code, int year);
/* Inflates body as one whole gzip member (zlib checks the header, CRC-32 and length); the text
 * (malloc'ed, NUL-terminated) and its length. Fails the test on anything else. */
char *gunzip(const char *body, size_t len, size_t *out_len);
/* Milliseconds until GET path as token answers status, polling every 50 ms for 5 s (-1: never). */
long ms_until_status(const char *path, const char *token, long status);
#endif
