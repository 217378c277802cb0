-- One page of the PUBLIC appeals as a GeoJSON FeatureCollection, assembled as text in PostGIS
-- (string_agg of feature text; strings through to_json). Keyset paging: ordered by id, the page after `after`.
-- One pass, ~3 µs a feature (docs/BENCHMARKS.md): the rows come from the primary-key scan in id order
-- through LIMIT, and string_agg takes them in that order (no ORDER BY inside the aggregate, which sorted
-- 5 MB of text again; the LIMIT node keeps the stream single and ordered — no parallel plan above it).
-- concat() builds each Feature in one allocation (a chain of || copies the growing text at every step);
-- the category's JSON fragment is built once per category (the join's inner side is memoized).
-- Public fields only: id, kind, category (code), category_name, status, created_at, address, text,
-- supports_count. Never appeals_appealcontact, the author or internal fields (152-ФЗ).
-- Params: hidden text[]   statuses never shown in public (appeals.workflow.HIDDEN_STATUSES)
--         after bigint    the last id of the previous page (0 for the first page)
--         page_size int   features per page, 1..10000
--         west, south, east, north float8   bbox in degrees (EPSG:4326), all NULL for no bbox
--         kinds text[], statuses text[], categories bigint[], departments bigint[], areas bigint[]
--                         filters, each NULL for "any"; areas are AdminArea ids, matched by ST_Covers
--         created_after, created_before timestamptz   created_at >= after and < before; NULL for open
--         next_prefix text   the URL of the next page up to its `cursor=` value; the cursor is appended:
--                         base64url (no padding) of 'id:<last id shown>' (appeals.api.params.parse_cursor)
-- SRID: stored and written in EPSG:4326, axis order (lon, lat); 6 decimals (~0.1 m).
-- Index: appeals_appeal_pkey for `id > after ORDER BY id LIMIT`; the GiST index on geom for the bbox and
-- the area (ST_Covers with the areas' union computed once, as an InitPlan); btree (status), (category_id,
-- created_at), (department_id, due_at) when a filter is selective enough for the planner to prefer them.
-- NULL filters fold away at plan time (Django binds parameters client-side, so the planner sees constants).
-- Output: {"type":"FeatureCollection","features":[…],"properties":{"numberReturned":n,"next":url|null}}.
SELECT concat(
         '{"type":"FeatureCollection","features":[',
         string_agg(
           concat('{"type":"Feature","id":', p.id,
                  ',"geometry":', ST_AsGeoJSON(p.geom, 6),
                  ',"properties":{"id":', p.id,
                  ',"kind":', to_json(p.kind),
                  p.category_json,
                  ',"status":', to_json(p.status),
                  ',"created_at":', to_json(p.created_at),
                  ',"address":', to_json(p.address),
                  ',"text":', to_json(p.text),
                  ',"supports_count":', p.supports_count,
                  '}}'),
           ',') FILTER (WHERE p.n <= %(page_size)s::int),
         '],"properties":{"numberReturned":', count(*) FILTER (WHERE p.n <= %(page_size)s::int),
         ',"next":', CASE
           WHEN count(*) > %(page_size)s::int
             THEN to_json(%(next_prefix)s::text
                          || translate(encode(convert_to('id:' || max(p.id) FILTER (WHERE p.n <= %(page_size)s::int),
                                                         'UTF8'), 'base64'),
                                       '+/=', '-_'))::text
           ELSE 'null'
         END,
         '}}')
FROM (
  SELECT a.id, a.kind, a.status, a.created_at, a.address, a.text, a.supports_count, a.geom, c.category_json,
         row_number() OVER (ORDER BY a.id) AS n
  FROM appeals_appeal a
  JOIN (SELECT id, concat(',"category":', to_json(code), ',"category_name":', to_json(name_ru)) AS category_json
        FROM appeals_category) c ON c.id = a.category_id
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
) p;
