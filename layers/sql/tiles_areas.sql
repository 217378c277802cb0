-- One MVT tile of the public administrative areas (municipality, districts, ТОС), layer "areas".
-- Params: z, x, y int (XYZ, y from the top); kinds text[] (the public AdminArea kinds: responsibility
--   zones are the departments' working areas and stay out); name text (the MVT layer name).
-- SRID: stored EPSG:4326, tile EPSG:3857; the bbox test is done in 4326 on the GiST index of
--   layers_adminarea.geom, widened by the 64-unit buffer (margin 64/4096).
-- Polygons are clipped to the tile plus a buffer of 64 of 4096 units. Feature id = area id.
SELECT ST_AsMVT(t, %(name)s, 4096, 'geom', 'id')
FROM (
  SELECT a.id,
         a.kind,
         a.name,
         NULLIF(a.code, '') AS code,
         a.population,
         a.parent_id,
         ST_AsMVTGeom(ST_Transform(a.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM layers_adminarea a
  WHERE a.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)
    AND a.kind = ANY (%(kinds)s::text[])
) t
WHERE t.geom IS NOT NULL;
