-- The public appeals inside one H3 cell (a B-tree range scan on the stored res-15 cells) created in the
-- local days [start, end], with what their contribution to T needs. Statuses with no weight are left out.
SELECT a.id, a.kind, c.code AS category, c.name_ru, c.name_en, c.severity, a.status, a.supports_count AS supports,
       (a.created_at AT TIME ZONE tension_tz())::date AS day, (a.due_at AT TIME ZONE tension_tz())::date AS due_day
FROM appeals_appeal a
JOIN appeals_category c ON c.id = a.category_id
WHERE a.h3 BETWEEN h3_children_min(%(cell)s, 15) AND h3_children_max(%(cell)s, 15)
  AND a.created_at >= %(start)s::date::timestamp AT TIME ZONE tension_tz()
  AND a.created_at < (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz()
  AND a.kind = ANY(%(kinds)s::text[])
  AND (%(categories)s::bigint[] IS NULL OR a.category_id = ANY(%(categories)s::bigint[]))
  AND a.status = ANY(%(status_names)s::text[])
ORDER BY a.id
