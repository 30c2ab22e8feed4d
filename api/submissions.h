/* submissions.h — a period report's frozen document for the handlers that read figures from it
 * (GET /v1/dataValueSets?submission=, api/data_values.c). */
#ifndef EDX_API_SUBMISSIONS_H
#define EDX_API_SUBMISSIONS_H
#include "api/http.h"

/* The submission id's metadata (edx_submission_json) and its frozen document parsed
 * ({"progress", "indicators", "inputs"}), both into *meta and *frozen (caller decrefs), after
 * checking the caller may read it: 403 for a school token or another district's, 404 naming
 * the field `submission` when there is none. Returns 0, or -1 after answering. */
int edx_submission_frozen_doc(edx_ctx *ctx, const char *id, json_t **meta, json_t **frozen);
#endif
