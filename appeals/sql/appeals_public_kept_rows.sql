-- The rows of an unfiltered page (or filtered by kind only) for appeals_public_geojson.sql: the Feature
-- texts kept in appeals_appealfeature (one row per public appeal, written by the triggers of
-- feature_triggers.sql) after `after`, in id order — a primary-key range read, nothing built; one more
-- than the page (tells whether a next page exists). Parameters: see appeals_public_geojson.sql.
SELECT f.id, f.feature, row_number() OVER (ORDER BY f.id) AS n
FROM appeals_appealfeature f
WHERE f.id > %(after)s
  AND (%(kinds)s::text[] IS NULL OR f.kind = ANY (%(kinds)s::text[]))
ORDER BY f.id
LIMIT %(page_size)s::int + 1
