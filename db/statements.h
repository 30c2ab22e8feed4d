/* statements.h — the statements prepared on one database session. A statement is named after a
 * 64-bit hash of its text ("edx_<16 hex digits>") and prepared on a connection the first time
 * the connection runs it; later runs skip the parse and, while the plan cache finds one plan good
 * for every parameter, the planning. The set is forgotten when the session is (a reconnect), and
 * emptied with DEALLOCATE ALL when it is full (lists build many statement shapes). */
#ifndef EDX_DB_STATEMENTS_H
#define EDX_DB_STATEMENTS_H
#include <stdint.h>

#define EDX_STATEMENT_SLOTS 1024 /* open addressing, kept at most half full */
#define EDX_STATEMENTS_MAX 512
#define EDX_STATEMENT_NAME_LEN 24

typedef struct {
  int enabled;                          /* 0: every statement is sent unnamed, as before */
  int count;
  uint64_t slot[EDX_STATEMENT_SLOTS];   /* statement ids; 0 = empty */
} edx_statements;

/* The id of a statement's text (FNV-1a, never 0) and its name. */
uint64_t edx_statement_id(const char *sql);
void edx_statement_name(uint64_t id, char name[EDX_STATEMENT_NAME_LEN]);
/* 1 when id was prepared on this session. */
int edx_statements_has(const edx_statements *s, uint64_t id);
/* Records id as prepared; -1 when the set is full (forget it and DEALLOCATE ALL first). */
int edx_statements_add(edx_statements *s, uint64_t id);
/* Forgets every statement (the session ended or deallocated them). */
void edx_statements_forget(edx_statements *s);
#endif
