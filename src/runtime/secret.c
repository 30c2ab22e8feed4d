/* secret.c — token generation, hashing and download links' HMACs with GnuTLS (see secret.h). */
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>
#include "src/runtime/secret.h"
#include "src/rules/errors.h"

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* 32 bytes (raw[32] must be 0) = 256 bits = 43 base64url characters (the last one carries 4
 * bits), and a NUL, at p. */
static void b64url_32(char *p, const unsigned char raw[33])
{
  for (int bit = 0; bit < 256; bit += 6) {
    int byte = bit / 8, shift = bit % 8;
    unsigned v = ((unsigned)raw[byte] << 8 | raw[byte + 1]) >> (10 - shift);
    *p++ = b64url[v & 0x3F];
  }
  *p = '\0';
}

int edx_secret_new_token(char out[EDX_TOKEN_LEN], char hash[EDX_SHA256_HEX])
{
  unsigned char raw[33] = {0};
  if (gnutls_rnd(GNUTLS_RND_KEY, raw, 32) < 0) {
    edx_error_set("could not generate a token");
    return EDX_EINTERNAL;
  }
  memcpy(out, "edx_", 4);
  b64url_32(out + 4, raw);
  edx_sha256_hex(hash, out, strlen(out));
  return EDX_OK;
}

int edx_secret_random(unsigned char *out, size_t len)
{
  if (gnutls_rnd(GNUTLS_RND_KEY, out, len) < 0) {
    edx_error_set("could not draw random bytes");
    return EDX_EINTERNAL;
  }
  return EDX_OK;
}

void edx_hmac_sha256_b64url(char out[EDX_HMAC_B64_LEN], const void *key, size_t key_len,
                            const char *msg)
{
  unsigned char mac[33] = {0};
  gnutls_hmac_fast(GNUTLS_MAC_SHA256, key, key_len, msg, strlen(msg), mac);
  b64url_32(out, mac);
}

void edx_link_key(unsigned char out[EDX_LINK_KEY_LEN], const void *secret, size_t secret_len,
                  const char *token_digest)
{
  gnutls_hmac_fast(GNUTLS_MAC_SHA256, secret, secret_len, token_digest, strlen(token_digest),
                   out);
}

void edx_link_sign(char out[EDX_HMAC_B64_LEN], const void *secret, size_t secret_len,
                   const char *token_digest, const char *msg)
{
  unsigned char key[EDX_LINK_KEY_LEN];
  edx_link_key(key, secret, secret_len, token_digest);
  edx_hmac_sha256_b64url(out, key, sizeof(key), msg);
  explicit_bzero(key, sizeof(key));
}

void edx_sha256_hex(char out[EDX_SHA256_HEX], const void *data, size_t len)
{
  static const char hex[] = "0123456789abcdef";
  unsigned char digest[32];
  gnutls_hash_fast(GNUTLS_DIG_SHA256, data, len, digest);
  for (int i = 0; i < 32; i++) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xF];
  }
  out[64] = '\0';
}

int edx_secret_looks_valid(const char *s)
{
  if (!s || strlen(s) != EDX_TOKEN_LEN - 1 || strncmp(s, "edx_", 4) != 0)
    return 0;
  for (const char *p = s + 4; *p; p++)
    if (!strchr(b64url, *p))
      return 0;
  return 1;
}
