-- Rebuilds the monthly rollup of appeals in a status that is not open (tension_month_weight, tension_half_life()).
DELETE FROM tension_tensionmonthlyrollup;
INSERT INTO tension_tensionmonthlyrollup (month, cell, category_id, kind, status, n, swd)
SELECT date_trunc('month', d)::date, h3_parent(h3, 9), category_id, kind, status, count(*),
       sum(tension_month_weight(supports_count, d))
FROM (SELECT *, (created_at AT TIME ZONE tension_tz())::date AS d FROM appeals_appeal) AS x
WHERE NOT tension_open(status)
GROUP BY 1, 2, 3, 4, 5;
