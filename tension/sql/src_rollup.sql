-- Source rows of the tension at res <= 9: the daily rollup (one row per day × res-9 cell × category ×
-- kind × status × due day).
SELECT h3_parent(r.cell, %(res)s) AS cell, r.day, r.category_id, r.status, r.due_day, r.n, r.sw
FROM tension_tensionrollup r
WHERE r.day BETWEEN %(start)s::date AND %(end)s::date
  AND r.kind = ANY(%(kinds)s::text[])
  AND (%(categories)s::bigint[] IS NULL OR r.category_id = ANY(%(categories)s::bigint[]))
  AND r.n <> 0
