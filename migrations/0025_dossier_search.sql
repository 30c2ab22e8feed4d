-- 0025_dossier_search.sql — finding a dossier (issue 15): q= searches its reference folded (as
-- 0012 does for schools: lower case, no diacritics, đ → d) through a stored column with a
-- trigram index, reference= matches it exactly (the district's unique (district_id, reference)
-- serves a district's token; this index an admin's or a reader's over every district), and the
-- received_/due_/resolved_ date ranges are served within a district by its indexes on each time.
-- Dossiers hold no applicant (no personal data beyond the reference): q= has nothing else to
-- search.
ALTER TABLE dossiers ADD COLUMN search_folded text GENERATED ALWAYS AS (edx_fold(reference))
  STORED;
CREATE INDEX dossiers_search ON dossiers USING gin (search_folded gin_trgm_ops);
CREATE INDEX dossiers_reference ON dossiers (reference);
CREATE INDEX dossiers_district_due ON dossiers (district_id, due_at);
CREATE INDEX dossiers_district_resolved ON dossiers (district_id, resolved_at)
  WHERE resolved_at IS NOT NULL;
