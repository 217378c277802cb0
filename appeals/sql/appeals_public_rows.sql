-- The rows of a filtered page for appeals_public_geojson.sql: each public appeal matching the filters
-- after `after`, in id order, with its Feature built from the row (appeals_feature_json) and its rank n;
-- one more than the page (tells whether a next page exists). Parameters: see appeals_public_geojson.sql.
SELECT a.id, appeals_feature_json(a, c.category_json) AS feature, row_number() OVER (ORDER BY a.id) AS n
FROM appeals_appeal a
JOIN (SELECT id, appeals_category_json(appeals_category) AS category_json FROM appeals_category) c
  ON c.id = a.category_id
WHERE a.id > %(after)s
  AND a.status <> ALL (%(hidden)s::text[])
  AND (%(west)s::float8 IS NULL
       OR a.geom && ST_MakeEnvelope(%(west)s::float8, %(south)s::float8, %(east)s::float8, %(north)s::float8, 4326))
  AND (%(kinds)s::text[] IS NULL OR a.kind = ANY (%(kinds)s::text[]))
  AND (%(statuses)s::text[] IS NULL OR a.status = ANY (%(statuses)s::text[]))
  AND (%(categories)s::bigint[] IS NULL OR a.category_id = ANY (%(categories)s::bigint[]))
  AND (%(departments)s::bigint[] IS NULL OR a.department_id = ANY (%(departments)s::bigint[]))
  AND (%(created_after)s::timestamptz IS NULL OR a.created_at >= %(created_after)s::timestamptz)
  AND (%(created_before)s::timestamptz IS NULL OR a.created_at < %(created_before)s::timestamptz)
  AND (%(areas)s::bigint[] IS NULL
       OR ST_Covers((SELECT ST_Union(ar.geom) FROM layers_adminarea ar WHERE ar.id = ANY (%(areas)s::bigint[])),
                    a.geom))
ORDER BY a.id
LIMIT %(page_size)s::int + 1  -- one more than shown: tells whether a next page exists
