-- One MVT tile of appeals as H3 hexagons, drawn below the collection's point zoom so that every appeal is
-- counted at every zoom (no cap, no drop): the all-time counts per res-9 cell (tension_tensioncellstatus,
-- kept by the triggers) summed to resolution %(res)s. Layer = the collection id; properties: h3, res,
-- count, open, answered, closed (every other public status), overdue (open and due before today).
SELECT ST_AsMVT(tile, %(name)s, 4096, 'geom')
FROM (
  SELECT to_hex(a.cell) AS h3, %(res)s::int AS res, a.count, a.open, a.answered, a.closed, a.overdue,
         coalesce(
           ST_AsMVTGeom(ST_Transform(c.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 16, true),
           -- at z0–z3 a hexagon can be smaller than a tile unit: it is drawn as its centre, not dropped
           ST_AsMVTGeom(ST_Centroid(ST_Transform(c.geom, 3857)), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 0, true)
         ) AS geom
  FROM (
    SELECT h3_parent(cell, %(res)s) AS cell,
           sum(n)::int AS count,
           coalesce(sum(n) FILTER (WHERE tension_open(status)), 0)::int AS open,
           coalesce(sum(n) FILTER (WHERE status = 'answered'), 0)::int AS answered,
           coalesce(sum(n) FILTER (WHERE NOT tension_open(status) AND status <> 'answered'), 0)::int AS closed,
           coalesce(sum(n) FILTER (WHERE due_day < %(today)s::date), 0)::int AS overdue
    FROM tension_tensioncellstatus
    WHERE kind = %(kind)s AND status <> ALL (%(hidden)s::text[]) AND n <> 0
    GROUP BY 1
    HAVING sum(n) > 0
  ) a
  JOIN tension_tensioncell c ON c.h3 = a.cell
  WHERE c.geom && ST_Expand(ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4326), 360.0 / (256 * 2 ^ %(z)s))
) tile
WHERE tile.geom IS NOT NULL
