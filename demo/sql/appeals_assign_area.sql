-- The district of each demo appeal: the district (AdminArea kind 'district') that contains its point.
-- No params. Storage 4326. Uses the GiST indexes on layers_adminarea.geom and appeals_appeal.geom.
UPDATE appeals_appeal a
SET area_id = d.id
FROM layers_adminarea d
WHERE a.source = 'demo' AND d.kind = 'district' AND a.geom && d.geom AND ST_Contains(d.geom, a.geom)
  AND a.area_id IS DISTINCT FROM d.id;
