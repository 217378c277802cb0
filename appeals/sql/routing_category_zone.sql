-- The department responsible for a category at a point: walk from the category up its parents (at most
-- 16 levels), and take the first category's default department that either has no responsibility zones
-- (responsible everywhere) or has a zone that contains the point (ST_Intersects: the border counts).
-- Params: category_id bigint; lon, lat float8   the point in degrees, EPSG:4326, axis order (lon, lat)
-- Index: appeals_department_zones (department_id), the GiST index on layers_adminarea.geom.
-- Output: one row (department_id, depth, zone_id — NULL when the department has no zones) or none.
WITH RECURSIVE chain AS (
  SELECT c.id, c.parent_id, c.default_department_id, 0 AS depth
  FROM appeals_category c
  WHERE c.id = %(category_id)s
  UNION ALL
  SELECT p.id, p.parent_id, p.default_department_id, chain.depth + 1
  FROM appeals_category p
  JOIN chain ON p.id = chain.parent_id
  WHERE chain.depth < 16
),
pt AS (SELECT ST_SetSRID(ST_MakePoint(%(lon)s::float8, %(lat)s::float8), 4326) AS g)
SELECT ch.default_department_id, ch.depth, hit.zone_id
FROM chain ch
LEFT JOIN LATERAL (
  SELECT a.id AS zone_id
  FROM appeals_department_zones z
  JOIN layers_adminarea a ON a.id = z.adminarea_id, pt
  WHERE z.department_id = ch.default_department_id AND ST_Intersects(a.geom, pt.g)
  -- the most specific zone (the smallest) names the reason; any zone makes the department responsible
  ORDER BY ST_Area(a.geom), a.id
  LIMIT 1
) hit ON true
WHERE ch.default_department_id IS NOT NULL
  AND (hit.zone_id IS NOT NULL
       OR NOT EXISTS (SELECT 1 FROM appeals_department_zones z WHERE z.department_id = ch.default_department_id))
ORDER BY ch.depth
LIMIT 1;
