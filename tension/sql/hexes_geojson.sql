-- The hexagons of one resolution as a GeoJSON FeatureCollection: T, the 0–100 index (100·T/(T+K)), counts
-- by status, overdue, population and per 1,000 residents. The scores (cell_scores.sql, cached by
-- tension.selectors.score_arrays) come as parallel arrays; the bbox (if any) keeps the cells whose outline
-- meets it. K is taken over every cell, inside the bbox or not.
WITH scores AS (
  SELECT v.*, %(k)s::float8 AS k
  FROM unnest(%(cells)s::bigint[], %(t)s::float8[], %(count)s::int[], %(overdue)s::int[], %(statuses)s::json[],
              %(signals)s::int[]) AS v(cell, t, count, overdue, statuses, signals)
)
SELECT json_build_object(
  'type', 'FeatureCollection',
  'properties', json_build_object('res', %(res)s::int, 'from', %(start)s::date, 'to', %(end)s::date,
                                  'k', round(max(s.k)::numeric, 6)),
  'features', coalesce(json_agg(json_build_object(
    'type', 'Feature',
    'id', to_hex(s.cell),
    'geometry', ST_AsGeoJSON(c.geom, 6)::json,
    'properties', json_build_object(
      'h3', to_hex(s.cell),
      'res', %(res)s::int,
      't', round(s.t::numeric, 6),
      'index', CASE WHEN s.t > 0 AND s.k > 0 THEN round((100 * s.t / (s.t + s.k))::numeric, 1) ELSE 0 END,
      'count', s.count,
      'statuses', s.statuses,
      'overdue', s.overdue,
      'share_overdue', CASE WHEN s.count > 0 THEN round(s.overdue::numeric / s.count, 3) END,
      'signals', s.signals,
      'population', round(c.population::numeric),
      'per_1000', CASE WHEN c.population >= 1 THEN round((1000 * s.count / c.population)::numeric, 2) END
    )) ORDER BY s.cell), '[]'::json)
)::text
FROM scores s
JOIN tension_tensioncell c ON c.h3 = s.cell
WHERE %(bbox)s::float8[] IS NULL
   OR c.geom && ST_MakeEnvelope((%(bbox)s::float8[])[1], (%(bbox)s::float8[])[2],
                                (%(bbox)s::float8[])[3], (%(bbox)s::float8[])[4], 4326)
