-- One MVT tile of real estate (land parcels and buildings), layer "properties".
-- Params: z, x, y int (XYZ, y from the top); name text (the MVT layer name = the collection id).
-- SRID: stored EPSG:4326, tile EPSG:3857; the bbox test is done in 4326 on the GiST index of
--   layers_property.geom, widened by the 64-unit buffer (margin 64/4096) so clipped edges match.
-- Polygons are clipped to the tile plus a buffer of 64 of 4096 units. Feature id = property id.
-- Empty strings become NULL so that ST_AsMVT leaves the property out.
SELECT ST_AsMVT(t, %(name)s, 4096, 'geom', 'id')
FROM (
  SELECT p.id,
         p.kind,
         NULLIF(p.cadastral_number, '') AS cadastral_number,
         NULLIF(p.address, '') AS address,
         p.ownership,
         NULLIF(p.use, '') AS use,
         p.levels,
         round(p.area_m2::numeric, 1)::float8 AS area_m2,
         ST_AsMVTGeom(ST_Transform(p.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM layers_property p
  WHERE p.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)
) t
WHERE t.geom IS NOT NULL;
