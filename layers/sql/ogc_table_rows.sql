-- The planner's row count of a table (from the last ANALYZE; NULL or -1 before any), to choose between an
-- exact and an estimated extent. Params: table text — the table name (bound, resolved by to_regclass).
SELECT c.reltuples::bigint FROM pg_class c WHERE c.oid = to_regclass(%(table)s);
