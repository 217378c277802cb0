-- The digital matrix: the appeal figures and the estimated population of every AdminArea of one kind
-- (district | tos) (docs/TENSION.md, "Digital matrix"). Storage EPSG:4326 throughout.
-- Params: kind text; start, end date (local days, inclusive; tension_tz() is the local zone); now
--   timestamptz; kinds text[]; categories bigint[] (NULL = all); counted text[] (the statuses that carry a
--   weight in TENSION["STATUS_FACTORS"]); open text[]; map_res int, map_cells bigint[], map_areas bigint[],
--   map_safe boolean[] (tension.matrix.area_cell_map: the res-`map_res` cells an appeal of each area can
--   fall in; `safe` when every point of the cell and of its neighbours lies inside the area).
-- Membership: an appeal is in an area when its point is. Its res-map_res cell (h3_parent) finds the candidate
--   areas with a hash join; only appeals of cells that are not `safe` (near the area's edge) are tested
--   with ST_Contains. A res-10 population cell is in an area when the centroid of its outline is.
-- Rows: id, appeals, overdue, answered, median_answer_days, estimated_population, top_categories (json
--   array of {code, name_ru, name_en, count}, at most 3, by count then code). Areas without any appeal or
--   population cell have no row.
-- Indexes: appeals_appeal(created_at) (the answered branch scans the table: no index on answered_at),
--   GiST on tension_tensioncell.geom. Cost: ~0.1 s on the demo town; a few seconds at 300,000 appeals in
--   the window (bench database, 1M appeals), most of it reading the window's appeals.
WITH areas AS (
  SELECT a.id, a.geom FROM layers_adminarea a WHERE a.kind = %(kind)s
), cellmap AS (
  SELECT * FROM unnest(%(map_cells)s::bigint[], %(map_areas)s::bigint[], %(map_safe)s::boolean[])
    AS m(cell, area_id, safe)
), estimate AS (
  SELECT ar.id AS area_id, sum(c.population) AS population
  FROM areas ar
  JOIN tension_tensioncell c
    ON c.res = 10 AND c.population IS NOT NULL AND c.geom && ar.geom
   AND ST_Contains(ar.geom, ST_Centroid(c.geom))
  GROUP BY ar.id
), candidates AS MATERIALIZED (
  -- Created in the window …
  SELECT a.h3, a.geom, a.category_id, a.status, a.due_at, a.created_at, a.registered_at, a.answered_at,
         true AS created_in,
         coalesce(a.answered_at >= %(start)s::date::timestamp AT TIME ZONE tension_tz()
                  AND a.answered_at < (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz(), false)
           AS answered_in
  FROM appeals_appeal a
  WHERE a.created_at >= %(start)s::date::timestamp AT TIME ZONE tension_tz()
    AND a.created_at < (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz()
    AND a.kind = ANY(%(kinds)s::text[])
    AND (%(categories)s::bigint[] IS NULL OR a.category_id = ANY(%(categories)s::bigint[]))
    AND a.status = ANY(%(counted)s::text[])
  UNION ALL
  -- … or created before it and answered in it (median answer time only).
  SELECT a.h3, a.geom, a.category_id, a.status, a.due_at, a.created_at, a.registered_at, a.answered_at,
         false, true
  FROM appeals_appeal a
  WHERE a.answered_at >= %(start)s::date::timestamp AT TIME ZONE tension_tz()
    AND a.answered_at < (%(end)s::date + 1)::timestamp AT TIME ZONE tension_tz()
    AND a.created_at < %(start)s::date::timestamp AT TIME ZONE tension_tz()
    AND a.kind = ANY(%(kinds)s::text[])
    AND (%(categories)s::bigint[] IS NULL OR a.category_id = ANY(%(categories)s::bigint[]))
    AND a.status = ANY(%(counted)s::text[])
), picked AS (
  SELECT m.area_id, c.*
  FROM candidates c
  JOIN cellmap m ON m.cell = h3_parent(c.h3, %(map_res)s)
  JOIN areas ar ON ar.id = m.area_id
  WHERE m.safe OR ST_Contains(ar.geom, c.geom)
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
SELECT coalesce(f.area_id, e.area_id) AS id, coalesce(f.appeals, 0) AS appeals,
       coalesce(f.overdue, 0) AS overdue, coalesce(f.answered, 0) AS answered, f.median_answer_days,
       e.population AS estimated_population, coalesce(tp.top_categories, '[]'::json) AS top_categories
FROM figures f
FULL JOIN estimate e ON e.area_id = f.area_id
LEFT JOIN top tp ON tp.area_id = coalesce(f.area_id, e.area_id)
