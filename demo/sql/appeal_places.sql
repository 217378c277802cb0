-- Places for background demo appeals: every building with an address whose point-on-surface lies inside
-- the municipality; its footprint (m², geography) and, when a road asset lies within road_radius_m
-- metres, the closest point on the nearest one (road-bound categories are filed on the carriageway).
-- Params: municipality_id, road_radius_m. Storage and output 4326 (lon, lat). KNN on the GiST index of
-- layers_asset.geom picks the nearest road; the distance test is done in metres afterwards.
SELECT b.id, b.address, ST_X(b.pos) AS lon, ST_Y(b.pos) AS lat, b.area_m2,
       CASE WHEN ST_Distance(r.geom::geography, b.pos::geography) <= %(road_radius_m)s
            THEN ST_X(ST_ClosestPoint(r.geom, b.pos)) END AS road_lon,
       CASE WHEN ST_Distance(r.geom::geography, b.pos::geography) <= %(road_radius_m)s
            THEN ST_Y(ST_ClosestPoint(r.geom, b.pos)) END AS road_lat
FROM (
  SELECT p.id, p.address, ST_PointOnSurface(p.geom) AS pos,
         coalesce(p.area_m2, ST_Area(p.geom::geography)) AS area_m2
  FROM layers_property p
  WHERE p.kind = 'building' AND p.address <> ''
) b
JOIN layers_adminarea m ON m.id = %(municipality_id)s AND ST_Contains(m.geom, b.pos)
LEFT JOIN LATERAL (
  SELECT a.geom FROM layers_asset a WHERE a.kind = 'road' ORDER BY a.geom <-> b.pos LIMIT 1
) r ON true
ORDER BY b.id;
