-- One MVT tile of tension hexagons (layer "tension"): the scored cells of one resolution (computed once per
-- resolution and filters, tension.selectors.score_arrays, passed here as arrays) whose outline meets the tile. The index
-- uses the municipality-wide K, so a hexagon has the same index in every tile.
SELECT ST_AsMVT(tile, 'tension', 4096, 'geom')
FROM (
  SELECT to_hex(v.cell) AS h3,
         %(res)s::int AS res,
         round(v.t::numeric, 4)::float8 AS t,
         CASE WHEN v.t > 0 AND %(k)s::float8 > 0 THEN round((100 * v.t / (v.t + %(k)s::float8))::numeric, 1)::float8
              ELSE 0 END AS index,
         v.count,
         v.overdue,
         CASE WHEN c.population >= 1 THEN round((1000 * v.count / c.population)::numeric, 2)::float8 END AS per_1000,
         coalesce(
           ST_AsMVTGeom(ST_Transform(c.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 16, true),
           -- at z0–z3 a hexagon can be smaller than a tile unit: it is drawn as its centre, not dropped
           ST_AsMVTGeom(ST_Centroid(ST_Transform(c.geom, 3857)), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 0, true)
         ) AS geom
  FROM unnest(%(cells)s::bigint[], %(t)s::float8[], %(count)s::int[], %(overdue)s::int[])
       AS v(cell, t, count, overdue)
  JOIN tension_tensioncell c ON c.h3 = v.cell
  WHERE c.geom && ST_Expand(ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4326), 360.0 / (256 * 2 ^ %(z)s))
) tile
WHERE tile.geom IS NOT NULL
