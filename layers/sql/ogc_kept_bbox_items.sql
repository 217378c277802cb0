-- One CRS84 page of the `appeals` or `proposals` collection whose only filter is a bbox (what a GIS client
-- asks on every pan), from the read model appeals_appealfeature: the ids are picked from the index on its
-- plane point `xy` alone, and the page's 100 texts are then read by primary key. Nothing is built.
--
-- The matches are gathered, up to sort_max + 1, by an index-only scan of appeals_feature_xy_idx. `<@ box`
-- compares the float8 coordinates exactly: a point on the box's edge is in (as ST_Intersects has it), one
-- 1e-7 outside is not.
-- With at most sort_max matches they are sorted and the page sliced from the array (their count is then
-- numberMatched, exact; an offset past sort_max is an empty slice); with more, the
-- (kind, id) index that carries `xy` is walked in id order until the page is complete (the same test
-- written on the coordinates, which no GiST index serves: offered `<@`, the planner would take the GiST
-- index, trusting its fixed one-in-a-thousand estimate, and sort all 900,000 matches of the town's box).
-- Params: kind text; west, south, east, north float8 (CRS84); limit int; offset int; sort_max int.
-- Index: appeals_feature_xy_idx (GiST, xy INCLUDE id, kind), appeals_feature_kind_idx (kind, id INCLUDE
-- xy), appeals_appealfeature_pkey.
-- Output: features text (comma-joined Feature objects, '' when none), number_returned int,
-- number_matched int (NULL when more than sort_max match).
WITH matches AS (
  SELECT count(*)::int AS n,
         (array_agg(m.id ORDER BY m.id))[least(%(offset)s, %(sort_max)s)::int + 1
                                         : least(%(offset)s, %(sort_max)s)::int + %(limit)s] AS ids
  FROM (
    SELECT f.id FROM appeals_appealfeature f
    WHERE f.xy <@ box(point(%(west)s, %(south)s), point(%(east)s, %(north)s)) AND f.kind = %(kind)s
    LIMIT %(sort_max)s + 1
  ) m
),
page AS (
  SELECT i.id FROM matches, unnest(matches.ids) i(id) WHERE matches.n <= %(sort_max)s
  UNION ALL
  (SELECT f.id FROM appeals_appealfeature f
   WHERE (SELECT n FROM matches) > %(sort_max)s
     AND f.kind = %(kind)s
     AND f.xy[0] BETWEEN %(west)s AND %(east)s AND f.xy[1] BETWEEN %(south)s AND %(north)s
   ORDER BY f.kind, f.id LIMIT %(limit)s OFFSET %(offset)s)
)
SELECT coalesce(string_agg(f.ogc, ',' ORDER BY f.id), ''),
       count(*)::int,
       (SELECT n FROM matches WHERE n <= %(sort_max)s)
FROM page JOIN appeals_appealfeature f ON f.id = page.id;
