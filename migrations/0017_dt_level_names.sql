-- 0017_dt_level_names.sql — the names of Decision 4725's levels, as data on the framework
-- (issue 14): Mức 1 "chưa đáp ứng", Mức 2 "đáp ứng cơ bản", Mức 3 "đáp ứng tốt" (the decision's
-- wording as summarised in ../shared/domain/dt-framework-4725.md; editable with
-- PUT /v1/frameworks/4725). Names change no result, but versions are never edited: a new version
-- of the latest 4725 carries them, scoring as that one did.
INSERT INTO frameworks (code, version, title_vi, title_en, provisional, definition)
SELECT code, version + 1, title_vi, title_en, provisional,
       jsonb_set(definition, '{level_names}', '{
         "1": {"vi": "Mức 1 — chưa đáp ứng", "en": "Level 1 — not yet meeting the requirements"},
         "2": {"vi": "Mức 2 — đáp ứng cơ bản", "en": "Level 2 — meeting the basic requirements"},
         "3": {"vi": "Mức 3 — đáp ứng tốt", "en": "Level 3 — meeting the requirements well"}}'::jsonb)
FROM frameworks
WHERE code = '4725' AND NOT definition ? 'level_names'
  AND version = (SELECT max(version) FROM frameworks WHERE code = '4725');
