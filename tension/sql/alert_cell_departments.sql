-- Departments whose responsibility zones overlap each hexagon (the interiors share area; a zone that only
-- touches a hexagon's edge does not count). Params: cells bigint[], outlines text[] (WKT, lon/lat,
-- EPSG:4326, same order). Rows: cell, department_id. The bbox test uses the GiST index on
-- layers_adminarea.geom; ST_Relate 'T********' then keeps interior overlaps only.
SELECT DISTINCT v.cell, z.department_id
FROM unnest(%(cells)s::bigint[], %(outlines)s::text[]) AS v(cell, wkt)
CROSS JOIN LATERAL (SELECT ST_GeomFromText(v.wkt, 4326) AS g) AS hex
JOIN layers_adminarea a ON a.geom && hex.g AND ST_Relate(a.geom, hex.g, 'T********')
JOIN appeals_department_zones z ON z.adminarea_id = a.id
ORDER BY 1, 2
