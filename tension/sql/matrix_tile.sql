-- One MVT tile of the digital matrix (choropleth): the areas of one kind that meet the tile, each with its
-- indicators as properties. Params: z, x, y; kind text; props jsonb (an object keyed by area id, each value
-- an object of flat properties, from tension.tiles_matrix). Storage 4326, tile 3857; feature id = area id.
-- Uses the GiST index on layers_adminarea.geom (the bbox test is done in 4326).
WITH env AS (SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS e),
rows AS (
  SELECT a.id, (%(props)s::jsonb) -> a.id::text AS props,
         ST_AsMVTGeom(ST_Transform(a.geom, 3857), env.e, 4096, 64, true) AS geom
  FROM layers_adminarea a, env
  WHERE a.kind = %(kind)s AND a.geom && ST_Transform(env.e, 4326)
)
SELECT ST_AsMVT(rows, 'tension_matrix', 4096, 'geom', 'id') FROM rows WHERE geom IS NOT NULL
