/* page_link.h — the Link header (RFC 8288) that points at a list's next page. Pure text work:
 * api/ gives it the request target as received. */
#ifndef EDX_PAGE_LINK_H
#define EDX_PAGE_LINK_H

/* `<URL>; rel="next"`, where URL is target (the request's path and query as received) with every
 * after and offset parameter removed, the other parameters kept as they were, in order, and
 * after=cursor appended. Any byte a URI may not hold is percent-encoded, so the value is always
 * a valid relative reference. Malloc'ed (NULL when out of memory). */
char *edx_page_link_next(const char *target, const char *cursor);
#endif
