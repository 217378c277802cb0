-- Rebuilds the all-time counts per res-12 cell × kind from the appeals (the point: the first appeal's, in
-- EPSG:3857), written in cell order so that neighbouring cells share heap pages.
DELETE FROM tension_tensionpointcell;
INSERT INTO tension_tensionpointcell (cell, kind, n, public, open, answered, closed, point)
SELECT c.cell, a.kind, sum(c.n), sum(c.public), sum(c.open), sum(c.answered), sum(c.closed),
       ST_Transform((array_agg(a.geom ORDER BY a.id))[1], 3857)
FROM appeals_appeal a, tension_point_counts(a.h3, a.status, 1) c
GROUP BY 1, 2
ORDER BY 1, 2;
