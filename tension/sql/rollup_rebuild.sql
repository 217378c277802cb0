-- Rebuilds the rollup and registers every cell from the appeals; run inside one transaction that holds
-- a SHARE lock on appeals_appeal (tension/services/rollup.py), so no write slips in between.
DELETE FROM tension_tensionrollup;
INSERT INTO tension_tensionrollup (day, cell, category_id, kind, status, due_day, n, sw)
SELECT (created_at AT TIME ZONE tension_tz())::date, h3_parent(h3, 9), category_id, kind, status,
       (due_at AT TIME ZONE tension_tz())::date, count(*), sum(1 + ln(1 + supports_count))
FROM appeals_appeal GROUP BY 1, 2, 3, 4, 5, 6;
SELECT tension_register_cells(ARRAY(SELECT DISTINCT h3_parent(h3, 10) FROM appeals_appeal));
