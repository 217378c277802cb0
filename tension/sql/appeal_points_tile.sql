-- One MVT tile of appeals at z14–15, where a dense quarter would put 100k+ points in a tile: the all-time
-- counts per res-12 cell (≈ 20 m across; tension_tensionpointcell, kept by the triggers) that meet the tile.
-- A cell holding one public appeal gives that appeal as before (feature id = appeal id, the point
-- properties); a cell holding several gives one counted point at the cell's point: `count, open, answered,
-- closed` and `aggregate` = true, no id. Every public appeal is drawn or counted exactly once (a cell
-- belongs to the tile that holds its point; a lone appeal up to 256 units past the edge is kept).
WITH cells AS MATERIALIZED (
  SELECT p.cell,
         sum(p.n)::int AS count,
         coalesce(sum(p.n) FILTER (WHERE tension_open(p.status)), 0)::int AS open,
         coalesce(sum(p.n) FILTER (WHERE p.status = 'answered'), 0)::int AS answered,
         coalesce(sum(p.n) FILTER (WHERE NOT tension_open(p.status) AND p.status <> 'answered'), 0)::int AS closed,
         (array_agg(p.geom))[1] AS geom
  FROM tension_tensionpointcell p
  WHERE p.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4326)
    AND p.kind = %(kind)s AND p.status <> ALL (%(hidden)s::text[]) AND p.n <> 0
  GROUP BY p.cell
  HAVING sum(p.n) > 0
)
SELECT ST_AsMVT(tile, %(name)s, 4096, 'geom', 'id')
FROM (
  SELECT a.id, a.status, cat.code AS category, cat.name_ru AS category_name, a.supports_count,
         to_char(a.created_at AT TIME ZONE %(tz)s, 'YYYY-MM-DD') AS created_on,
         NULL::int AS count, NULL::int AS open, NULL::int AS answered, NULL::int AS closed, NULL::boolean AS aggregate,
         ST_AsMVTGeom(ST_Transform(a.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 256, true) AS geom
  FROM cells c
  CROSS JOIN LATERAL (
    -- the one public appeal of the cell: a B-tree range scan of its res-15 descendants
    SELECT a.* FROM appeals_appeal a
    WHERE a.h3 BETWEEN h3_children_min(c.cell, 15) AND h3_children_max(c.cell, 15)
      AND a.kind = %(kind)s AND a.status <> ALL (%(hidden)s::text[])
    LIMIT 1
  ) a
  JOIN appeals_category cat ON cat.id = a.category_id
  WHERE c.count = 1
  UNION ALL
  SELECT NULL, NULL, NULL, NULL, NULL, NULL, c.count, c.open, c.answered, c.closed, true,
         ST_AsMVTGeom(ST_Transform(c.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 0, true)
  FROM cells c
  WHERE c.count > 1
) tile
WHERE tile.geom IS NOT NULL
