-- The areas of one kind (district | tos) for the digital matrix: their outline as GeoJSON and a point inside
-- each (tension.matrix finds the area's H3 cells from them). Params: kind text. Storage EPSG:4326.
-- Rows: id, code, name, known_population, geometry (GeoJSON text), inside_lon, inside_lat.
-- Index: layers_adminarea(kind).
SELECT a.id, a.code, a.name, a.population AS known_population, ST_AsGeoJSON(a.geom) AS geometry,
       ST_X(p.inside) AS inside_lon, ST_Y(p.inside) AS inside_lat
FROM layers_adminarea a
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(a.geom) AS inside) p
WHERE a.kind = %(kind)s
ORDER BY a.name, a.id
