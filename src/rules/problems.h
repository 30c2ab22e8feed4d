/* problems.h — the RFC 9457 problem types: for each edx code its HTTP status, its type's slug
 * (urn:edudx:problem:<slug>) and its title in English and in Vietnamese. */
#ifndef EDX_PROBLEMS_H
#define EDX_PROBLEMS_H
#include <stddef.h>
#include "src/rules/i18n.h"

typedef struct {
  int code; /* edx_code */
  int status;
  const char *slug;
  const char *title;    /* English */
  const char *title_vi; /* Vietnamese */
} edx_problem_kind;

/* Every problem type; the last is the 500 that any unknown code falls back to. */
extern const edx_problem_kind edx_problem_kinds[];
extern const size_t edx_problem_kind_count;
/* The problem type of code (the 500's for a code without one). */
const edx_problem_kind *edx_problem_kind_of(int code);
/* The first problem type answered with status (bad-request's for a status without one). */
const edx_problem_kind *edx_problem_kind_of_status(int status);
/* The kind's title in lang. */
const char *edx_problem_title(const edx_problem_kind *k, edx_lang lang);
#endif
