-- One unfiltered CRS84 page of the `appeals` or `proposals` collection from the read model
-- appeals_appealfeature (its `ogc` texts, kept by appeals/sql/feature_triggers.sql: the same bytes that
-- ogc_items.sql builds from the rows): a primary-key range read, nothing built.
-- Params: kind text, limit int, offset int. Index: appeals_feature_kind_idx (kind, id).
-- Output: features text (comma-joined Feature objects, '' when none), number_returned int.
SELECT coalesce(string_agg(f.ogc, ','), ''), count(*)::int
FROM (
  SELECT ogc FROM appeals_appealfeature
  WHERE kind = %(kind)s
  ORDER BY kind, id
  LIMIT %(limit)s OFFSET %(offset)s
) f
