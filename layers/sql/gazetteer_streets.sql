-- Gazetteer source: one street per street key, from the roads of that name merged, else (a street known
-- only from addresses) from the points of its addresses, already staged in gazetteer_stage.
-- Params: road_names text[], road_keys text[] — raw road name → street key (parallel arrays);
--         keys text[], names text[] — street key → display name of the streets known from addresses.
-- SRID: EPSG:4326. lon/lat: the point of the merged lines (or of the address points) nearest their
-- centroid, so it lies on the street; west/south/east/north: their envelope in degrees.
-- name: the most frequent raw spelling among the roads, else the addresses' name; ref: the longest road.
WITH road_map AS (
  SELECT * FROM unnest(%(road_names)s::text[], %(road_keys)s::text[]) AS m(name, key)
),
roads AS (
  SELECT m.key,
         ST_LineMerge(ST_CollectionExtract(ST_Collect(a.geom), 2)) AS geom,
         mode() WITHIN GROUP (ORDER BY a.name) AS name,
         (array_agg(a.id ORDER BY ST_Length(a.geom::geography) DESC, a.id))[1] AS ref_id
  FROM layers_asset a
  JOIN road_map m ON m.name = a.name
  WHERE a.kind = 'road'
  GROUP BY m.key
),
addresses AS (
  SELECT e.street AS key, ST_Collect(ST_MakePoint(e.lon, e.lat)) AS geom
  FROM gazetteer_stage e
  WHERE e.kind = 'address'
  GROUP BY e.street
),
names AS (
  SELECT * FROM unnest(%(keys)s::text[], %(names)s::text[]) AS n(key, name)
)
SELECT coalesce(r.key, d.key) AS key,
       coalesce(r.name, n.name) AS name,
       r.ref_id,
       ST_X(c.pt) AS lon, ST_Y(c.pt) AS lat,
       ST_XMin(c.g) AS west, ST_YMin(c.g) AS south, ST_XMax(c.g) AS east, ST_YMax(c.g) AS north
FROM roads r
FULL JOIN addresses d ON d.key = r.key
LEFT JOIN names n ON n.key = d.key
CROSS JOIN LATERAL (SELECT coalesce(r.geom, d.geom) AS g) s
CROSS JOIN LATERAL (SELECT s.g AS g, ST_ClosestPoint(s.g, ST_Centroid(s.g)) AS pt) c
ORDER BY 1;
