-- The digital matrix: one row per AdminArea of one kind (district | tos) with its population, appeal
-- figures and tension (docs/TENSION.md, "Digital matrix"). Storage EPSG:4326 throughout.
-- Params: kind text; start, end date (local days, inclusive; tension_tz() is the local zone); now
--   timestamptz; kinds text[]; categories bigint[] (NULL = all); counted text[] (statuses that carry a
--   weight in TENSION["STATUS_FACTORS"]); open text[].
-- Membership: an appeal by its point; a res-10 population cell by the centroid of its cached outline.
--   Population: AdminArea.population where known, else the estimate. (The area's res-9 hexagons are found
--   in Python from `geometry` and `inside_lon` / `inside_lat`: tension.matrix.area_cells.)
-- Rows: id, code, name, known_population, estimated_population, appeals, overdue, answered,
--   median_answer_days, top_categories (json array of {code, name_ru, name_en, count}, at most 3, by count
--   then code), geometry (GeoJSON text), inside_lon, inside_lat (a point inside the area). Every area
--   appears (zeros when it has no appeal).
-- Indexes: GiST on appeals_appeal.geom and tension_tensioncell.geom; layers_adminarea(kind).
WITH areas AS (
  SELECT a.id, a.code, a.name, a.population, a.geom
  FROM layers_adminarea a
  WHERE a.kind = %(kind)s
), bounds AS (
  SELECT %(start)s::date::timestamp AT TIME ZONE tension_tz() AS lo,
         (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz() AS hi
), estimate AS (
  SELECT ar.id, sum(c.population) AS population
  FROM areas ar
  JOIN tension_tensioncell c
    ON c.res = 10 AND c.population IS NOT NULL AND c.geom && ar.geom
   AND ST_Contains(ar.geom, ST_Centroid(c.geom))
  GROUP BY ar.id
), picked AS (
  SELECT ar.id AS area_id, a.category_id, a.status, a.due_at, a.created_at, a.registered_at, a.answered_at,
         a.created_at >= b.lo AND a.created_at < b.hi AS created_in,
         a.answered_at >= b.lo AND a.answered_at < b.hi AS answered_in
  FROM areas ar
  CROSS JOIN bounds b
  JOIN appeals_appeal a ON ST_Contains(ar.geom, a.geom)
  WHERE a.kind = ANY(%(kinds)s::text[])
    AND (%(categories)s::bigint[] IS NULL OR a.category_id = ANY(%(categories)s::bigint[]))
    AND a.status = ANY(%(counted)s::text[])
    AND ((a.created_at >= b.lo AND a.created_at < b.hi) OR (a.answered_at >= b.lo AND a.answered_at < b.hi))
), figures AS (
  SELECT area_id,
         count(*) FILTER (WHERE created_in)::int AS appeals,
         count(*) FILTER (WHERE created_in AND status = ANY(%(open)s::text[]) AND due_at < %(now)s)::int
           AS overdue,
         count(*) FILTER (WHERE answered_in)::int AS answered,
         percentile_cont(0.5) WITHIN GROUP (
           ORDER BY extract(epoch FROM answered_at - coalesce(registered_at, created_at)) / 86400.0
         ) FILTER (WHERE answered_in) AS median_answer_days
  FROM picked GROUP BY area_id
), ranked AS (
  SELECT p.area_id, c.code, c.name_ru, c.name_en, count(*)::int AS n,
         row_number() OVER (PARTITION BY p.area_id ORDER BY count(*) DESC, c.code) AS rank
  FROM picked p JOIN appeals_category c ON c.id = p.category_id
  WHERE p.created_in
  GROUP BY p.area_id, c.code, c.name_ru, c.name_en
), top AS (
  SELECT area_id,
         json_agg(json_build_object('code', code, 'name_ru', name_ru, 'name_en', name_en, 'count', n)
                  ORDER BY rank) AS top_categories
  FROM ranked WHERE rank <= 3 GROUP BY area_id
)
SELECT ar.id, ar.code, ar.name, ar.population AS known_population, e.population AS estimated_population,
       coalesce(f.appeals, 0) AS appeals, coalesce(f.overdue, 0) AS overdue,
       coalesce(f.answered, 0) AS answered, f.median_answer_days,
       coalesce(tp.top_categories, '[]'::json) AS top_categories,
       ST_AsGeoJSON(ar.geom) AS geometry, ST_X(ST_PointOnSurface(ar.geom)) AS inside_lon,
       ST_Y(ST_PointOnSurface(ar.geom)) AS inside_lat
FROM areas ar
LEFT JOIN estimate e ON e.id = ar.id
LEFT JOIN figures f ON f.area_id = ar.id
LEFT JOIN top tp ON tp.area_id = ar.id
ORDER BY ar.name, ar.id
