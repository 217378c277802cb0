-- Places for a street cluster: for each house on `street` near the centre, the closest point on the
-- nearest road asset of the same name (searched within ~80 m), else the house's point-on-surface; kept
-- when inside the municipality and within radius_m metres of the centre.
-- Params: municipality_id, street, lon, lat (centre, 4326), radius_m. Output 4326 (lon, lat).
WITH c AS (SELECT ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326) AS pt),
houses AS (
  SELECT b.id, b.address, ST_PointOnSurface(b.geom) AS pos
  FROM layers_property b, c
  WHERE b.kind = 'building' AND b.street = %(street)s AND b.address <> ''
    AND ST_DWithin(b.geom::geography, c.pt::geography, %(radius_m)s)
),
places AS (
  SELECT h.id, h.address, coalesce(
    (SELECT ST_ClosestPoint(a.geom, h.pos) FROM layers_asset a
     WHERE a.kind = 'road' AND a.name = %(street)s AND a.geom && ST_Expand(h.pos, 0.001)
     ORDER BY a.geom <-> h.pos LIMIT 1),
    h.pos) AS pt
  FROM houses h
)
SELECT p.id, p.address, ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat
FROM places p
JOIN layers_adminarea m ON m.id = %(municipality_id)s AND ST_Contains(m.geom, p.pt), c
WHERE ST_DWithin(p.pt::geography, c.pt::geography, %(radius_m)s)
ORDER BY p.id;
