-- Gazetteer source: properties that carry an address or a cadastral number (layers/search/services.py).
-- Params: none. SRID: EPSG:4326 in and out; lon/lat is ST_PointOnSurface (always inside the polygon),
-- west/south/east/north the envelope in degrees. Index: none needed, one sequential scan of the table.
SELECT p.id, p.address, p.street, p.housenumber, p.cadastral_number,
       ST_X(c.pt) AS lon, ST_Y(c.pt) AS lat,
       ST_XMin(p.geom) AS west, ST_YMin(p.geom) AS south, ST_XMax(p.geom) AS east, ST_YMax(p.geom) AS north
FROM layers_property p
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(p.geom) AS pt) c
WHERE p.address <> '' OR p.street <> '' OR p.cadastral_number <> ''
ORDER BY p.id;
