-- 0013_school_tokens_follow.sql — a school token's district is its school's, always. Until now it
-- was the district the school was in when the token was minted: after an admin moved the school,
-- the token kept reading its old district (its plan, its progress) and was refused its own school,
-- and deleting the old district would have deleted the token with it (ON DELETE CASCADE). A
-- trigger now carries a move over to the school's tokens, and tokens already astray are put right.
CREATE FUNCTION edx_school_tokens_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tokens SET district_id = NEW.district_id, updated_at = now()
   WHERE school_id = NEW.id AND district_id IS DISTINCT FROM NEW.district_id;
  RETURN NULL;
END $$;

CREATE TRIGGER schools_tokens_follow AFTER UPDATE OF district_id ON schools
  FOR EACH ROW WHEN (OLD.district_id IS DISTINCT FROM NEW.district_id)
  EXECUTE FUNCTION edx_school_tokens_follow();

UPDATE tokens t SET district_id = s.district_id, updated_at = now()
  FROM schools s
 WHERE t.school_id = s.id AND t.district_id IS DISTINCT FROM s.district_id;
