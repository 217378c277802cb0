-- Monthly series by category (appeals.kpi.kpi_monthly_by_category): for every category with appeals in
-- the window, per calendar month in the municipality's time zone, dense (zeros included):
--   created   appeals (issues and proposals) created that month
--   answered  answers given that month (answered_at in the month)
-- Params: start, end timestamptz ([start, end) bounds both counts); tz text (IANA zone, settings.TIME_ZONE);
--         first_month, last_month date (first days of the first and last month of the series).
-- Output: category_id, code, name_ru, name_en, kind, created int[], answered int[] — arrays aligned with
--         generate_series(first_month, last_month, 1 month). Ordered by kind, code.
-- Index: appeals_appeal(created_at) for `created`; `answered` scans the rows answered in the window.
WITH months AS (
  SELECT m::date AS month
  FROM generate_series(%(first_month)s::date, %(last_month)s::date, interval '1 month') AS m
),
created AS (
  SELECT a.category_id, date_trunc('month', a.created_at AT TIME ZONE %(tz)s)::date AS month, count(*) AS n
  FROM appeals_appeal a
  WHERE a.created_at >= %(start)s AND a.created_at < %(end)s
  GROUP BY 1, 2
),
answered AS (
  SELECT a.category_id, date_trunc('month', a.answered_at AT TIME ZONE %(tz)s)::date AS month, count(*) AS n
  FROM appeals_appeal a
  WHERE a.answered_at >= %(start)s AND a.answered_at < %(end)s
  GROUP BY 1, 2
),
categories AS (
  SELECT category_id FROM created UNION SELECT category_id FROM answered
)
SELECT c.id AS category_id, c.code, c.name_ru, c.name_en, c.kind,
       array_agg(coalesce(cr.n, 0)::int ORDER BY m.month) AS created,
       array_agg(coalesce(an.n, 0)::int ORDER BY m.month) AS answered
FROM categories k
JOIN appeals_category c ON c.id = k.category_id
CROSS JOIN months m
LEFT JOIN created cr ON cr.category_id = c.id AND cr.month = m.month
LEFT JOIN answered an ON an.category_id = c.id AND an.month = m.month
GROUP BY c.id, c.code, c.name_ru, c.name_en, c.kind
ORDER BY c.kind, c.code;
