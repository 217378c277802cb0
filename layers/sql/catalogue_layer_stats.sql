-- Feature count, extent and geometry types of catalogue layers (layers/catalogue/selectors.py).
-- Params: layer_ids bigint[]. One row per layer id: layer_id, feature_count, west, south, east, north
-- (degrees, EPSG:4326; NULL for a layer without features), geometry_types text[] (GeoJSON names, sorted).
-- ST_Extent over the features of each layer through the index on layers_feature.layer_id.
SELECT l.id AS layer_id,
       s.feature_count,
       ST_XMin(s.box) AS west, ST_YMin(s.box) AS south, ST_XMax(s.box) AS east, ST_YMax(s.box) AS north,
       s.geometry_types
FROM layers_layer l
CROSS JOIN LATERAL (
    SELECT count(*) AS feature_count,
           ST_Extent(f.geom) AS box,
           COALESCE(array_agg(DISTINCT replace(ST_GeometryType(f.geom), 'ST_', ''))
                    FILTER (WHERE f.geom IS NOT NULL), '{}') AS geometry_types
    FROM layers_feature f
    WHERE f.layer_id = l.id
) s
WHERE l.id = ANY(%(layer_ids)s)
