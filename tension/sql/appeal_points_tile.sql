-- One MVT tile of appeals from the collection's point zoom to z15, where a dense quarter would put 100k+
-- points in a tile: the all-time counts per res-12 cell (≈ 20 m across; tension_tensionpointcell, one row
-- per cell and kind, kept by the triggers). A cell holding one public appeal gives that appeal as before
-- (feature id = appeal id, the point properties); a cell holding several gives one counted point at the
-- cell's point: `count, open, answered, closed` and `aggregate` = true, no id.
-- Each cell belongs to exactly one tile: the one whose half-open square (EPSG:3857) holds the cell's point
-- (its first appeal's, stored in EPSG:3857), so summed over the tiles of a zoom every appeal is counted
-- once; the whole tile is one GiST range read of cell rows. A lone appeal up to 256 units past the edge is
-- kept.
WITH env AS (
  SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS e
), mine AS MATERIALIZED (
  SELECT p.cell, p.public AS count, p.open, p.answered, p.closed, p.point
  FROM tension_tensionpointcell p, env
  WHERE p.point && env.e AND p.kind = %(kind)s AND p.public > 0
    AND ST_X(p.point) >= ST_XMin(env.e) AND ST_X(p.point) < ST_XMax(env.e)
    AND ST_Y(p.point) > ST_YMin(env.e) AND ST_Y(p.point) <= ST_YMax(env.e)
)
SELECT ST_AsMVT(tile, %(name)s, 4096, 'geom', 'id')
FROM (
  SELECT a.id, a.status, cat.code AS category, cat.name_ru AS category_name, a.supports_count,
         to_char(a.created_at AT TIME ZONE %(tz)s, 'YYYY-MM-DD') AS created_on,
         NULL::int AS count, NULL::int AS open, NULL::int AS answered, NULL::int AS closed, NULL::boolean AS aggregate,
         ST_AsMVTGeom(ST_Transform(a.geom, 3857), env.e, 4096, 256, true) AS geom
  FROM mine c
  CROSS JOIN env
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
         ST_AsMVTGeom(c.point, env.e, 4096, 0, true)
  FROM mine c, env
  WHERE c.count > 1
) tile
WHERE tile.geom IS NOT NULL
