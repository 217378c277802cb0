-- Gazetteer source: every layer by title, with the extent of its features (null when it has none).
-- Params: none. SRID: EPSG:4326; lon/lat is the centre of the extent, west/south/east/north its sides.
-- Cost: one pass over layers_feature (ST_Extent per layer); the municipality's layers are small.
SELECT l.id, l.title, l.access,
       (ST_XMin(e.box) + ST_XMax(e.box)) / 2 AS lon, (ST_YMin(e.box) + ST_YMax(e.box)) / 2 AS lat,
       ST_XMin(e.box) AS west, ST_YMin(e.box) AS south, ST_XMax(e.box) AS east, ST_YMax(e.box) AS north
FROM layers_layer l
LEFT JOIN (
  SELECT f.layer_id, ST_Extent(f.geom) AS box FROM layers_feature f GROUP BY f.layer_id
) e ON e.layer_id = l.id
ORDER BY l.id;
