/* file_rules.c — evidence files' types, magic and names (see file_rules.h). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "src/rules/file_rules.h"
#include "src/rules/query_string.h"
#include "src/rules/validate.h"

/* 1 when the n bytes at a and b are the same letters, case aside (ASCII). */
static int same_caseless(const char *a, const char *b, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] - 'A' + 'a') : b[i];
    if (x != y)
      return 0;
  }
  return 1;
}

static const char *const media_types[EDX_FILE_TYPES] = {
  "application/pdf",
  "image/jpeg",
  "image/png",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
};

const edx_field edx_file_quota_fields[] = {
  {.name = "quota_bytes", .kind = EDX_FIELD_INT, .required = 1, .min = 0,
   .max = 1099511627776L}, /* 1 TiB */
  {.name = NULL},
};

const char edx_file_types_rule[] =
  "application/pdf, image/jpeg, image/png, "
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document (DOCX), "
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (XLSX), "
  "application/vnd.oasis.opendocument.text (ODT) or "
  "application/vnd.oasis.opendocument.spreadsheet (ODS)";

int edx_file_type_of(const char *content_type)
{
  size_t n;
  if (!content_type)
    return -1;
  while (*content_type == ' ' || *content_type == '\t')
    content_type++;
  n = strcspn(content_type, "; \t");
  for (int t = 0; t < EDX_FILE_TYPES; t++)
    if (strlen(media_types[t]) == n && same_caseless(media_types[t], content_type, n))
      return t;
  return -1;
}

const char *edx_file_media_type(edx_file_type type)
{
  return media_types[type];
}

static unsigned le16(const unsigned char *p)
{
  return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static size_t le32(const unsigned char *p)
{
  return (size_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                  (uint32_t)p[3] << 24);
}

/* An OpenDocument file: a ZIP whose first entry is "mimetype", stored, holding media. */
static int is_odf(const unsigned char *b, size_t len, const char *media)
{
  size_t name_len, extra_len, data_len, want = strlen(media);
  if (len < 30 || memcmp(b, "PK\3\4", 4) != 0)
    return 0;
  name_len = le16(b + 26);
  extra_len = le16(b + 28);
  data_len = le32(b + 18);
  /* every length checked against len before any byte past the fixed header is read */
  return le16(b + 8) == 0 && name_len == 8 && data_len == want &&
         30 + name_len + extra_len + want <= len && memcmp(b + 30, "mimetype", 8) == 0 &&
         memcmp(b + 30 + name_len + extra_len, media, want) == 0;
}

/* Where the ZIP's end of central directory record starts, or len when there is none. */
static size_t zip_end(const unsigned char *b, size_t len)
{
  size_t lowest = len > 22 + 65535 ? len - 22 - 65535 : 0;
  if (len < 22)
    return len;
  for (size_t at = len - 22 + 1; at-- > lowest;)
    if (memcmp(b + at, "PK\5\6", 4) == 0)
      return at;
  return len;
}

/* An Office Open XML file: a ZIP whose central directory names [Content_Types].xml and an entry
 * under part ("word/", "xl/"). */
static int is_ooxml(const unsigned char *b, size_t len, const char *part)
{
  size_t end = zip_end(b, len), at, entries;
  int types = 0, parts = 0;
  if (len < 4 || memcmp(b, "PK\3\4", 4) != 0 || end == len)
    return 0;
  entries = le16(b + end + 10);
  at = le32(b + end + 16);
  for (size_t i = 0; i < entries; i++) {
    size_t name_len;
    if (at > end || end - at < 46 || memcmp(b + at, "PK\1\2", 4) != 0)
      return 0;
    name_len = le16(b + at + 28);
    if (end - at - 46 < name_len)
      return 0;
    types |= name_len == 19 && memcmp(b + at + 46, "[Content_Types].xml", 19) == 0;
    parts |= name_len > strlen(part) && memcmp(b + at + 46, part, strlen(part)) == 0;
    at += 46 + name_len + le16(b + at + 30) + le16(b + at + 32);
  }
  return types && parts;
}

int edx_file_magic_matches(edx_file_type type, const unsigned char *b, size_t len)
{
  switch (type) {
  case EDX_FILE_PDF:
    return len >= 5 && memcmp(b, "%PDF-", 5) == 0;
  case EDX_FILE_JPEG:
    return len >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
  case EDX_FILE_PNG:
    return len >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0;
  case EDX_FILE_DOCX:
    return is_ooxml(b, len, "word/");
  case EDX_FILE_XLSX:
    return is_ooxml(b, len, "xl/");
  case EDX_FILE_ODT:
  case EDX_FILE_ODS:
    return is_odf(b, len, media_types[type]);
  default:
    return 0;
  }
}

/* Reads one parameter value at *p (a quoted string or a token) into out; advances *p. -1 when it
 * does not fit or a quoted string is not closed. */
static int read_value(const char **p, char *out, size_t size)
{
  const char *s = *p;
  size_t n = 0;
  if (*s == '"') {
    for (s++; *s && *s != '"'; s++) {
      if (*s == '\\' && s[1])
        s++;
      if (n + 1 >= size)
        return -1;
      out[n++] = *s;
    }
    if (*s != '"')
      return -1;
    s++;
  } else {
    for (; *s && *s != ';' && *s != ' ' && *s != '\t'; s++) {
      if (n + 1 >= size)
        return -1;
      out[n++] = *s;
    }
  }
  out[n] = '\0';
  *p = s;
  return 0;
}

/* Decodes an RFC 5987 ext-value (UTF-8'lang'percent-encoded) into out. */
static int decode_ext_value(const char *v, char *out, size_t size)
{
  const char *q = strchr(v, '\'');
  size_t n = 0;
  if (!q || q - v != 5 || !same_caseless(v, "utf-8", 5) || !(q = strchr(q + 1, '\'')))
    return -1;
  for (q++; *q; q++) {
    char c = *q;
    if (c == '%') {
      int hi = edx_hex_digit(q[1]), lo = hi < 0 ? -1 : edx_hex_digit(q[2]);
      if (lo < 0)
        return -1;
      c = (char)(hi << 4 | lo);
      q += 2;
    }
    if (n + 1 >= size)
      return -1;
    out[n++] = c;
  }
  out[n] = '\0';
  return 0;
}

/* Keeps what follows the last '/' or '\' and checks the name. */
static int finish_name(const char *raw, char *out, size_t size)
{
  const char *base = raw;
  long chars;
  for (const char *s = raw; *s; s++)
    if (*s == '/' || *s == '\\')
      base = s + 1;
  chars = edx_utf8_length(base);
  if (chars < 1 || strlen(base) > EDX_FILE_NAME_MAX || strlen(base) >= size ||
      strpbrk(base, "\t\r\n"))
    return -1;
  memcpy(out, base, strlen(base) + 1);
  return 0;
}

int edx_file_disposition_name(const char *header, char *out, size_t size)
{
  char name[1024], value[1024], plain[1024] = "", ext[1024] = "";
  const char *p = header ? strchr(header, ';') : NULL;
  int have_plain = 0, have_ext = 0;
  if (!p)
    return -1; /* no parameters: no name */
  while (*p) {
    size_t n;
    while (*p == ';' || *p == ' ' || *p == '\t')
      p++;
    n = strcspn(p, "=; \t");
    if (n == 0 || n >= sizeof(name) || p[n] != '=')
      return -1;
    memcpy(name, p, n);
    name[n] = '\0';
    p += n + 1;
    if (read_value(&p, value, sizeof(value)) != 0)
      return -1;
    if (n == 9 && same_caseless(name, "filename*", 9) && !have_ext)
      have_ext = decode_ext_value(value, ext, sizeof(ext)) == 0;
    else if (n == 8 && same_caseless(name, "filename", 8) && !have_plain)
      have_plain = snprintf(plain, sizeof(plain), "%s", value) > 0;
    while (*p == ' ' || *p == '\t')
      p++;
  }
  if (!have_ext && !have_plain)
    return -1;
  return finish_name(have_ext ? ext : plain, out, size);
}

/* The ASCII letter a Latin letter with marks is written with in the fallback name; 0 for a
 * combining mark (dropped), '_' for what has none. */
static char ascii_of(unsigned long cp)
{
  static const char latin1[] = "AAAAAA_CEEEEIIIIDNOOOOO_OUUUUY__aaaaaa_ceeeeiiiidnooooo_ouuuuy_y";
  static const char vietnamese[] = "AAAAAAAAAAAAAAAAAAAAAAAAEEEEEEEEEEEEEEEEIIIIOOOOOOOOOOOOOOOO"
                                   "OOOOOOOOUUUUUUUUUUUUUUYYYYYYYY";
  char c = '_';
  if (cp >= 0xC0 && cp <= 0xFF)
    return latin1[cp - 0xC0];
  if (cp >= 0x300 && cp <= 0x36F)
    return 0;
  if (cp >= 0x1EA0 && cp <= 0x1EF9)
    c = vietnamese[cp - 0x1EA0];
  else if (cp == 0x102 || cp == 0x103)
    c = 'A';
  else if (cp == 0x110 || cp == 0x111)
    c = 'D';
  else if (cp == 0x128 || cp == 0x129)
    c = 'I';
  else if (cp == 0x168 || cp == 0x169 || cp == 0x1AF || cp == 0x1B0)
    c = 'U';
  else if (cp == 0x1A0 || cp == 0x1A1)
    c = 'O';
  else
    return '_';
  /* in these blocks capitals are at even code points, small letters at odd ones; Ư (U+01AF)
   * and ư (U+01B0) the other way round */
  return (char)(((cp & 1) && cp != 0x1AF) || cp == 0x1B0 ? c - 'A' + 'a' : c);
}

/* The code point of the UTF-8 sequence at s (valid: checked on upload) and its length. */
static unsigned long code_point(const unsigned char *s, size_t *len)
{
  if (s[0] < 0x80 || !s[1]) {
    *len = 1;
    return s[0];
  }
  if (s[0] < 0xE0) {
    *len = 2;
    return (unsigned long)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
  }
  if (s[0] < 0xF0 || !s[2]) {
    *len = s[2] ? 3 : 2;
    return (unsigned long)(s[0] & 0x0F) << 12 | (unsigned long)(s[1] & 0x3F) << 6 |
           (s[2] & 0x3F);
  }
  *len = s[3] ? 4 : 3;
  return 0x10000;
}

int edx_file_disposition(const char *name, char *out, size_t size)
{
  static const char hex[] = "0123456789ABCDEF";
  size_t n = 0;
  int written = snprintf(out, size, "attachment; filename=\"");
  if (written < 0 || (size_t)written >= size)
    return -1;
  n = (size_t)written;
  for (const unsigned char *s = (const unsigned char *)name; *s;) {
    size_t len;
    unsigned long cp = code_point(s, &len);
    char c = cp < 0x80 ? (strchr("._-() ", (int)cp) || (cp >= '0' && cp <= '9') ||
                          (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ? (char)cp : '_')
                       : ascii_of(cp);
    s += len;
    if (c && n + 1 < size)
      out[n++] = c;
  }
  written = n < size ? snprintf(out + n, size - n, "\"; filename*=UTF-8''") : -1;
  if (written < 0 || (size_t)written >= size - n)
    return -1;
  n += (size_t)written;
  for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
    int plain = (*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
                (*s >= 'A' && *s <= 'Z') || strchr("!#$&+-.^_`|~", *s);
    if (n + (plain ? 1 : 3) >= size)
      return -1;
    if (plain) {
      out[n++] = (char)*s;
    } else {
      out[n++] = '%';
      out[n++] = hex[*s >> 4];
      out[n++] = hex[*s & 15];
    }
  }
  out[n] = '\0';
  return 0;
}

int edx_evidence_files_ok(const json_t *files)
{
  size_t i, j;
  json_t *id;
  if (json_is_null(files))
    return 1;
  if (!json_is_array(files) || json_array_size(files) > EDX_EVIDENCE_FILES_MAX)
    return 0;
  json_array_foreach(files, i, id) {
    if (!json_is_string(id) || !edx_is_uuid(json_string_value(id)))
      return 0;
    for (j = 0; j < i; j++)
      if (strcmp(json_string_value(json_array_get(files, j)), json_string_value(id)) == 0)
        return 0;
  }
  return 1;
}
