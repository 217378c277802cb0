-- Demo districts: Voronoi cells of the k-means centres, clipped to the municipal boundary.
-- Params: municipality_id, xs, ys (centres in UTM 37N metres, EPSG:32637, in district order 1..n),
-- name_prefix. The Voronoi diagram is built in metres (in degrees the bisectors would be skewed by
-- cos(latitude)), then transformed to 4326 and intersected with the boundary in 4326, so the districts lie
-- inside the boundary exactly. Cell i is the one containing centre i.
WITH m AS (
  SELECT geom FROM layers_adminarea WHERE id = %(municipality_id)s
),
c AS (
  SELECT u.n, ST_SetSRID(ST_MakePoint(u.x, u.y), 32637) AS pt
  FROM unnest(%(xs)s::float8[], %(ys)s::float8[]) WITH ORDINALITY AS u(x, y, n)
),
cells AS (
  SELECT (ST_Dump(ST_VoronoiPolygons(
           ST_Collect(c.pt), 0.0, (SELECT ST_Buffer(ST_Transform(m.geom, 32637), 1000) FROM m)
         ))).geom AS cell
  FROM c
),
clipped AS (
  SELECT c.n, ST_Multi(ST_CollectionExtract(ST_Intersection(ST_Transform(cells.cell, 4326), m.geom), 3)) AS g
  FROM c JOIN cells ON ST_Contains(cells.cell, c.pt), m
)
INSERT INTO layers_adminarea
  (kind, name, code, parent_id, population, is_demo, geom, source, source_id, created_at, updated_at)
SELECT 'district', %(name_prefix)s || ' ' || n, 'demo-district-' || n, %(municipality_id)s, NULL, true, g,
       'demo', 'demo-district-' || n, now(), now()
FROM clipped
WHERE NOT ST_IsEmpty(g)
ORDER BY n
RETURNING id;
