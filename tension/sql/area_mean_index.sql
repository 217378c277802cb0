-- Mean and max tension index per area of one kind (district, tos) over the hexagons with tension whose
-- centre lies inside the area. Params: kind text, lons / lats / indexes float8[] (cell centres, lon/lat,
-- EPSG:4326, and each cell's 0–100 index, same order). Rows: area_id, name, cells, mean, max.
-- Uses the GiST index on layers_adminarea.geom.
SELECT a.id AS area_id, a.name, count(*)::int AS cells, avg(v.idx) AS mean, max(v.idx) AS max
FROM unnest(%(lons)s::float8[], %(lats)s::float8[], %(indexes)s::float8[]) AS v(lon, lat, idx)
JOIN layers_adminarea a
  ON a.kind = %(kind)s AND ST_Contains(a.geom, ST_SetSRID(ST_MakePoint(v.lon, v.lat), 4326))
GROUP BY a.id, a.name
ORDER BY a.id
