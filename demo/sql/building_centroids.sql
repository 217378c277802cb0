-- Centroids of the buildings whose centroid lies inside the municipality, in UTM 37N metres (EPSG:32637),
-- the input of the k-means that places the demo district centres.
-- Params: municipality_id. Storage 4326; output x, y in 32637. Uses the GiST index on layers_property.geom.
SELECT ST_X(p.pt) AS x, ST_Y(p.pt) AS y
FROM (
  SELECT ST_Transform(ST_Centroid(b.geom), 32637) AS pt
  FROM layers_property b
  JOIN layers_adminarea m ON m.id = %(municipality_id)s
  WHERE b.kind = 'building'
    AND b.geom && m.geom
    AND ST_Contains(m.geom, ST_Centroid(b.geom))
) p;
