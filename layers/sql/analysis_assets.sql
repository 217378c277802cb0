-- Infrastructure assets in a zone: counts by kind and by condition, and the length of line assets (roads,
-- networks) clipped to the zone, by kind and, for roads, by highway class; one pass (GROUPING SETS).
-- Params: zone text — the zone as hex EWKB, EPSG:4326 (valid Polygon / MultiPolygon)
-- An asset counts when its geometry intersects the zone (a road crossing the boundary counts once).
-- length_m: geodesic metres (geography) of the part of a line inside the zone:
--   ST_Length(ST_Intersection(geom, zone)::geography); a line wholly covered by the zone skips the
--   intersection: ST_Covers(zone, geom) tests against the zone prepared once per statement (zone first:
--   ST_CoveredBy(geom, zone) prepares nothing and was 25× slower), far cheaper than an overlay. NULL for
--   points and polygons. Highway class: attributes->>'highway' of roads (the OSM tag), '' when missing.
-- Output: one row per group: section ('total' | 'kind' | 'condition' | 'highway'), kind, condition,
--         highway (NULL outside their section), count, length_m (NULL when the group has no lines).
--         The 'total' row is always there.
-- Index: the GiST index on layers_asset.geom (&& with the zone's box), then the exact test.
WITH zone AS (SELECT %(zone)s::geometry AS g),
hits AS (
  SELECT a.kind, a.condition,
         CASE WHEN a.kind = 'road' THEN coalesce(a.attributes->>'highway', '') END AS highway,
         CASE WHEN ST_Dimension(a.geom) = 1 THEN
           CASE WHEN ST_Covers(zone.g, a.geom) THEN ST_Length(a.geom::geography)
                ELSE ST_Length(ST_CollectionExtract(ST_Intersection(a.geom, zone.g), 2)::geography)
           END
         END AS length_m
  FROM layers_asset a, zone
  WHERE a.geom && zone.g
    AND ST_Intersects(zone.g, a.geom)
)
SELECT CASE WHEN GROUPING(h.highway) = 0 THEN 'highway'
            WHEN GROUPING(h.kind) = 0 THEN 'kind'
            WHEN GROUPING(h.condition) = 0 THEN 'condition'
            ELSE 'total' END AS section,
       h.kind, h.condition, h.highway,
       count(*) AS count,
       round(sum(h.length_m)::numeric, 1)::float8 AS length_m
FROM hits h
GROUP BY GROUPING SETS ((), (h.kind), (h.condition), (h.kind, h.highway))
HAVING GROUPING(h.highway) = 1 OR h.kind = 'road'
ORDER BY section, count(*) DESC, h.kind, h.condition, h.highway;
