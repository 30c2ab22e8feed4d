-- 0003_indicators_plans_reports.sql — the indicator catalogue (seeded with the 23 indicators of
-- ../shared/domain/plan-2024.json, editable through the API afterwards), district plans with
-- their targets, and the values schools and district offices report for a year, with history.

-- Indicators are named by their code, so audit rows name entities by text from now on.
ALTER TABLE audit ALTER COLUMN entity_id TYPE text;

CREATE TABLE indicators (
  code        text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{0,63}$'),
  name_vi     text NOT NULL,
  name_en     text NOT NULL,
  category    text,
  source      text NOT NULL
    CHECK (source IN ('school_report', 'office_report', 'assessments', 'procedures', 'dossiers')),
  value_type  text NOT NULL CHECK (value_type IN ('percent', 'boolean', 'fraction')),
  aggregation text NOT NULL
    CHECK (aggregation IN ('share', 'each_school', 'mean', 'ratio_of_sums', 'office_value',
                           'computed')),
  levels      text[] NOT NULL DEFAULT '{}',
  measure     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- How each plan-2024 indicator is read: boolean school reports -> share of schools; 'per school'
-- percents -> each_school; 'mean' percents -> mean; numerator/denominator reports ->
-- ratio_of_sums; office reports -> office_value; assessments, procedures, dossiers -> computed
-- from those resources by a fixed rule.
INSERT INTO indicators (code, name_vi, name_en, category, source, value_type, aggregation, levels,
                        measure) VALUES
  ('PROC_ONLINE_PROVISION', 'Tỷ lệ TTHC đủ điều kiện được cung cấp dưới hình thức DVCTT', 'Eligible administrative procedures offered as online public services', 'digital_government', 'procedures', 'percent', 'computed', '{}', 'share of active procedures marked eligible for online service whose online_mode is full or partial'),
  ('DOSSIER_ONLINE_RATE', 'Tỷ lệ hồ sơ trực tuyến phát sinh của từng DVCTT', 'Share of dossiers submitted online, for each online public service', 'digital_government', 'dossiers', 'percent', 'computed', '{}', 'for each online procedure: dossiers received online / all dossiers received in the year; the indicator is met only when every online procedure that received dossiers meets the target; the district-wide rate is reported beside it'),
  ('ONLINE_PAYMENT_RATE', 'Tỷ lệ thanh toán trực tuyến so với hồ sơ TTHC có phí, lệ phí', 'Online payments among fee-bearing dossiers', 'digital_government', 'dossiers', 'percent', 'computed', '{}', 'fee-bearing dossiers paid online / fee-bearing dossiers received in the year'),
  ('DOSSIER_DIGITIZATION_RATE', 'Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC', 'Digitisation of dossiers and of their resolution results', 'digital_government', 'dossiers', 'percent', 'computed', '{}', 'dossiers with both the dossier and (once resolved) its result digitised / dossiers received in the year'),
  ('OFFICE_DOCS_ONLINE', 'Tỷ lệ văn bản, hồ sơ công việc xử lý trên môi trường mạng tại cơ quan Phòng GDĐT', 'Documents and work files processed online at the district office (state secrets excluded)', 'digital_government', 'office_report', 'percent', 'office_value', '{}', 'value reported by the district office for the year'),
  ('SCHOOL_DOCS_ONLINE', 'Tỷ lệ văn bản, hồ sơ công việc xử lý trên môi trường mạng tại các trường', 'Documents and work files processed online at schools', 'digital_government', 'school_report', 'percent', 'each_school', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'each school reports its percent; met when every school reaches the target; mean and count of schools meeting are reported beside it'),
  ('SECTOR_DB_USE', 'Tỷ lệ đơn vị triển khai có hiệu quả CSDL ngành', 'Units using the national education-sector database effectively', 'digital_government', 'school_report', 'boolean', 'share', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'share of schools reporting yes'),
  ('DIGITAL_INSPECTION_RATE', 'Tỷ lệ hoạt động kiểm tra thực hiện thông qua môi trường số', 'Inspection activities carried out through digital systems', 'digital_government', 'office_report', 'percent', 'office_value', '{}', 'value reported by the district office for the year'),
  ('DT_SELF_ASSESSED', 'Tỷ lệ trường phổ thông tổ chức tự đánh giá mức độ chuyển đổi số', 'General-education schools that self-assessed their digital-transformation level', 'digital_government', 'assessments', 'percent', 'computed', '{primary,lower_secondary,primary_lower_secondary}', 'share of general-education schools with a submitted (or later) self-assessment in the year''s cycle'),
  ('DT_LEVEL2_RECOGNIZED', 'Tỷ lệ trường được công nhận chuyển đổi số đạt từ Mức 2 trở lên', 'General-education schools recognised at digital-transformation level 2 or above', 'digital_government', 'assessments', 'percent', 'computed', '{primary,lower_secondary,primary_lower_secondary}', 'share of general-education schools whose recognised level in the year''s cycle is 2 or 3'),
  ('PORTAL_COMPLIANT', 'Tỷ lệ Cổng/Trang TTĐT cung cấp thông tin theo NĐ 42/2022 và TT 37/2020', 'Web portals publishing the information required by Decree 42/2022 and Circular 37/2020', 'digital_government', 'school_report', 'boolean', 'share', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'share of schools reporting yes'),
  ('QUESTION_BANK_USE', 'Tỷ lệ trường THCS, TH&THCS sử dụng có hiệu quả phần mềm Quản lý ngân hàng đề', 'Lower-secondary and combined schools using the question-bank software', 'digital_government', 'school_report', 'boolean', 'share', '{lower_secondary,primary_lower_secondary}', 'share of schools reporting yes'),
  ('ONLINE_CURRICULUM_SHARE_PRIMARY', 'Tỷ trọng nội dung chương trình GDPT triển khai trực tuyến, cấp tiểu học', 'Share of the primary curriculum delivered online', 'digital_government', 'school_report', 'percent', 'mean', '{primary,primary_lower_secondary}', 'mean of the percents reported by schools that teach primary grades (primary and TH&THCS schools)'),
  ('ONLINE_CURRICULUM_SHARE_SECONDARY', 'Tỷ trọng nội dung chương trình GDPT triển khai trực tuyến, cấp trung học', 'Share of the secondary curriculum delivered online', 'digital_government', 'school_report', 'percent', 'mean', '{lower_secondary,primary_lower_secondary}', 'mean of the percents reported by schools that teach lower-secondary grades (THCS and TH&THCS schools)'),
  ('E_RECORDS_USE', 'Tỷ lệ trường phổ thông sử dụng hồ sơ điện tử', 'General-education schools using electronic records', 'digital_government', 'school_report', 'boolean', 'share', '{primary,lower_secondary,primary_lower_secondary}', 'share of schools reporting yes'),
  ('SCHOOL_MGMT_PLATFORM', 'Tỷ lệ đơn vị sử dụng nền tảng quản trị nhà trường', 'Units using a school-management platform', 'digital_government', 'school_report', 'boolean', 'share', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'share of schools reporting yes'),
  ('DIGITAL_SIGNATURE_USE', 'Tỷ lệ đơn vị sử dụng chữ ký số', 'Units using digital signatures', 'digital_government', 'school_report', 'boolean', 'share', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'share of schools reporting yes'),
  ('DISTANCE_LEARNING_PLATFORM', 'Tỷ lệ trường học triển khai nền tảng hỗ trợ dạy, học từ xa và chia sẻ tài nguyên', 'Schools running a distance-learning platform that shares teaching resources', 'digital_economy_society', 'school_report', 'boolean', 'share', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'share of schools reporting yes'),
  ('CASHLESS_FEES', 'Tỷ lệ trường học thanh toán học phí, các khoản thu bằng hình thức trực tuyến không dùng tiền mặt', 'Schools collecting tuition and fees online, without cash', 'digital_economy_society', 'school_report', 'boolean', 'share', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'share of schools reporting yes'),
  ('BROADBAND_CONNECTED', 'Tỷ lệ trường học được kết nối Internet băng thông rộng, hạ tầng đáp ứng', 'Schools with broadband Internet and adequate infrastructure', 'digital_economy_society', 'school_report', 'boolean', 'share', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'share of schools reporting yes'),
  ('SATELLITE_SITES_HIGH_SPEED', 'Tỷ lệ điểm trường lẻ được phủ Internet tốc độ cao', 'Satellite school sites covered by high-speed Internet', 'digital_economy_society', 'school_report', 'fraction', 'ratio_of_sums', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'sum over schools of satellite sites covered / sum of satellite sites (each school reports numerator and denominator)'),
  ('DVCTT_SATISFACTION', 'Tỷ lệ tổ chức, cá nhân hài lòng về chất lượng DVCTT tại Phòng GDĐT', 'Citizens and organisations satisfied with the office''s online public services', 'digital_economy_society', 'dossiers', 'percent', 'computed', '{}', 'rated dossiers whose rating is satisfied / rated dossiers of online procedures in the year'),
  ('TEACHER_TRAINING_ACCOUNTS', 'Tỷ lệ nhà giáo có hồ sơ và tài khoản trên hệ thống bồi dưỡng giáo viên', 'Teachers with a profile and account on the teacher-training system', 'digital_workforce', 'school_report', 'fraction', 'ratio_of_sums', '{preschool,primary,lower_secondary,primary_lower_secondary}', 'sum of teachers with an account / sum of teachers (each school reports numerator and denominator)');

CREATE TABLE plans (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id  uuid NOT NULL REFERENCES districts (id) ON DELETE RESTRICT,
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title        text NOT NULL,
  document_ref text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, year)
);

CREATE TABLE plan_targets (
  plan_id        uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  indicator_code text NOT NULL REFERENCES indicators (code) ON DELETE RESTRICT,
  position       integer NOT NULL,
  comparator     text NOT NULL CHECK (comparator IN ('>=', '>')),
  target         numeric(5, 2) NOT NULL CHECK (target >= 0 AND target <= 100),
  PRIMARY KEY (plan_id, indicator_code)
);

-- One row per (school or office, year, indicator). school_id NULL = the district office's figure.
CREATE TABLE report_values (
  id              bigserial PRIMARY KEY,
  district_id     uuid NOT NULL REFERENCES districts (id) ON DELETE RESTRICT,
  school_id       uuid REFERENCES schools (id) ON DELETE RESTRICT,
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  indicator_code  text NOT NULL REFERENCES indicators (code) ON DELETE RESTRICT,
  value_bool      boolean,
  value_num       numeric(5, 2) CHECK (value_num >= 0 AND value_num <= 100),
  numerator       integer CHECK (numerator >= 0),
  denominator     integer CHECK (denominator >= numerator),
  note            text,
  evidence_url    text,
  set_by_token_id uuid,
  set_by_role     text,
  set_by_label    text,
  set_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(value_bool, value_num, numerator) = 1),
  CHECK ((numerator IS NULL) = (denominator IS NULL))
);
CREATE UNIQUE INDEX report_values_school ON report_values (school_id, year, indicator_code)
  WHERE school_id IS NOT NULL;
CREATE UNIQUE INDEX report_values_office ON report_values (district_id, year, indicator_code)
  WHERE school_id IS NULL;
CREATE INDEX report_values_year_indicator ON report_values (year, indicator_code);
CREATE INDEX report_values_set_at ON report_values (set_at, id);

-- Every value ever set or removed, newest last.
CREATE TABLE report_value_history (
  id              bigserial PRIMARY KEY,
  district_id     uuid NOT NULL,
  school_id       uuid,
  year            integer NOT NULL,
  indicator_code  text NOT NULL,
  value_bool      boolean,
  value_num       numeric(5, 2),
  numerator       integer,
  denominator     integer,
  note            text,
  evidence_url    text,
  removed         boolean NOT NULL DEFAULT false,
  set_by_token_id uuid,
  set_by_role     text,
  set_by_label    text,
  set_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_value_history_owner ON report_value_history (school_id, district_id, year);
-- for "the latest change" (progress's as_of and cache key), per district and overall
CREATE INDEX report_value_history_district_set ON report_value_history (district_id, year, set_at);
CREATE INDEX report_value_history_year_set ON report_value_history (year, set_at);
CREATE INDEX schools_district_updated ON schools (district_id, updated_at);

CREATE FUNCTION edx_indicator_json(i indicators) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('code', i.code, 'name_vi', i.name_vi, 'name_en', i.name_en,
                           'category', i.category, 'source', i.source,
                           'value_type', i.value_type, 'aggregation', i.aggregation,
                           'levels', to_json(i.levels), 'measure', i.measure,
                           'created_at', edx_ts(i.created_at), 'updated_at', edx_ts(i.updated_at))
$$;

CREATE FUNCTION edx_plan_json(p plans) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', p.id, 'district_id', p.district_id, 'year', p.year,
    'title', p.title, 'document_ref', p.document_ref,
    'targets', coalesce((SELECT json_agg(json_build_object('indicator', t.indicator_code,
                                   'comparator', t.comparator, 'target', t.target)
                                 ORDER BY t.position)
                         FROM plan_targets t WHERE t.plan_id = p.id), '[]'),
    'created_at', edx_ts(p.created_at), 'updated_at', edx_ts(p.updated_at))
$$;

-- The reported value as JSON: true/false, a number, or {"numerator", "denominator"}.
CREATE FUNCTION edx_report_value(r report_values) RETURNS json
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN r.value_bool IS NOT NULL THEN to_json(r.value_bool)
              WHEN r.value_num IS NOT NULL THEN to_json(r.value_num)
              ELSE json_build_object('numerator', r.numerator, 'denominator', r.denominator) END
$$;

CREATE FUNCTION edx_report_entry_json(r report_values) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('value', edx_report_value(r), 'note', r.note,
                           'evidence_url', r.evidence_url, 'set_by', json_build_object(
                             'token_id', r.set_by_token_id, 'role', r.set_by_role,
                             'label', r.set_by_label), 'set_at', edx_ts(r.set_at))
$$;
