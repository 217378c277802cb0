-- Every PUBLIC appeal (or those of some kinds) as one GeoJSON Feature text per row, for the streaming
-- export (GET /api/v1/appeals/export.geojson) without filters but `kind`: the texts the read model
-- appeals_appealfeature keeps (feature_triggers.sql), the same as appeals_export.sql builds from the rows.
-- Rows as in appeals_export.sql: each starts with a comma (the caller drops the very first one) and goes
-- out untouched through COPY … (FORMAT csv) with bytes JSON never holds raw as delimiter and quote.
-- Params: kinds text[]   keep only these kinds ('issue', 'proposal'), NULL for both
-- Order: storage order (no ORDER BY: a sort would hold back the first byte until every row is read).
-- Index: none (a sequential scan streams from the first row).
SELECT ',' || f.feature
FROM appeals_appealfeature f
WHERE %(kinds)s::text[] IS NULL OR f.kind = ANY (%(kinds)s::text[])
