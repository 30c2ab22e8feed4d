-- 0004_assessments.sql — digital-transformation assessments under Decision 4725/QĐ-BGDĐT:
-- frameworks as data (every version kept), one assessment per school and year scored against the
-- version it was created with, and the history of workflow moves.

CREATE TABLE frameworks (
  code        text NOT NULL,
  version     integer NOT NULL CHECK (version >= 1),
  title_vi    text NOT NULL,
  title_en    text NOT NULL,
  provisional boolean NOT NULL DEFAULT false,
  definition  jsonb NOT NULL, -- groups, level_bands, mandatory_unmet_max_level
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version)
);

-- The 4725 index from ../shared/domain/dt-framework-4725.json. Provisional: T3's sub-items past
-- T3.1, T4-T7 and the whole management group come from a low-confidence source, whose management
-- criteria add up to 90, not 100 (so the group's maximum is 90 here). Correct it with
-- PUT /v1/frameworks/4725, which keeps this version for assessments made with it.
INSERT INTO frameworks (code, version, title_vi, title_en, provisional, definition) VALUES
  ('4725', 1, 'Bộ chỉ số đánh giá mức độ chuyển đổi số của cơ sở giáo dục phổ thông và giáo dục thường xuyên', 'Index for assessing the digital-transformation maturity of general-education and continuing-education institutions', true,
   '{"groups": [{"code": "T", "title_vi": "Chuyển đổi số trong dạy, học", "title_en": "Digital transformation in teaching and learning", "criteria": [{"code": "T1", "title_vi": "Có ban hành kế hoạch tổ chức dạy học trực tuyến", "title_en": "Has issued a plan for organising online teaching", "mandatory": true, "max_points": null}, {"code": "T2", "title_vi": "Có ban hành quy chế tổ chức dạy học trực tuyến", "title_en": "Has issued regulations on organising online teaching", "mandatory": true, "max_points": null}, {"code": "T3.1", "title_vi": "Triển khai phần mềm dạy học trực tuyến trực tiếp (có bản quyền)", "title_en": "Live online teaching software in use (licensed/registered)", "mandatory": false, "max_points": 6}, {"code": "T3.2", "title_vi": "LMS/LCMS: giáo viên giao bài học cho học sinh tự học", "title_en": "LMS/LCMS: teacher assigns lessons for self-study", "mandatory": false, "max_points": 6}, {"code": "T3.3", "title_vi": "LMS/LCMS: giáo viên trả lời (giải đáp) câu hỏi của học sinh", "title_en": "LMS/LCMS: teacher answers students'' questions", "mandatory": false, "max_points": 6}, {"code": "T3.4", "title_vi": "LMS/LCMS: tổ chức kiểm tra, đánh giá thường xuyên", "title_en": "LMS/LCMS: runs regular (formative) assessment", "mandatory": false, "max_points": 6}, {"code": "T3.5", "title_vi": "LMS/LCMS: cha mẹ học sinh tham gia theo dõi việc học", "title_en": "LMS/LCMS: parents can follow their child''s learning", "mandatory": false, "max_points": 6}, {"code": "T4", "title_vi": "Số lượng học liệu được số hóa", "title_en": "Amount of digitised learning materials", "mandatory": false, "max_points": 10}, {"code": "T5", "title_vi": "Kiểm tra, đánh giá trên máy tính", "title_en": "Computer-based testing and assessment", "mandatory": false, "max_points": 20}, {"code": "T6", "title_vi": "Giáo viên ứng dụng công nghệ số", "title_en": "Teachers'' use of digital technology", "mandatory": false, "max_points": 20}, {"code": "T7", "title_vi": "Hạ tầng, thiết bị phục vụ dạy học số", "title_en": "Infrastructure and equipment for digital teaching", "mandatory": false, "max_points": 20}], "max_points": 100}, {"code": "M", "title_vi": "Chuyển đổi số trong quản trị cơ sở giáo dục", "title_en": "Digital transformation in the management (governance) of the institution", "criteria": [{"code": "M1", "title_vi": "Có bộ phận phụ trách, chỉ đạo ứng dụng CNTT, chuyển đổi số", "title_en": "Has a unit/board in charge of IT application and digital transformation", "mandatory": true, "max_points": null}, {"code": "M2", "title_vi": "Có kế hoạch ứng dụng CNTT, chuyển đổi số", "title_en": "Has a plan for IT application and digital transformation", "mandatory": true, "max_points": null}, {"code": "M3", "title_vi": "Triển khai hệ thống phần mềm quản trị nhà trường", "title_en": "School management information system in use", "mandatory": false, "max_points": 60}, {"code": "M4", "title_vi": "Dịch vụ trực tuyến, kết nối gia đình - nhà trường, thanh toán không dùng tiền mặt", "title_en": "Online services: family-school connection, online admission, cashless payment", "mandatory": false, "max_points": 30}], "max_points": 90}], "level_bands": {"level2_min_percent": 50, "level3_above_percent": 75}, "mandatory_unmet_max_level": 1}');

CREATE TABLE assessments (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id              uuid NOT NULL REFERENCES schools (id) ON DELETE RESTRICT,
  district_id            uuid NOT NULL REFERENCES districts (id) ON DELETE RESTRICT,
  year                   integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  framework_code         text NOT NULL,
  framework_version      integer NOT NULL,
  state                  text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted',
                           'returned', 'approved', 'externally_assessed', 'recognized')),
  answers                jsonb NOT NULL DEFAULT '{}',
  scores                 jsonb NOT NULL, -- group_scores, mandatory_unmet, self_level (computed)
  external_answers       jsonb,
  external_scores        jsonb,
  recognized_level       integer CHECK (recognized_level BETWEEN 1 AND 3),
  decision_ref           text,
  submitted_at           timestamptz,
  approved_at            timestamptz,
  externally_assessed_at timestamptz,
  recognized_at          timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (school_id, year),
  FOREIGN KEY (framework_code, framework_version) REFERENCES frameworks (code, version)
);
CREATE INDEX assessments_district_year ON assessments (district_id, year);
CREATE INDEX assessments_updated ON assessments (updated_at, id);

CREATE TABLE assessment_moves (
  id            bigserial PRIMARY KEY,
  assessment_id uuid NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  from_state    text,
  to_state      text NOT NULL,
  by_token_id   uuid,
  by_role       text,
  by_label      text,
  note          text,
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_moves_assessment ON assessment_moves (assessment_id, id);

CREATE FUNCTION edx_framework_json(f frameworks) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('code', f.code, 'version', f.version, 'title_vi', f.title_vi,
                           'title_en', f.title_en, 'provisional', f.provisional,
                           'groups', f.definition->'groups',
                           'level_bands', f.definition->'level_bands',
                           'mandatory_unmet_max_level', f.definition->'mandatory_unmet_max_level',
                           'created_at', edx_ts(f.created_at))
$$;

-- Late against the plan's dates: submission by 31 May, recognition by 15 June of the year.
CREATE FUNCTION edx_assessment_late(state text, year integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT (state IN ('draft', 'returned') AND current_date > make_date(year, 5, 31))
      OR (state <> 'recognized' AND current_date > make_date(year, 6, 15))
$$;

CREATE FUNCTION edx_assessment_json(a assessments) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', a.id, 'school_id', a.school_id, 'district_id', a.district_id,
    'year', a.year, 'framework', json_build_object('code', a.framework_code,
    'version', a.framework_version), 'state', a.state, 'answers', a.answers,
    'group_scores', a.scores->'group_scores', 'mandatory_unmet', a.scores->'mandatory_unmet',
    'self_level', a.scores->'level', 'external_answers', a.external_answers,
    'external_group_scores', a.external_scores->'group_scores',
    'external_level', a.external_scores->'level', 'recognized_level', a.recognized_level,
    'decision_ref', a.decision_ref, 'submitted_at', edx_ts(a.submitted_at),
    'approved_at', edx_ts(a.approved_at),
    'externally_assessed_at', edx_ts(a.externally_assessed_at),
    'recognized_at', edx_ts(a.recognized_at), 'late', edx_assessment_late(a.state, a.year),
    'created_at', edx_ts(a.created_at), 'updated_at', edx_ts(a.updated_at))
$$;

-- Whether a school's assessment counts for a plan indicator computed from assessments:
-- DT_SELF_ASSESSED counts a self-assessment submitted or further along (not draft, not returned),
-- DT_LEVEL2_RECOGNIZED a recognized level of 2 or 3.
CREATE FUNCTION edx_assessment_counts(code text, state text, recognized_level integer)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE code
    WHEN 'DT_SELF_ASSESSED' THEN state IN ('submitted', 'approved', 'externally_assessed',
                                           'recognized')
    WHEN 'DT_LEVEL2_RECOGNIZED' THEN coalesce(recognized_level >= 2, false)
    ELSE false END
$$;
