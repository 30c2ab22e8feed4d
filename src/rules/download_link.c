/* download_link.c — signed download links' text (see download_link.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/download_link.h"

/* 1 when the query item [item, item + len) is a dl parameter ("dl" or "dl=…"). */
static int is_dl_item(const char *item, size_t len)
{
  return len >= 2 && strncmp(item, "dl", 2) == 0 && (len == 2 || item[2] == '=');
}

char *edx_dl_unsigned_url(const char *url)
{
  const char *q = strchr(url, '?');
  size_t path_len = q ? (size_t)(q - url) : strlen(url);
  char *out = malloc(strlen(url) + 1);
  size_t n = path_len;
  if (!out)
    return NULL;
  memcpy(out, url, path_len);
  for (const char *item = q ? q + 1 : NULL; item;) {
    const char *amp = strchr(item, '&');
    size_t len = amp ? (size_t)(amp - item) : strlen(item);
    if (len > 0 && !is_dl_item(item, len)) {
      out[n] = n == path_len ? '?' : '&';
      n++;
      memcpy(out + n, item, len);
      n += len;
    }
    item = amp ? amp + 1 : NULL;
  }
  out[n] = '\0';
  return out;
}

char *edx_dl_message(const char *unsigned_url, const char *token_id, long long expires)
{
  char *msg = NULL;
  if (asprintf(&msg, "GET %s\n%s\n%lld", unsigned_url, token_id, expires) < 0)
    return NULL;
  return msg;
}

int edx_dl_parse(const char *dl, char token_id[EDX_UUID_SIZE], long long *expires,
                 char sig[EDX_DL_SIG_LEN])
{
  const char *dot1 = dl ? strchr(dl, '.') : NULL;
  const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
  char *end = NULL;
  if (!dot2 || dot1 - dl != EDX_UUID_SIZE - 1 || strlen(dot2 + 1) != EDX_DL_SIG_LEN - 1 ||
      !isdigit((unsigned char)dot1[1]) || dot2 - dot1 > 13)
    return -1;
  memcpy(token_id, dl, EDX_UUID_SIZE - 1);
  token_id[EDX_UUID_SIZE - 1] = '\0';
  *expires = strtoll(dot1 + 1, &end, 10);
  if (end != dot2 || !edx_is_uuid(token_id))
    return -1;
  for (const char *p = dot2 + 1; *p; p++)
    if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
      return -1;
  memcpy(sig, dot2 + 1, EDX_DL_SIG_LEN);
  return 0;
}

/* 1 when the URL's query has a dl item. */
static int has_dl_item(const char *url)
{
  const char *q = strchr(url, '?');
  for (const char *item = q ? q + 1 : NULL; item;) {
    const char *amp = strchr(item, '&');
    if (is_dl_item(item, amp ? (size_t)(amp - item) : strlen(item)))
      return 1;
    item = amp ? amp + 1 : NULL;
  }
  return 0;
}

const char *edx_dl_path_problem(const char *path)
{
  if (strncmp(path, "/v1/", 4) != 0)
    return "must be a path of this API starting with /v1/";
  if (strlen(path) > EDX_DL_PATH_MAX)
    return "must be at most 2048 characters";
  for (const char *p = path; *p; p++)
    if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 127 || *p == '#')
      return "must be visible ASCII without '#': percent-encode other characters";
  return has_dl_item(path) ? "must not have a dl parameter of its own" : NULL;
}

int edx_dl_same(const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b);
  unsigned char diff = la == lb ? 0 : 1;
  for (size_t i = 0; i < la && i < lb; i++)
    diff |= (unsigned char)(a[i] ^ b[i]);
  return diff == 0;
}
