-- 0010_paging_indexes.sql — indexes that let a list page read only its own rows, the
-- way keyset paging (after=) asks: an index on a list's sort field and its tie-breaker id
-- starts the scan at the cursor's row, so a page deep in the list costs what the first one
-- does. Checked with EXPLAIN at country size (tests/bench/keyset.sh): reports (set_at, id),
-- schools (code; updated_at, id), assessments (updated_at, id) and audit (at, id) had theirs
-- already; the dossiers' default order, newest received first, sorted all 70,300 dossiers on
-- every page (0.4 s for the first, past the 10 s statement timeout at offset 60,000), and the
-- procedures' updated_at order, which a mirror uses, sorted all 21,793 procedures.
-- (Numbered 0010: 0009 is taken by a change made at the same time.)

CREATE INDEX dossiers_received ON dossiers (received_at, id);
CREATE INDEX procedures_updated ON procedures (updated_at, id);
