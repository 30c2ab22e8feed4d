-- 0016_dt_bands_in_points.sql — Decision 4725 bands a group's level in points of that group
-- (below 50 level 1, 50 to 75 level 2, above 75 level 3, of 100), not in percent of the group's
-- maximum (issue 14). The two readings differ only for a group whose maximum is not 100, as the
-- provisional management group, whose criteria add up to 90 (10 points of the annex were not
-- recovered: see ../shared/domain/dt-framework-4725.md): M = 46 is level 1 by the rule but 51.1 %
-- (level 2) as it was read. A new version of the framework carries the bands in points; new
-- assessments are made with it, and those made with an earlier version keep that version, and
-- so their result (frameworks are versioned data: PUT /v1/frameworks/4725 corrects them).
INSERT INTO frameworks (code, version, title_vi, title_en, provisional, definition)
SELECT code, version + 1, title_vi, title_en, provisional,
       jsonb_set(definition, '{level_bands}',
                 '{"level2_min_points": 50, "level3_above_points": 75}'::jsonb)
FROM frameworks
WHERE code = '4725' AND definition -> 'level_bands' ? 'level2_min_percent'
  AND version = (SELECT max(version) FROM frameworks WHERE code = '4725');
