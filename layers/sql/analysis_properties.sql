-- Properties inside a zone by kind, by (kind, ownership) and by (kind, use), in one pass (GROUPING SETS).
-- Params: zone text — the zone as hex EWKB, EPSG:4326 (valid Polygon / MultiPolygon)
-- A property is inside when its ST_PointOnSurface (a point always on the polygon, unlike the centroid of
-- an L-shaped building) intersects the zone; it then counts whole — a building is never split.
-- area_m2: Property.area_m2 (the importers fill it with the geodesic footprint when the source has none),
--          else ST_Area of the geography; m², summed.
-- floor_area_m2 (buildings): Σ area_m2 × levels, levels unknown or 0 counted as 1 storey (the rule of
--          demo/sql/area_population.sql); levels_unknown says how many buildings that assumption covers.
-- Output: one row per group: section ('kind' | 'ownership' | 'use'), kind, ownership, use (NULL outside
--         their section), count, area_m2, floor_area_m2 and levels_unknown (buildings only, else NULL / 0).
--         No row at all for an empty zone.
-- Index: the GiST index on layers_property.geom (&& with the zone's box), then the exact point test.
WITH zone AS (SELECT %(zone)s::geometry AS g),
hits AS (
  SELECT p.kind, p.ownership, p.use,
         coalesce(p.area_m2, ST_Area(p.geom::geography)) AS area_m2,
         nullif(p.levels, 0) AS levels
  FROM layers_property p, zone
  WHERE p.geom && zone.g
    AND ST_Intersects(zone.g, ST_PointOnSurface(p.geom))
)
SELECT CASE WHEN GROUPING(h.ownership) = 0 THEN 'ownership'
            WHEN GROUPING(h.use) = 0 THEN 'use'
            ELSE 'kind' END AS section,
       h.kind, h.ownership, h.use,
       count(*) AS count,
       round(sum(h.area_m2)::numeric, 1)::float8 AS area_m2,
       round(sum(h.area_m2 * coalesce(h.levels, 1)) FILTER (WHERE h.kind = 'building')::numeric, 1)::float8
         AS floor_area_m2,
       count(*) FILTER (WHERE h.kind = 'building' AND h.levels IS NULL) AS levels_unknown
FROM hits h
GROUP BY GROUPING SETS ((h.kind), (h.kind, h.ownership), (h.kind, h.use))
ORDER BY section, h.kind, count(*) DESC, h.ownership, h.use;
