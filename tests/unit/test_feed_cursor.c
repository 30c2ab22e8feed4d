/* test_feed_cursor.c — change feed cursors: text form both ways, snapshots as PostgreSQL writes
 * them, advancing past a snapshot, and what is not a cursor. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "src/rules/feed_cursor.h"
#include "src/rules/feed_items.h"

Suite *feed_cursor_suite(void);

START_TEST(positions_are_fixed_width_hex)
{
  edx_feed_cursor c = {.xid = 0x2f1, .seq = 42}, back;
  char text[EDX_FEED_CURSOR_LEN];
  edx_feed_cursor_format(&c, text);
  /* 0x2f1 = 753, 42 = 0x2a, each in 16 hex digits */
  ck_assert_str_eq(text, "00000000000002f1000000000000002a");
  ck_assert_int_eq(edx_feed_cursor_parse(text, &back), 0);
  ck_assert_uint_eq(back.xid, 753);
  ck_assert_uint_eq(back.seq, 42);
  ck_assert_int_eq(back.has_snapshot, 0);
  /* later positions sort later as text too */
  edx_feed_cursor later = {.xid = 0x2f1, .seq = 0x100};
  char later_text[EDX_FEED_CURSOR_LEN];
  edx_feed_cursor_format(&later, later_text);
  ck_assert_int_lt(strcmp(text, later_text), 0);
}
END_TEST

START_TEST(an_export_cursor_carries_its_snapshot)
{
  edx_feed_cursor c, back;
  char text[EDX_FEED_CURSOR_LEN], snap[EDX_FEED_SNAPSHOT_LEN];
  /* xmin 750, xmax 760, 752 and 755 still running when the export read */
  ck_assert_int_eq(edx_feed_cursor_from_snapshot("750:760:752,755", &c), 0);
  ck_assert_uint_eq(c.xid, 750);
  ck_assert_uint_eq(c.seq, 0);
  edx_feed_cursor_format(&c, text);
  /* 750 = 0x2ee, 760 = 0x2f8, 752 = 0x2f0, 755 = 0x2f3 */
  ck_assert_str_eq(text, "00000000000002ee0000000000000000.2ee_2f8_2f0_2f3");
  ck_assert_int_eq(edx_feed_cursor_parse(text, &back), 0);
  ck_assert_int_eq(back.has_snapshot, 1);
  ck_assert_uint_eq(back.nxip, 2);
  edx_feed_cursor_snapshot(&back, snap);
  ck_assert_str_eq(snap, "750:760:752,755");
  /* a position before the snapshot's xmax keeps it; one at or past it drops it */
  edx_feed_cursor_advance(&back, 759, 3);
  ck_assert_int_eq(back.has_snapshot, 1);
  edx_feed_cursor_advance(&back, 760, 1);
  ck_assert_int_eq(back.has_snapshot, 0);
  edx_feed_cursor_format(&back, text);
  ck_assert_str_eq(text, "00000000000002f80000000000000001");
  /* nothing running: the snapshot says nothing the position does not */
  ck_assert_int_eq(edx_feed_cursor_from_snapshot("900:900:", &c), 0);
  ck_assert_int_eq(c.has_snapshot, 0);
  ck_assert_uint_eq(c.xid, 900);
  edx_feed_cursor_snapshot(&c, snap);
  ck_assert_str_eq(snap, "");
}
END_TEST

START_TEST(advancing_never_goes_back)
{
  edx_feed_cursor c = {.xid = 10, .seq = 5};
  edx_feed_cursor_advance(&c, 9, 100);
  ck_assert_uint_eq(c.xid, 10);
  ck_assert_uint_eq(c.seq, 5);
  edx_feed_cursor_advance(&c, 10, 4);
  ck_assert_uint_eq(c.seq, 5);
  edx_feed_cursor_advance(&c, 10, 6);
  ck_assert_uint_eq(c.seq, 6);
}
END_TEST

START_TEST(too_many_running_transactions_leave_the_snapshot_out)
{
  char text[2000];
  size_t used = (size_t)snprintf(text, sizeof(text), "100:300:");
  edx_feed_cursor c;
  for (int i = 0; i < EDX_FEED_XIP_MAX + 1; i++)
    used += (size_t)snprintf(text + used, sizeof(text) - used, "%s%d", i ? "," : "", 101 + i);
  ck_assert_int_eq(edx_feed_cursor_from_snapshot(text, &c), 0);
  ck_assert_int_eq(c.has_snapshot, 0);
  ck_assert_uint_eq(c.xid, 100);
}
END_TEST

START_TEST(what_is_not_a_cursor)
{
  static const char *const bad[] = {
    "", "abc", "00000000000002f1000000000000002", /* 31 digits */
    "00000000000002F1000000000000002a",            /* upper case */
    "00000000000002f1000000000000002a0",           /* a digit too many */
    "00000000000002f1000000000000002a.",           /* a dot and nothing */
    "00000000000002f1000000000000002a.2ee",        /* no xmax */
    "00000000000002f1000000000000002a.2f8_2ee",    /* xmax below xmin */
    "00000000000002f1000000000000002a.2ee_2f8_300",/* running after xmax */
    "00000000000002f1000000000000002a.02ee_2f8",   /* leading zero */
    "00000000000002f1000000000000002a.2ee_2f8_",   /* empty running id */
    "00000000000002f1000000000000002a;DROP",
  };
  edx_feed_cursor c;
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    ck_assert_msg(edx_feed_cursor_parse(bad[i], &c) == -1, "%s parsed", bad[i]);
  ck_assert_int_eq(edx_feed_cursor_parse(NULL, &c), -1);
  ck_assert_int_eq(edx_feed_cursor_from_snapshot("750-760", &c), -1);
  ck_assert_int_eq(edx_feed_cursor_from_snapshot("99999999999999999999999:1:", &c), -1);
}
END_TEST

START_TEST(items_are_written_with_their_position_and_data)
{
  edx_text t;
  size_t len;
  const char data[] = "{\"id\" : \"S1\", \"name\" : \"Trường A B\"}";
  edx_feed_item up = {.xid = 753, .seq = 42, .entity = "school", .id = "S1", .district_id = "D1",
                      .changed_at = "2026-12-07T08:00:00.000001Z", .data = data,
                      .data_len = sizeof(data) - 1};
  edx_feed_item gone = {.xid = 753, .seq = 43, .entity = "indicator", .id = "PC\"X",
                        .changed_at = "2026-12-07T08:00:00.000001Z"};
  edx_text_init(&t, 0);
  edx_feed_item_write(&t, &up);
  edx_text_raw(&t, ",");
  edx_feed_item_write(&t, &gone);
  char *text = edx_text_take(&t, &len);
  /* 753 = 0x2f1, 42 = 0x2a, 43 = 0x2b; the data's spaces between tokens go, its text stays */
  ck_assert_str_eq(text, "{\"seq\":\"00000000000002f1000000000000002a\",\"entity\":\"school\","
                         "\"id\":\"S1\",\"op\":\"upsert\",\"district_id\":\"D1\","
                         "\"changed_at\":\"2026-12-07T08:00:00.000001Z\","
                         "\"data\":{\"id\":\"S1\",\"name\":\"Trường A B\"}},"
                         "{\"seq\":\"00000000000002f1000000000000002b\",\"entity\":\"indicator\","
                         "\"id\":\"PC\\\"X\",\"op\":\"delete\",\"district_id\":null,"
                         "\"changed_at\":\"2026-12-07T08:00:00.000001Z\",\"data\":null}");
  ck_assert_uint_eq(len, strlen(text));
  free(text);
}
END_TEST

Suite *feed_cursor_suite(void)
{
  Suite *s = suite_create("feed_cursor");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, positions_are_fixed_width_hex);
  tcase_add_test(tc, an_export_cursor_carries_its_snapshot);
  tcase_add_test(tc, advancing_never_goes_back);
  tcase_add_test(tc, too_many_running_transactions_leave_the_snapshot_out);
  tcase_add_test(tc, what_is_not_a_cursor);
  tcase_add_test(tc, items_are_written_with_their_position_and_data);
  suite_add_tcase(s, tc);
  return s;
}
