/* dispatch.h — the one ulfius callback that answers every request: route lookup (404, 405 with
 * Allow), CORS, body limits (413), authentication (401), JSON bodies (415, 400), query
 * parameters (400), the handler, then gzip content coding (encoding.h), the access log and
 * metrics. */
#ifndef EDX_API_DISPATCH_H
#define EDX_API_DISPATCH_H
#include <ulfius.h>

/* ulfius default-endpoint callback; user_data is the edx_app. */
int edx_dispatch(const struct _u_request *req, struct _u_response *res, void *user_data);
#endif
