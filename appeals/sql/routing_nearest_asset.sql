-- The owned asset of the given kinds nearest to a point, within radius_m metres (for asset-bound
-- categories: its owner department answers the appeal).
-- Params: lon, lat float8    the point in degrees, EPSG:4326, axis order (lon, lat)
--         kinds text[]       Category.asset_kinds
--         radius_m float8    search radius in metres (30)
-- Distances are geodesic (geography, metres, on the sphere for <-> and the spheroid for ST_Distance).
-- Index: the GiST index on layers_asset.geom (geometry) serves the `&&` box test, a box of radius_m
-- widened to degrees at this latitude (a tenth wider); ST_DWithin on geography then keeps the exact disc,
-- and the few candidates are ordered by geography `<->` (then id, so ties are stable).
-- Assets without an owner department are skipped: they cannot answer an appeal.
-- Output: one row (department_id, asset_id, distance_m) or none.
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint(%(lon)s::float8, %(lat)s::float8), 4326) AS g)
SELECT a.department_id, a.id, ST_Distance(a.geom::geography, pt.g::geography) AS distance_m
FROM layers_asset a, pt
WHERE a.kind = ANY (%(kinds)s::text[])
  AND a.department_id IS NOT NULL
  AND a.geom && ST_Expand(
        pt.g,
        1.1 * %(radius_m)s::float8 / (111320.0 * cos(radians(%(lat)s::float8))),
        1.1 * %(radius_m)s::float8 / 110574.0)
  AND ST_DWithin(a.geom::geography, pt.g::geography, %(radius_m)s::float8)
ORDER BY a.geom::geography <-> pt.g::geography, a.id
LIMIT 1;
