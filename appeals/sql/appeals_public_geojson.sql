-- One page of the PUBLIC appeals as a GeoJSON FeatureCollection, assembled as text in PostGIS from the
-- Feature texts of its rows subquery: appeals_public_rows.sql builds each from its appeal row (a page with
-- filters), appeals_public_kept_rows.sql reads them from the read model appeals_appealfeature (no filter
-- but `kind`) — the same text either way (feature_functions.sql). appeals_author_rows.sql gives the same
-- envelope to a signed-in author's own appeals (GET /api/v1/appeals/mine, newest first).
-- Keyset paging: ordered by id, the page after `after`; the cursor of the next page is the id of the last
-- row shown (n = page_size), whichever way the rows subquery orders them.
-- One pass, ~3 µs a feature (docs/BENCHMARKS.md): the rows come from the primary-key scan in id order
-- through LIMIT, and string_agg takes them in that order (no ORDER BY inside the aggregate, which sorted
-- 5 MB of text again; the LIMIT node keeps the stream single and ordered — no parallel plan above it).
-- The category's JSON fragment is built once per category (the join's inner side is memoized).
-- Public fields only (feature_functions.sql). Never appeals_appealcontact (152-ФЗ).
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
         string_agg(p.feature, ',') FILTER (WHERE p.n <= %(page_size)s::int),
         '],"properties":{"numberReturned":', count(*) FILTER (WHERE p.n <= %(page_size)s::int),
         ',"next":', CASE
           WHEN count(*) > %(page_size)s::int
             THEN to_json(%(next_prefix)s::text
                          || translate(encode(convert_to('id:' || max(p.id) FILTER (WHERE p.n = %(page_size)s::int),
                                                         'UTF8'), 'base64'),
                                       '+/=', '-_'))::text
           ELSE 'null'
         END,
         '}}')
FROM ({rows}) p;
