-- 0012_search_index.sql — accent-free search (q=) served by an index. Schools and procedures keep
-- their searched fields folded (edx_fold: lower case, no diacritics, đ → d) in one stored column,
-- the fields separated by U+001F, with a trigram index: q= becomes a LIKE '%<folded q>%' on that
-- column, which the index answers for 3 characters or more instead of folding every row's name,
-- code and commune on every request (566 ms over the country's 44,992 schools).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE schools ADD COLUMN search_folded text GENERATED ALWAYS AS
  (edx_fold(name) || E'\x1f' || edx_fold(code) || E'\x1f' || edx_fold(coalesce(commune, '')))
  STORED;
CREATE INDEX schools_search ON schools USING gin (search_folded gin_trgm_ops);

ALTER TABLE procedures ADD COLUMN search_folded text GENERATED ALWAYS AS
  (edx_fold(name) || E'\x1f' || edx_fold(coalesce(code, ''))) STORED;
CREATE INDEX procedures_search ON procedures USING gin (search_folded gin_trgm_ops);
