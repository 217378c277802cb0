-- The features of a certificate's map snapshot, in a local metric projection (UTM, metres), clipped to a
-- square window around the property. One row per feature: layer ('subject' | 'building' | 'road' |
-- 'appeal'), ref (the appeal id for appeals), geometry as GeoJSON text in the UTM SRID.
-- Params: property_id bigint, utm_srid int (326xx for the property's zone), half_m float8 (the window's
--         half-side, metres), open text[] (open statuses), hidden text[] (never-public statuses).
-- Index: GiST on layers_property.geom, layers_asset.geom and appeals_appeal.geom through the window
-- transformed back to EPSG:4326.
WITH s AS (
  SELECT p.id, ST_Transform(p.geom, %(utm_srid)s::int) AS g FROM layers_property p WHERE p.id = %(property_id)s
),
w AS (
  SELECT ST_Expand(ST_Centroid(s.g), %(half_m)s::float8) AS box FROM s
),
w4326 AS (SELECT ST_Transform(w.box, 4326) AS box FROM w)
SELECT 'subject' AS layer, NULL::bigint AS ref, ST_AsGeoJSON(s.g, 2) AS geometry FROM s
UNION ALL
SELECT 'building', NULL, ST_AsGeoJSON(ST_Intersection(ST_Transform(b.geom, %(utm_srid)s::int), w.box), 2)
FROM layers_property b, w, w4326, s
WHERE b.geom && w4326.box AND b.id <> s.id AND b.kind = 'building'
UNION ALL
SELECT 'road', NULL, ST_AsGeoJSON(ST_Intersection(ST_Transform(a.geom, %(utm_srid)s::int), w.box), 2)
FROM layers_asset a, w, w4326
WHERE a.geom && w4326.box AND a.kind = 'road'
UNION ALL
SELECT 'appeal', ap.id, ST_AsGeoJSON(ST_Transform(ap.geom, %(utm_srid)s::int), 2)
FROM appeals_appeal ap, w, w4326
WHERE ap.geom && w4326.box AND ap.status = ANY (%(open)s::text[]) AND NOT (ap.status = ANY (%(hidden)s::text[]));
