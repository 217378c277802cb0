-- Residential buildings: a point on each, floor area in m² (geodesic footprint × levels, 1 when unknown),
-- the district holding the point and that district's population (NULL when unknown or outside).
SELECT ST_X(pt), ST_Y(pt), floor, d.id, d.population
FROM (
  SELECT ST_PointOnSurface(p.geom) AS pt, ST_Area(p.geom::geography) * greatest(coalesce(p.levels, 1), 1) AS floor
  FROM layers_property p
  WHERE p.kind = 'building' AND NOT (p.use = ANY(%(non_residential)s::text[]))
) b
LEFT JOIN LATERAL (
  SELECT a.id, a.population FROM layers_adminarea a
  WHERE a.kind = 'district' AND ST_Covers(a.geom, b.pt) ORDER BY a.id LIMIT 1
) d ON true
