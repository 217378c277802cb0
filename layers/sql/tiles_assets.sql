-- One MVT tile of infrastructure assets (points, lines and polygons in one layer), layer "assets".
-- Params: z, x, y int (XYZ, y from the top); name text (the MVT layer name = the collection id).
-- SRID: stored EPSG:4326, tile EPSG:3857; the bbox test is done in 4326 on the GiST index of
--   layers_asset.geom, widened by the 64-unit buffer (margin 64/4096).
-- Lines and polygons are clipped to the tile plus a buffer of 64 of 4096 units; points in the buffer
--   appear in both tiles (as labels need). Feature id = asset id. The owner is a department id.
SELECT ST_AsMVT(t, %(name)s, 4096, 'geom', 'id')
FROM (
  SELECT a.id,
         a.kind,
         NULLIF(a.name, '') AS name,
         a.condition,
         a.department_id,
         ST_AsMVTGeom(ST_Transform(a.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM layers_asset a
  WHERE a.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)
) t
WHERE t.geom IS NOT NULL;
