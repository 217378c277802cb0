-- Public administrative areas as one GeoJSON FeatureCollection, assembled as text in PostGIS
-- (string_agg of feature text; strings through to_json, so quotes and newlines are escaped by PostgreSQL).
-- Params: kinds text[] — the AdminArea kinds to include (municipality, district, tos).
-- SRID: stored and written in EPSG:4326, axis order (lon, lat) as RFC 7946 wants; 6 decimals (~0.1 m).
-- Index: layers_adminarea (kind) btree; a town has tens of areas, so a sequential scan is as good.
-- Properties: id, kind, name, code, population (null when unknown), parent (an area id or null).
SELECT '{"type":"FeatureCollection","features":['
       || coalesce(string_agg(
            '{"type":"Feature","id":' || a.id
            || ',"geometry":' || ST_AsGeoJSON(a.geom, 6)
            || ',"properties":{"id":' || a.id
            || ',"kind":' || to_json(a.kind)
            || ',"name":' || to_json(a.name)
            || ',"code":' || to_json(a.code)
            || ',"population":' || coalesce(a.population::text, 'null')
            || ',"parent":' || coalesce(a.parent_id::text, 'null')
            || '}}',
            ',' ORDER BY a.kind, a.name, a.id), '')
       || '],"numberReturned":' || count(*) || '}'
FROM layers_adminarea a
WHERE a.kind = ANY (%(kinds)s::text[]);
