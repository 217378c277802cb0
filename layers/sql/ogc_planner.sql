-- Planner settings for the OGC API – Features queries, for the current transaction only (SET LOCAL).
-- jit off: a filtered page (ST_Intersects on a primary-key order scan) has estimates above jit_above_cost,
--   and compiling it took 70–80 ms for a query that runs in 15 ms on these machines.
-- max_parallel_workers_per_gather 0: workers start per query; with several clients at once they cost more
--   than they save (docs/ARCHITECTURE.md, "OGC API Features").
-- Params: none.
SET LOCAL jit = off;
SET LOCAL max_parallel_workers_per_gather = 0;
