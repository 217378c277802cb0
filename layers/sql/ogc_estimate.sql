-- The planner's estimate of how many features match an OGC API – Features request: it decides whether an
-- exact count is worth running. The ids marker below is replaced by the SQL Django compiles for the ids
-- of every matching feature. Params: those of the compiled ids SQL.
-- Output: the plan as json; [0]."Plan"."Plan Rows" is the estimate. Nothing is executed.
EXPLAIN (FORMAT JSON) {ids};
