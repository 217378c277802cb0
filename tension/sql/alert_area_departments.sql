-- Departments whose responsibility zones overlap each of the given areas (interiors share area; a zone
-- that only shares a border does not count). Params: areas bigint[] (layers_adminarea ids).
-- Rows: area_id, department_id. Uses the GiST index on layers_adminarea.geom for the bbox test.
SELECT DISTINCT d.id AS area_id, z.department_id
FROM layers_adminarea d
JOIN layers_adminarea a ON a.geom && d.geom AND ST_Relate(a.geom, d.geom, 'T********')
JOIN appeals_department_zones z ON z.adminarea_id = a.id
WHERE d.id = ANY(%(areas)s::bigint[])
ORDER BY 1, 2
