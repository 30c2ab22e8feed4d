/* test_roles.c — what each role may do, by scope. */
#include <check.h>
#include <string.h>
#include "src/rules/roles.h"

Suite *roles_suite(void);

static const char *A = "aaaaaaaa-0000-0000-0000-000000000000";
static const char *B = "bbbbbbbb-0000-0000-0000-000000000000";

static edx_caller caller(edx_role role, const char *district)
{
  edx_caller c;
  memset(&c, 0, sizeof(c));
  c.role = role;
  if (district)
    strcpy(c.district_id, district);
  return c;
}

START_TEST(names_round_trip)
{
  edx_role r;
  ck_assert_int_eq(edx_role_parse("reader", &r), 0);
  ck_assert_int_eq(r, EDX_ROLE_READER);
  ck_assert_str_eq(edx_role_name(EDX_ROLE_SCHOOL), "school");
  ck_assert_int_eq(edx_role_parse("root", &r), -1);
  ck_assert_int_eq(edx_role_parse(NULL, &r), -1);
}
END_TEST

START_TEST(scope_of_reading)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller reader_all = caller(EDX_ROLE_READER, NULL), reader_a = caller(EDX_ROLE_READER, A);
  edx_caller school = caller(EDX_ROLE_SCHOOL, A);
  ck_assert(edx_caller_sees_district(&admin, B));
  ck_assert(edx_caller_sees_district(&reader_all, B));
  ck_assert(edx_caller_sees_district(&reader_a, A));
  ck_assert(!edx_caller_sees_district(&reader_a, B));
  ck_assert(edx_caller_sees_district(&office, A));
  ck_assert(!edx_caller_sees_district(&office, B));
  ck_assert(edx_caller_sees_district(&school, A));
  ck_assert(!edx_caller_sees_district(&school, B));
  ck_assert(edx_caller_sees_school(&reader_a, A, "s1"));
  ck_assert(!edx_caller_sees_school(&reader_a, B, "s1"));
  strcpy(school.school_id, "s1");
  ck_assert(edx_caller_sees_school(&school, A, "s1"));
  ck_assert(!edx_caller_sees_school(&school, A, "s2"));
  ck_assert(!edx_caller_sees_school(&school, A, NULL)); /* the office's own data */
  ck_assert(edx_caller_unscoped(&reader_all));
  ck_assert(!edx_caller_unscoped(&office));
}
END_TEST

START_TEST(a_province_reader_sees_its_provinces_districts)
{
  edx_caller province = caller(EDX_ROLE_READER, NULL), admin = caller(EDX_ROLE_ADMIN, NULL);
  edx_caller office = caller(EDX_ROLE_DISTRICT, A);
  json_t *errors = json_array();
  strcpy(province.province_code, "44");
  province.province_districts = 1;
  strcpy(province.province_district[0], A);
  ck_assert(!edx_caller_unscoped(&province));
  ck_assert(edx_caller_sees_district(&province, A));
  ck_assert(!edx_caller_sees_district(&province, B));
  ck_assert(!edx_caller_sees_district(&province, NULL));
  ck_assert_ptr_null(edx_caller_district_scope(&province));
  ck_assert_str_eq(edx_caller_province_scope(&province), "44");
  ck_assert_ptr_null(edx_caller_province_scope(&office));
  ck_assert(edx_caller_read_only(&province));
  /* only admins mint province readers; a province is a reader's, instead of a district */
  ck_assert(edx_may_mint_token(&admin, EDX_ROLE_READER, "", 1));
  ck_assert(!edx_may_mint_token(&office, EDX_ROLE_READER, A, 1));
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_READER, NULL, NULL, "44", errors), 0);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_READER, A, NULL, "44", errors), 1);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_DISTRICT, A, NULL, "44", errors), 1);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_ADMIN, NULL, NULL, "44", errors), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")),
                   "province_code");
  json_decref(errors);
}
END_TEST

START_TEST(changing_districts_and_minting)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller reader = caller(EDX_ROLE_READER, A), school = caller(EDX_ROLE_SCHOOL, A);
  ck_assert(edx_may_manage_districts(&admin));
  ck_assert(!edx_may_manage_districts(&office));
  ck_assert(edx_may_patch_district(&office, A, 0));
  ck_assert(!edx_may_patch_district(&office, A, 1));
  ck_assert(!edx_may_patch_district(&office, B, 0));
  ck_assert(edx_may_patch_district(&admin, B, 1));
  ck_assert(!edx_may_patch_district(&reader, A, 0));
  ck_assert(edx_may_mint_token(&admin, EDX_ROLE_ADMIN, "", 0));
  ck_assert(edx_may_mint_token(&office, EDX_ROLE_SCHOOL, A, 0));
  ck_assert(edx_may_mint_token(&office, EDX_ROLE_READER, A, 0));
  ck_assert(!edx_may_mint_token(&office, EDX_ROLE_READER, B, 0));
  ck_assert(!edx_may_mint_token(&office, EDX_ROLE_READER, "", 0));
  ck_assert(!edx_may_mint_token(&office, EDX_ROLE_DISTRICT, A, 0));
  ck_assert(!edx_may_mint_token(&office, EDX_ROLE_ADMIN, "", 0));
  ck_assert(!edx_may_mint_token(&school, EDX_ROLE_READER, A, 0));
  ck_assert(!edx_may_mint_token(&reader, EDX_ROLE_READER, A, 0));
  ck_assert(edx_may_administer(&office));
  ck_assert(!edx_may_administer(&reader));
  ck_assert(!edx_may_administer(&school));
}
END_TEST

START_TEST(list_scopes_and_the_office)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller reader_all = caller(EDX_ROLE_READER, NULL), reader_a = caller(EDX_ROLE_READER, A);
  edx_caller school = caller(EDX_ROLE_SCHOOL, A);
  strcpy(school.school_id, "s1");
  ck_assert_ptr_null(edx_caller_district_scope(&admin));
  ck_assert_ptr_null(edx_caller_district_scope(&reader_all));
  ck_assert_str_eq(edx_caller_district_scope(&reader_a), A);
  ck_assert_str_eq(edx_caller_district_scope(&school), A);
  ck_assert_ptr_null(edx_caller_school_scope(&office));
  ck_assert_str_eq(edx_caller_school_scope(&school), "s1");
  /* only a district token is an office: the default district of its bodies */
  ck_assert_str_eq(edx_caller_office_district(&office), A);
  ck_assert_ptr_null(edx_caller_office_district(&admin));
  ck_assert_ptr_null(edx_caller_office_district(&reader_a));
  ck_assert_ptr_null(edx_caller_office_district(&school));
  /* procedures, dossiers and overviews: every token but a school's */
  ck_assert(edx_caller_sees_office(&reader_a));
  ck_assert(edx_caller_sees_office(&office));
  ck_assert(!edx_caller_sees_office(&school));
}
END_TEST

START_TEST(tokens_catalogue_and_read_only)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller reader = caller(EDX_ROLE_READER, A), school = caller(EDX_ROLE_SCHOOL, A);
  strcpy(reader.token_id, "t-reader");
  ck_assert(edx_may_see_token(&admin, "t-other", B));
  ck_assert(edx_may_see_token(&office, "t-other", A));
  ck_assert(!edx_may_see_token(&office, "t-other", B));
  ck_assert(!edx_may_see_token(&office, "t-admin", NULL));
  ck_assert(edx_may_see_token(&reader, "t-reader", A)); /* its own */
  ck_assert(!edx_may_see_token(&reader, "t-other", A));
  ck_assert(edx_may_manage_catalogue(&admin));
  ck_assert(!edx_may_manage_catalogue(&office));
  ck_assert(edx_caller_read_only(&reader));
  ck_assert(!edx_caller_read_only(&school));
  ck_assert(edx_may_manage_some_district(&admin));
  ck_assert(edx_may_manage_some_district(&office));
  ck_assert(!edx_may_manage_some_district(&reader));
  ck_assert(!edx_may_manage_some_district(&school));
}
END_TEST

START_TEST(a_token_scope_fits_its_role)
{
  json_t *errors = json_array();
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_ADMIN, NULL, NULL, NULL, errors), 0);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_READER, NULL, NULL, NULL, errors), 0);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_READER, A, NULL, NULL, errors), 0);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_DISTRICT, A, NULL, NULL, errors), 0);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_SCHOOL, NULL, "s1", NULL, errors), 0);
  ck_assert_uint_eq(json_array_size(errors), 0);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_ADMIN, A, NULL, NULL, errors), 1);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_DISTRICT, NULL, "s1", NULL, errors), 2);
  ck_assert_int_eq(edx_token_scope_problems(EDX_ROLE_SCHOOL, A, NULL, NULL, errors), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "field")),
                   "district_id"); /* required for a district token */
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 2), "field")),
                   "school_id");   /* only a school token has one */
  json_decref(errors);
}
END_TEST

START_TEST(managing_and_acting_for_schools)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller reader = caller(EDX_ROLE_READER, A), school = caller(EDX_ROLE_SCHOOL, A);
  strcpy(school.school_id, "s1");
  ck_assert(edx_may_manage_district(&admin, B));
  ck_assert(edx_may_manage_district(&office, A));
  ck_assert(!edx_may_manage_district(&office, B));
  ck_assert(!edx_may_manage_district(&office, NULL));
  ck_assert(!edx_may_manage_district(&reader, A));
  ck_assert(!edx_may_manage_district(&school, A));
  ck_assert(edx_may_act_for_school(&office, A, "s1"));
  ck_assert(edx_may_act_for_school(&office, A, NULL)); /* the office's own report */
  ck_assert(!edx_may_act_for_school(&office, B, "s9"));
  ck_assert(edx_may_act_for_school(&school, A, "s1"));
  ck_assert(!edx_may_act_for_school(&school, A, "s2"));
  ck_assert(!edx_may_act_for_school(&school, A, NULL));
  ck_assert(!edx_may_act_for_school(&reader, A, "s1"));
}
END_TEST

START_TEST(patching_a_school)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller reader = caller(EDX_ROLE_READER, A), school = caller(EDX_ROLE_SCHOOL, A);
  const char *contacts[] = {"phone", "email", "website", "address", "principal", NULL};
  const char *more[] = {"phone", "name", "level", NULL};
  json_t *errors = json_array();
  ck_assert_int_eq(edx_may_patch_school(&school, A, 0, contacts, errors), EDX_SCHOOL_PATCH_OK);
  ck_assert_uint_eq(json_array_size(errors), 0);
  ck_assert_int_eq(edx_may_patch_school(&school, A, 0, more, errors),
                   EDX_SCHOOL_PATCH_CONTACTS_ONLY);
  ck_assert_uint_eq(json_array_size(errors), 2); /* name and level, each named */
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "field")), "name");
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "field")), "level");
  ck_assert_int_eq(edx_may_patch_school(&office, A, 0, more, errors), EDX_SCHOOL_PATCH_OK);
  ck_assert_int_eq(edx_may_patch_school(&office, A, 1, more, errors), EDX_SCHOOL_PATCH_NO_MOVE);
  ck_assert_int_eq(edx_may_patch_school(&office, B, 0, more, errors),
                   EDX_SCHOOL_PATCH_FORBIDDEN);
  ck_assert_int_eq(edx_may_patch_school(&office, B, 1, more, errors), EDX_SCHOOL_PATCH_NO_MOVE);
  ck_assert_int_eq(edx_may_patch_school(&reader, A, 0, contacts, errors),
                   EDX_SCHOOL_PATCH_FORBIDDEN);
  ck_assert_int_eq(edx_may_patch_school(&admin, B, 1, more, errors), EDX_SCHOOL_PATCH_OK);
  ck_assert_uint_eq(json_array_size(errors), 2); /* only school tokens add problems */
  json_decref(errors);
}
END_TEST

START_TEST(revoking_follows_minting)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller school = caller(EDX_ROLE_SCHOOL, A);
  strcpy(office.token_id, "office-1");
  strcpy(school.token_id, "school-1");
  ck_assert(edx_may_revoke_token(&office, "t2", "school", A));
  ck_assert(edx_may_revoke_token(&office, "t3", "reader", A));
  ck_assert(!edx_may_revoke_token(&office, "office-2", "district", A)); /* a peer: admin's */
  ck_assert(edx_may_revoke_token(&office, "office-1", "district", A));  /* itself */
  ck_assert(!edx_may_revoke_token(&office, "t4", "school", B));
  ck_assert(!edx_may_revoke_token(&office, "t5", "admin", NULL));
  ck_assert(edx_may_revoke_token(&admin, "office-2", "district", A));
  ck_assert(edx_may_revoke_token(&school, "school-1", "school", A));
  ck_assert(!edx_may_revoke_token(&school, "t2", "school", A));
}
END_TEST

/* Evidence files: attached to nothing, only the uploading token (and admins); attached, whoever
 * reads what it is attached to. */
START_TEST(reading_a_file)
{
  const char *S = "cccccccc-0000-0000-0000-000000000000", *S2 = "dddddddd-0000-0000-0000-000000000000";
  const char *T = "eeeeeeee-0000-0000-0000-000000000000";
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), uploader = caller(EDX_ROLE_DISTRICT, A);
  edx_caller colleague = caller(EDX_ROLE_DISTRICT, A), other = caller(EDX_ROLE_DISTRICT, B);
  edx_caller reader_all = caller(EDX_ROLE_READER, NULL), school = caller(EDX_ROLE_SCHOOL, A);
  edx_caller school2 = caller(EDX_ROLE_SCHOOL, A);
  strcpy(uploader.token_id, T);
  strcpy(school.school_id, S);
  strcpy(school2.school_id, S2);
  /* attached to nothing */
  ck_assert(edx_may_read_file(&uploader, A, T, 0, NULL));
  ck_assert(edx_may_read_file(&admin, A, T, 0, NULL));
  ck_assert(!edx_may_read_file(&colleague, A, T, 0, NULL));
  ck_assert(!edx_may_read_file(&reader_all, A, T, 0, NULL));
  ck_assert(!edx_may_read_file(&uploader, A, NULL, 0, NULL));
  ck_assert(!edx_may_read_file(&colleague, A, "", 0, NULL)); /* "" is no token's id */
  /* attached to the office's data */
  ck_assert(edx_may_read_file(&colleague, A, T, 1, NULL));
  ck_assert(edx_may_read_file(&reader_all, A, T, 1, NULL));
  ck_assert(!edx_may_read_file(&other, A, T, 1, NULL));
  ck_assert(!edx_may_read_file(&school, A, T, 1, NULL));
  /* attached to a school's */
  ck_assert(edx_may_read_file(&school, A, T, 1, S));
  ck_assert(!edx_may_read_file(&school2, A, T, 1, S));
  ck_assert(edx_may_read_file(&colleague, A, T, 1, S));
  ck_assert(!edx_may_read_file(&other, A, T, 1, S));
  /* an admin's file (no district), attached: unscoped readers */
  ck_assert(edx_may_read_file(&reader_all, NULL, T, 1, NULL));
  ck_assert(!edx_may_read_file(&colleague, NULL, T, 1, NULL));
}
END_TEST

/* Every cell of the period reports' permissions: submit (admin, the district's own), review
 * (admin, the district's province's reader), read (all but schools), summary (admin, unscoped
 * and the province's readers), deadlines (admin). */
START_TEST(period_reports)
{
  edx_caller admin = caller(EDX_ROLE_ADMIN, NULL), office = caller(EDX_ROLE_DISTRICT, A);
  edx_caller other_office = caller(EDX_ROLE_DISTRICT, B), school = caller(EDX_ROLE_SCHOOL, A);
  edx_caller reader_all = caller(EDX_ROLE_READER, NULL), reader_a = caller(EDX_ROLE_READER, A);
  edx_caller province = caller(EDX_ROLE_READER, NULL), other_province = caller(EDX_ROLE_READER,
                                                                               NULL);
  strcpy(province.province_code, "44");
  strcpy(other_province.province_code, "45");
  ck_assert(edx_may_submit_report(&admin, A));
  ck_assert(edx_may_submit_report(&office, A));
  ck_assert(!edx_may_submit_report(&other_office, A));
  ck_assert(!edx_may_submit_report(&school, A));
  ck_assert(!edx_may_submit_report(&reader_a, A));
  ck_assert(!edx_may_submit_report(&province, A));

  ck_assert(edx_may_review_report(&admin, "44"));
  ck_assert(edx_may_review_report(&admin, NULL));
  ck_assert(edx_may_review_report(&province, "44"));
  ck_assert(!edx_may_review_report(&province, NULL));
  ck_assert(!edx_may_review_report(&other_province, "44"));
  ck_assert(!edx_may_review_report(&reader_all, "44"));
  ck_assert(!edx_may_review_report(&reader_a, "44"));
  ck_assert(!edx_may_review_report(&office, "44"));
  ck_assert(!edx_may_review_report(&school, "44"));

  ck_assert(edx_may_read_reports(&admin));
  ck_assert(edx_may_read_reports(&office));
  ck_assert(edx_may_read_reports(&reader_a));
  ck_assert(edx_may_read_reports(&province));
  ck_assert(!edx_may_read_reports(&school));

  ck_assert(edx_may_read_report_summary(&admin, "44"));
  ck_assert(edx_may_read_report_summary(&reader_all, "44"));
  ck_assert(edx_may_read_report_summary(&province, "44"));
  ck_assert(!edx_may_read_report_summary(&province, "45"));
  ck_assert(!edx_may_read_report_summary(&reader_a, "44"));
  ck_assert(!edx_may_read_report_summary(&office, "44"));
  ck_assert(!edx_may_read_report_summary(&school, "44"));

  ck_assert(edx_may_set_report_deadlines(&admin));
  ck_assert(!edx_may_set_report_deadlines(&office));
  ck_assert(!edx_may_set_report_deadlines(&province));
  ck_assert(!edx_may_set_report_deadlines(&reader_all));
}
END_TEST

Suite *roles_suite(void)
{
  Suite *s = suite_create("roles");
  TCase *tc = tcase_create("rules");
  tcase_add_test(tc, names_round_trip);
  tcase_add_test(tc, revoking_follows_minting);
  tcase_add_test(tc, scope_of_reading);
  tcase_add_test(tc, a_province_reader_sees_its_provinces_districts);
  tcase_add_test(tc, changing_districts_and_minting);
  tcase_add_test(tc, list_scopes_and_the_office);
  tcase_add_test(tc, tokens_catalogue_and_read_only);
  tcase_add_test(tc, a_token_scope_fits_its_role);
  tcase_add_test(tc, managing_and_acting_for_schools);
  tcase_add_test(tc, patching_a_school);
  tcase_add_test(tc, reading_a_file);
  tcase_add_test(tc, period_reports);
  suite_add_tcase(s, tc);
  return s;
}
