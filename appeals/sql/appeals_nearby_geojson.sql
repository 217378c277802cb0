-- Duplicate suggestions: the OPEN public appeals near a point, nearest first, as GeoJSON FeatureCollection
-- text built in PostGIS. Public fields as in appeals_public_geojson.sql plus distance_m.
-- Params: lon, lat float8   the point, degrees (EPSG:4326)
--         radius_m float8   search radius in metres (the category's duplicate_radius_m, default 50)
--         categories bigint[]   NULL for any category
--         open text[]       open AND public statuses (workflow.OPEN_STATUSES minus HIDDEN_STATUSES)
--         since timestamptz created_at lower bound (now − 90 days)
--         max_rows int      at most this many features
-- Distance: metres on the WGS84 spheroid (geography). Index: the GiST index on appeals_appeal.geom through
-- a box in degrees around the point (ST_Expand, 10 per cent wider than the radius, the longitude side widened by
-- 1/cos(lat)), then the exact ST_DWithin on geography.
WITH p AS (
  SELECT ST_SetSRID(ST_MakePoint(%(lon)s::float8, %(lat)s::float8), 4326) AS pt,
         %(radius_m)s::float8 AS r,
         greatest(cos(radians(%(lat)s::float8)), 0.01) AS coslat
),
hits AS (
  SELECT a.id, a.kind, a.status, a.created_at, a.address, a.text, a.supports_count, a.geom,
         c.code AS category, c.name_ru AS category_name,
         ST_Distance(a.geom::geography, p.pt::geography) AS distance_m
  FROM appeals_appeal a
  JOIN appeals_category c ON c.id = a.category_id
  CROSS JOIN p
  WHERE a.geom && ST_Expand(p.pt, 1.1 * p.r / (111320.0 * p.coslat), 1.1 * p.r / 110574.0)
    AND ST_DWithin(a.geom::geography, p.pt::geography, p.r)
    AND a.status = ANY (%(open)s::text[])
    AND a.created_at >= %(since)s::timestamptz
    AND (%(categories)s::bigint[] IS NULL OR a.category_id = ANY (%(categories)s::bigint[]))
  ORDER BY distance_m, a.id
  LIMIT %(max_rows)s::int
)
SELECT '{"type":"FeatureCollection","features":['
       || coalesce(string_agg(
            '{"type":"Feature","id":' || h.id
            || ',"geometry":' || ST_AsGeoJSON(h.geom, 6)
            || ',"properties":{"id":' || h.id
            || ',"kind":' || to_json(h.kind)
            || ',"category":' || to_json(h.category)
            || ',"category_name":' || to_json(h.category_name)
            || ',"status":' || to_json(h.status)
            || ',"created_at":' || to_json(h.created_at)
            || ',"address":' || to_json(h.address)
            || ',"text":' || to_json(h.text)
            || ',"supports_count":' || h.supports_count
            || ',"distance_m":' || round(h.distance_m::numeric, 1)
            || '}}',
            ',' ORDER BY h.distance_m, h.id), '')
       || '],"properties":{"numberReturned":' || count(*)
       || ',"radius_m":' || %(radius_m)s::float8 || '}}'
FROM hits h;
