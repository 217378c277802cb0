-- Reverse geocoding: the address nearest a point — the addressed building that contains it, else the
-- nearest addressed building within radius_m — with its street and district.
-- Params: lon, lat float8 (degrees, EPSG:4326); radius_m float8 (metres); candidates int.
-- Index: KNN (<->) on the GiST index of layers_property.geom walks outwards from the point and yields the
--   `candidates` nearest addressed buildings in degree distance; they are then re-ranked by geodesic
--   distance in metres (a degree of longitude is shorter than one of latitude, so the two orders can
--   differ). The point is written out, not joined from a CTE: KNN needs a constant right-hand side.
-- Returns no row when no addressed building lies within radius_m; distance_m is 0 inside a building.
WITH near AS (
  SELECT p.id, p.street, p.housenumber, p.geom
  FROM layers_property p
  -- Checked row by row as the index scan walks (OFFSET 0 keeps PostgreSQL from turning the EXISTS into
  -- a semi-join over every address, which would lose the index order).
  WHERE EXISTS (
    SELECT 1 FROM layers_gazetteerentry a
    WHERE a.ref_type = 'property' AND a.ref_id = p.id AND a.kind = 'address'
    OFFSET 0
  )
  ORDER BY p.geom <-> ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)
  LIMIT %(candidates)s
),
best AS (
  SELECT n.*, ST_Distance(n.geom::geography, c.g) AS distance_m
  FROM near n
  CROSS JOIN (SELECT ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)::geography AS g) c
  WHERE ST_DWithin(n.geom::geography, c.g, %(radius_m)s)
  ORDER BY distance_m, n.id
  LIMIT 1
)
SELECT a.id, a.name, a.ref_type, a.ref_id, b.street, b.housenumber,
       round(b.distance_m::numeric, 1)::float8 AS distance_m,
       s.name AS street_name, d.id AS district_id, d.name AS district_name,
       ST_X(a.point) AS lon, ST_Y(a.point) AS lat,
       ST_XMin(a.bbox) AS west, ST_YMin(a.bbox) AS south, ST_XMax(a.bbox) AS east, ST_YMax(a.bbox) AS north
FROM best b
JOIN layers_gazetteerentry a ON a.ref_type = 'property' AND a.ref_id = b.id AND a.kind = 'address'
LEFT JOIN layers_gazetteerentry s ON s.kind = 'street' AND s.street = a.street
LEFT JOIN LATERAL (
  SELECT ad.id, ad.name FROM layers_adminarea ad
  WHERE ad.kind = 'district' AND ST_Intersects(ad.geom, a.point)
  ORDER BY ad.id LIMIT 1
) d ON true;
