-- 0014_registry_counts.sql — which count of the school registry a school-reported fraction's
-- denominator counts (satellite sites, teachers, students), so that a report claiming more than
-- the school has registered is refused (issue 14). Data, editable through PATCH /v1/indicators.
ALTER TABLE indicators
  ADD COLUMN registry_count text CHECK (registry_count IN ('students', 'teachers', 'satellite_sites'));

UPDATE indicators SET registry_count = 'satellite_sites' WHERE code = 'SATELLITE_SITES_HIGH_SPEED';
UPDATE indicators SET registry_count = 'teachers' WHERE code = 'TEACHER_TRAINING_ACCOUNTS';
