-- Gazetteer source: named assets other than roads (roads become streets, merged per name).
-- Params: none. SRID: EPSG:4326. lon/lat: a point inside a polygon (ST_PointOnSurface), the point on a
-- line nearest its centroid, or the point itself; west/south/east/north: the envelope in degrees.
SELECT a.id, a.name,
       ST_X(c.pt) AS lon, ST_Y(c.pt) AS lat,
       ST_XMin(a.geom) AS west, ST_YMin(a.geom) AS south, ST_XMax(a.geom) AS east, ST_YMax(a.geom) AS north
FROM layers_asset a
CROSS JOIN LATERAL (
  SELECT CASE WHEN ST_Dimension(a.geom) = 2 THEN ST_PointOnSurface(a.geom)
              ELSE ST_ClosestPoint(a.geom, ST_Centroid(a.geom)) END AS pt
) c
WHERE a.name <> '' AND a.kind <> 'road'
ORDER BY a.id;
