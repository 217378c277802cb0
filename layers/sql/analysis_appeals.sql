-- Appeals inside a zone, counted by category, by status, by kind and in total, in one pass (GROUPING SETS).
-- Params: zone text      — the zone as hex EWKB, EPSG:4326 (valid Polygon / MultiPolygon)
--         hidden text[]  — statuses left out (appeals.workflow.HIDDEN_STATUSES for the public; empty for
--                          staff)
--         open text[]    — appeals.workflow.OPEN_STATUSES
--         now timestamptz
-- An appeal is inside when its point intersects the zone (a point on the boundary counts).
-- Overdue, per appeal (each needs a due_at):
--   overdue_open   still open (status in `open`) and due_at < now
--   answered_late  answered_at > due_at (answered after the deadline, whatever the status is now)
--   overdue        either of the two (an appeal reopened after a late answer counts once)
-- with_deadline counts appeals with a due_at: the denominator of the overdue share.
-- Output: one row per group: section ('total' | 'kind' | 'category' | 'status'), the group key (kind,
--         category_id + code / names, status; NULL outside its section) and the counts. The 'total' row is
--         always there, with zeros for an empty zone. No contact data, no author, no text (152-ФЗ).
-- Index: the GiST index on appeals_appeal.geom (&& with the zone's box), then the exact test.
WITH zone AS (SELECT %(zone)s::geometry AS g),
hits AS (
  SELECT a.kind, a.category_id, a.status,
         a.due_at IS NOT NULL AS has_deadline,
         a.status = ANY (%(open)s::text[]) AS is_open,
         coalesce(a.status = ANY (%(open)s::text[]) AND a.due_at < %(now)s, false) AS overdue_open,
         coalesce(a.answered_at > a.due_at, false) AS answered_late
  FROM appeals_appeal a, zone
  WHERE a.geom && zone.g
    AND ST_Intersects(zone.g, a.geom)
    AND a.status <> ALL (%(hidden)s::text[])
),
groups AS (
  SELECT CASE WHEN GROUPING(h.kind) = 0 THEN 'kind'
              WHEN GROUPING(h.category_id) = 0 THEN 'category'
              WHEN GROUPING(h.status) = 0 THEN 'status'
              ELSE 'total' END AS section,
         h.kind, h.category_id, h.status,
         count(*) AS count,
         count(*) FILTER (WHERE h.is_open) AS open,
         count(*) FILTER (WHERE h.has_deadline) AS with_deadline,
         count(*) FILTER (WHERE h.overdue_open) AS overdue_open,
         count(*) FILTER (WHERE h.answered_late) AS answered_late,
         count(*) FILTER (WHERE h.overdue_open OR h.answered_late) AS overdue
  FROM hits h
  GROUP BY GROUPING SETS ((), (h.kind), (h.category_id), (h.status))
)
SELECT g.section, g.kind, g.category_id, c.code AS category_code, c.name_ru AS category_name_ru,
       c.name_en AS category_name_en, c.kind AS category_kind, g.status,
       g.count, g.open, g.with_deadline, g.overdue_open, g.answered_late, g.overdue
FROM groups g
LEFT JOIN appeals_category c ON c.id = g.category_id
ORDER BY g.section, g.count DESC, c.code, g.status, g.kind;
