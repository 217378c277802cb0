-- One MVT tile of the features of one uploaded Layer; the MVT layer is named after the Layer's slug.
-- Params: z, x, y int (XYZ, y from the top); layer_id bigint; name text (the MVT layer name = slug).
-- SRID: stored EPSG:4326, tile EPSG:3857; the bbox test is done in 4326 on the GiST index of
--   layers_feature.geom, widened by the 64-unit buffer (margin 64/4096).
-- Properties: the feature's jsonb, which ST_AsMVT expands key by key. ST_AsMVT keeps only scalar values,
--   so nested objects and arrays are written as their JSON text rather than silently lost; JSON nulls
--   are left out. Feature id = feature id. Access (public | internal) is checked by the caller.
SELECT ST_AsMVT(t, %(name)s, 4096, 'geom', 'id')
FROM (
  SELECT f.id,
         (SELECT coalesce(jsonb_object_agg(
                   p.key,
                   CASE WHEN jsonb_typeof(p.value) IN ('object', 'array') THEN to_jsonb(p.value::text)
                        ELSE p.value END), '{}'::jsonb)
          FROM jsonb_each(f.properties) p) AS properties,
         ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 64, true) AS geom
  FROM layers_feature f
  WHERE f.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.015625), 4326)
    AND f.layer_id = %(layer_id)s
) t
WHERE t.geom IS NOT NULL;
