-- Source rows of the tension at res 10 (finer than the rollup): the appeals themselves, one row each,
-- with the same derived columns as the rollup.
SELECT h3_parent(a.h3, %(res)s) AS cell, (a.created_at AT TIME ZONE tension_tz())::date AS day,
       a.category_id, a.status, (a.due_at AT TIME ZONE tension_tz())::date AS due_day,
       1 AS n, 1 + ln(1 + a.supports_count) AS sw
FROM appeals_appeal a
WHERE a.created_at >= %(start)s::date::timestamp AT TIME ZONE tension_tz()
  AND a.created_at < (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz()
  AND a.kind = ANY(%(kinds)s::text[])
  AND (%(categories)s::bigint[] IS NULL OR a.category_id = ANY(%(categories)s::bigint[]))
