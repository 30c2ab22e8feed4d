-- 0011_org_units.sql — provinces, districts and communes with their official codes, and province
-- scope: a district belongs to a province (province_code), a reader token may be scoped to a
-- province, and every change feed row knows its province so that a province's mirror follows
-- its own feed.
--
-- Codes are the General Statistics Office's (Tổng cục Thống kê) administrative codes: Quảng Bình
-- 44, Tuyên Hoá 453 (seen in several public copies of the GSO list; see
-- ../shared/domain/tuyenhoa-schools.json). Units whose code is not confirmed carry
-- official = false and say why in note; all of it is data, kept with PUT /v1/org-units/{code}.

CREATE TABLE org_units (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9A-Za-z._-]{1,32}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  level       text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  parent_code text REFERENCES org_units (code) ON UPDATE CASCADE ON DELETE RESTRICT,
  official    boolean NOT NULL DEFAULT true,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((level = 'province') = (parent_code IS NULL))
);
CREATE INDEX org_units_parent ON org_units (parent_code, code);

-- A unit's parent is one level up: a district's a province, a commune's a district.
CREATE FUNCTION edx_org_units_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN org_units p ON p.code = n.parent_code
             WHERE p.level <> CASE n.level WHEN 'district' THEN 'province' ELSE 'district' END)
     OR EXISTS (SELECT 1 FROM new_rows n JOIN org_units c ON c.parent_code = n.code
                WHERE n.level <> CASE c.level WHEN 'district' THEN 'province' ELSE 'district' END)
  THEN
    RAISE EXCEPTION 'an org unit''s parent must be one level up' USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER org_units_check_insert AFTER INSERT ON org_units REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_org_units_check();
CREATE TRIGGER org_units_check_update AFTER UPDATE ON org_units
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_org_units_check();

INSERT INTO org_units (code, name, level, parent_code, note) VALUES
  ('44', 'Tỉnh Quảng Bình', 'province', NULL,
   'GSO code; the province merged into Quảng Trị on 1 July 2025, kept for the 2024 plan'),
  ('453', 'Huyện Tuyên Hóa', 'district', '44',
   'GSO code; districts were abolished on 1 July 2025, kept for the 2024 plan');

-- A district's province (a province-level org unit). Once set it does not change: a mirror of
-- the old province would keep the district's rows (see db/districts.c).
ALTER TABLE districts ADD COLUMN province_code text
  REFERENCES org_units (code) ON UPDATE CASCADE ON DELETE RESTRICT;
CREATE INDEX districts_province ON districts (province_code, code);
UPDATE districts SET province_code = '44' WHERE code = '453';

-- A reader may be scoped to a province instead of a district.
ALTER TABLE tokens ADD COLUMN province_code text
  REFERENCES org_units (code) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE tokens DROP CONSTRAINT tokens_check;
ALTER TABLE tokens ADD CONSTRAINT tokens_scope CHECK (
     (role = 'admin' AND district_id IS NULL AND school_id IS NULL AND province_code IS NULL)
  OR (role = 'district' AND district_id IS NOT NULL AND school_id IS NULL
      AND province_code IS NULL)
  OR (role = 'school' AND district_id IS NOT NULL AND school_id IS NOT NULL
      AND province_code IS NULL)
  OR (role = 'reader' AND school_id IS NULL
      AND (district_id IS NULL OR province_code IS NULL)));

-- Every change row knows the province of its district (NULL: the catalogue, or a district with
-- no province yet), taken when it is written; a province's feed reads (province_code, xid, seq).
ALTER TABLE changes ADD COLUMN province_code text;
UPDATE changes c SET province_code = d.province_code FROM districts d
  WHERE d.id = c.district_id;
CREATE INDEX changes_province_position ON changes (province_code, xid, seq);

CREATE OR REPLACE FUNCTION edx_changes_put(kind text, what text, ids text[], districts uuid[])
RETURNS void
LANGUAGE sql AS $$
  INSERT INTO changes AS c (entity, entity_id, district_id, province_code, op, xid, seq)
  SELECT kind, k.id, k.district_id, d.province_code, what, pg_current_xact_id(),
         nextval('change_seq')
  FROM (SELECT DISTINCT u.id, u.district_id FROM unnest(ids, districts) AS u(id, district_id)
        WHERE u.id IS NOT NULL ORDER BY u.id, u.district_id) k
  LEFT JOIN districts d ON d.id = k.district_id
  ON CONFLICT (entity, entity_id, district_id) DO UPDATE
    SET op = excluded.op, xid = excluded.xid, seq = excluded.seq, changed_at = now(),
        province_code = coalesce(excluded.province_code, c.province_code)
$$;

-- A district given its province: every row of the district is announced again, now in the
-- province's feed (a province mirror that started earlier has not seen them).
CREATE FUNCTION edx_changes_on_district_province() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE changes c SET province_code = n.province_code, xid = pg_current_xact_id(),
    seq = nextval('change_seq'), changed_at = now()
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE c.district_id = n.id AND n.province_code IS DISTINCT FROM o.province_code;
  RETURN NULL;
END
$$;
CREATE TRIGGER changes_district_province AFTER UPDATE ON districts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION edx_changes_on_district_province();
