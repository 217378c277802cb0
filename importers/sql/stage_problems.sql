-- Staged rows that cannot be written, with a problem code the service turns into a sentence:
-- no_geometry, empty, not_polygon (for a polygon target), out_of_range (coordinates beyond lon/lat in
-- degrees: usually a wrong CRS), invalid (OGC validity; detail = ST_IsValidDetail reason + location),
-- duplicate (source id already staged for the same target; first_row = where it was first seen).
-- Params: polygon_targets text[]. ST_IsValidDetail rather than ST_IsValid: it raises no NOTICE per row.
WITH checked AS (
    SELECT s.seq, s.row_no, s.target, s.source_id, s.geom,
           min(s.row_no) OVER w AS first_row,
           row_number() OVER (w ORDER BY s.seq) AS nth
    FROM import_stage s
    WINDOW w AS (PARTITION BY s.target, s.source_id)
),
coded AS (
    SELECT c.seq, c.row_no, c.target, c.source_id, c.first_row, c.geom,
           CASE
               WHEN c.nth > 1 THEN 'duplicate'
               WHEN c.geom IS NULL THEN 'no_geometry'
               WHEN ST_IsEmpty(c.geom) THEN 'empty'
               WHEN c.target = ANY(%(polygon_targets)s)
                    AND GeometryType(c.geom) NOT IN ('POLYGON', 'MULTIPOLYGON') THEN 'not_polygon'
               WHEN ST_XMin(c.geom) < -180 OR ST_XMax(c.geom) > 180
                    OR ST_YMin(c.geom) < -90 OR ST_YMax(c.geom) > 90 THEN 'out_of_range'
           END AS problem
    FROM checked c
)
SELECT c.seq, c.row_no, c.target, c.source_id, c.first_row,
       COALESCE(c.problem, 'invalid') AS problem,
       CASE
           WHEN c.problem = 'not_polygon' THEN GeometryType(c.geom)
           WHEN c.problem IS NULL THEN v.reason || COALESCE(' at ' || ST_AsText(v.location, 7), '')
       END AS detail
FROM coded c
LEFT JOIN LATERAL ST_IsValidDetail(c.geom) v ON c.problem IS NULL
WHERE c.problem IS NOT NULL OR NOT v.valid
ORDER BY c.row_no, c.seq
