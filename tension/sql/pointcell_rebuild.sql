-- Rebuilds the all-time counts per res-12 cell × kind × status from the appeals (the point: the first appeal's).
DELETE FROM tension_tensionpointcell;
INSERT INTO tension_tensionpointcell (cell, kind, status, n, geom)
SELECT h3_parent(h3, 12), kind, status, count(*), (array_agg(geom ORDER BY id))[1]
FROM appeals_appeal GROUP BY 1, 2, 3;
