/* test_file_rules.c — evidence files: the types taken, the magic each must have (a PNG is not a
 * PDF; DOCX, XLSX, ODT, ODS told apart by their ZIP entries), the names Content-Disposition gives
 * and the Content-Disposition of a download. */
#include <check.h>
#include <string.h>
#include "src/rules/file_rules.h"

Suite *file_rules_suite(void);

/* A ZIP of stored entries names[i] holding texts[i] (CRCs left 0: not checked) into out; its
 * length. */
static size_t zip_of(unsigned char *out, const char *const *names, const char *const *texts,
                     int n)
{
  size_t at = 0, offsets[8], cd;
  for (int i = 0; i < n; i++) {
    size_t nl = strlen(names[i]), tl = strlen(texts[i]);
    offsets[i] = at;
    memset(out + at, 0, 30);
    memcpy(out + at, "PK\3\4", 4);
    out[at + 18] = (unsigned char)tl;
    out[at + 22] = (unsigned char)tl;
    out[at + 26] = (unsigned char)nl;
    memcpy(out + at + 30, names[i], nl);
    memcpy(out + at + 30 + nl, texts[i], tl);
    at += 30 + nl + tl;
  }
  cd = at;
  for (int i = 0; i < n; i++) {
    size_t nl = strlen(names[i]);
    memset(out + at, 0, 46);
    memcpy(out + at, "PK\1\2", 4);
    out[at + 28] = (unsigned char)nl;
    out[at + 42] = (unsigned char)offsets[i];
    memcpy(out + at + 46, names[i], nl);
    at += 46 + nl;
  }
  memset(out + at, 0, 22);
  memcpy(out + at, "PK\5\6", 4);
  out[at + 8] = out[at + 10] = (unsigned char)n;
  out[at + 12] = (unsigned char)(at - cd);
  out[at + 16] = (unsigned char)cd;
  return at + 22;
}

START_TEST(types_by_content_type)
{
  ck_assert_int_eq(edx_file_type_of("application/pdf"), EDX_FILE_PDF);
  ck_assert_int_eq(edx_file_type_of("Application/PDF; name=x"), EDX_FILE_PDF);
  ck_assert_int_eq(edx_file_type_of("image/png"), EDX_FILE_PNG);
  ck_assert_int_eq(edx_file_type_of("image/jpeg"), EDX_FILE_JPEG);
  ck_assert_int_eq(edx_file_type_of("application/vnd.oasis.opendocument.spreadsheet"),
                   EDX_FILE_ODS);
  ck_assert_int_eq(edx_file_type_of("image/gif"), -1);
  ck_assert_int_eq(edx_file_type_of("application/pdfx"), -1);
  ck_assert_int_eq(edx_file_type_of("application/zip"), -1);
  ck_assert_int_eq(edx_file_type_of(NULL), -1);
}
END_TEST

START_TEST(magic_of_pdf_jpeg_png)
{
  const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  const unsigned char pdf[] = "%PDF-1.4\n%%EOF\n";
  const unsigned char jpeg[] = "\xFF\xD8\xFF\xE0\0\x10JFIF";
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_PNG, png, sizeof(png) - 1), 1);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_PDF, png, sizeof(png) - 1), 0);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_PDF, pdf, sizeof(pdf) - 1), 1);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_PNG, pdf, sizeof(pdf) - 1), 0);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_JPEG, jpeg, sizeof(jpeg) - 1), 1);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_JPEG, pdf, sizeof(pdf) - 1), 0);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_PDF, pdf, 4), 0); /* "%PDF" cut short */
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_PNG, png, 7), 0);
}
END_TEST

START_TEST(magic_of_office_files)
{
  unsigned char zip[1024];
  const char *docx_names[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml"};
  const char *xlsx_names[] = {"[Content_Types].xml", "xl/workbook.xml"};
  const char *ooxml_texts[] = {"<Types/>", "<Relationships/>", "<w:document/>"};
  const char *odt_names[] = {"mimetype", "content.xml"};
  const char *odt_texts[] = {"application/vnd.oasis.opendocument.text", "<office/>"};
  const char *ods_texts[] = {"application/vnd.oasis.opendocument.spreadsheet", "<office/>"};
  const char *bare_names[] = {"word/document.xml"};
  size_t len = zip_of(zip, docx_names, ooxml_texts, 3);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_DOCX, zip, len), 1);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_XLSX, zip, len), 0);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_ODT, zip, len), 0);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_DOCX, zip, len - 1), 0); /* end cut off */
  len = zip_of(zip, xlsx_names, ooxml_texts, 2);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_XLSX, zip, len), 1);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_DOCX, zip, len), 0);
  len = zip_of(zip, bare_names, ooxml_texts, 1); /* no [Content_Types].xml */
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_DOCX, zip, len), 0);
  len = zip_of(zip, odt_names, odt_texts, 2);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_ODT, zip, len), 1);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_ODS, zip, len), 0);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_DOCX, zip, len), 0);
  len = zip_of(zip, odt_names, ods_texts, 2);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_ODS, zip, len), 1);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_ODT, zip, len), 0);
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_ODS, zip, 40), 0); /* text cut short */
  /* found by fuzz_file: a header naming "mimetype" cut off inside the name was read past */
  ck_assert_int_eq(edx_file_magic_matches(EDX_FILE_ODS, zip, 33), 0);
}
END_TEST

static void ck_name(const char *header, const char *want)
{
  char out[512];
  int rc = edx_file_disposition_name(header, out, sizeof(out));
  if (!want) {
    ck_assert_msg(rc == -1, "%s gave %s", header, out);
    return;
  }
  ck_assert_int_eq(rc, 0);
  ck_assert_str_eq(out, want);
}

START_TEST(names_from_content_disposition)
{
  ck_name("attachment; filename=\"report.pdf\"", "report.pdf");
  ck_name("attachment; filename=report.pdf", "report.pdf");
  ck_name("attachment;filename=\"a \\\"b\\\".pdf\"", "a \"b\".pdf");
  /* filename* wins, wherever it stands */
  ck_name("attachment; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20ki%E1%BB%83m%20tra.pdf; "
          "filename=\"Bien ban kiem tra.pdf\"",
          "Biên bản kiểm tra.pdf");
  ck_name("attachment; filename=\"x.pdf\"; filename*=utf-8'vi'%C4%90%C6%B0%E1%BB%9Dng.pdf",
          "Đường.pdf");
  /* raw UTF-8 in a quoted name is taken as it is */
  ck_name("attachment; filename=\"Biên bản.pdf\"", "Biên bản.pdf");
  /* a name, never a path */
  ck_name("attachment; filename=\"../../etc/passwd\"", "passwd");
  ck_name("attachment; filename=\"C:\\\\Users\\\\x\\\\scan.png\"", "scan.png");
  ck_name("attachment; filename=\"dir/\"", NULL);
  ck_name("attachment", NULL);
  ck_name(NULL, NULL);
  ck_name("attachment; filename=\"\"", NULL);
  ck_name("attachment; filename=\"open.pdf", NULL);
  ck_name("attachment; filename*=ISO-8859-1''caf%E9.pdf", NULL);
  ck_name("attachment; filename*=UTF-8''%C3.pdf", NULL);   /* not UTF-8 */
  ck_name("attachment; filename*=UTF-8''a%0Ab.pdf", NULL); /* a control */
  ck_name("attachment; filename*=UTF-8''a%zz.pdf", NULL);
}
END_TEST

START_TEST(disposition_of_a_download)
{
  char out[512];
  ck_assert_int_eq(edx_file_disposition("Biên bản kiểm tra.pdf", out, sizeof(out)), 0);
  ck_assert_str_eq(out, "attachment; filename=\"Bien ban kiem tra.pdf\"; "
                        "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20ki%E1%BB%83m%20tra.pdf");
  ck_assert_int_eq(edx_file_disposition("ĐƯỜNG ư \"x\";.png", out, sizeof(out)), 0);
  ck_assert_str_eq(out, "attachment; filename=\"DUONG u _x__.png\"; "
                        "filename*=UTF-8''%C4%90%C6%AF%E1%BB%9CNG%20%C6%B0%20%22x%22%3B.png");
  ck_assert_int_eq(edx_file_disposition("a.pdf", out, 20), -1);
}
END_TEST

Suite *file_rules_suite(void)
{
  Suite *s = suite_create("file_rules");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, types_by_content_type);
  tcase_add_test(tc, magic_of_pdf_jpeg_png);
  tcase_add_test(tc, magic_of_office_files);
  tcase_add_test(tc, names_from_content_disposition);
  tcase_add_test(tc, disposition_of_a_download);
  suite_add_tcase(s, tc);
  return s;
}
