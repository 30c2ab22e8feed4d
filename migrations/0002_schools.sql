-- 0002_schools.sql — the schools registry: the fields of a school, search support, and the JSON
-- representation. Later tables that hold a school's history (reports, assessments, dossiers)
-- reference schools ON DELETE RESTRICT, which is what refuses deleting a school with history.

ALTER TABLE schools
  ADD COLUMN level text NOT NULL DEFAULT 'primary'
    CHECK (level IN ('preschool', 'primary', 'lower_secondary', 'primary_lower_secondary')),
  ADD COLUMN commune text,
  ADD COLUMN address text,
  ADD COLUMN phone text,
  ADD COLUMN email text,
  ADD COLUMN website text,
  ADD COLUMN principal text,
  ADD COLUMN students integer CHECK (students >= 0),
  ADD COLUMN teachers integer CHECK (teachers >= 0),
  ADD COLUMN satellite_sites integer CHECK (satellite_sites >= 0),
  ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE schools ALTER COLUMN level DROP DEFAULT;

CREATE INDEX schools_updated_at ON schools (updated_at, id);
CREATE INDEX schools_district_level ON schools (district_id, level);
CREATE INDEX schools_commune_folded ON schools (edx_fold(commune));

CREATE FUNCTION edx_school_json(s schools) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', s.id, 'code', s.code, 'name', s.name, 'level', s.level,
                           'district_id', s.district_id, 'commune', s.commune,
                           'address', s.address, 'phone', s.phone, 'email', s.email,
                           'website', s.website, 'principal', s.principal,
                           'students', s.students, 'teachers', s.teachers,
                           'satellite_sites', s.satellite_sites, 'active', s.active,
                           'created_at', edx_ts(s.created_at), 'updated_at', edx_ts(s.updated_at))
$$;
