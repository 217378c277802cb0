-- One demo ТОС inside a district: the convex hull of the n_buildings buildings nearest the district's
-- centroid (only buildings whose centroid lies in the district, and only those within max_radius_m metres
-- except the nearest one), buffered by buffer_m metres (in UTM 37N, EPSG:32637) and clipped to the
-- district, so the ТОС is a few blocks and never leaves its parent.
-- Params: district_id, n_buildings, max_radius_m, buffer_m, name, code. Storage 4326. KNN on the GiST index.
WITH d AS (
  SELECT id, geom, ST_Centroid(geom) AS anchor FROM layers_adminarea WHERE id = %(district_id)s
),
near AS (
  SELECT b.geom, row_number() OVER (ORDER BY b.geom <-> d.anchor, b.id) AS rn,
         ST_Distance(b.geom::geography, d.anchor::geography) AS dist_m
  FROM layers_property b, d
  WHERE b.kind = 'building' AND b.geom && d.geom AND ST_Contains(d.geom, ST_Centroid(b.geom))
  ORDER BY b.geom <-> d.anchor, b.id
  LIMIT %(n_buildings)s
),
hull AS (
  SELECT ST_Transform(ST_Buffer(ST_ConvexHull(ST_Transform(ST_Collect(near.geom), 32637)), %(buffer_m)s), 4326) AS g
  FROM near
  WHERE near.rn = 1 OR near.dist_m <= %(max_radius_m)s
  HAVING count(*) > 0
)
INSERT INTO layers_adminarea
  (kind, name, code, parent_id, population, is_demo, geom, source, source_id, created_at, updated_at)
SELECT 'tos', %(name)s, %(code)s, d.id, NULL, true,
       ST_Multi(ST_CollectionExtract(ST_Intersection(hull.g, d.geom), 3)), 'demo', %(code)s, now(), now()
FROM hull, d
RETURNING id;
