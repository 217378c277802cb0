-- A demo responsibility zone: the union of some areas (e.g. the districts a road section covers).
-- Params: area_ids, name, code. Storage 4326.
INSERT INTO layers_adminarea
  (kind, name, code, parent_id, population, is_demo, geom, source, source_id, created_at, updated_at)
SELECT 'responsibility_zone', %(name)s, %(code)s, NULL, NULL, true,
       ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(a.geom)), 3)), 'demo', %(code)s, now(), now()
FROM layers_adminarea a
WHERE a.id = ANY(%(area_ids)s)
HAVING count(*) > 0
RETURNING id;
