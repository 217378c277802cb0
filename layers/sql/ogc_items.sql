-- One page of an OGC API – Features collection: its GeoJSON Feature objects as one text, built in PostGIS.
-- The page marker below is replaced by the SQL Django compiles from the collection's queryset: the
-- collection filter, bbox, datetime, property and CQL2 filters as bound parameters (never as text),
-- ORDER BY id, LIMIT/OFFSET. Its columns: ogc_fid bigint (the feature id), ogc_geometry text
-- (ST_AsGeoJSON, already in the output CRS with counter-clockwise exterior rings), ogc_props json/jsonb.
-- Params: only those of the compiled page SQL.
-- SRID: as the page SQL wrote it; nothing is transformed here.
-- Index: what the page SQL uses (primary key order; the GiST index on geom for bbox and spatial filters).
-- Output: features text (comma-joined Feature objects, '' when none), number_returned int.
-- Order: the page SQL ends in ORDER BY id LIMIT, and string_agg takes its rows in that order (an ORDER BY
-- inside the aggregate sorted the page's text a second time); concat() builds a Feature in one allocation.
SELECT coalesce(string_agg(
         concat('{"type":"Feature","id":', p.ogc_fid,
                ',"geometry":', coalesce(p.ogc_geometry, 'null'),
                ',"properties":', coalesce(p.ogc_props::text, '{}'),
                '}'),
         ','), ''),
       count(*)::int
FROM ({page}) p;
