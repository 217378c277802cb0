-- Assets touching a record's geometry (property card): intersecting it or within radius_m of its edge,
-- nearest first. Params: geom text (EWKT, EPSG:4326), radius_m float8 (metres), exclude_id bigint (an
-- asset to leave out, or NULL), max_rows int. Distance: metres, geography. Index: GiST on
-- layers_asset.geom through a degree box as in records_nearby_appeals.sql.
WITH t AS (
  SELECT g, %(radius_m)s::float8 AS r, greatest(cos(radians(ST_Y(ST_Centroid(g)))), 0.01) AS coslat
  FROM (SELECT ST_GeomFromEWKT(%(geom)s) AS g) s
)
SELECT a.id, a.kind, a.name, a.condition, a.department_id,
       round(ST_Distance(a.geom::geography, t.g::geography)::numeric, 1)::float8 AS distance_m,
       ST_AsGeoJSON(a.geom, 6) AS geometry
FROM layers_asset a
CROSS JOIN t
WHERE a.geom && ST_Expand(t.g, 1.1 * t.r / (111320.0 * t.coslat), 1.1 * t.r / 110574.0)
  AND ST_DWithin(a.geom::geography, t.g::geography, t.r)
  AND a.id IS DISTINCT FROM %(exclude_id)s::bigint
ORDER BY distance_m, a.id
LIMIT %(max_rows)s::int;
