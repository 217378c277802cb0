-- The signals that reach one H3 cell in the local days [start, end]: how many of their res-10 cells lie
-- inside it, out of how many.
SELECT s.id, s.source, s.text, s.weight, s.at, (s.at AT TIME ZONE tension_tz())::date AS day,
       cardinality(s.cells) AS cells,
       (SELECT count(*) FROM unnest(s.cells) AS c WHERE h3_parent(c, h3_res(%(cell)s)) = %(cell)s) AS inside
FROM tension_tensionsignal s
WHERE s.at >= %(start)s::date::timestamp AT TIME ZONE tension_tz()
  AND s.at < (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz()
  AND EXISTS (SELECT 1 FROM unnest(s.cells) AS c WHERE h3_parent(c, h3_res(%(cell)s)) = %(cell)s)
ORDER BY s.at, s.id
