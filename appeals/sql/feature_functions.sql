-- The public GeoJSON Feature text of an appeal: one definition for the pages built from the appeal rows
-- (appeals_public_geojson.sql) and for the read model appeals_appealfeature (feature_triggers.sql).
-- Both functions are plain SQL expressions, inlined by the planner (a whole-row argument costs nothing:
-- its fields are read as columns). to_json(created_at) depends on the session's TimeZone: callers run
-- with UTC (Django's connections; the triggers and the rebuild set it themselves).
-- Public fields only: id, kind, category (code), category_name, status, created_at, address, text,
-- supports_count. Never appeals_appealcontact, the author or internal fields (152-ФЗ).
-- SRID: stored and written in EPSG:4326, axis order (lon, lat); 6 decimals (~0.1 m).

-- The category's part of a Feature's properties.
CREATE OR REPLACE FUNCTION appeals_category_json(c appeals_category) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT concat(',"category":', to_json(c.code), ',"category_name":', to_json(c.name_ru))
$$;

-- concat() builds the Feature in one allocation (a chain of || copies the growing text at every step).
CREATE OR REPLACE FUNCTION appeals_feature_json(a appeals_appeal, category_json text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT concat('{"type":"Feature","id":', a.id,
                ',"geometry":', ST_AsGeoJSON(a.geom, 6),
                ',"properties":{"id":', a.id,
                ',"kind":', to_json(a.kind),
                category_json,
                ',"status":', to_json(a.status),
                ',"created_at":', to_json(a.created_at),
                ',"address":', to_json(a.address),
                ',"text":', to_json(a.text),
                ',"supports_count":', a.supports_count,
                '}}')
$$;

-- The Feature of an appeal as OGC API – Features serves it in CRS84 (the `appeals` and `proposals`
-- collections, layers/collections.py _APPEAL_PROPERTIES, in that order), byte for byte what ogc_items.sql
-- writes from the rows (tests/appeals/test_features.py compares them): values through to_json, integers
-- as text, 'null' for NULL.
CREATE OR REPLACE FUNCTION appeals_ogc_feature_json(a appeals_appeal, c appeals_category) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT concat('{"type":"Feature","id":', a.id,
                ',"geometry":', coalesce(ST_AsGeoJSON(a.geom, 6), 'null'),
                ',"properties":{"kind":', coalesce(to_json(a.kind)::text, 'null'),
                ',"category":', coalesce(to_json(c.code)::text, 'null'),
                ',"category_name":', coalesce(to_json(c.name_ru)::text, 'null'),
                ',"status":', coalesce(to_json(a.status)::text, 'null'),
                ',"address":', coalesce(to_json(a.address)::text, 'null'),
                ',"text":', coalesce(to_json(a.text)::text, 'null'),
                ',"area_id":', coalesce(a.area_id::text, 'null'),
                ',"department_id":', coalesce(a.department_id::text, 'null'),
                ',"supports_count":', coalesce(a.supports_count::text, 'null'),
                ',"created_at":', coalesce(to_json(a.created_at)::text, 'null'),
                ',"due_at":', coalesce(to_json(a.due_at)::text, 'null'),
                ',"answered_at":', coalesce(to_json(a.answered_at)::text, 'null'),
                '}}')
$$;
