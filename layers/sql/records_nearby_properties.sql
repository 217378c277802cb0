-- Properties touching a record's geometry (asset card): intersecting it or within radius_m of its edge,
-- nearest first. Params: geom text (EWKT, EPSG:4326), radius_m float8 (metres), max_rows int.
-- Distance: metres, geography. Index: GiST on layers_property.geom through a degree box.
WITH t AS (
  SELECT g, %(radius_m)s::float8 AS r, greatest(cos(radians(ST_Y(ST_Centroid(g)))), 0.01) AS coslat
  FROM (SELECT ST_GeomFromEWKT(%(geom)s) AS g) s
)
SELECT p.id, p.kind, p.cadastral_number, p.address, p.ownership, p.use,
       round(ST_Distance(p.geom::geography, t.g::geography)::numeric, 1)::float8 AS distance_m,
       ST_AsGeoJSON(p.geom, 6) AS geometry
FROM layers_property p
CROSS JOIN t
WHERE p.geom && ST_Expand(t.g, 1.1 * t.r / (111320.0 * t.coslat), 1.1 * t.r / 110574.0)
  AND ST_DWithin(p.geom::geography, t.g::geography, t.r)
ORDER BY distance_m, p.id
LIMIT %(max_rows)s::int;
