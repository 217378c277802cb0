-- Source rows of the tension at res <= 9 from the rollups: the daily rows of open appeals (their overdue
-- boost needs the due day), the daily rows of the others on the window's days outside its whole months,
-- and one monthly row (tension_tensionmonthlyrollup, sums pre-decayed to the month's start: `day` is the
-- month's first day, `sw` its swd) per whole month. Without whole months (full_start > full_end) the
-- second branch is the whole window: the daily rollup alone.
SELECT h3_parent(r.cell, %(res)s) AS cell, r.day, r.category_id, r.status, r.due_day, r.n, r.sw
FROM tension_tensionrollup r
WHERE tension_open(r.status)
  AND r.day BETWEEN %(start)s::date AND %(end)s::date
  AND r.kind = ANY(%(kinds)s::text[])
  AND (%(categories)s::bigint[] IS NULL OR r.category_id = ANY(%(categories)s::bigint[]))
  AND r.n <> 0
UNION ALL
SELECT h3_parent(r.cell, %(res)s), r.day, r.category_id, r.status, r.due_day, r.n, r.sw
FROM tension_tensionrollup r
WHERE NOT tension_open(r.status)
  AND (r.day BETWEEN %(start)s::date AND %(full_start)s::date - 1
       OR r.day BETWEEN %(full_end)s::date + 1 AND %(end)s::date)
  AND r.kind = ANY(%(kinds)s::text[])
  AND (%(categories)s::bigint[] IS NULL OR r.category_id = ANY(%(categories)s::bigint[]))
  AND r.n <> 0
UNION ALL
SELECT h3_parent(m.cell, %(res)s), m.month, m.category_id, m.status, NULL::date, m.n, m.swd
FROM tension_tensionmonthlyrollup m
WHERE m.month BETWEEN %(full_start)s::date AND %(full_end)s::date
  AND m.kind = ANY(%(kinds)s::text[])
  AND (%(categories)s::bigint[] IS NULL OR m.category_id = ANY(%(categories)s::bigint[]))
  AND m.n <> 0
