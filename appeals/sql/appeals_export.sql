-- The PUBLIC appeals that match the export's filters as one GeoJSON Feature text per row, for the
-- streaming export (GET /api/v1/appeals/export.geojson) when a filter other than `kind` is given (without,
-- it reads the read model: appeals_export_kept.sql). Run as `COPY (this) TO STDOUT (FORMAT csv, …)`, see
-- appeals/api/export.py: with a delimiter and a quote byte that JSON text never holds raw, COPY writes
-- each row exactly as it is plus a newline, so the rows go to the client untouched.
-- Each row starts with a comma (the caller drops the very first one); the newlines between the rows are
-- JSON whitespace, so the rows joined as they come are the inside of the `features` array.
-- The Feature text is the one of GET /api/v1/appeals (appeals_feature_json, feature_functions.sql): the
-- same public fields only — id, kind, category (code), category_name, status, created_at, address, text,
-- supports_count.
-- Never appeals_appealcontact, the author or internal fields (152-ФЗ).
-- Params: hidden text[]       statuses never shown in public (appeals.workflow.HIDDEN_STATUSES)
--         statuses text[]     keep only these statuses, NULL for all public ones
--         kinds text[]        keep only these kinds ('issue', 'proposal'), NULL for both
--         category_ids bigint[]   keep only these categories, NULL for all
--         west, south, east, north float8   bbox in degrees (EPSG:4326), all NULL for no bbox
-- SRID: stored and written in EPSG:4326, axis order (lon, lat); 6 decimals (~0.1 m).
-- Order: storage order (no ORDER BY: a sort would hold back the first byte until every row is read).
-- Index: none without a bbox (a sequential scan streams from the first row); the GiST index on geom with one.
SELECT ',' || appeals_feature_json(a, appeals_category_json(c))
FROM appeals_appeal a
JOIN appeals_category c ON c.id = a.category_id
WHERE a.status <> ALL (%(hidden)s::text[])
  AND (%(statuses)s::text[] IS NULL OR a.status = ANY (%(statuses)s::text[]))
  AND (%(kinds)s::text[] IS NULL OR a.kind = ANY (%(kinds)s::text[]))
  AND (%(category_ids)s::bigint[] IS NULL OR a.category_id = ANY (%(category_ids)s::bigint[]))
  AND (%(west)s::float8 IS NULL
       OR a.geom && ST_MakeEnvelope(%(west)s::float8, %(south)s::float8, %(east)s::float8, %(north)s::float8, 4326))
