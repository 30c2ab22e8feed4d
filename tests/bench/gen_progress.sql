-- gen_progress.sql — data for the progress benchmark (progress.sh), loaded straight with SQL into
-- a migrated, empty edudx database: :districts districts (codes B0001…, ten to a province), each
-- with :schools schools spread over the four levels and 15 communes ("Xã Số 1"…), one 2024 plan
-- per district with a target for each of the 23 seeded indicators (comparators and targets of
-- ../shared/domain/plan-2024.json), every applicable school_report indicator reported by every
-- active school (one school in 50 is inactive and reports nothing), the office_report
-- indicators of every district office, a history row for each value, then ANALYZE.
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

COMMIT;
ANALYZE;
