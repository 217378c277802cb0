-- T per H3 cell at resolution %(res)s over the local days [start, end], measured at `end`
-- (docs/TENSION.md). The source is src_rollup.sql (res <= 9) or src_appeals.sql (res 10).
-- Columns: cell, count, overdue, statuses (json status → count), signals, t, k (the median non-zero T
-- of every cell: the same for all rows).
WITH factors AS (
  SELECT * FROM unnest(%(status_names)s::text[], %(status_factors)s::float8[]) AS f(status, factor)
), src AS (
  {source}
), weighted AS (
  SELECT src.cell, src.status, src.n,
         (src.status = ANY(%(open)s::text[]) AND src.due_day < %(end)s::date) AS overdue,
         c.severity * power(2::float8, -(%(end)s::date - src.day) / %(half_life)s::float8) * src.sw * f.factor
           * CASE WHEN src.status = ANY(%(open)s::text[]) AND src.due_day < %(end)s::date
                  THEN %(boost)s::float8 ELSE 1 END AS t
  FROM src
  JOIN factors f ON f.status = src.status
  JOIN appeals_category c ON c.id = src.category_id
), by_status AS (
  SELECT cell, status, sum(n) AS n, coalesce(sum(n) FILTER (WHERE overdue), 0) AS overdue, sum(t) AS t
  FROM weighted GROUP BY cell, status HAVING sum(n) <> 0
), appeal_cells AS (
  SELECT cell, sum(n)::int AS count, sum(overdue)::int AS overdue, sum(t) AS t,
         json_object_agg(status, n::int ORDER BY status) AS statuses
  FROM by_status GROUP BY cell
), source_weights AS (
  SELECT * FROM unnest(%(source_names)s::text[], %(source_weights)s::float8[]) AS w(source, weight)
), signal_cells AS (
  SELECT h3_parent(sc.c, %(res)s) AS cell, count(DISTINCT s.id)::int AS signals,
         sum(s.weight * coalesce(w.weight, %(default_source_weight)s::float8)
             * power(2::float8, -(%(end)s::date - (s.at AT TIME ZONE tension_tz())::date) / %(half_life)s::float8)
             / cardinality(s.cells)) AS t
  FROM tension_tensionsignal s
  CROSS JOIN LATERAL unnest(s.cells) AS sc(c)
  LEFT JOIN source_weights w ON w.source = s.source
  WHERE %(signals)s
    AND s.at >= %(start)s::date::timestamp AT TIME ZONE tension_tz()
    AND s.at < (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz()
  GROUP BY 1
), cells AS (
  SELECT coalesce(a.cell, s.cell) AS cell, coalesce(a.count, 0) AS count, coalesce(a.overdue, 0) AS overdue,
         coalesce(a.statuses, '{{}}'::json) AS statuses, coalesce(s.signals, 0) AS signals,
         coalesce(a.t, 0) + coalesce(s.t, 0) AS t
  FROM appeal_cells a FULL JOIN signal_cells s ON s.cell = a.cell
)
SELECT cells.*, (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM cells WHERE t > 0) AS k
FROM cells
