-- One feature of an OGC API – Features collection as a GeoJSON Feature object with its links; no row when
-- the id is not a public feature of the collection. The page marker below is replaced by the SQL Django
-- compiles from the collection's queryset filtered on the id (bound), with the columns of ogc_items.sql.
-- Params: links text — a JSON array of link objects, first; then those of the compiled page SQL.
-- Index: the primary key.
SELECT '{"type":"Feature","id":' || p.ogc_fid
       || ',"geometry":' || coalesce(p.ogc_geometry, 'null')
       || ',"properties":' || coalesce(p.ogc_props::text, '{}')
       || ',"links":' || %s::text
       || '}'
FROM ({page}) p;
