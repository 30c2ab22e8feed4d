-- gen_progress.sql — data for the progress benchmark (progress.sh), loaded straight with SQL into
-- a migrated, empty edudx database: :districts districts (codes B0001…, ten to a province), each
-- with :schools schools spread over the four levels and 15 communes ("Xã Số 1"…), one 2024 plan
-- per district with a target for each of the 23 seeded indicators (comparators and targets of
-- ../shared/domain/plan-2024.json), every applicable school_report indicator reported by every
-- active school (one school in 50 is inactive and reports nothing), the office_report
-- indicators of every district office, a history row for each value, a 4725 self-assessment by
-- every active general-education school, 31 procedures and 100 dossiers per district office,
-- then VACUUM ANALYZE: every one of the 23 indicators has data.
-- Values are pseudo-random but deterministic (hashes of the codes, not random()): a boolean for
-- aggregation share (about 85 % true), a percent with 2 decimals for each_school and mean, and
-- numerator <= denominator for ratio_of_sums (the school's teachers or satellite sites).
-- Usage: psql -X -q -v ON_ERROR_STOP=1 -v districts=703 -v schools=64 -f gen_progress.sql
\set ON_ERROR_STOP on
BEGIN;

-- u(key): a uniform number in [0, 1) derived from key.
CREATE FUNCTION pg_temp.u(key text) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$ SELECT (hashtext(key)::bigint + 2147483648) / 4294967296.0 $$;

INSERT INTO districts (code, name, province, office_name)
SELECT 'B' || lpad(d::text, 4, '0'), 'Huyện Số ' || d, 'Tỉnh Số ' || (1 + (d - 1) / 10),
       'Phòng Giáo dục và Đào tạo Huyện Số ' || d
FROM generate_series(1, :districts) d;

-- Levels in the proportions of a rural district: 35 % preschool, 35 % primary, 20 % lower
-- secondary, 10 % combined primary and lower secondary.
INSERT INTO schools (district_id, code, name, level, commune, address, phone, email, principal,
                     students, teachers, satellite_sites, active)
SELECT d.id, d.code || '-' || lpad(i::text, 3, '0'), l.prefix || ' Số ' || i || ' ' || d.name,
       l.level, 'Xã Số ' || (1 + (i - 1) % 15), 'Thôn ' || (1 + i % 9), '0232 3681 234',
       lower(d.code) || '-' || i || '@example.edu.vn', 'Nguyễn Văn An',
       120 + (pg_temp.u(d.code || i || 's') * 900)::int,
       8 + (pg_temp.u(d.code || i || 't') * 45)::int,
       (pg_temp.u(d.code || i || 'p') * 5)::int, i % 50 <> 0
FROM districts d CROSS JOIN generate_series(1, :schools) i
CROSS JOIN LATERAL (SELECT CASE WHEN (i - 1) % 20 < 7 THEN 'preschool'
                                WHEN (i - 1) % 20 < 14 THEN 'primary'
                                WHEN (i - 1) % 20 < 18 THEN 'lower_secondary'
                                ELSE 'primary_lower_secondary' END AS level) lv
JOIN (VALUES ('preschool', 'Trường Mầm non'), ('primary', 'Trường Tiểu học'),
             ('lower_secondary', 'Trường THCS'),
             ('primary_lower_secondary', 'Trường TH&THCS')) l (level, prefix)
  ON l.level = lv.level;

INSERT INTO plans (district_id, year, title, document_ref)
SELECT id, 2024, 'Kế hoạch chuyển đổi số ngành GDĐT ' || name || ' năm 2024',
       'KH-CDS-' || code || '-2024'
FROM districts;

INSERT INTO plan_targets (plan_id, indicator_code, position, comparator, target)
SELECT p.id, t.code, t.position, t.comparator, t.target
FROM plans p CROSS JOIN (VALUES
  (1, 'PROC_ONLINE_PROVISION', '>=', 100), (2, 'DOSSIER_ONLINE_RATE', '>=', 70),
  (3, 'ONLINE_PAYMENT_RATE', '>=', 50), (4, 'DOSSIER_DIGITIZATION_RATE', '>=', 100),
  (5, 'OFFICE_DOCS_ONLINE', '>=', 98), (6, 'SCHOOL_DOCS_ONLINE', '>=', 90),
  (7, 'SECTOR_DB_USE', '>=', 100), (8, 'DIGITAL_INSPECTION_RATE', '>', 40),
  (9, 'DT_SELF_ASSESSED', '>=', 100), (10, 'DT_LEVEL2_RECOGNIZED', '>=', 90),
  (11, 'PORTAL_COMPLIANT', '>=', 100), (12, 'QUESTION_BANK_USE', '>=', 100),
  (13, 'ONLINE_CURRICULUM_SHARE_PRIMARY', '>=', 4),
  (14, 'ONLINE_CURRICULUM_SHARE_SECONDARY', '>=', 7), (15, 'E_RECORDS_USE', '>=', 100),
  (16, 'SCHOOL_MGMT_PLATFORM', '>=', 100), (17, 'DIGITAL_SIGNATURE_USE', '>=', 100),
  (18, 'DISTANCE_LEARNING_PLATFORM', '>=', 50), (19, 'CASHLESS_FEES', '>', 50),
  (20, 'BROADBAND_CONNECTED', '>=', 100), (21, 'SATELLITE_SITES_HIGH_SPEED', '>', 70),
  (22, 'DVCTT_SATISFACTION', '>', 95), (23, 'TEACHER_TRAINING_ACCOUNTS', '>=', 100))
  t (position, code, comparator, target)
WHERE p.year = 2024;

-- One value per active school and applicable indicator; u is the row's random draw.
INSERT INTO report_values (district_id, school_id, year, indicator_code, value_bool, value_num,
                           numerator, denominator, set_by_role, set_by_label, set_at)
SELECT s.district_id, s.id, 2024, i.code,
       CASE WHEN i.aggregation = 'share' THEN r.u < 0.85 END,
       CASE WHEN i.code = 'SCHOOL_DOCS_ONLINE' THEN round((60 + 40 * r.u)::numeric, 2)
            WHEN i.aggregation IN ('each_school', 'mean') THEN round((15 * r.u)::numeric, 2) END,
       CASE WHEN i.aggregation = 'ratio_of_sums' THEN floor(r.den * (0.4 + 0.6 * r.u))::int END,
       CASE WHEN i.aggregation = 'ratio_of_sums' THEN r.den END,
       'school', s.code,
       timestamptz '2024-03-01 08:00+07' + pg_temp.u(i.code || s.code) * interval '270 days'
FROM schools s
JOIN indicators i ON i.source = 'school_report' AND s.level = ANY (i.levels)
CROSS JOIN LATERAL (SELECT pg_temp.u(s.code || i.code) AS u,
                           CASE i.code WHEN 'SATELLITE_SITES_HIGH_SPEED' THEN s.satellite_sites
                                       ELSE s.teachers END AS den) r
WHERE s.active;

INSERT INTO report_values (district_id, school_id, year, indicator_code, value_num, set_by_role,
                           set_by_label, set_at)
SELECT d.id, NULL, 2024, i.code, round((30 + 70 * pg_temp.u(d.code || i.code))::numeric, 2),
       'district', d.office_name, timestamptz '2024-11-15 08:00+07'
FROM districts d JOIN indicators i ON i.source = 'office_report';

INSERT INTO report_value_history (district_id, school_id, year, indicator_code, value_bool,
                                  value_num, numerator, denominator, set_by_role, set_by_label,
                                  set_at)
SELECT district_id, school_id, year, indicator_code, value_bool, value_num, numerator,
       denominator, set_by_role, set_by_label, set_at
FROM report_values ORDER BY id;

-- A Decision 4725 self-assessment for 2024 by every active general-education school: 10 % still
-- draft, 15 % submitted, 20 % approved, 10 % externally assessed, 45 % recognized at level 1, 2
-- or 3 (scores are not needed by progress and left empty).
INSERT INTO assessments (school_id, district_id, year, framework_code, framework_version, state,
                         scores, recognized_level)
SELECT s.id, s.district_id, 2024, '4725', 1,
       CASE WHEN r.u < 0.10 THEN 'draft' WHEN r.u < 0.25 THEN 'submitted'
            WHEN r.u < 0.45 THEN 'approved' WHEN r.u < 0.55 THEN 'externally_assessed'
            ELSE 'recognized' END,
       '{}', CASE WHEN r.u >= 0.55 THEN 1 + floor((r.u - 0.55) / 0.45 * 3)::int END
FROM schools s CROSS JOIN LATERAL (SELECT pg_temp.u(s.code || 'dt') AS u) r
WHERE s.active AND s.level <> 'preschool';

-- Each office's 31 procedures in the shape of the procedure catalogue (modes full / partial /
-- none, some with fees, 3–25 working days) and 100 dossiers of 2024 spread over them (70 %
-- online, 1 in 20 still processing, 2 in 3 paid online, ratings on 3 in 7), as
-- gen_dossiers.sql makes them.
INSERT INTO procedures (district_id, code, name, fee, eligible_online, online_mode, statutory_days)
SELECT d.id, '1.' || lpad(k::text, 6, '0'), 'Thủ tục ' || k, k % 5 = 0, k % 9 <> 0,
       CASE WHEN k % 9 = 0 THEN 'none' WHEN k % 3 = 0 THEN 'full' ELSE 'partial' END,
       3 + (k * 7) % 23
FROM districts d, generate_series(1, 31) k;
CREATE TEMP TABLE procedure_ids AS
  SELECT (row_number() OVER (ORDER BY d.code) - 1)::int AS di, d.id AS district_id,
         array_agg(p.id ORDER BY p.code) AS ids
  FROM districts d JOIN procedures p ON p.district_id = d.id GROUP BY d.id, d.code;
INSERT INTO dossiers (district_id, procedure_id, reference, channel, received_at, due_at, status,
                      resolved_at, paid_online, e_receipt, dossier_digitized, result_digitized,
                      satisfaction)
SELECT pi.district_id, pi.ids[1 + (x.h % 31)], 'R' || x.g,
       CASE WHEN x.h % 10 < 7 THEN 'online' ELSE 'in_person' END, x.r, x.r + interval '7 days',
       CASE WHEN x.h % 20 = 0 THEN 'processing' ELSE 'resolved' END,
       CASE WHEN x.h % 20 <> 0 THEN x.r + ((x.h % 9) || ' days')::interval END,
       x.h % 3 <> 0, x.h % 3 <> 0, x.h % 50 <> 0, x.h % 40 <> 0,
       CASE x.h % 7 WHEN 0 THEN 'very_satisfied' WHEN 1 THEN 'satisfied'
                    WHEN 2 THEN 'dissatisfied' END
FROM (SELECT g, (g::bigint * 2654435761) % 1000003 AS h,
             make_timestamptz(2024, 1, 1, 8, 0, 0, 'UTC')
               + ((g::bigint * 7919) % 362) * interval '1 day' AS r,
             ((g - 1) % :districts)::int AS di
      FROM generate_series(1, :districts * 100) g) x
JOIN procedure_ids pi USING (di);

COMMIT;
-- what autovacuum does shortly after such a load: the counts kept on write (migration 0006) were
-- refreshed by each statement above and leave dead rows behind
VACUUM ANALYZE;
