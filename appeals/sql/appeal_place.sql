-- Where a new appeal's point lies: inside the municipality or not, its district, the nearest address.
-- Params: lon, lat float8          the point, degrees (EPSG:4326)
--         municipality text        AdminArea.code of the municipality (settings.GEOPORTAL["MUNICIPALITY_CODE"])
--         address_radius_m float8  how far the nearest addressed building may be, metres (geography)
-- Output: one row (inside boolean, area_id bigint|null, address text|null).
--   inside: ST_Covers by a municipality of that code (its boundary counts as inside).
--   area_id: the district covering the point (the smallest one, should districts overlap).
--   address: Property(kind=building).address of the building nearest to the point within the radius
--            (0 m when the point is inside it), ties by id.
-- Index: the GiST indexes on layers_adminarea.geom and layers_property.geom (the building search goes
-- through a box in degrees 10 per cent wider than the radius, the longitude side widened by 1/cos(lat)).
WITH p AS (
  SELECT ST_SetSRID(ST_MakePoint(%(lon)s::float8, %(lat)s::float8), 4326) AS pt,
         %(address_radius_m)s::float8 AS r,
         greatest(cos(radians(%(lat)s::float8)), 0.01) AS coslat
)
SELECT
  EXISTS (
    SELECT 1 FROM layers_adminarea m
    WHERE m.kind = 'municipality' AND m.code = %(municipality)s AND ST_Covers(m.geom, p.pt)
  ) AS inside,
  (SELECT d.id FROM layers_adminarea d
   WHERE d.kind = 'district' AND ST_Covers(d.geom, p.pt)
   ORDER BY ST_Area(d.geom), d.id
   LIMIT 1) AS area_id,
  (SELECT b.address FROM layers_property b
   WHERE b.kind = 'building' AND b.address <> ''
     AND b.geom && ST_Expand(p.pt, 1.1 * p.r / (111320.0 * p.coslat), 1.1 * p.r / 110574.0)
     AND ST_DWithin(b.geom::geography, p.pt::geography, p.r)
   ORDER BY ST_Distance(b.geom::geography, p.pt::geography), b.id
   LIMIT 1) AS address
FROM p;
