/* secret.h — API token secrets: random generation and the SHA-256 digest that is stored in
 * their place (the secret itself is never stored); HMAC-SHA256 for signed download links, keyed
 * with the server's link secret and the token's digest. */
#ifndef EDX_SECRET_H
#define EDX_SECRET_H
#include <stddef.h>

#define EDX_TOKEN_LEN 48  /* "edx_" + 43 base64url characters + NUL */
#define EDX_SHA256_HEX 65

/* A fresh token "edx_<43 base64url chars>" from 32 random bytes, and the hex SHA-256 that is
 * stored in its place. EDX_OK, or EDX_EINTERNAL (message set) when the system's random source
 * fails. */
int edx_secret_new_token(char out[EDX_TOKEN_LEN], char hash[EDX_SHA256_HEX]);
/* Lower-case hex SHA-256 of data. */
void edx_sha256_hex(char out[EDX_SHA256_HEX], const void *data, size_t len);
/* len random bytes from the system's key-grade source into out. EDX_OK, or EDX_EINTERNAL
 * (message set) when it fails. */
int edx_secret_random(unsigned char *out, size_t len);
/* "<43 base64url characters>" and NUL: a 256-bit MAC. */
#define EDX_HMAC_B64_LEN 44
/* The HMAC-SHA256 of msg under key (key_len bytes), in base64url without padding. */
void edx_hmac_sha256_b64url(char out[EDX_HMAC_B64_LEN], const void *key, size_t key_len,
                            const char *msg);
/* The key a token's download links are signed with: HMAC-SHA256 keyed with the server's link
 * secret (secret_len bytes) of the token's stored digest as stored (64 lower-case hex digits).
 * The digest alone, which a reader of the tokens table has, is not enough to sign a link; a
 * revoked token's links die with it (its digest is no longer found). */
#define EDX_LINK_KEY_LEN 32
void edx_link_key(unsigned char out[EDX_LINK_KEY_LEN], const void *secret, size_t secret_len,
                  const char *token_digest);
/* The signature of a download link's message msg for the token whose digest is token_digest:
 * edx_hmac_sha256_b64url under edx_link_key (the key is wiped afterwards). */
void edx_link_sign(char out[EDX_HMAC_B64_LEN], const void *secret, size_t secret_len,
                   const char *token_digest, const char *msg);
/* 1 when s has the shape of a token (so malformed ones never reach the database). */
int edx_secret_looks_valid(const char *s);
#endif
