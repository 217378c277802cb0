-- One MVT tile of the public appeals of one kind (issues → layer "appeals", proposals → "proposals").
-- Params: z, x, y int (XYZ, y from the top); kind text (issue | proposal); hidden text[] (HIDDEN_STATUSES
--   of appeals/workflow.py, never shown); name text (the MVT layer name = the collection id);
--   tz text (the municipality's time zone, for the local creation date).
-- SRID: stored EPSG:4326, tile EPSG:3857. The bbox test is done in 4326 so that it uses the GiST index on
--   appeals_appeal.geom; ST_TileEnvelope's 4326 transform is exact (Mercator keeps rectangles).
-- Points take no buffer: an appeal lies in one tile only (two on a shared edge), and there is no LIMIT,
--   so no appeal is dropped; the caller refuses zooms below the collection's min_zoom instead.
-- Feature id = appeal id. Properties are public ones only; contact data (appeals_appealcontact) is
--   never read here (152-ФЗ); the text and the address come from the API by id.
SELECT ST_AsMVT(t, %(name)s, 4096, 'geom', 'id')
FROM (
  SELECT a.id,
         a.status,
         c.code AS category,
         c.name_ru AS category_name,
         a.supports_count,
         to_char(a.created_at AT TIME ZONE %(tz)s, 'YYYY-MM-DD') AS created_on,
         ST_AsMVTGeom(ST_Transform(a.geom, 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4096, 0, true) AS geom
  FROM appeals_appeal a
  JOIN appeals_category c ON c.id = a.category_id
  WHERE a.geom && ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4326)
    AND a.kind = %(kind)s
    AND a.status <> ALL (%(hidden)s::text[])
) t
WHERE t.geom IS NOT NULL;
