-- One tile of the self-hosted basemap, built from the imported OSM data; one MVT layer per theme,
-- the layers' bytes concatenated (an MVT tile is a sequence of layer messages; an empty layer is 0 bytes).
-- Params: z, x, y int (XYZ, y from the top).
-- SRID: stored EPSG:4326, tile EPSG:3857. Every bbox test is done in 4326 on a GiST index, widened by the
--   64-unit buffer (margin 64/4096); lines and polygons are clipped to the tile plus that buffer.
-- Layers (properties; from zoom):
--   landuse      polygons  class, name        Assets whose OSM tags say landuse / park / wood…   (any)
--   water        polygons  class, name        Assets tagged natural=water, water=*, landuse=reservoir…
--   waterway     lines     class, name        Assets tagged waterway=*
--   boundary     lines     kind, name         municipalities (layers_adminarea, kind municipality)
--   place        points    class, name        one label point per municipality (ST_PointOnSurface)
--   roads        lines     class, name, ref, oneway (1 | -1), bridge, tunnel; zoom per class below
--   road_labels  lines     class, name        named roads merged per (name, class)                 13
--   buildings    polygons  levels             Property kind=building                              13
--   housenumbers points    housenumber        ST_PointOnSurface of each numbered building        16
-- Water and land use: the OSM importer does not bring them yet (the demo town has none), so those layers
--   are empty today; any Asset whose attributes carry the OSM tags below shows up without a change here.
WITH classes (highway, class, rank, minzoom) AS (
  VALUES ('motorway', 'motorway', 9, 5), ('motorway_link', 'motorway', 9, 10),
         ('trunk', 'trunk', 8, 5), ('trunk_link', 'trunk', 8, 10),
         ('primary', 'primary', 7, 8), ('primary_link', 'primary', 7, 11),
         ('secondary', 'secondary', 6, 9), ('secondary_link', 'secondary', 6, 12),
         ('tertiary', 'tertiary', 5, 10), ('tertiary_link', 'tertiary', 5, 12),
         ('residential', 'residential', 4, 12), ('unclassified', 'residential', 4, 12),
         ('living_street', 'residential', 4, 12), ('road', 'residential', 4, 12),
         ('service', 'service', 3, 13), ('track', 'track', 2, 13),
         ('pedestrian', 'path', 1, 14), ('footway', 'path', 1, 14), ('path', 'path', 1, 14),
         ('steps', 'path', 1, 14), ('cycleway', 'path', 1, 14), ('bridleway', 'path', 1, 14)
),
road_rows AS (
  SELECT a.id, a.name, a.attributes, a.geom, c.class, c.rank
  FROM layers_asset a
  JOIN classes c ON c.highway = a.attributes ->> 'highway'
  WHERE a.kind = 'road'
    AND %(z)s >= c.minzoom
    AND a.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)
),
roads AS (
  SELECT r.id, r.class, r.rank, NULLIF(r.name, '') AS name, r.attributes ->> 'ref' AS ref,
         CASE WHEN r.attributes ->> 'oneway' IN ('yes', 'true', '1') THEN 1
              WHEN r.attributes ->> 'oneway' = '-1' THEN -1 END AS oneway,
         CASE WHEN coalesce(r.attributes ->> 'bridge', 'no') <> 'no' THEN true END AS bridge,
         CASE WHEN coalesce(r.attributes ->> 'tunnel', 'no') <> 'no' THEN true END AS tunnel,
         ST_AsMVTGeom(ST_Transform(r.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM road_rows r
  ORDER BY r.rank, r.id
),
road_labels AS (
  SELECT r.class, r.name,
         ST_AsMVTGeom(ST_Transform(ST_LineMerge(ST_Collect(r.geom)), 3857),
                      ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM road_rows r
  WHERE %(z)s >= 13 AND r.name <> ''
  GROUP BY r.class, r.name
),
tagged AS (
  SELECT a.id, a.kind, NULLIF(a.name, '') AS name, a.attributes AS tags, a.geom,
         ST_Dimension(a.geom) AS dim
  FROM layers_asset a
  WHERE a.kind <> 'road'
    AND a.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)
),
water AS (
  SELECT t.id, coalesce(t.tags ->> 'water', t.tags ->> 'landuse', t.tags ->> 'natural') AS class, t.name,
         ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM tagged t
  WHERE t.dim = 2
    AND (t.tags ->> 'natural' = 'water' OR t.tags ? 'water' OR t.tags ->> 'waterway' = 'riverbank'
         OR t.tags ->> 'landuse' IN ('reservoir', 'basin'))
),
waterway AS (
  SELECT t.id, t.tags ->> 'waterway' AS class, t.name,
         ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM tagged t
  WHERE t.dim = 1 AND t.tags ? 'waterway'
),
landuse AS (
  SELECT l.id, l.class, l.name,
         ST_AsMVTGeom(ST_Transform(l.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM (
    SELECT t.id, t.name, t.geom,
           CASE WHEN t.kind = 'park' OR t.tags ->> 'leisure' IN ('park', 'garden') THEN 'park'
                WHEN t.tags ->> 'landuse' IN ('forest') OR t.tags ->> 'natural' = 'wood' THEN 'wood'
                WHEN t.tags ->> 'landuse' IN ('grass', 'meadow', 'village_green', 'recreation_ground')
                  OR t.tags ->> 'natural' IN ('grassland', 'scrub', 'heath') THEN 'grass'
                WHEN t.tags ->> 'landuse' IN ('farmland', 'farmyard', 'orchard', 'vineyard', 'allotments',
                                              'greenhouse_horticulture') THEN 'farmland'
                WHEN t.tags ->> 'landuse' IN ('residential', 'industrial', 'commercial', 'retail',
                                              'cemetery', 'railway', 'military', 'construction')
                  THEN t.tags ->> 'landuse'
                WHEN t.kind IN ('school', 'kindergarten', 'hospital', 'sports_ground', 'playground')
                  THEN t.kind END AS class
    FROM tagged t
    WHERE t.dim = 2
  ) l
  WHERE l.class IS NOT NULL
),
boundary AS (
  SELECT a.id, a.kind, a.name,
         ST_AsMVTGeom(ST_Transform(ST_Boundary(a.geom), 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s),
                      4096, 64, true) AS geom
  FROM layers_adminarea a
  WHERE a.kind = 'municipality'
    AND a.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)
),
place AS (
  SELECT p.id, 'town' AS class, p.name, p.population,
         ST_AsMVTGeom(ST_Transform(p.point, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM (SELECT a.id, a.name, a.population, ST_PointOnSurface(a.geom) AS point
        FROM layers_adminarea a
        WHERE a.kind = 'municipality'
          AND a.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)) p
  WHERE p.point && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)
),
building_rows AS (
  SELECT p.id, p.levels, p.housenumber, p.geom
  FROM layers_property p
  WHERE %(z)s >= 13
    AND p.kind = 'building'
    AND p.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)
),
buildings AS (
  SELECT b.id, b.levels,
         ST_AsMVTGeom(ST_Transform(b.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM building_rows b
),
housenumbers AS (
  SELECT b.id, b.housenumber,
         ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(b.geom), 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s),
                      4096, 64, true) AS geom
  FROM building_rows b
  WHERE %(z)s >= 16 AND b.housenumber <> ''
)
SELECT (SELECT ST_AsMVT(t, 'landuse', 4096, 'geom', 'id') FROM landuse t WHERE t.geom IS NOT NULL)
    || (SELECT ST_AsMVT(t, 'water', 4096, 'geom', 'id') FROM water t WHERE t.geom IS NOT NULL)
    || (SELECT ST_AsMVT(t, 'waterway', 4096, 'geom', 'id') FROM waterway t WHERE t.geom IS NOT NULL)
    || (SELECT ST_AsMVT(t, 'boundary', 4096, 'geom', 'id') FROM boundary t WHERE t.geom IS NOT NULL)
    || (SELECT ST_AsMVT(t, 'buildings', 4096, 'geom', 'id') FROM buildings t WHERE t.geom IS NOT NULL)
    || (SELECT ST_AsMVT(t, 'roads', 4096, 'geom', 'id') FROM roads t WHERE t.geom IS NOT NULL)
    || (SELECT ST_AsMVT(t, 'road_labels', 4096, 'geom') FROM road_labels t WHERE t.geom IS NOT NULL)
    || (SELECT ST_AsMVT(t, 'housenumbers', 4096, 'geom', 'id') FROM housenumbers t WHERE t.geom IS NOT NULL)
    || (SELECT ST_AsMVT(t, 'place', 4096, 'geom', 'id') FROM place t WHERE t.geom IS NOT NULL);
