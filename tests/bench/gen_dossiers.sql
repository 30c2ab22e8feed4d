-- gen_dossiers.sql — loads :districts districts (codes D0001…) each with the 31-procedure
-- catalogue shape (modes full/partial/none, some with fees, 3–25 working days), a 2024 plan
-- targeting the five procedure/dossier indicators, and :per_district dossiers of 2024 spread over
-- its procedures with deterministic pseudo-random channels, statuses, payments, digitisation and
-- ratings. Run with psql -v districts=N -v per_district=M after `edudx migrate`.
BEGIN;
INSERT INTO districts (code, name, province)
  SELECT 'D' || lpad(g::text, 4, '0'), 'Huyện ' || g, 'Tỉnh ' || (g / 10) FROM generate_series(1, :districts) g;
INSERT INTO procedures (district_id, code, name, fee, eligible_online, online_mode, statutory_days)
  SELECT d.id, '1.' || lpad(k::text, 6, '0'), 'Thủ tục ' || k, k % 5 = 0, k % 9 <> 0,
         CASE WHEN k % 9 = 0 THEN 'none' WHEN k % 3 = 0 THEN 'full' ELSE 'partial' END,
         3 + (k * 7) % 23
  FROM districts d, generate_series(1, 31) k WHERE d.code LIKE 'D%';
INSERT INTO plans (district_id, year, title) SELECT id, 2024, 'Kế hoạch 2024' FROM districts WHERE code LIKE 'D%';
INSERT INTO plan_targets (plan_id, indicator_code, position, comparator, target)
  SELECT p.id, t.code, t.n, t.cmp, t.target FROM plans p,
  (VALUES ('PROC_ONLINE_PROVISION', 1, '>=', 100), ('DOSSIER_ONLINE_RATE', 2, '>=', 70),
          ('ONLINE_PAYMENT_RATE', 3, '>=', 50), ('DOSSIER_DIGITIZATION_RATE', 4, '>=', 100),
          ('DVCTT_SATISFACTION', 5, '>', 95)) AS t(code, n, cmp, target)
  WHERE p.year = 2024;
CREATE TEMP TABLE pa AS
  SELECT (row_number() OVER (ORDER BY d.code) - 1)::int AS di, d.id AS district_id,
         array_agg(p.id ORDER BY p.code) AS ids
  FROM districts d JOIN procedures p ON p.district_id = d.id WHERE d.code LIKE 'D%'
  GROUP BY d.id, d.code;
INSERT INTO dossiers (district_id, procedure_id, reference, channel, received_at, due_at, status,
                      resolved_at, paid_online, e_receipt, dossier_digitized, result_digitized,
                      satisfaction)
  SELECT pa.district_id, pa.ids[1 + (x.h % 31)], 'R' || x.g,
         CASE WHEN x.h % 10 < 7 THEN 'online' ELSE 'in_person' END, x.r, x.r + interval '7 days',
         CASE WHEN x.h % 20 = 0 THEN 'processing' ELSE 'resolved' END,
         CASE WHEN x.h % 20 <> 0 THEN x.r + ((x.h % 9) || ' days')::interval END,
         x.h % 3 <> 0, x.h % 3 <> 0, x.h % 50 <> 0, x.h % 40 <> 0,
         CASE x.h % 7 WHEN 0 THEN 'very_satisfied' WHEN 1 THEN 'satisfied'
                      WHEN 2 THEN 'dissatisfied' END
  FROM (SELECT g, (g::bigint * 2654435761) % 1000003 AS h,
               make_timestamptz(2024, 1, 1, 8, 0, 0, 'UTC') + ((g::bigint * 7919) % 362) * interval '1 day' AS r,
               ((g - 1) % :districts)::int AS di
        FROM generate_series(1, :districts * :per_district) g) x
  JOIN pa USING (di);
COMMIT;
ANALYZE;
