-- Public appeals near a record's geometry (property card, asset card, certificate): open ones first, then
-- nearest first. Public fields only: never the text's author, contact data or internal notes.
-- Params: geom text          the record's geometry as EWKT, EPSG:4326
--         radius_m float8    distance from the geometry's edge, metres
--         open text[]        open statuses (workflow.OPEN_STATUSES)
--         hidden text[]      statuses never shown in public (workflow.HIDDEN_STATUSES)
--         open_only bool     only open appeals (the certificate)
--         max_rows int       at most this many rows; `total` counts every match
-- Distance: metres on the WGS84 spheroid (geography). Index: the GiST index on appeals_appeal.geom through
-- a box in degrees around the geometry (ST_Expand, 10 per cent wider, longitude widened by 1/cos(lat)).
WITH t AS (
  SELECT g, %(radius_m)s::float8 AS r, greatest(cos(radians(ST_Y(ST_Centroid(g)))), 0.01) AS coslat
  FROM (SELECT ST_GeomFromEWKT(%(geom)s) AS g) s
)
SELECT a.id, a.kind, a.status, a.created_at, a.address, c.code AS category, c.name_ru AS category_name,
       a.status = ANY (%(open)s::text[]) AS is_open,
       round(ST_Distance(a.geom::geography, t.g::geography)::numeric, 1)::float8 AS distance_m,
       ST_AsGeoJSON(a.geom, 6) AS geometry,
       count(*) OVER () AS total
FROM appeals_appeal a
JOIN appeals_category c ON c.id = a.category_id
CROSS JOIN t
WHERE a.geom && ST_Expand(t.g, 1.1 * t.r / (111320.0 * t.coslat), 1.1 * t.r / 110574.0)
  AND ST_DWithin(a.geom::geography, t.g::geography, t.r)
  AND NOT (a.status = ANY (%(hidden)s::text[]))
  AND (NOT %(open_only)s::bool OR a.status = ANY (%(open)s::text[]))
ORDER BY is_open DESC, distance_m, a.id
LIMIT %(max_rows)s::int;
