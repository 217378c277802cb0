-- Checks and measures the zone of an area analysis (layers.analysis.selectors.analysis_zone).
-- Params: zone text  — the zone as hex EWKB, EPSG:4326 (a Polygon or MultiPolygon)
--         municipality text — AdminArea.code of the municipality (settings.GEOPORTAL["MUNICIPALITY_CODE"])
-- Output: one row: valid (ST_IsValid), reason (ST_IsValidReason, NULL when valid), area_km2 (geodesic,
--         from the geography cast; NULL when invalid), in_municipality (the zone intersects the
--         municipality; NULL when no municipality with that code exists or the zone is invalid).
-- Index: layers_adminarea (code) btree; the municipality is one row.
WITH zone AS (SELECT %(zone)s::geometry AS g)
SELECT ST_IsValid(z.g) AS valid,
       CASE WHEN NOT ST_IsValid(z.g) THEN ST_IsValidReason(z.g) END AS reason,
       CASE WHEN ST_IsValid(z.g) THEN ST_Area(z.g::geography) / 1e6 END AS area_km2,
       CASE WHEN ST_IsValid(z.g) THEN
         (SELECT bool_or(m.geom && z.g AND ST_Intersects(m.geom, z.g))
          FROM layers_adminarea m
          WHERE m.kind = 'municipality' AND m.code = %(municipality)s)
       END AS in_municipality
FROM zone z;
