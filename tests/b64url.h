/* b64url.h — base64url of a text, for the tests that hand-make cursor payloads (unit and HTTP
 * suites). */
#ifndef EDX_TESTS_B64URL_H
#define EDX_TESTS_B64URL_H
#include <stdlib.h>
#include <string.h>

/* base64url of text (malloc'ed, without padding). */
static inline char *b64(const char *text)
{
  static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t len = strlen(text), o = 0;
  char *out = malloc(len * 2 + 4);
  for (size_t i = 0; i < len; i += 3) {
    unsigned long v = (unsigned long)(unsigned char)text[i] << 16 |
                      (i + 1 < len ? (unsigned long)(unsigned char)text[i + 1] << 8 : 0) |
                      (i + 2 < len ? (unsigned char)text[i + 2] : 0);
    out[o++] = a[v >> 18 & 63];
    out[o++] = a[v >> 12 & 63];
    if (i + 1 < len)
      out[o++] = a[v >> 6 & 63];
    if (i + 2 < len)
      out[o++] = a[v & 63];
  }
  out[o] = '\0';
  return out;
}
#endif
