-- The rows of a page of "my appeals" for appeals_public_geojson.sql: every appeal filed by the signed-in
-- author, whatever its status (new and rejected ones too: they are theirs), newest first, before the
-- cursor's id, with the Feature built from the row (appeals_feature_json: public fields only — the
-- author's contact data is not repeated) and its rank n; one more than the page (tells whether a next
-- page exists). Params: author bigint (the user's id), before bigint (NULL for the first page), page_size.
-- Index: the author foreign key's index (a resident's appeals are few; they are sorted).
SELECT a.id, appeals_feature_json(a, c.category_json) AS feature, row_number() OVER (ORDER BY a.id DESC) AS n
FROM appeals_appeal a
JOIN (SELECT id, appeals_category_json(appeals_category) AS category_json FROM appeals_category) c
  ON c.id = a.category_id
WHERE a.author_id = %(author)s
  AND (%(before)s::bigint IS NULL OR a.id < %(before)s::bigint)
ORDER BY a.id DESC
LIMIT %(page_size)s::int + 1  -- one more than shown: tells whether a next page exists
