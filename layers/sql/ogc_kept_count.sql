-- numberMatched of an unfiltered page of the `appeals` or `proposals` collection, from the read model
-- appeals_appealfeature (one row per public appeal): counted up to `over_cap` (the cap + 1; more means
-- "too many to count", and numberMatched is left out). Index-only on appeals_feature_kind_idx (kind, id).
-- Params: kind text, over_cap int.
SELECT count(*)::int FROM (
  SELECT 1 FROM appeals_appealfeature WHERE kind = %(kind)s LIMIT %(over_cap)s
) f
