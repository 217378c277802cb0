-- The raw reference of GET /api/v1/tension/hexes (bench/tension.py): count and T per res-%(res)s H3 cell,
-- GROUP BY straight over appeals_appeal (no rollup), with the formula of docs/TENSION.md:
--   severity · 2^(−age/H) · (1 + ln(1 + supports)) · status factor · overdue boost.
-- Parameters: those of tension.selectors.score_params (the API's own values). Statuses without a factor
-- (new, rejected, duplicate) are not counted, as in the API. No outlines, no GeoJSON, no K, no signals.
WITH factors AS (
  SELECT * FROM unnest(%(status_names)s::text[], %(status_factors)s::float8[]) AS f(status, factor)
)
SELECT h3_parent(a.h3, %(res)s) AS cell, count(*) AS count,
       sum(c.severity
           * power(2::float8, -(%(end)s::date - (a.created_at AT TIME ZONE tension_tz())::date)
                              / %(half_life)s::float8)
           * (1 + ln(1 + a.supports_count)) * f.factor
           * CASE WHEN a.status = ANY(%(open)s::text[])
                   AND (a.due_at AT TIME ZONE tension_tz())::date < %(end)s::date
                  THEN %(boost)s::float8 ELSE 1 END) AS t
FROM appeals_appeal a
JOIN factors f ON f.status = a.status
JOIN appeals_category c ON c.id = a.category_id
WHERE a.created_at >= %(start)s::date::timestamp AT TIME ZONE tension_tz()
  AND a.created_at < (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz()
  AND a.kind = ANY(%(kinds)s::text[])
  AND (%(categories)s::bigint[] IS NULL OR a.category_id = ANY(%(categories)s::bigint[]))
GROUP BY 1
