-- 0023_dt_items.sql — Decision 4725's scored criteria with sub-items (issue 14): T5, T6, T7, M3
-- and M4 get their items (sub-criteria with their own maximum, answered one by one; the
-- criterion's points are their sum), as ../shared/domain/dt-framework-4725.json lists them: T5
-- 15 + 5, T6 7 + 7 + 6, T7 8 + 7 + 5 (T7.2 is the Informatics (Tin học) equipment), M3 the usage
-- regulation and seven modules (60), M4 8 + 12 + 10. Every one of these maxima comes from the
-- third-party list S7 only (low confidence, see the .md): they are provisional like the rest of
-- the framework and corrected with PUT /v1/frameworks/4725. T3's sub-items were criteria of their
-- own (T3.1 to T3.5) from version 1 on and stay so: turning them into items would change what
-- the schools already answer. Versions are never edited: a new version of the latest 4725 has the
-- items, scoring as that one did (a criterion may still be answered as a whole); a criterion gets
-- its items only where its maximum is still their sum. Assessments made with an earlier version
-- keep it, and their result.
WITH sub (criterion, items) AS (VALUES
  ('T5', '[{"code": "T5.1", "title_vi": "Tổ chức kiểm tra trên phòng máy tính (bằng phần mềm)", "title_en": "Tests run in the computer room with testing software", "max_points": 15}, {"code": "T5.2", "title_vi": "Phần mềm kiểm tra trao đổi kết quả với hệ thống quản trị nhà trường", "title_en": "Testing software exchanges results with the school management system", "max_points": 5}]'::jsonb),
  ('T6', '[{"code": "T6.1", "title_vi": "Tỉ lệ giáo viên có tài khoản bồi dưỡng trực tuyến", "title_en": "Share of teachers with an online professional-development account", "max_points": 7}, {"code": "T6.2", "title_vi": "Tỉ lệ giáo viên khai thác phần mềm, thiết bị để đổi mới phương pháp dạy học", "title_en": "Share of teachers using software/devices to renew teaching methods", "max_points": 7}, {"code": "T6.3", "title_vi": "Tỉ lệ giáo viên xây dựng được học liệu số", "title_en": "Share of teachers who produce digital learning materials", "max_points": 6}]'::jsonb),
  ('T7', '[{"code": "T7.1", "title_vi": "Tỉ lệ phòng học có thiết bị trình chiếu và kết nối Internet", "title_en": "Share of classrooms with a projector/display and Internet", "max_points": 8}, {"code": "T7.2", "title_vi": "Mức độ đáp ứng yêu cầu dạy môn Tin học", "title_en": "Readiness to teach the Informatics subject (computer rooms)", "max_points": 7}, {"code": "T7.3", "title_vi": "Có phòng studio xây dựng học liệu số", "title_en": "Has a studio for producing digital learning materials", "max_points": 5}]'::jsonb),
  ('M3', '[{"code": "M3.1", "title_vi": "Có quy chế sử dụng hệ thống quản trị nhà trường", "title_en": "Regulation on using the school management system", "max_points": 6}, {"code": "M3.2", "title_vi": "Phân hệ quản lý học sinh", "title_en": "Student management module", "max_points": 6}, {"code": "M3.3", "title_vi": "Sổ điểm điện tử, học bạ điện tử", "title_en": "Electronic gradebook and electronic school record (học bạ)", "max_points": 10}, {"code": "M3.4", "title_vi": "Phân hệ quản lý đội ngũ", "title_en": "Staff management module", "max_points": 6}, {"code": "M3.5", "title_vi": "Phân hệ quản lý cơ sở vật chất", "title_en": "Facilities management module", "max_points": 10}, {"code": "M3.6", "title_vi": "Phân hệ quản lý thông tin y tế trường học", "title_en": "School health information module", "max_points": 10}, {"code": "M3.7", "title_vi": "Phân hệ quản lý kế toán", "title_en": "Accounting module", "max_points": 6}, {"code": "M3.8", "title_vi": "Trao đổi dữ liệu định kỳ với cơ sở dữ liệu ngành", "title_en": "Periodic data exchange with the sector (MOET) database", "max_points": 6}]'::jsonb),
  ('M4', '[{"code": "M4.1", "title_vi": "Ứng dụng kết nối gia đình và nhà trường", "title_en": "Family-school connection app", "max_points": 8}, {"code": "M4.2", "title_vi": "Tuyển sinh đầu cấp trực tuyến", "title_en": "Online enrolment at entry grades", "max_points": 12}, {"code": "M4.3", "title_vi": "Thu phí dịch vụ giáo dục không dùng tiền mặt", "title_en": "Cashless collection of education fees", "max_points": 10}]'::jsonb)),
latest AS (
  SELECT f.* FROM frameworks f
  WHERE f.code = '4725' AND f.version = (SELECT max(version) FROM frameworks WHERE code = '4725')
    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(f.definition -> 'groups') g,
                      jsonb_array_elements(g -> 'criteria') c WHERE c ? 'items')
)
INSERT INTO frameworks (code, version, title_vi, title_en, provisional, definition)
SELECT l.code, l.version + 1, l.title_vi, l.title_en, l.provisional,
  jsonb_set(l.definition, '{groups}', (
    SELECT jsonb_agg(g || jsonb_build_object('criteria', (
             SELECT jsonb_agg(CASE WHEN (c ->> 'max_points')::numeric
                                        = (SELECT sum((i ->> 'max_points')::numeric)
                                           FROM jsonb_array_elements(s.items) i)
                                   THEN c || jsonb_build_object('items', s.items) ELSE c END
                              ORDER BY ci)
             FROM jsonb_array_elements(g -> 'criteria') WITH ORDINALITY AS cs (c, ci)
             LEFT JOIN sub s ON s.criterion = c ->> 'code'))
           ORDER BY gi)
    FROM jsonb_array_elements(l.definition -> 'groups') WITH ORDINALITY AS gs (g, gi)))
FROM latest l;
