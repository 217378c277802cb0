-- Repair one invalid geometry with ST_MakeValid and measure what the repair changed
-- (importers/geometry_repair.py decides whether the repair is safe).
-- Params: wkb bytea — WKB in EPSG:4326 (lon, lat), any type. One row:
--   reason text: why it is invalid (ST_IsValidDetail, with the location, as the staging checks write it);
--   dim int: ST_Dimension of the input (0 point, 1 line, 2 polygon);
--   fixed bytea: WKB of the parts of ST_MakeValid(geom) of the input's dimension, NULL when there are none
--     (the parts of another dimension, such as the collapsed spike of a polygon, are dropped);
--   size_before, size_after float8: planar area (dim 2) or length (dim 1) in degrees of EPSG:4326 —
--     only their ratio is used. ST_Area of an invalid ring is its signed (shoelace) area, so the two
--     lobes of a self-crossing "bowtie" cancel out while the repaired two triangles add up.
WITH g AS (SELECT ST_GeomFromWKB(%(wkb)s, 4326) AS geom),
r AS (
  SELECT g.geom, ST_Dimension(g.geom) AS dim, v.reason, v.location,
         ST_CollectionExtract(ST_MakeValid(g.geom), ST_Dimension(g.geom) + 1) AS fixed
  FROM g, ST_IsValidDetail(g.geom) v
)
SELECT COALESCE(r.reason, 'invalid') || COALESCE(' at ' || ST_AsText(r.location, 7), '') AS reason,
       r.dim,
       CASE WHEN r.fixed IS NULL OR ST_IsEmpty(r.fixed) THEN NULL ELSE ST_AsBinary(r.fixed) END AS fixed,
       CASE r.dim WHEN 2 THEN ST_Area(r.geom) WHEN 1 THEN ST_Length(r.geom) ELSE 0 END AS size_before,
       CASE r.dim WHEN 2 THEN ST_Area(r.fixed) WHEN 1 THEN ST_Length(r.fixed) ELSE 0 END AS size_after
FROM r
