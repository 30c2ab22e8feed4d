/* download_link.h — short-lived signed download links (POST /v1/download-links): a browser can
 * follow a link but cannot send a Bearer header, so the link carries `dl=<token id>.<expires>.
 * <signature>`, the signature an HMAC (src/runtime/secret.h) of the method, the URL without its
 * dl parameter, the token id and the expiry. Pure text work: making the signed message, reading
 * a dl value, checking the path a link may be made for. */
#ifndef EDX_DOWNLOAD_LINK_H
#define EDX_DOWNLOAD_LINK_H
#include "src/rules/validate.h"

/* How long a link works, in seconds: 5 minutes. */
#define EDX_DL_TTL_SECONDS 300
/* The longest path (with its query) a link is made for. */
#define EDX_DL_PATH_MAX 2048
/* The signature's text: 43 base64url characters and NUL. */
#define EDX_DL_SIG_LEN 44

/* The URL (path and query as sent) without its `dl` parameters, the other parameters kept as
 * they are and in their order. malloc'ed; NULL when out of memory. */
char *edx_dl_unsigned_url(const char *url);
/* The message a link signs: "GET <unsigned url>\n<token id>\n<expires>". malloc'ed. */
char *edx_dl_message(const char *unsigned_url, const char *token_id, long long expires);
/* Reads a dl value "<token id (UUID)>.<expires (seconds since 1970)>.<43 base64url chars>". 0,
 * or -1 when it has another shape. */
int edx_dl_parse(const char *dl, char token_id[EDX_UUID_SIZE], long long *expires,
                 char sig[EDX_DL_SIG_LEN]);
/* Why path cannot be given a link (a message), or NULL when it can: "/v1/…", at most
 * EDX_DL_PATH_MAX visible ASCII characters (other text percent-encoded, as a browser sends it),
 * no fragment, no dl parameter of its own. Whether the route serves CSV is the caller's check. */
const char *edx_dl_path_problem(const char *path);
/* 1 when a and b are equal, compared in a time that does not depend on where they differ. */
int edx_dl_same(const char *a, const char *b);
#endif
